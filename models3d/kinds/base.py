"""What every module kind shares: the drawing `Shape`, port frames, hull solids for the
overlap check, the level of detail a mesh is built at (`Detail`), the record a build
fills (`Build`: parts plus a count of each kind of detail drawn) and the `Kind`
interface.

Every kind is built along its own +X axis with +Z up, centred on its length, so `length`
is the distance between its end faces and `diameter` its widest hull section (solar
arrays and antennas excluded). Ports are named by direction: fwd (+X), aft (-X), zenith
(+Z), nadir (-Z), port (+Y) and stbd (-Y).
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from ..primitives import Part

# Docking unit drawn at every port: ring radius and axial length (drawing sizes).
DOCK_R = 0.65
DOCK_LEN = 0.4

RADIAL_DIRS = {
    "zenith": (0.0, 0.0, 1.0),
    "nadir": (0.0, 0.0, -1.0),
    "port": (0.0, 1.0, 0.0),
    "stbd": (0.0, -1.0, 0.0),
}
AXIAL_DIRS = {"fwd": (1.0, 0.0, 0.0), "aft": (-1.0, 0.0, 0.0)}
ALL_DIRS = {**AXIAL_DIRS, **RADIAL_DIRS}


@dataclass(frozen=True)
class Shape:
    """The size a module is drawn at (metres) and whether a source gave it."""

    length: float
    diameter: float
    basis: str = "published"
    note: dict = field(default_factory=dict)  # {"en": ..., "ru": ...}
    extra: dict = field(default_factory=dict)

    def get(self, key: str, default: float) -> float:
        value = self.extra.get(key)
        return float(default if value is None else value)


@dataclass(frozen=True)
class PortFrame:
    """A docking port: its centre, outward axis and an up vector, in module space."""

    name: str
    position: np.ndarray
    axis: np.ndarray
    up: np.ndarray

    def matrix(self) -> np.ndarray:
        """4x4 frame: columns (axis, up x axis, up), the port centre as origin."""
        x = self.axis / np.linalg.norm(self.axis)
        z = self.up - np.dot(self.up, x) * x
        z = z / np.linalg.norm(z)
        y = np.cross(z, x)
        m = np.eye(4)
        m[:3, 0], m[:3, 1], m[:3, 2], m[:3, 3] = x, y, z, self.position
        return m


@dataclass(frozen=True)
class Solid:
    """A closed hull piece of revolution used for the overlap check: profile along +X
    placed with `placement` (4x4) in module space."""

    profile: tuple
    placement: np.ndarray

    @cached_property
    def _envelope(self) -> tuple[np.ndarray, np.ndarray]:
        """The profile's upper radius sampled every 2 cm (vertical steps keep the
        larger radius), for fast look-ups."""
        prof = np.asarray(self.profile)
        xs = np.arange(prof[:, 0].min(), prof[:, 0].max() + 0.02, 0.02)
        r = np.zeros_like(xs)
        for (x0, r0), (x1, r1) in itertools.pairwise(prof):
            if x1 - x0 <= 1e-9:
                continue
            t = (xs - x0) / (x1 - x0)
            seg = (t >= 0) & (t <= 1)
            r = np.where(seg, np.maximum(r, r0 + t * (r1 - r0)), r)
        return xs, r

    def radius_at(self, x: np.ndarray) -> np.ndarray:
        xs, r = self._envelope
        return np.interp(x, xs, r, left=0.0, right=0.0)


@dataclass(frozen=True)
class Detail:
    """How finely a mesh is drawn. "full" is for pictures and the default view;
    "interactive" drops what the eye misses while the camera moves (quilting, fine
    lattice members, fluid lines, nozzle bells) and uses fewer sections around lathes.

    Panel profiles are (samples across the panel in -1..1, height at each sample in
    metres): the rim dips below the hull so the paint shows as a seam."""

    name: str
    sections: int  # around a hull lathe
    small: int  # around small lathes: windows, nozzles, antennas
    quilt: tuple[tuple[float, ...], tuple[float, ...]]  # MLI blanket panels
    plate: tuple[tuple[float, ...], tuple[float, ...]]  # flat shield panels
    panel_len: float  # length of one solar panel strip on blanket arrays, metres
    fine: bool  # draw the fine members (lattice diagonals, fluid lines, hooks)


_PLATE = ((-1.0, -0.94, 0.94, 1.0), (-0.006, 0.012, 0.012, -0.006))

DETAILS: dict[str, Detail] = {
    d.name: d
    for d in (
        Detail(
            "full",
            64,
            16,
            # quilted: three pillows across each panel, stitched between them
            (
                (-1.0, -0.9, -0.55, -0.33, 0.0, 0.33, 0.55, 0.9, 1.0),
                (-0.006, 0.009, 0.015, 0.010, 0.015, 0.010, 0.015, 0.009, -0.006),
            ),
            _PLATE,
            0.9,
            True,
        ),
        Detail(
            "interactive",
            40,
            10,
            ((-1.0, -0.88, 0.88, 1.0), (-0.006, 0.012, 0.012, -0.006)),
            _PLATE,
            2.5,
            False,
        ),
    )
}


@dataclass
class Build:
    """What a kind's build produces: closed parts, hull solids and how many of each
    kind of detail it drew (handrails, windows, petals, ...), for tests and reports."""

    detail: Detail
    parts: list[Part] = field(default_factory=list)
    solids: list = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def add(self, parts, what: str | None = None, count: int = 1) -> None:
        if isinstance(parts, Part):
            parts = [parts]
        self.parts += [p for p in parts if p is not None and len(p.faces)]
        if what:
            self.counts[what] += count


def make_port(name, position, axis, up=(0.0, 0.0, 1.0)) -> PortFrame:
    axis = np.asarray(axis, dtype=np.float64)
    up = np.asarray(up, dtype=np.float64)
    if abs(np.dot(axis, up)) > 0.9:
        up = np.array([1.0, 0.0, 0.0])
    return PortFrame(name, np.asarray(position, dtype=np.float64), axis, up)


class Kind:
    name = ""
    shape_keys: tuple[str, ...] = ()
    description = ""

    def port_names(self, shape: Shape) -> tuple[str, ...]:
        return tuple(self.ports(shape))

    def ports(self, shape: Shape) -> dict[str, PortFrame]:
        raise NotImplementedError

    def build(self, shape: Shape, detail: str = "full") -> Build:
        """Closed parts (all materials), the hull solids used for overlap checks and the
        count of each detail drawn."""
        out = Build(DETAILS[detail])
        self.draw(shape, out)
        out.solids = self.solids(shape)
        return out

    def draw(self, shape: Shape, out: Build) -> None:
        raise NotImplementedError

    def solids(self, shape: Shape) -> list[Solid]:
        """The hull solids of the overlap check (cheap: no mesh is built)."""
        raise NotImplementedError

    def check_shape(self, shape: Shape) -> list[str]:
        """Problems with the shape for this kind (key, message)."""
        return []
