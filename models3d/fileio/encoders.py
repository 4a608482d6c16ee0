"""Checking what an external encoder (ffmpeg, or any other program) wrote before it
may replace a user's file: its exit status, its error output and a read-back."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

from ..errors import ExportError
from .names import printable


class StderrTail:
    """Reads a child's error output in a thread (so the pipe never fills and blocks
    the encoder) and keeps its last `keep` bytes."""

    def __init__(self, stream, keep: int = 16384):
        self._stream = stream
        self._keep = keep
        self._data = bytearray()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            for chunk in iter(lambda: self._stream.read1(4096), b""):
                self._data += chunk
                del self._data[: -self._keep]

    def text(self, timeout: float = 5.0) -> str:
        self._thread.join(timeout)
        return bytes(self._data).decode("utf-8", "replace")


def encoder_problem(stderr: str) -> str:
    """The line of an encoder's error output that says what went wrong."""
    lines = [ln.strip() for ln in stderr.splitlines() if ln.strip()]
    for ln in reversed(lines):
        if "No space left" in ln:
            return "the disk is full"
    for ln in reversed(lines):
        if any(w in ln.lower() for w in ("error", "invalid", "failed", "cannot")):
            return printable(ln[:200])
    return printable(lines[-1][:200]) if lines else "no error output"


def verify_encoded(
    target: Path,
    tmp: Path,
    encoder: str,
    returncode: int | None,
    stderr: str,
    readback: Callable[[Path], str | None],
) -> None:
    """Accept the file an external encoder wrote to `tmp` only if the encoder exited
    with status 0, the file is not empty and `readback(tmp)` (which opens the result
    as a player would) reports no problem; ExportError naming `target` otherwise."""
    shown = printable(target)
    if returncode != 0:
        how = (
            f"exit status {returncode}"
            if returncode and returncode > 0
            else f"killed by signal {-returncode}"
            if returncode
            else "did not finish"
        )
        raise ExportError(
            f"{shown}: {encoder} failed ({how}): {encoder_problem(stderr)}"
        )
    if "No space left" in stderr:
        raise ExportError(f"{shown}: the disk is full")
    try:
        size = os.stat(tmp).st_size
    except OSError as exc:
        raise ExportError(f"{shown}: {encoder} left no file: {exc.strerror}") from None
    if size == 0:
        raise ExportError(
            f"{shown}: {encoder} wrote an empty file ({encoder_problem(stderr)})"
        )
    problem = readback(tmp)
    if problem:
        raise ExportError(
            f"{shown}: the file {encoder} wrote does not read back: {problem}"
        )
