"""Destinations, temporary files with their clean-up registry, signals, and file sets
written all-or-nothing (see the package docstring for the rules)."""

from __future__ import annotations

import atexit
import contextlib
import errno
import os
import re
import secrets
import signal
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import ExportError
from .names import expand_path, kind_of, name_max, printable


class Interrupted(BaseException):
    """SIGINT or SIGTERM arrived; `code` is the shell's exit code for it (130, 143).
    A BaseException, so that `except Exception` clean-up code does not swallow it."""

    def __init__(self, signum: int):
        self.signum = signum
        self.code = 128 + signum
        super().__init__(signal.Signals(signum).name)


# --------------------------------------------------------------------------- names


def check_destination(path: str | os.PathLike, error=ExportError) -> Path:
    """The file to replace for output `path`: `path` itself, or the file a symbolic
    link points to. Refuses (raising `error`) a destination that exists and is not a
    regular file or a link to one, a name too long for the file system, and a missing
    or unwritable folder. Temporary names are sized so that every legal name works."""
    path = expand_path(path) if not isinstance(path, Path) else path
    shown = printable(path)
    folder = path.parent
    name = path.name
    if name in ("", ".", ".."):
        raise error(f"{shown}: is not a file name")
    if not folder.is_dir():
        what = "does not exist" if not os.path.lexists(folder) else "is not a folder"
        raise error(f"{shown}: the folder {printable(folder)} {what}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise error(f"{shown}: the folder {printable(folder)} is not writable")
    limit = name_max(folder)
    size = len(os.fsencode(name))
    if size > limit:
        raise error(
            f"{shown}: the file name is {size} bytes; this file system allows "
            f"at most {limit}"
        )
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise error(
            f"{shown}: cannot check the destination: {exc.strerror or exc}"
        ) from None
    if stat.S_ISLNK(st.st_mode):
        try:
            target = os.stat(path)
        except OSError:
            raise error(
                f"{shown}: is a symbolic link to nothing "
                f"({printable(os.readlink(path))}); refused"
            ) from None
        if not stat.S_ISREG(target.st_mode):
            raise error(
                f"{shown}: is a symbolic link to {kind_of(target.st_mode)}, "
                "not to a regular file; refused"
            ) from None
        # write through the link: the link stays, the file it names is replaced
        return check_destination(Path(os.path.realpath(path)), error)
    if not stat.S_ISREG(st.st_mode):
        raise error(
            f"{shown}: is {kind_of(st.st_mode)}; an export replaces only a regular file"
        )
    return path


def numbered(path: Path, phase: int, count: int) -> Path:
    """Member `phase` (0-based) of a series of `count`: name_01.ext, name_02.ext ..."""
    width = max(2, len(str(count)))
    return path.with_name(f"{path.stem}_{phase + 1:0{width}d}{path.suffix}")


def stale_numbered(path: Path, written: list[Path]) -> list[Path]:
    """Numbered files beside `path` (name_NN.ext) that are not in `written`: left by
    an earlier export, never deleted by this one."""
    pattern = re.compile(re.escape(path.stem) + r"_\d{2,}" + re.escape(path.suffix))
    keep = {p.name for p in written}
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return sorted(
        path.parent / n for n in names if pattern.fullmatch(n) and n not in keep
    )


_TEMPS: dict[str, None] = {}  # insertion-ordered set of temporary files not yet renamed
_TEMPS_LOCK = threading.Lock()


def temp_beside(final: Path, suffix: str = "") -> Path:
    """A new empty file (mode 0600) in `final`'s folder, registered for clean-up. Its
    name is '.' + the start of the final name + a random part + '.part' + `suffix`,
    cut to fit the folder's name limit."""
    tail = f".{secrets.token_hex(4)}.part{suffix}"
    room = name_max(final.parent) - 1 - len(os.fsencode(tail))
    head = os.fsdecode(os.fsencode(final.name)[: max(0, min(room, 60))])
    for _ in range(16):
        tmp = final.parent / f".{head}{tail}"
        # a signal between creating the file and registering it would leave it
        # behind (seen once in CI, tests/hostile/test_signals.py):
        # SIGINT/SIGTERM wait until it is registered for clean-up
        with _signals_deferred():
            try:
                fd = os.open(
                    tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600
                )
            except FileExistsError:
                tail = f".{secrets.token_hex(4)}.part{suffix}"
                continue
            os.close(fd)
            with _TEMPS_LOCK:
                _TEMPS[str(tmp)] = None
        return tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(final))


