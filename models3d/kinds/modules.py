"""Pressurized modules along one axis: plain cylinders, airlocks, stepped laboratories,
the power module with its truss and arrays, and the open service platform."""

from __future__ import annotations

import numpy as np

from ..primitives import boxes, lathe, matrix, rotation_to
from .base import DOCK_LEN, DOCK_R, RADIAL_DIRS, Kind, make_port
from .parts import (
    axial_solid,
    dock_unit,
    hull_profile,
    lathe_by_material,
    ports_axial,
    positive_key,
    wings,
)


class AxialKind(Kind):
    """A module with a docking port at each end of its axis."""

    def ports(self, shape):
        return ports_axial(shape.length / 2)


class CylinderKind(AxialKind):
    name = "cylinder"
    shape_keys = ("array_span", "array_width", "array_at")
    description = "plain pressurized module with end cones"

    def build(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        pts, mats = hull_profile(half, r)
        parts = lathe_by_material(pts, mats)
        parts += self._arrays(shape, half, r)
        return parts, [axial_solid(pts)]

    def _arrays(self, shape, half, r):
        span = shape.get("array_span", 0.0)
        if span <= 0:
            return []
        at = shape.get("array_at", 0.5)
        x = -half + DOCK_LEN + 0.5 + at * (2 * half - 2 * DOCK_LEN - 1.0)
        return wings(x, r, span, shape.get("array_width", 2.5))

    def check_shape(self, shape):
        out = []
        if shape.length < 2 * DOCK_LEN + 1.0:
            out.append(
                f"shape.length: {shape.length} m is too short for a module with "
                f"two docking units (at least {2 * DOCK_LEN + 1.0} m)"
            )
        if shape.diameter < 2 * DOCK_R + 0.2:
            out.append(
                f"shape.diameter: {shape.diameter} m is narrower than a docking "
                f"unit (at least {2 * DOCK_R + 0.2:.2f} m)"
            )
        at = shape.extra.get("array_at")
        if at is not None and not 0.0 <= at <= 1.0:
            out.append(f"shape.array_at: {at} must lie between 0 and 1")
        return (
            out + positive_key(shape, "array_span") + positive_key(shape, "array_width")
        )


class AirlockKind(CylinderKind):
    name = "airlock"
    shape_keys = ()
    description = "small cylinder with an EVA hatch and handrails"

    def build(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        pts, mats = hull_profile(half, r)
        parts = lathe_by_material(pts, mats)
        # outward EVA hatch on the +Z side near the outer end, gold handrails
        hatch_r = min(0.5, r * 0.45)
        x_h = half * 0.25
        hatch = lathe(
            [
                (-0.1, 0.0),
                (-0.1, hatch_r),
                (0.12, hatch_r),
                (0.12, hatch_r * 0.75),
                (0.16, hatch_r * 0.75),
                (0.16, 0.0),
            ],
            "ring",
            sections=32,
        )
        parts.append(
            hatch.transformed(matrix(rotation_to((0, 0, 1)), (x_h, 0, r - 0.02)))
        )
        rails = []
        for ang in np.linspace(0, 2 * np.pi, 6, endpoint=False):
            y, z = (r + 0.07) * np.cos(ang), (r + 0.07) * np.sin(ang)
            rails.append((0.0, y, z))
        rot = None
        parts.append(boxes(rails, (2 * half * 0.6, 0.05, 0.05), "gold", rot))
        return parts, [axial_solid(pts)]


class LabKind(CylinderKind):
    name = "lab"
    shape_keys = ("fwd_diameter", "side_ports", "array_span", "array_width", "array_at")
    description = "stepped laboratory: narrow forward section, wide aft section"

    def _geom(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        fr = shape.get("fwd_diameter", shape.diameter * 0.67) / 2
        flen = max(1.0, 0.28 * shape.length)
        return half, r, fr, flen

    def ports(self, shape):
        half, _, fr, flen = self._geom(shape)
        ports = ports_axial(half)
        x_side = half - DOCK_LEN - flen * 0.45
        for name in shape.extra.get("side_ports", ()):
            d = np.asarray(RADIAL_DIRS[name])
            ports[name] = make_port(
                name, np.array([x_side, 0, 0]) + d * (fr + DOCK_LEN), d, (1.0, 0.0, 0.0)
            )
        return ports

    def build(self, shape):
        half, r, fr, flen = self._geom(shape)
        pts, mats = hull_profile(half, r, fwd_radius=fr, fwd_len=flen)
        parts = lathe_by_material(pts, mats)
        for name, port in self.ports(shape).items():
            if name in RADIAL_DIRS:
                parts.append(dock_unit(port.position, port.axis))
        parts += self._arrays(shape, half, r)
        return parts, [axial_solid(pts)]

    def check_shape(self, shape):
        out = super().check_shape(shape)
        side = shape.extra.get("side_ports", ())
        if not isinstance(side, (list, tuple)) or any(
            s not in RADIAL_DIRS for s in side
        ):
            out.append(
                f"shape.side_ports: {side!r} must be a list of {', '.join(RADIAL_DIRS)}"
            )
        fd = shape.extra.get("fwd_diameter")
        if fd is not None and not (2 * DOCK_R + 0.2 <= fd <= shape.diameter):
            out.append(
                f"shape.fwd_diameter: {fd} m must lie between "
                f"{2 * DOCK_R + 0.2:.2f} m and the diameter ({shape.diameter} m)"
            )
        return out


class PowerKind(AxialKind):
    name = "power"
    shape_keys = ("pressurized_length", "array_span", "array_width")
    description = "pressurized section plus a truss with two large arrays and radiators"

    def build(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        plen = min(
            shape.get("pressurized_length", 0.45 * shape.length), shape.length - 2.0
        )
        x0 = half - plen  # aft end of the pressurized section
        ph = plen / 2
        pts, mats = hull_profile(ph, r, aft_port=False)
        pts = [(x + x0 + ph, rr) for x, rr in pts]
        parts = lathe_by_material(pts, mats)
        # truss from the pressurized section to the aft end
        t = 1.1
        tlen = x0 - (-half + DOCK_LEN)
        xs = np.linspace(-half + DOCK_LEN, x0, max(3, int(tlen / 1.4)) + 1)
        long = [
            (-half + DOCK_LEN + tlen / 2, sy * t / 2, sz * t / 2)
            for sy in (-1, 1)
            for sz in (-1, 1)
        ]
        parts.append(boxes(long, (tlen, 0.12, 0.12), "frame"))
        ribs = [(x, 0, sz * t / 2) for x in xs for sz in (-1, 1)]
        parts.append(boxes(ribs, (0.1, t, 0.1), "frame"))
        ribs = [(x, sy * t / 2, 0) for x in xs for sy in (-1, 1)]
        parts.append(boxes(ribs, (0.1, 0.1, t), "frame"))
        # aft docking unit on an end plate
        parts.append(
            boxes([(-half + DOCK_LEN + 0.05, 0, 0)], (0.1, t + 0.2, t + 0.2), "frame")
        )
        parts.append(dock_unit((-half, 0, 0), (-1, 0, 0)))
        # two large wings and two radiators along the truss
        span = shape.get("array_span", 0.0)
        if span > 0:
            width = shape.get("array_width", 3.5)
            xw = -half + DOCK_LEN + tlen * 0.55
            parts += wings(xw, t / 2, span, width, cell=0.9)
        rad_len = min(tlen * 0.35, 6.0)
        xr = -half + DOCK_LEN + tlen * 0.2
        parts.append(
            boxes(
                [(xr, 0, t / 2 + 1.6), (xr, 0, -t / 2 - 1.6)],
                (rad_len, 0.06, 3.0),
                "radiator",
            )
        )
        parts.append(
            boxes(
                [(xr, 0, t / 2 + 0.05), (xr, 0, -t / 2 - 0.05)],
                (0.12, 0.12, 0.3),
                "frame",
            )
        )
        # a dish antenna on the pressurized section
        dish = lathe(
            [(0.0, 0.0), (0.0, 0.05), (0.35, 0.6), (0.4, 0.6), (0.4, 0.0)],
            "radiator",
            sections=24,
        )
        parts.append(
            dish.transformed(
                matrix(rotation_to((0, 0, 1)), (x0 + plen * 0.3, 0, r + 0.35))
            )
        )
        parts.append(
            boxes([(x0 + plen * 0.3, 0, r + 0.18)], (0.08, 0.08, 0.36), "dark")
        )
        return parts, [axial_solid(pts)]

    def check_shape(self, shape):
        out = []
        plen = shape.extra.get("pressurized_length")
        if plen is not None and not (2.0 <= plen <= shape.length - 2.0):
            out.append(
                f"shape.pressurized_length: {plen} m must lie between 2 m and the "
                f"length less 2 m ({shape.length - 2.0:g} m)"
            )
        return (
            out + positive_key(shape, "array_span") + positive_key(shape, "array_width")
        )


class PlatformKind(Kind):
    name = "platform"
    shape_keys = ("width",)
    description = "open truss platform with a berthing port and a small manipulator"

    def ports(self, shape):
        return ports_axial(shape.length / 2, fwd=False)

    def build(self, shape):
        half = shape.length / 2
        w = shape.get("width", shape.diameter) / 2
        t = 0.15
        x0, x1 = -half + DOCK_LEN + 0.6, half
        L = x1 - x0
        xm = (x0 + x1) / 2
        corners = [(sy * w, sz * w * 0.35) for sy in (-1, 1) for sz in (-1, 1)]
        parts = [boxes([(xm, y, z) for y, z in corners], (L, t, t), "frame")]
        xs = np.linspace(x0, x1, 6)
        parts.append(
            boxes(
                [(x, 0, sz * w * 0.35) for x in xs for sz in (-1, 1)],
                (t, 2 * w, t),
                "frame",
            )
        )
        parts.append(
            boxes(
                [(x, sy * w, 0) for x in xs for sy in (-1, 1)], (t, t, w * 0.7), "frame"
            )
        )
        # deck plate, gold-foiled equipment boxes, a two-segment arm
        parts.append(boxes([(xm, 0, -w * 0.35)], (L, 2 * w, 0.05), "blanket"))
        parts.append(
            boxes(
                [
                    (x0 + L * 0.25, -w * 0.4, -w * 0.2),
                    (x0 + L * 0.6, w * 0.45, -w * 0.2),
                ],
                (1.2, 1.0, 0.8),
                "gold",
            )
        )
        parts.append(boxes([(x1 - 1.0, 0, 0.4 * w)], (0.3, 0.3, 0.8 * w), "ring"))
        parts.append(boxes([(x1 - 2.2, 0, 0.75 * w)], (2.4, 0.22, 0.22), "ring"))
        # a short tube to the berthing port
        tube = [
            (-half, 0.0),
            (-half, DOCK_R * 0.8),
            (-half + 0.08, DOCK_R * 0.8),
            (-half + 0.08, DOCK_R),
            (x0 + 0.1, DOCK_R),
            (x0 + 0.1, 0.0),
        ]
        parts.append(lathe(tube, "ring", sections=32))
        parts.append(boxes([(x0, 0, 0)], (0.2, 2 * w, 0.7 * w), "frame"))
        return parts, [axial_solid(tube)]

    def check_shape(self, shape):
        if shape.length < 3.0:
            return [
                f"shape.length: {shape.length} m is too short for a platform (>= 3 m)"
            ]
        return positive_key(shape, "width")
