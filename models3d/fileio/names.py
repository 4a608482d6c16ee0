"""Paths as the user types them and as the app prints them: expansion of ~, escaping of
control characters and undecodable bytes, name limits, file kinds in words."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..errors import UsageError

NAME_MAX = 255  # bytes; the usual limit (ext4, tmpfs, xfs, btrfs), asked per folder

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def printable(text: object) -> str:
    """`text` safe for a terminal and a strict UTF-8 stream: control characters and
    escape sequences become \\n, \\x1b ..., undecodable file-name bytes \\xNN."""

    def esc(m: re.Match) -> str:
        c = m.group()
        code = ord(c)
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogateescape of a raw byte
            return f"\\x{code - 0xDC00:02x}"
        if c == "\n":
            return "\\n"
        if c == "\t":
            return "\\t"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(esc, str(text))


def expand_path(text: str | os.PathLike) -> Path:
    """A path typed by the user, with ~ and ~user expanded; UsageError (not the
    RuntimeError of Path.expanduser) when the user or home folder is unknown."""
    raw = os.fspath(text)
    if isinstance(raw, bytes):
        raw = os.fsdecode(raw)
    if not raw:
        raise UsageError("an empty path was given")
    if "\0" in raw:
        raise UsageError(f"{printable(raw)}: a path cannot contain a NUL character")
    if raw.startswith("~"):
        head = raw.split("/", 1)[0]
        expanded = os.path.expanduser(head)
        if expanded == head:
            who = f"user '{head[1:]}'" if len(head) > 1 else "the home folder"
            raise UsageError(
                f"{printable(raw)}: {who} is unknown, so '{head}' cannot be expanded"
            )
        raw = expanded + raw[len(head) :]
    return Path(raw)


def name_max(folder: str | os.PathLike) -> int:
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError):
        return NAME_MAX


def kind_of(mode: int) -> str:
    """What a stat mode is, in words."""
    for test, words in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISLNK, "a symbolic link"),
        (stat.S_ISREG, "a file"),
    ):
        if test(mode):
            return words
    return "a special file"


def _size(n: int) -> str:
    for unit, scale in (("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"
