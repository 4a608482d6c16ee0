"""Module kinds: the docking ports and the procedural geometry of each kind of module.

A kind turns a module's drawing `Shape` (metres) into named port frames and into closed
solids tagged by material. The kinds live in one module per family: `base` (the shared
records and the `Kind` interface), `parts` (geometry pieces), `modules` (pressurized
modules along one axis), `nodes` (docking nodes and core modules), `ships` (visiting
vehicles), `iss` (truss segments, US-style nodes and berthed modules). `KINDS` maps each
kind's name to its instance.
"""

from __future__ import annotations

from ..primitives import Part
from .base import (
    ALL_DIRS,
    AXIAL_DIRS,
    DOCK_LEN,
    DOCK_R,
    RADIAL_DIRS,
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

_BUILT: dict[tuple, tuple] = {}


def shape_key(kind: str, shape: Shape) -> tuple:
    extra = tuple(
        sorted(
            (k, tuple(v) if isinstance(v, (list, tuple)) else v)
            for k, v in shape.extra.items()
        )
    )
    return kind, shape.length, shape.diameter, extra


def built(kind: str, shape: Shape) -> tuple[list[Part], list[Solid]]:
    """`KINDS[kind].build(shape)`, built once per distinct kind and shape."""
    key = shape_key(kind, shape)
    found = _BUILT.get(key)
    if found is None:
        found = KINDS[kind].build(shape)
        _BUILT[key] = found
    return found


def clear_built() -> None:
    _BUILT.clear()


__all__ = [
    "ALL_DIRS",
    "AXIAL_DIRS",
    "DOCK_LEN",
    "DOCK_R",
    "KINDS",
    "RADIAL_DIRS",
    "Kind",
    "PortFrame",
    "Shape",
    "Solid",
    "built",
    "clear_built",
    "shape_key",
]