def discard(tmp: str | os.PathLike) -> None:
    """Remove a temporary file (if still there) and forget it."""
    with contextlib.suppress(OSError):
        os.unlink(tmp)
    with _TEMPS_LOCK:
        _TEMPS.pop(os.fspath(tmp), None)


def _forget(tmp: str | os.PathLike) -> None:
    with _TEMPS_LOCK:
        _TEMPS.pop(os.fspath(tmp), None)


def remove_temp_files() -> int:
    """Remove every registered temporary file; returns how many were removed."""
    with _TEMPS_LOCK:
        temps = list(_TEMPS)
        _TEMPS.clear()
    removed = 0
    for tmp in temps:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
            removed += 1
    return removed


atexit.register(remove_temp_files)


_PENDING: list[int] = []  # signals received inside `signals_raise`
_HOLD = [0]  # depth of `signals_held` blocks


def _raise_interrupted(signum, _frame):
    _PENDING.append(signum)
    if not _HOLD[0]:
        raise Interrupted(signum)


def check_interrupted() -> None:
    """Raise `Interrupted` if a signal came and no `signals_held` block is running:
    a checkpoint for loops that may have run through code that swallows exceptions."""
    if _PENDING and not _HOLD[0]:
        raise Interrupted(_PENDING[0])


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """For third-party code that catches every exception (pyqtgraph's paint prints
    and swallows them, and would swallow `Interrupted`): a signal arriving inside is
    noted, and raised as `Interrupted` when the block ends."""
    _HOLD[0] += 1
    try:
        yield
    finally:
        _HOLD[0] -= 1
    check_interrupted()


