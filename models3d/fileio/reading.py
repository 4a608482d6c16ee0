"""Bounded reading of regular files only, and robust decoding of text model formats."""

from __future__ import annotations

import contextlib
import os
import stat

from ..errors import RossError
from .names import _size, kind_of, printable


class FileRefused(RossError):
    """An input path that is not a readable regular file within its size bound."""

    def __init__(self, path: str | os.PathLike, reason: str):
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(f"{printable(self.path)}: {reason}")


def check_regular(
    path: str | os.PathLike, limit: int, what: str = "file"
) -> os.stat_result:
    """The stat of `path` if it is a regular file (or a link to one) of at most
    `limit` bytes; FileRefused otherwise. For libraries that open files by name."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise FileRefused(path, f"cannot read the {what}: it does not exist") from None
    except OSError as exc:
        raise FileRefused(
            path, f"cannot read the {what}: {exc.strerror or exc}"
        ) from None
    if not stat.S_ISREG(st.st_mode):
        raise FileRefused(
            path, f"is {kind_of(st.st_mode)}, not a {what}; only regular files are read"
        )
    if st.st_size > limit:
        raise FileRefused(
            path, f"the {what} is {_size(st.st_size)}; at most {_size(limit)} is read"
        )
    return st


def read_regular(path: str | os.PathLike, limit: int, what: str = "file") -> bytes:
    """The bytes of regular file `path`, refused (FileRefused) before any read when
    it is not a regular file or larger than `limit` bytes."""
    check_regular(path, limit, what)
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO after the check, open returns
        # at once instead of waiting for a writer; fstat below then refuses it
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        raise FileRefused(
            path, f"cannot read the {what}: {exc.strerror or exc}"
        ) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            raise FileRefused(
                path,
                f"changed while it was opened (now "
                f"{kind_of(st.st_mode)} of {_size(st.st_size)})",
            )
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise FileRefused(
            path, f"cannot read the {what}: {exc.strerror or exc}"
        ) from None
    finally:
        os.close(fd)
    if total > limit:
        raise FileRefused(path, f"the {what} grew past {_size(limit)} while being read")
    return b"".join(chunks)


def decode_text(data: bytes) -> str:
    """Text of a text-format model file: UTF-8 (with or without a BOM), UTF-16 with a
    BOM, else Windows-1252 with Latin-1 for its five undefined bytes. Never fails:
    the format's own parser decides what is valid."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # cp1252 leaves 0x81, 0x8d, 0x8f, 0x90, 0x9d undefined; those map as Latin-1
    return "".join(
        data.decode("cp1252", errors="surrogateescape").translate(_CP1252_GAPS)
    )


_CP1252_GAPS = {0xDC00 + b: b for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}
