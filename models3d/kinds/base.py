"""What every module kind shares: the drawing `Shape`, port frames, hull solids for the
overlap check, and the `Kind` interface.

Every kind is built along its own +X axis with +Z up, centred on its length, so `length`
is the distance between its end faces and `diameter` its widest hull section (solar
arrays and antennas excluded). Ports are named by direction: fwd (+X), aft (-X),
zenith (+Z), nadir (-Z), port (+Y) and stbd (-Y).
"""

from __future__ import annotations

import itertools
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

    def build(self, shape: Shape) -> tuple[list[Part], list[Solid]]:
        """Closed parts (all materials) and the hull solids used for overlap checks."""
        raise NotImplementedError

    def check_shape(self, shape: Shape) -> list[str]:
        """Problems with the shape for this kind (key, message)."""
        return []
