"""Visiting vehicles that dock with their forward end: Soyuz, Progress and Orel."""

from __future__ import annotations

import math

import numpy as np

from .base import DOCK_R, Kind, make_port
from .parts import axial_solid, lathe_by_material, positive_key, wings


class ShipKind(Kind):
    """Visiting vehicles: docking at their forward end."""

    shape_keys = ("array_span",)

    def ports(self, shape):
        return {"fwd": make_port("fwd", (shape.length / 2, 0, 0), (1, 0, 0))}

    def check_shape(self, shape):
        if shape.length < 3.0:
            return [f"shape.length: {shape.length} m is too short for a ship (>= 3 m)"]
        return positive_key(shape, "array_span")

    def _finish(self, shape, pts, mats, smooth, x_arrays, r_arrays, width=1.4):
        parts = lathe_by_material(pts, mats, smooth=smooth, sections=40)
        span = shape.get("array_span", 0.0)
        if span > 0:
            parts += wings(x_arrays, r_arrays, span, width, cell=0.6)
        return parts, [axial_solid(pts)]


class SoyuzKind(ShipKind):
    name = "soyuz"
    description = "crew ship: orbital, descent and service modules, two arrays"

    def build(self, shape):
        h, r = shape.length / 2, shape.diameter / 2
        L = shape.length
        rom = min(r * 0.82, 1.13)
        x_sm = -h + 0.30 * L  # service module front
        x_dm = x_sm + 0.30 * L  # descent module front
        ro = rom * 0.95
        pts = [
            (-h, 0.0),
            (-h, r * 0.55),
            (-h + 0.25, r),
            (x_sm - 0.25, r * 0.8),
            (x_sm, r * 0.8),
            (x_sm, rom * 0.95),
            (x_sm + 0.05, rom * 0.98),
            (x_dm - 0.05, rom * 0.55),
            (x_dm, rom * 0.55),
        ]
        mats = [
            "dark",
            "blanket",
            "blanket",
            "blanket",
            "dark",
            "blanket",
            "blanket",
            "dark",
        ]
        smooth = [False] * len(pts)
        # orbital module: a near-sphere
        xc = x_dm + ro * 0.9
        for a in np.linspace(math.acos(-0.75), math.asin(0.3), 10):
            pts.append((xc + ro * math.cos(a), ro * math.sin(a)))
            mats.append("blanket")
            smooth.append(True)
        pts += [(h - 0.35, 0.3), (h - 0.35, 0.12), (h, 0.05), (h, 0.0)]
        mats += ["dark", "ring", "ring", "ring"]
        smooth += [False] * 4
        return self._finish(shape, pts, mats, smooth, -h + 0.15 * L, r * 0.8)


class ProgressKind(ShipKind):
    name = "progress"
    description = "cargo ship: cargo module, tanker section, service module, arrays"

    def build(self, shape):
        h, r = shape.length / 2, shape.diameter / 2
        L = shape.length
        rc = min(r * 0.82, 1.13)
        x_sm = -h + 0.30 * L
        x_tk = x_sm + 0.22 * L
        pts = [
            (-h, 0.0),
            (-h, r * 0.55),
            (-h + 0.25, r),
            (x_sm - 0.25, r * 0.8),
            (x_sm, r * 0.8),
            (x_sm, rc * 0.8),
            (x_tk, rc * 0.8),
            (x_tk + 0.3, rc),
            (h - 1.2, rc),
            (h - 0.45, rc * 0.45),
            (h - 0.35, 0.3),
            (h - 0.35, 0.12),
            (h, 0.05),
            (h, 0.0),
        ]
        mats = [
            "dark",
            "blanket",
            "blanket",
            "blanket",
            "dark",
            "gold",
            "blanket",
            "blanket",
            "blanket",
            "dark",
            "ring",
            "ring",
            "ring",
        ]
        return self._finish(shape, pts, mats, None, -h + 0.15 * L, r * 0.8)


class OrelKind(ShipKind):
    name = "orel"
    description = "new crew ship: capsule with a service module and arrays"

    def build(self, shape):
        h, r = shape.length / 2, shape.diameter / 2
        L = shape.length
        x_cap = -h + 0.38 * L  # capsule heat shield plane
        pts = [
            (-h, 0.0),
            (-h, r * 0.6),
            (-h + 0.3, r * 0.75),
            (x_cap - 0.2, r * 0.75),
            (x_cap - 0.2, r * 0.95),
            (x_cap, r),
            (h - 0.9, r * 0.42),
            (h - 0.5, 0.45),
            (h - 0.5, DOCK_R * 0.8),
            (h, DOCK_R * 0.8),
            (h, 0.0),
        ]
        mats = [
            "dark",
            "blanket",
            "blanket",
            "dark",
            "dark",
            "hull",
            "hull",
            "ring",
            "ring",
            "ring",
        ]
        return self._finish(shape, pts, mats, None, -h + 0.2 * L, r * 0.75, width=1.8)
