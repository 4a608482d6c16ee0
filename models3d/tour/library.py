"""The bundled tours (assets/tours/*.tour.json) and loading any tour file."""

from __future__ import annotations

from pathlib import Path

from ..errors import TourError
from ..fileio import FileRefused, expand_path, read_regular
from ..resources import asset
from .model import Tour
from .plans import PlanLibrary
from .reader import MAX_FILE_BYTES, read_tour

TOURS_DIR = asset("tours")
SUFFIX = ".tour.json"


def tour_paths(directory: Path = TOURS_DIR) -> dict[str, Path]:
    """Bundled tour ids (the file name without .tour.json) -> files."""
    return {p.name[: -len(SUFFIX)]: p for p in sorted(directory.glob(f"*{SUFFIX}"))}


def resolve_tour(key: str | Path, directory: Path = TOURS_DIR) -> Path:
    """A bundled tour id, or the path of a tour file."""
    key_s = str(key)
    bundled = tour_paths(directory)
    if key_s in bundled:
        return bundled[key_s]
    path = expand_path(key_s)
    if key_s.endswith(".json") or path.exists():
        return path
    raise TourError(
        key_s,
        [
            f"'{key_s}' is neither a bundled tour "
            f"({', '.join(bundled) or 'none'}) nor a tour file"
        ],
    )


def load_tour(path: str | Path, plans: PlanLibrary | None = None) -> Tour:
    """The tour in a file, checked against the plans. A path that is not a regular
    file of at most MAX_FILE_BYTES is refused before anything is read."""
    try:
        data = read_regular(path, MAX_FILE_BYTES, "tour file")
    except FileRefused as exc:
        raise TourError(path, [str(exc)]) from None
    return read_tour(data, path, plans)


def bundled_tours(plans: PlanLibrary | None = None) -> dict[str, Tour]:
    """Every bundled tour by id (a broken one raises: they are tested)."""
    return {tid: load_tour(p, plans) for tid, p in tour_paths().items()}
