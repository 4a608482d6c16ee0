"""Module kinds: the docking ports and the procedural geometry of each kind of module.

A kind turns a module's drawing `Shape` (metres) into named port frames and into closed
solids tagged by material, at a level of detail ("full" or "interactive"). The kinds
live in one module per family: `base` (the shared records and the `Kind` interface),
`parts` (hull profiles and the dressing every hull gets), `dressing` (MLI panels,
handrails, portholes, hatches), `docking` (docking units, targets, Kurs antennas),
`arrays` (solar wings), `equipment` (thrusters, antennas, radiators, lattices),
`modules` (pressurized modules along one axis), `nodes` (docking nodes and core
modules), `ships` (visiting vehicles), `iss` (truss segments, US-style nodes and berthed
modules). `KINDS` maps each kind's name to its instance.
"""

from __future__ import annotations

from .base import (
    ALL_DIRS,
    AXIAL_DIRS,
    DETAILS,
    DOCK_LEN,
    DOCK_R,
    RADIAL_DIRS,
    Build,
    Detail,
    Kind,
    PortFrame,
    Shape,
    Solid,
)
from .iss import TrussKind, USModuleKind, USNodeKind
from .modules import (
    AirlockKind,
    CylinderKind,
    LabKind,
    PlatformKind,
    PowerKind,
)
from .nodes import CoreKind, NodeKind
from .ships import OrelKind, ProgressKind, SoyuzKind

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        NodeKind(),
        CoreKind(),
        LabKind(),
        CylinderKind(),
        PowerKind(),
        AirlockKind(),
        PlatformKind(),
        SoyuzKind(),
        ProgressKind(),
        OrelKind(),
        TrussKind(),
        USNodeKind(),
        USModuleKind(),
    )
}

_BUILT: dict[tuple, Build] = {}
_SOLIDS: dict[tuple, list[Solid]] = {}


def shape_key(kind: str, shape: Shape) -> tuple:
    extra = tuple(
        sorted(
            (k, tuple(v) if isinstance(v, (list, tuple)) else v)
            for k, v in shape.extra.items()
        )
    )
    return kind, shape.length, shape.diameter, extra


def built(kind: str, shape: Shape, detail: str = "full") -> Build:
    """`KINDS[kind].build(shape, detail)`, built once per distinct kind, shape and
    level of detail."""
    key = (*shape_key(kind, shape), detail)
    found = _BUILT.get(key)
    if found is None:
        found = KINDS[kind].build(shape, detail)
        _BUILT[key] = found
    return found


def hull_solids(kind: str, shape: Shape) -> list[Solid]:
    """The hull solids of the overlap check, without building any mesh."""
    key = shape_key(kind, shape)
    found = _SOLIDS.get(key)
    if found is None:
        found = _SOLIDS[key] = KINDS[kind].solids(shape)
    return found


def clear_built() -> None:
    _BUILT.clear()
    _SOLIDS.clear()


__all__ = [
    "ALL_DIRS",
    "AXIAL_DIRS",
    "DETAILS",
    "DOCK_LEN",
    "DOCK_R",
    "KINDS",
    "RADIAL_DIRS",
    "Build",
    "Detail",
    "Kind",
    "PortFrame",
    "Shape",
    "Solid",
    "built",
    "clear_built",
    "hull_solids",
    "shape_key",
]
