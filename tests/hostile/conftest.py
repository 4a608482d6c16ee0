"""The hostile corpus: shared running and checking of cases.

Every case runs the real command line in a subprocess (or, for a few, the function
under test) and must end with success where the input is valid, or with exit code 2 and
a message whose last line is one line naming the input; never a traceback; within a
time bound (the subprocess timeout: a hang fails the case); and with the folders it
touched exactly as before, except the files a successful export wrote (`Snapshot`).
Generators (`gen_*` functions in the test modules) build the cases of each class.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

HERE = Path(__file__).resolve().parent
BOUND = 60.0  # seconds: a hang guard per case, not a performance figure


@dataclass
class Result:
    args: tuple
    code: int
    stdout: bytes
    stderr: bytes
    seconds: float

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace")

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")


def cli(
    *args,
    env: dict | None = None,
    timeout: float = BOUND,
    cwd=ROOT,
    wrapper: str | None = None,
    stdin=subprocess.DEVNULL,
    **popen,
) -> Result:
    """main.py with `args` (str or bytes), in a subprocess; `wrapper` is a script in
    this folder that runs main.py with something injected (ENOSPC, an import hook)."""
    script = str(HERE / wrapper) if wrapper else "main.py"
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env = {k: v for k, v in full_env.items() if v is not None}
    t0 = time.monotonic()
    try:
        res = subprocess.run(
            [sys.executable, script, *args],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            timeout=timeout,
            stdin=stdin,
            **popen,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"main.py {args!r} did not finish within {timeout:.0f} s (a hang)")
    return Result(args, res.returncode, res.stdout, res.stderr, time.monotonic() - t0)


def assert_refused(res: Result, *needles: str) -> None:
    """Exit code 2, no traceback, a last line that is one 'error: ...' line holding
    every needle."""
    assert "Traceback" not in res.err, res.err
    assert res.code == 2, (res.code, res.err, res.out[-500:])
    last = res.err.strip().splitlines()[-1] if res.err.strip() else ""
    assert last.startswith("error: ") or res.err.startswith("error: "), res.err
    for n in needles:
        assert n in res.err, (n, res.err)


def assert_ok(res: Result) -> None:
    assert "Traceback" not in res.err, res.err
    assert res.code == 0, (res.code, res.err)


def _describe(path: Path) -> tuple:
    st = os.lstat(path)
    mode = st.st_mode
    if stat.S_ISREG(mode):
        digest = (
            hashlib.sha1(path.read_bytes()).hexdigest()
            if st.st_size < 2**26
            else f"size {st.st_size}"
        )
        return ("file", digest, stat.S_IMODE(mode))
    if stat.S_ISLNK(mode):
        return ("link", os.readlink(path))
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return ("device", st.st_rdev)
    return (stat.S_IFMT(mode),)


class Snapshot:
    """Every entry of some folders (not recursing into sub-folders), to prove that a
    case left nothing and replaced nothing."""

    def __init__(self, *folders: Path):
        self.folders = folders
        self.before = self._take()

    def _take(self) -> dict:
        out = {}
        for folder in self.folders:
            for name in os.listdir(folder):
                p = folder / name
                with contextlib.suppress(FileNotFoundError):
                    out[p] = _describe(p)
        return out

    def changes(self) -> tuple[set, set, set]:
        """(new, changed, gone) paths."""
        after = self._take()
        new = set(after) - set(self.before)
        gone = set(self.before) - set(after)
        changed = {
            p for p in set(after) & set(self.before) if after[p] != self.before[p]
        }
        return new, changed, gone

    def assert_unchanged(self) -> None:
        new, changed, gone = self.changes()
        assert not new, new
        assert not changed, changed
        assert not gone, gone

    def assert_only(self, written: set[Path]) -> None:
        """Only `written` are new or changed; nothing disappeared; no temp file."""
        new, changed, gone = self.changes()
        assert not gone, gone
        assert (new | changed) <= written, (new | changed) - written
        assert not [p for p in new if ".part" in p.name], new


# ------------------------------------------------------------------ hostile paths

# kind -> words the message must hold
KINDS = {
    "fifo": "FIFO",
    "dev_zero": "character device",
    "dev_urandom": "character device",
    "dev_null": "character device",
    "folder": "folder",
    "socket": "socket",
    "link_to_fifo": "FIFO",
    "link_to_zero": "character device",
    "dangling_link": "does not exist",
    "sparse_1_5_gib": "1.4 GiB",
    "missing": "does not exist",
}


def gen_special_input(kind: str, folder: Path, suffix: str) -> Path:
    """The hostile input `kind`, named with `suffix`, in `folder`."""
    p = folder / f"hostile_{kind}{suffix}"
    if kind == "fifo":
        os.mkfifo(p)
    elif kind.startswith("dev_"):
        os.symlink(f"/dev/{kind[4:]}", p)
    elif kind == "folder":
        p.mkdir()
    elif kind == "socket":
        s = socket.socket(socket.AF_UNIX)
        s.bind(str(p))
        s.close()
    elif kind == "link_to_fifo":
        os.mkfifo(folder / "target_fifo")
        os.symlink(folder / "target_fifo", p)
    elif kind == "link_to_zero":
        os.symlink("/dev/zero", p)
    elif kind == "dangling_link":
        os.symlink(folder / "nothing_here", p)
    elif kind == "sparse_1_5_gib":
        with open(p, "wb") as f:
            f.truncate(1_500_000_000)
    return p


@pytest.fixture
def short_tmp():
    """A folder with a short path (a UNIX socket's path is limited to 107 bytes)."""
    d = Path(tempfile.mkdtemp(prefix="rh", dir="/tmp"))
    yield d
    shutil.rmtree(d, ignore_errors=True)


# ------------------------------------------------------------------ a small full disk


@pytest.fixture
def full_disk(tmp_path):
    """(folder, env, wrapper): a folder on a 1 MiB tmpfs filled to its last page, or,
    where no tmpfs can be mounted (not root, a container without the capability), a
    plain folder whose writes fail with ENOSPC by injection (tests/hostile/_enospc.py),
    so that the class is covered everywhere."""
    mnt = tmp_path / "full"
    mnt.mkdir()
    mounted = False
    # ROSS_HOSTILE_NO_TMPFS=1 forces the injection, to test the fallback itself
    if os.geteuid() == 0 and not os.environ.get("ROSS_HOSTILE_NO_TMPFS"):
        res = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)],
            capture_output=True,
        )
        mounted = res.returncode == 0
    if not mounted:
        yield mnt, {"ROSS_HOSTILE_FULL_DIR": str(mnt)}, "_enospc.py"
        return
    try:
        yield mnt, {}, None
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the file system of `folder` until at most `leave` bytes are free (a tmpfs);
    for an injected folder nothing is needed."""
    if os.statvfs(folder).f_bfree * os.statvfs(folder).f_frsize > 8 * 2**20:
        return  # not our small tmpfs: the injection makes writes fail
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)
    if leave:
        size = (folder / "filler").stat().st_size
        os.truncate(folder / "filler", max(0, size - leave))
