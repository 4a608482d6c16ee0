"""Every file the app reads or writes goes through here (no Qt).

Reading: `read_regular(path, limit, what)` opens only regular files, after deciding from
`stat` that the size is within `limit`; a FIFO, a device (/dev/zero), a folder, a socket
or an oversized (or sparse) file is refused with `FileRefused`, one line naming the
path and what it is, before a byte is read, so no input can hang or exhaust memory.
`decode_text` turns the bytes of a text format (OBJ, MTL, ASCII STL) into text whatever
the encoding, without any optional package deciding.

Writing: `check_destination(path)` refuses an existing destination that is not a regular
file or a symbolic link to one (a FIFO, a device such as /dev/null, a folder, a link to
nothing), names longer than the file system allows, and missing or read-only folders.
`FileSet` writes one or several files under temporary names beside their targets and
renames them only when every one was written; on failure, cancel or a signal nothing
new is left and nothing old is touched (see `FileSet.commit`). `atomic_write` is a
set of one, or joins the set made current with `FileSet.current()`.

Series policy: a numbered series (`numbered`) is one set. Files of the same name from an
earlier export are replaced only when the whole series has been written; numbered files
beyond the new series (an earlier, longer series) are never deleted: `stale_numbered`
lists them so the caller can say so.

Signals: every temporary file is in a registry; `signals_raise()` turns SIGINT and
SIGTERM into `Interrupted`, so the stack unwinds through the sets' clean-up, and
`remove_temp_files()` removes whatever is still registered (also at exit). Code that
swallows every exception (pyqtgraph's paint) runs in `signals_held()`, which raises
the signal when it ends; `check_interrupted()` is a checkpoint, and a set never
commits after a signal.
"""

from .encoders import StderrTail, encoder_problem, verify_encoded
from .names import NAME_MAX, expand_path, kind_of, name_max, printable
from .reading import FileRefused, check_regular, decode_text, read_regular
from .writing import (
    FileSet,
    Interrupted,
    atomic_write,
    check_destination,
    check_interrupted,
    discard,
    numbered,
    remove_temp_files,
    signals_held,
    signals_raise,
    stale_numbered,
    temp_beside,
    write_error,
)

__all__ = [
    "NAME_MAX",
    "FileRefused",
    "FileSet",
    "Interrupted",
    "StderrTail",
    "atomic_write",
    "check_destination",
    "check_interrupted",
    "check_regular",
    "decode_text",
    "discard",
    "encoder_problem",
    "expand_path",
    "kind_of",
    "name_max",
    "numbered",
    "printable",
    "read_regular",
    "remove_temp_files",
    "signals_held",
    "signals_raise",
    "stale_numbered",
    "temp_beside",
    "verify_encoded",
    "write_error",
]
