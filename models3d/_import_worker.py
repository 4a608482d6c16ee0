"""The model-reading worker process and `IsolatedLoader`, its client in the app.

The worker reads requests from stdin and writes answers to stdout, each a
length-prefixed pickle: a path in, ("ok", ImportedModel) or ("refused", message) out.
Anything the libraries print goes to stderr, so the protocol stream stays clean. The
client reads an answer with its deadline running, so a worker that dies or stalls
half-way through an answer is reported as a crash, never as a traceback or a hang.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
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
        name = printable(Path(path).name)
        data = pickle.dumps(str(path))
        try:
            self._proc.stdin.write(struct.pack("<Q", len(data)) + data)
            self._proc.stdin.flush()
        except OSError:
            self.kill()
            raise ImportRefusedError(
                f"{name}: the reader could not be started"
            ) from None
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        fd = self._proc.stdout.fileno()
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
                with contextlib.suppress(OSError):
                    stream.close()

    def close(self, wait: float = 2.0) -> None:
        """Stop the worker; waits at most `wait` seconds for a load in progress."""
        if not self._lock.acquire(timeout=wait):
            self.kill()  # a load is running: end it, its caller gets a refusal
            return
        try:
            if self._proc is not None and self._proc.poll() is None:
                try:
                    data = pickle.dumps(None)
                    self._proc.stdin.write(struct.pack("<Q", len(data)) + data)
                    self._proc.stdin.flush()
                    self._proc.wait(2)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            self.kill()
        finally:
            self._lock.release()


def main() -> int:
    proto_in = os.fdopen(os.dup(0), "rb")
    proto_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray prints go to stderr
    sys.stdout = sys.stderr
    try:
        import resource

        from models3d.importer import MAX_OUTPUT_BYTES

        limit = MAX_OUTPUT_BYTES * 3 + 2 * 2**30
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass

    from models3d.fileio import printable
    from models3d.importer import ImportRefusedError, load_model

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the app decides when the worker ends
    while True:
        head = proto_in.read(8)
        if len(head) < 8:
            return 0
        try:
            path = pickle.loads(proto_in.read(struct.unpack("<Q", head)[0]))
        except Exception:  # a request cut short: the app is gone
            return 0
        if path is None:
            return 0
        name = printable(Path(path).name)
        try:
            answer = ("ok", load_model(path))
        except ImportRefusedError as exc:
            answer = ("refused", str(exc))
        except MemoryError:
            answer = ("refused", f"{name}: too large to load in memory")
        except RecursionError:
            answer = ("refused", f"{name}: nested too deeply to read")
        except Exception as exc:  # a file must never take the worker down silently
            answer = ("refused", f"{name}: cannot be read ({type(exc).__name__})")
        try:
            data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except (MemoryError, RecursionError, pickle.PicklingError):
            data = pickle.dumps(("refused", f"{name}: too large to hand to the app"))
        try:
            proto_out.write(struct.pack("<Q", len(data)) + data)
            proto_out.flush()
        except OSError:  # the app went away (closed, or cancelled the load)
            return 0


if __name__ == "__main__":
    sys.exit(main())
