"""The command line's console: one-line errors, printable output, standard streams that
may be closed or full, and whether an X display can be reached (asked without Qt).

Nothing here imports Qt: `plans`, `info`, `inspect`, `orbit` and 3D exports use it on
machines with no display.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys

PHASE_NUMBER = re.compile(r"[+-]?[0-9]{1,9}")
JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def fail(message: str, code: int = 2) -> int:
    from models3d.fileio import printable

    lines = str(message).split("\n")
    err("error: " + "\n".join(printable(line) for line in lines))
    return code


def err(text: str) -> None:
    if sys.stderr is not None:
        # stderr gone as well: the exit code still tells
        with contextlib.suppress(OSError, ValueError):
            print(text, file=sys.stderr, flush=True)


def out(text: str) -> None:
    """Write to stdout with every line made printable (OSError propagates)."""
    from models3d.fileio import printable

    sys.stdout.write("\n".join(printable(line) for line in text.split("\n")))


def out_json(doc) -> None:
    # json escapes C0 controls itself; DEL, C1 controls (0x9b starts a terminal
    # sequence), line separators and lone surrogates are escaped here
    text = json.dumps(doc, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write(JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def display_problem() -> str | None:
    """None when Qt's xcb platform can connect to the X server at DISPLAY; else a
    sentence saying why not. Asked through libxcb (as Qt does, honouring XAUTHORITY)
    before any QApplication exists, because Qt aborts the process when it cannot
    connect, with a misleading hint to reinstall xcb-cursor0."""
    import ctypes

    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # another platform plugin chosen on purpose: Qt reports its own
    display = os.environ.get("DISPLAY", "")
    if not display:
        return (
            "no X display: DISPLAY is not set (on a headless machine run the "
            "command under xvfb-run)"
        )
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None  # Qt cannot start without libxcb either; let it say so
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    conn = xcb.xcb_connect(os.fsencode(display), None)
    failed = xcb.xcb_connection_has_error(conn)
    xcb.xcb_disconnect(conn)
    if failed:
        return (
            f"cannot connect to the X display '{display}' (no X server there, or "
            "this user may not use it); on a headless machine run the command "
            "under xvfb-run"
        )
    return None


def standard_streams() -> bool:
    """Give closed standard descriptors /dev/null, so that no file we open becomes fd 1
    or 2 and receives stray output; True when stdout was open."""
    stdout_open = sys.stdout is not None
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            stdout_open = stdout_open and fd != 1
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            # a name that is not UTF-8 or a character the terminal cannot show is
            # escaped, never a UnicodeEncodeError
            stream.reconfigure(errors="backslashreplace")
    return stdout_open


def stdout_failed(exc: OSError) -> int:
    import errno

    # later writes and the interpreter's final flush go to /dev/null, quietly
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.close(null)
    if exc.errno == errno.EPIPE:
        return 0  # the reader (head, less) has all it wanted
    return fail(f"cannot write to standard output: {exc.strerror or exc}")


def is_stdout_error() -> bool:
    """Whether stdout is the stream that failed (a write or flush to it raises)."""
    try:
        sys.stdout.flush()
    except OSError:
        return True
    except ValueError:
        return True
    return False


def load(key: str):
    from models3d.catalogue import load_plan, resolve_plan

    return load_plan(resolve_plan(key))


def phase_of(plan, text: str) -> int:
    """The 0-based phase for a --phase value: a number (ASCII digits only: '²' is a
    digit to str.isdigit but not to int), a phase id, 'first' or 'final'."""
    from models3d.errors import UsageError

    text = text.strip()
    if PHASE_NUMBER.fullmatch(text):
        return plan.phase_index(int(text))
    if text and (text.lstrip("+-").isdigit() or text.lstrip("+-").isdecimal()):
        raise UsageError(
            f"--phase '{text[:40]}': not a phase number (use 1–"
            f"{len(plan.phases)}, a phase id, 'first' or 'final')"
        )
    return plan.phase_index(text)
