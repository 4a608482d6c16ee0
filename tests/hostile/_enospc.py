"""Run main.py with every write into $ROSS_HOSTILE_FULL_DIR failing with ENOSPC.

The fallback of the full-disk cases where no small tmpfs can be mounted: opening a file
there for writing succeeds (as on a full disk), every write and fsync of it fails with
"No space left on device", as the kernel would report it.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import sys

FULL = os.path.realpath(os.environ["ROSS_HOSTILE_FULL_DIR"])
_open, _io_open, _write, _fsync = builtins.open, io.open, os.write, os.fsync


def _inside(path) -> bool:
    try:
        real = os.path.realpath(os.fsdecode(path))
    except (TypeError, ValueError):
        return False
    return real == FULL or real.startswith(FULL + os.sep)


def _fd_inside(fd: int) -> bool:
    try:
        return _inside(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        return False


def _full(*_args, **_kw):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FullFile(io.FileIO):
    def write(self, data):
        if len(data):
            _full()
        return 0


def _patched_open(file, mode="r", *args, **kw):
    if (
        isinstance(file, (str, bytes, os.PathLike))
        and any(c in mode for c in "wax+")
        and _inside(file)
    ):
        raw = _FullFile(file, mode.replace("b", "").replace("t", "") or "w")
        if "b" in mode:
            return io.BufferedWriter(raw) if "+" not in mode else io.BufferedRandom(raw)
        return io.TextIOWrapper(io.BufferedWriter(raw), encoding=kw.get("encoding"))
    return _io_open(file, mode, *args, **kw)


def _patched_write(fd, data):
    if len(data) and _fd_inside(fd):
        _full()
    return _write(fd, data)


def _patched_fsync(fd):
    if _fd_inside(fd if isinstance(fd, int) else fd.fileno()):
        _full()
    return _fsync(fd)


builtins.open = io.open = _patched_open
os.write, os.fsync = _patched_write, _patched_fsync

if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    sys.argv = ["main.py", *sys.argv[1:]]
    import main

    sys.exit(main.main())
