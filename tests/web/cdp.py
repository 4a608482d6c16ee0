"""Headless Chromium driven through the DevTools protocol over a pipe (stdlib only).

`--remote-debugging-pipe` talks JSON messages separated by NUL bytes on file
descriptors 3 (commands in) and 4 (replies and events out), so the browser needs no
debugging port, and can run in a network namespace of its own (`unshare --net`, when
the user may) where no request can leave the machine whatever the page tries. Events
are kept in `events` for the test to read (console messages, exceptions, requests).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--mute-audio",
    # WebGL on the CPU (SwiftShader): Chromium wants this said, or it logs a warning
    "--enable-unsafe-swiftshader",
    "--use-angle=swiftshader",
    "--remote-debugging-pipe",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def can_unshare_network() -> bool:
    unshare = shutil.which("unshare")
    if unshare is None:
        return False
    res = subprocess.run([unshare, "--net", "true"], capture_output=True, timeout=10)
    return res.returncode == 0


class Browser:
    """One headless Chromium with one page attached; use as a context manager."""

    def __init__(self, width: int = 1280, height: int = 800, offline_ns: bool = True):
        self.profile = tempfile.mkdtemp(prefix="ross-chromium-")
        self.events: list[dict] = []
        self._next = 0
        self._buffer = b""
        cmd = [
            chromium_path(),
            *FLAGS,
            f"--user-data-dir={self.profile}",
            f"--window-size={width},{height}",
            "about:blank",
        ]
        self.isolated = offline_ns and can_unshare_network()
        if self.isolated:
            cmd = ["unshare", "--net", *cmd]
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire():  # in the child: the pipe ends become fds 3 and 4
            # copied above 10 first, so that neither end is overwritten by the other
            inbound = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            outbound = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(inbound, 3)  # dup2 clears close-on-exec on the copy
            os.dup2(outbound, 4)

        # close_fds=False keeps fds 3 and 4; Python's own descriptors are not
        # inheritable (PEP 446), so nothing else leaks into the browser
        self.proc = subprocess.Popen(
            cmd,
            close_fds=False,
            preexec_fn=wire,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        targets = self.call("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call(
            "Target.attachToTarget", targetId=page["targetId"], flatten=True
        )["sessionId"]

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError, RuntimeError):
            self.call("Browser.close", timeout=5)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        for fd in (self._to_child, self._from_child):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)

    # -- protocol ---------------------------------------------------------------------

    def call(self, method: str, timeout: float = 60.0, session: bool = False, **params):
        """Send one command and wait for its reply; events seen meanwhile are kept."""
        self._next += 1
        msg = {"id": self._next, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def page(self, method: str, timeout: float = 60.0, **params):
        """A command for the attached page."""
        return self.call(method, timeout=timeout, session=True, **params)

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no reply from Chromium")
            ready, _, _ = select.select([self._from_child], [], [], left)
            if ready:
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the pipe")
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(line)

    def wait_event(self, method: str, timeout: float = 60.0) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for ev in self.events:
                if ev["method"] == method and not ev.get("_seen"):
                    ev["_seen"] = True
                    return ev
            msg = self._read(deadline)
            if "method" in msg:
                self.events.append(msg)

    # -- helpers ----------------------------------------------------------------------

    def open(self, path: Path, offline: bool = True) -> None:
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.page(f"{domain}.enable")
        if offline:  # besides the namespace: the browser itself refuses the network
            self.page(
                "Network.emulateNetworkConditions",
                offline=True,
                latency=0,
                downloadThroughput=-1,
                uploadThroughput=-1,
            )
        self.page("Page.navigate", url=Path(path).resolve().as_uri())
        self.wait_event("Page.loadEventFired")

    def eval(self, expression: str, timeout: float = 60.0):
        """Evaluate JS in the page (promises awaited); returns the value."""
        res = self.page(
            "Runtime.evaluate",
            timeout=timeout,
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in res:
            raise RuntimeError(f"{expression}: {res['exceptionDetails']}")
        return res["result"].get("value")

    def screenshot(self, clip: dict | None = None) -> bytes:
        params = {"format": "png"}
        if clip:
            params["clip"] = {**clip, "scale": 1}
        return base64.b64decode(self.page("Page.captureScreenshot", **params)["data"])

    def click(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.page(
                "Input.dispatchMouseEvent",
                type=kind,
                x=x,
                y=y,
                button="left",
                clickCount=1,
            )
