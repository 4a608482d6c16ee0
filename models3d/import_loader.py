"""`IsolatedLoader`: models read in a worker process (`models3d._import_worker`).

A crash or a hang in the worker cannot reach the app: each answer is read with the
deadline running, so a worker that dies or stalls half-way through its answer is
reported as a crash, never as a traceback or a hang.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ImportRefusedError
from .fileio import printable

if TYPE_CHECKING:
    from .importer import ImportedModel

# a worker's pickled model, at most (importer.MAX_OUTPUT_BYTES is 2 GiB)
MAX_ANSWER_BYTES = 6 * 2**30


class IsolatedLoader:
    """Loads models in a worker process (`python -m models3d._import_worker`): a crash
    or hang there cannot reach the app. The worker is reused between loads and replaced
    after a timeout, a cancel or a crash. One request at a time."""

    def __init__(self, timeout: float = 60.0):
        self.timeout = timeout
        self._proc: subprocess.Popen | None = None
        self._last_code: int | None = None
        self._lock = threading.Lock()

    def _start(self) -> None:
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = root + (
            os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""
        )
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "models3d._import_worker"],
            cwd=root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def load(
        self, path: str | Path, timeout: float | None = None, cancelled=lambda: False
    ) -> ImportedModel:
        with self._lock:
            return self._load(path, timeout, cancelled)

    def _load(self, path, timeout, cancelled) -> ImportedModel:
        import time

        if self._proc is None or self._proc.poll() is not None:
            self._start()
        proc = self._proc
        assert proc is not None
        assert proc.stdin is not None
        assert proc.stdout is not None
        name = printable(Path(path).name)
        data = pickle.dumps(str(path))
        try:
            proc.stdin.write(struct.pack("<Q", len(data)) + data)
            proc.stdin.flush()
        except OSError:
            self.kill()
            raise ImportRefusedError(
                f"{name}: the reader could not be started"
            ) from None
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        fd = proc.stdout.fileno()
        buf = bytearray()
        need = 8  # the length prefix, then the answer it announces
        while len(buf) < need:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                chunk = os.read(fd, min(1 << 20, need - len(buf)))
                if not chunk:  # the worker died, perhaps half-way through its answer
                    self.kill_and_wait()
                    code = self._last_code
                    raise ImportRefusedError(
                        f"{name}: the reader crashed on this file"
                        + (f" (exit code {code})" if code else "")
                    )
                buf += chunk
                if need == 8 and len(buf) == 8:
                    need = 8 + struct.unpack("<Q", bytes(buf))[0]
                    if need > 8 + MAX_ANSWER_BYTES:
                        self.kill()
                        raise ImportRefusedError(
                            f"{name}: the reader's answer is garbled"
                        )
                continue
            if cancelled():
                self.kill()
                raise ImportRefusedError(f"{name}: loading cancelled")
            if time.monotonic() > deadline:
                self.kill()
                raise ImportRefusedError(
                    f"{name}: reading took longer than {limit:.0f} s; stopped"
                )
        try:
            status, value = pickle.loads(bytes(buf[8:]))
        except Exception:  # a truncated or garbled answer is a crashed reader
            self.kill()
            raise ImportRefusedError(
                f"{name}: the reader's answer is garbled"
            ) from None
        if status == "ok":
            return value
        raise ImportRefusedError(value)

    def kill_and_wait(self) -> None:
        proc = self._proc
        self._last_code = None
        if proc is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._last_code = proc.wait(2)
        self.kill()

    def kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                proc.kill()
                proc.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                pass
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    with contextlib.suppress(OSError):
                        stream.close()

    def close(self, wait: float = 2.0) -> None:
        """Stop the worker; waits at most `wait` seconds for a load in progress."""
        if not self._lock.acquire(timeout=wait):
            self.kill()  # a load is running: end it, its caller gets a refusal
            return
        try:
            proc = self._proc
            if proc is not None and proc.stdin is not None and proc.poll() is None:
                try:
                    data = pickle.dumps(None)
                    proc.stdin.write(struct.pack("<Q", len(data)) + data)
                    proc.stdin.flush()
                    proc.wait(2)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            self.kill()
        finally:
            self._lock.release()