@contextlib.contextmanager
def signals_raise() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise `Interrupted` (main thread only;
    inside `signals_held` when that block ends); the previous handlers come back
    after it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _PENDING.clear()
    old = {
        s: signal.signal(s, _raise_interrupted) for s in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """SIGINT/SIGTERM wait until the block is done (the renames of a set)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    sigs = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _umask() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_error(path: Path, exc: OSError) -> ExportError:
    shown = printable(path)
    if exc.errno == errno.ENOSPC:
        return ExportError(f"{shown}: the disk is full")
    if exc.errno == errno.EDQUOT:
        return ExportError(f"{shown}: the disk quota is used up")
    if exc.errno == errno.ENAMETOOLONG:
        return ExportError(f"{shown}: the file name is too long for this file system")
    return ExportError(f"{shown}: cannot write: {exc.strerror or exc}")


_CURRENT = threading.local()


class FileSet:
    """Files written as one: each under a temporary name beside its target, all
    renamed by `commit()` only when every one was written.

        with FileSet() as files:
            files.write(path_a, lambda tmp: ...)
            tmp = files.stage(path_b)   # for an encoder that writes the file itself
            ...
            files.commit()

    Leaving the block without `commit()` (an error, a cancelled generator, a signal)
    removes every temporary file and touches no existing file."""

    def __init__(self):
        self._staged: dict[Path, Path] = {}  # final -> temporary
        self.committed: list[Path] = []
        self.replaced: list[Path] = []  # targets that existed before the commit

    def __enter__(self) -> FileSet:
        return self

    def __exit__(self, *exc) -> None:
        self.abort()

    def stage(self, path: str | os.PathLike, suffix: str = "") -> Path:
        """A registered temporary file for target `path` (checked), to be filled by
        the caller; `suffix` helps encoders that choose the format by extension."""
        return self._stage(path, suffix)[1]

    def _stage(self, path, suffix: str = "") -> tuple[Path, Path]:
        final = check_destination(path)
        if final in self._staged:
            raise ExportError(f"{printable(final)}: written twice in one export")
        try:
            tmp = temp_beside(final, suffix)
        except OSError as exc:
            raise write_error(final, exc) from exc
        self._staged[final] = tmp
        return final, tmp

    def write(self, path: str | os.PathLike, write: Callable[[str], object]) -> Path:
        """Stage `path` and call write(temporary path); returns the final path."""
        final, tmp = self._stage(path)
        try:
            write(str(tmp))
        except ExportError:
            self._drop(final)
            raise
        except OSError as exc:
            self._drop(final)
            raise write_error(final, exc) from exc
        except BaseException:
            self._drop(final)
            raise
        return final

    def temporary(self, path: str | os.PathLike) -> Path:
        """The temporary file staged for target `path`."""
        return self._staged[check_destination(path)]

    def _drop(self, final: Path) -> None:
        tmp = self._staged.pop(final, None)
        if tmp is not None:
            discard(tmp)

    def abort(self) -> None:
        """Remove every temporary file not yet renamed."""
        for final in list(self._staged):
            self._drop(final)

    def commit(self) -> list[Path]:
        """Make every staged file durable (fsync), then rename them over their
        targets. If a rename fails, the files already renamed are put back (each
        replaced target from a hard-link backup taken just before) and the new
        files removed, so the folder is as it was. Returns the final paths."""
        staged = list(self._staged.items())
        check_interrupted()  # never rename into place after a signal
        for final, tmp in staged:
            try:
                _finish(tmp, final)
            except OSError as exc:
                self.abort()
                raise write_error(final, exc) from exc
        done: list[tuple[Path, Path | None]] = []
        with _signals_deferred():
            check_interrupted()
            try:
                for final, tmp in staged:
                    backup = _backup(final)
                    try:
                        os.replace(tmp, final)
                    except OSError:
                        if backup is not None:
                            discard(backup)
                        raise
                    _forget(tmp)
                    del self._staged[final]
                    done.append((final, backup))
            except OSError as exc:
                for final, backup in reversed(done):
                    if backup is not None:
                        with contextlib.suppress(OSError):
                            os.replace(backup, final)
                    else:
                        with contextlib.suppress(OSError):
                            os.unlink(final)
                    if backup is not None:
                        discard(backup)
                self.abort()
                raise write_error(final, exc) from exc
            for final, backup in done:
                if backup is not None:
                    self.replaced.append(final)
                    discard(backup)
        _fsync_dirs({f.parent for f, _ in done})
        self.committed += [f for f, _ in done]
        return [f for f, _ in done]

    @contextlib.contextmanager
    def current(self) -> Iterator[FileSet]:
        """Within the block (synchronous code only: no `yield` inside), every
        `atomic_write` in this thread joins this set instead of renaming at once."""
        previous = getattr(_CURRENT, "files", None)
        _CURRENT.files = self
        try:
            yield self
        finally:
            _CURRENT.files = previous


def _finish(tmp: Path, final: Path) -> None:
    """Give the temporary file the target's mode (or the usual one) and flush it to
    disk: a full disk shows here at the latest, before anything is replaced."""
    try:
        mode = stat.S_IMODE(os.stat(final).st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    os.chmod(tmp, mode)
    fd = os.open(tmp, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _backup(final: Path) -> Path | None:
    """A hard link to the existing target under a temporary name, or None when there
    is no target (or the file system cannot link; then there is no roll-back)."""
    if not os.path.lexists(final):
        return None
    for _ in range(4):
        backup = final.parent / f".{secrets.token_hex(6)}.part.old"
        try:
            os.link(final, backup)
        except FileExistsError:
            continue
        except OSError:
            return None
        with _TEMPS_LOCK:
            _TEMPS[str(backup)] = None
        return backup
    return None


def _fsync_dirs(folders) -> None:
    for folder in folders:
        with contextlib.suppress(OSError):
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def atomic_write(path: str | os.PathLike, write: Callable[[str], object]) -> Path:
    """Call write(temporary path) for a file beside `path`, then rename it over
    `path`; in a `FileSet.current()` block the rename waits for the set's commit.
    On failure nothing is left and ExportError names the file and the reason."""
    files = getattr(_CURRENT, "files", None)
    if files is not None:
        return files.write(path, write)
    with FileSet() as files:
        final = files.write(path, write)
        files.commit()
    return final
