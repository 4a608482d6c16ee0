"""The bundled plans and loading any plan with its assembled station.

`load_plan(path)` reads and checks a plan file, assembles it once (checking joints,
cycles and overlapping hulls) and returns the `Plan` with `plan.station` set. Every
other part of the project reads that station and never assembles again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .assembly import assemble_checked
from .errors import PlanError
from .fileio import FileRefused, expand_path, printable, read_regular
from .plan.model import Plan, text
from .plan.reader import MAX_FILE_BYTES, read_plan
from .resources import asset
from .station import Station

PLANS_DIR = asset("plans")
DEFAULT_PLAN = "ros-2024"


class PlanFileError(PlanError):
    """A plan path that cannot be read at all; its message is one line naming the
    path and the reason (a PlanError, so callers that fall back on a broken plan
    fall back on this too)."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(path, [reason])
        self.args = (f"{printable(path)}: {reason}",)


@dataclass(frozen=True)
class PlanEntry:
    """One bundled plan as a selector lists it."""

    id: str
    path: Path
    title: dict
    date: str
    status: str

    def label(self, lang: str = "en") -> str:
        year = self.date[:4]
        return f"{text(self.title, lang)} ({year}, {self.status})"


def plan_paths(directory: Path = PLANS_DIR) -> dict[str, Path]:
    """Bundled plan ids -> files."""
    return {p.stem: p for p in sorted(directory.glob("*.toml"))}


def resolve_plan(key: str | Path, directory: Path = PLANS_DIR) -> Path:
    """A plan id of the bundled plans, or the path of a plan file."""
    key_s = str(key)
    bundled = plan_paths(directory)
    if key_s in bundled:
        return bundled[key_s]
    path = expand_path(key_s)
    if path.suffix.lower() == ".toml" or path.exists():
        return path
    raise PlanError(
        key_s,
        [
            f"'{key_s}' is neither a plan id ({', '.join(bundled) or 'none bundled'}) "
            "nor a plan file"
        ],
    )


def load_plan(path: str | Path, check_geometry: bool = True) -> Plan:
    """The plan in a file, checked and assembled (`plan.station` is set). A path that
    is not a regular file of at most MAX_FILE_BYTES (a FIFO, /dev/zero, a folder, a
    huge sparse file) is refused before anything is read, with `PlanFileError`."""
    path = Path(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES, "plan file")
    except FileRefused as exc:
        raise PlanFileError(path, exc.reason) from None
    return parse_plan(data, path, check_geometry=check_geometry)


def parse_plan(
    data: bytes, path: str | Path = "<plan>", check_geometry: bool = True
) -> Plan:
    """The plan in `data`, checked and assembled; PlanError lists every problem."""
    plan = read_plan(data, path)
    snapshots, problems = assemble_checked(plan, check_overlap=check_geometry)
    if problems:
        name = Path(path).name
        raise PlanError(path, [f"{name}: {p}" for p in problems])
    object.__setattr__(plan, "assembled_station", Station(plan, snapshots))
    return plan


def plan_key(plan: Plan) -> str:
    """The bundled plan id when the plan is a bundled file, else the file's path."""
    bundled = plan_paths().get(plan.id)
    if bundled is not None and Path(bundled).resolve() == Path(plan.path).resolve():
        return plan.id
    return str(plan.path)


def catalogue(directory: Path = PLANS_DIR) -> list[PlanEntry]:
    """Every bundled plan that loads, in file-name order, for plan selectors."""
    out = []
    for pid, path in plan_paths(directory).items():
        try:
            plan = read_plan(read_regular(path, MAX_FILE_BYTES, "plan file"), path)
        except (FileRefused, PlanError):
            continue
        out.append(PlanEntry(pid, path, plan.title, plan.date, plan.status))
    return out
