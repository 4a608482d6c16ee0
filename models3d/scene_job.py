"""3D-scene exports (GLB, OBJ+MTL, STL) as a job, without Qt or a display.

`scene_job(...)` is a generator like the picture jobs in ui/export/jobs.py: it yields
(done, total, what) after each phase, with what = "frame" while working and then the
path of every file written, so the app can show progress and cancel, and the command
line can print the files. Every file of the job (each phase of a series, an OBJ's MTL)
is one `fileio.FileSet`: nothing is renamed into place until all were written, and a
failure or a cancel leaves nothing new and touches nothing old.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from .fileio import FileSet, check_destination, printable
from .imaging import SCENE_FORMATS, ExportError
from .plan import Plan


def scene_job(
    plan: Plan,
    phases: list[int],
    path: Path,
    fmt: str,
    overrides: Mapping | None = None,
    references: Mapping | None = None,
    hidden=(),
    compress: bool = False,
    lang: str = "en",
) -> Iterator[tuple[int, int, str]]:
    """Write the station of each of `phases` (0-based; numbered files when more than
    one) to `path` in `fmt`, through `scene_export.export_phases`, as one file set."""
    from .scene_export import export_phases

    if fmt not in SCENE_FORMATS:
        raise ExportError(
            f"{printable(path)}: '{fmt}' is not a 3D format "
            f"({', '.join(SCENE_FORMATS)})"
        )
    check_destination(path)
    total = len(phases)
    steps = export_phases(
        plan,
        phases,
        path,
        fmt,
        overrides=overrides,
        references=references,
        compress=compress,
        hidden=hidden,
        lang=lang,
    )
    with FileSet() as files:
        try:
            while True:
                # the set is current only while export_phases runs, never across a
                # yield, so nothing else the caller writes meanwhile can join it
                with files.current():
                    try:
                        done, _total, _what = next(steps)
                    except StopIteration:
                        break
                yield done, total + 1, "frame"
        finally:
            close = getattr(steps, "close", None)
            if close is not None:  # a generator: let it clean up at once
                close()
        written = files.commit()
    for final in written:
        yield total + 1, total + 1, str(final)
