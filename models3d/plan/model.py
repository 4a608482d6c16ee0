"""Plan records: the typed, frozen objects a plan file becomes.

A `Plan` holds its modules, phases, orbit figures and sources. The loader in
`models3d.catalogue` attaches the assembled `Station` to it (`plan.station`), so nothing
else ever assembles a plan again. Prose is held as {"en": ..., "ru": ...} tables; `text`
picks one language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..figures import Figure
from ..kinds import Shape

if TYPE_CHECKING:
    from ..station import Station

STATUSES = ("concept", "official", "superseded", "current", "historical")
CATEGORIES = ("module", "vehicle", "partner")
LAYOUTS = ("documented", "interpretation")
LANGUAGES = ("en", "ru")


@dataclass(frozen=True)
class Source:
    """A cited page, or only its outlet when no page can be linked (`outlet_only`,
    then `url` is empty)."""

    id: str
    title: str
    outlet: str
    url: str
    date: str = ""
    reliability: str = ""
    outlet_only: bool = False

    @property
    def low_reliability(self) -> bool:
        return self.reliability == "low"


@dataclass(frozen=True)
class Launch:
    sources: tuple[str, ...]
    confidence: str
    date: str = ""
    vehicle: dict = field(default_factory=dict)  # {"en": ..., "ru": ...}
    site: dict = field(default_factory=dict)
    note: dict = field(default_factory=dict)
    date_end: str = ""  # the end of an announced window such as 2031-2033

    def date_label(self) -> str:
        """'2031 – 2033' for a window, the date alone otherwise ('' when none)."""
        return f"{self.date} – {self.date_end}" if self.date_end else self.date


@dataclass(frozen=True)
class Module:
    id: str
    kind: str
    category: str
    name: dict
    abbr: dict
    role: dict
    shape: Shape
    figures: dict = field(default_factory=dict)
    launch: Launch | None = None
    note: dict = field(default_factory=dict)

    def label(self, lang: str = "en") -> str:
        return text(self.abbr, lang)

    @property
    def in_totals(self) -> bool:
        """Every module on the station counts in its totals, whoever built it (a
        partner module such as Nauka too); visiting vehicles do not."""
        return self.category != "vehicle"


@dataclass(frozen=True)
class Attach:
    module: str
    to: str | None = None
    port: str | None = None
    own_port: str | None = None
    roll: float = 0.0


@dataclass(frozen=True)
class Phase:
    index: int
    id: str
    name: dict
    sources: tuple[str, ...]
    confidence: str
    date: str = ""
    date_end: str = ""
    note: dict = field(default_factory=dict)
    root: str | None = None
    add: tuple[Attach, ...] = ()
    relocate: tuple[Attach, ...] = ()
    remove: tuple[str, ...] = ()
    crew: Figure | None = None
    published_totals: dict = field(default_factory=dict)

    def date_label(self, lang: str = "en") -> str:
        if not self.date:
            return "дата не объявлена" if lang == "ru" else "date not announced"
        return self.date if not self.date_end else f"{self.date} – {self.date_end}"


@dataclass(frozen=True)
class Plan:
    id: str
    path: str
    title: dict
    date: str
    status: str
    summary: dict
    sources: dict
    plan_sources: tuple[str, ...]
    modules: dict
    phases: tuple[Phase, ...]
    orbit: dict = field(default_factory=dict)
    # only for layout = "interpretation": what in the layout is this file's reading
    interpretation: dict = field(default_factory=dict)
    layout: str = "interpretation"  # documented | interpretation
    axes: dict = field(default_factory=dict)  # how the sources' axes map to the app's
    drawing: dict = field(default_factory=dict)  # what the drawing approximates
    # set once by the loader (models3d.catalogue); excluded from comparisons
    assembled_station: Station | None = field(default=None, compare=False, repr=False)

    @property
    def assembled(self) -> bool:
        return self.assembled_station is not None

    @property
    def station(self) -> Station:
        """The plan assembled (snapshots per phase, changes, docking motions); set once
        by models3d.catalogue.load_plan, the only place that assembles."""
        if self.assembled_station is None:
            raise ValueError(
                f"plan '{self.id}' was not assembled (load it with "
                "models3d.catalogue.load_plan)"
            )
        return self.assembled_station

    @property
    def layout_documented(self) -> bool:
        return self.layout == "documented"

    def phase_index(self, key: str | int) -> int:
        """Phase number (1-based), phase id, 'final' or 'first' -> 0-based index."""
        if isinstance(key, int) or (
            isinstance(key, str)
            and key.isascii()
            and key.lstrip("-").isdigit()
            and len(key) <= 6
        ):
            n = int(key)
            if 1 <= n <= len(self.phases):
                return n - 1
            raise UnknownPhaseError(f"phase {n} is out of range 1–{len(self.phases)}")
        if key == "final":
            return len(self.phases) - 1
        if key == "first":
            return 0
        for ph in self.phases:
            if ph.id == key:
                return ph.index
        ids = ", ".join(p.id for p in self.phases)
        shown = (
            key
            if isinstance(key, str) and len(key) <= 40 and key.isprintable()
            else repr(key)[:40]
        )
        raise UnknownPhaseError(
            f"no phase '{shown}' (phases: {ids}, a number, 'first' or 'final')"
        )


class UnknownPhaseError(UsageError, KeyError):
    """A phase number, id or word that the plan does not have. A KeyError too, for
    callers that look phases up like dictionary keys; str() is the plain message."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def text(table: dict, lang: str = "en") -> str:
    """The text of a {"en": ..., "ru": ...} table in `lang`, else in English."""
    if not table:
        return ""
    return table.get(lang) or table.get("en", "")
