"""Pressurized modules along one axis: plain cylinders, airlocks, stepped laboratories,
the power module with its truss, arrays and radiators, and the open service platform."""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from ..primitives import beams, boxes, lathe
from .arrays import solar_wings
from .base import DOCK_LEN, DOCK_R, RADIAL_DIRS, Kind, make_port
from .docking import docking_unit
from .dressing import eva_hatch, hull_points, ring_handrails
from .equipment import dish, lattice, radiator, thruster_blocks, whips
from .parts import (
    axial_solid,
    deg,
    dress_body,
    end_units,
    hull_profile,
    ports_axial,
    positive_key,
    trim_ports,
)

# handrail lines keep clear of the arrays (0 and 180 degrees: +Y and -Y)
RAIL_ANGLES = deg(55, 125, 235, 305)


class AxialKind(Kind):
    """A module with a docking port at each end of its axis."""

    def ports(self, shape):
        return ports_axial(shape.length / 2)


def _cone(shape) -> float:
    return min(0.9, 0.12 * shape.length)


def end_radius(r: float) -> float:
    """Radius of the end discs `hull_profile` draws for a hull of radius r."""
    return min(r * 0.55, max(DOCK_R + 0.25, r * 0.4))


class CylinderKind(AxialKind):
    name = "cylinder"
    shape_keys: tuple[str, ...] = ("array_span", "array_width", "array_at")
    description = "plain pressurized module with end cones"
    styles: ClassVar[dict[str, str]] = {"fwd": "hybrid", "aft": "hybrid"}

    def solids(self, shape):
        return [axial_solid(hull_profile(shape.length / 2, shape.diameter / 2)[0])]

    def draw(self, shape, out):
        half, r = shape.length / 2, shape.diameter / 2
        pts, mats = hull_profile(half, r)
        pts, mats = trim_ports(pts, mats, fwd=True, aft=True)
        x0 = -half + DOCK_LEN + _cone(shape)
        x1 = half - DOCK_LEN - _cone(shape)
        xa = self._array_x(shape, half)
        keep = [] if xa is None else [(xa, 0.0, 0.45), (xa, math.pi, 0.45)]
        wins = [(x0 + 0.6, math.radians(a), r) for a in (80.0, 100.0)]
        dress_body(
            out,
            pts,
            mats,
            r,
            keepout=keep,
            windows=wins,
            rails=[(x0 + 0.2, x1 - 0.2, r, RAIL_ANGLES)],
        )
        end_units(out, self.ports(shape), self.styles)
        if xa is not None:
            solar_wings(
                out, xa, r, shape.get("array_span", 0.0), shape.get("array_width", 2.5)
            )
        self._antennas(out, half, r, x1)

    def _array_x(self, shape, half):
        if shape.get("array_span", 0.0) <= 0:
            return None
        at = shape.get("array_at", 0.5)
        return -half + DOCK_LEN + 0.5 + at * (2 * half - 2 * DOCK_LEN - 1.0)

    @staticmethod
    def _antennas(out, half, r, x1):
        dish(
            out,
            (x1 - 0.4, 0.0, -r - 0.02),
            (x1 - 0.4, 0.0, -r - 0.75),
            (0.3, 0.0, -1.0),
            radius=0.35,
        )
        whips(
            out,
            [(x1 - 1.0, r * 0.7, r * 0.7), (x1 - 1.0, -r * 0.7, r * 0.7)],
            [(0.0, 0.5, 1.0), (0.0, -0.5, 1.0)],
            length=1.0,
        )

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
    description = "small cylinder with two EVA hatches, handrails all round"

    def draw(self, shape, out):
        half, r = shape.length / 2, shape.diameter / 2
        pts, mats = hull_profile(half, r)
        pts, mats = trim_ports(pts, mats, fwd=True, aft=True)
        x0 = -half + DOCK_LEN + _cone(shape)
        x1 = half - DOCK_LEN - _cone(shape)
        hatch_r = min(0.5, r * 0.4)
        x_h = half * 0.25
        # two outward EVA hatches on opposite sides, as on Pirs and Poisk
        keep = [(x_h, 0.0, hatch_r + 0.2), (x_h, math.pi, hatch_r + 0.2)]
        wins = [(x0 + 0.35, math.radians(90.0), r), (x0 + 0.35, math.radians(270.0), r)]
        dress_body(
            out,
            pts,
            mats,
            r,
            keepout=keep,
            windows=wins,
            rail_material="gold",
            rails=[(x0 + 0.1, x1 - 0.1, r, deg(30, 60, 120, 150, 210, 240, 300, 330))],
        )
        for ang in (0.0, math.pi):
            p, n = hull_points(r, [x_h], [ang])
            eva_hatch(out, p[0], n[0], hatch_r)
        for x in (x0 + 0.05, x1 - 0.05):
            ring_handrails(out, x, r + 0.012, 8, 0.5, "gold", skip=(0.0, math.pi))
        end_units(out, self.ports(shape), self.styles)
        self._antennas(out, half, r, x1)


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

    def solids(self, shape):
        half, r, fr, flen = self._geom(shape)
        return [axial_solid(hull_profile(half, r, fwd_radius=fr, fwd_len=flen)[0])]

    def draw(self, shape, out):
        half, r, fr, flen = self._geom(shape)
        pts, mats = hull_profile(half, r, fwd_radius=fr, fwd_len=flen)
        pts, mats = trim_ports(pts, mats, fwd=True, aft=True)
        ports = self.ports(shape)
        cone = _cone(shape)
        x0 = -half + DOCK_LEN + cone
        x_step = half - DOCK_LEN - cone * 0.6 - flen
        x_front = half - DOCK_LEN - cone * 0.6
        xa = self._array_x(shape, half)
        keep = [
            (p.position[0], math.atan2(p.position[2], p.position[1]), DOCK_R + 0.3)
            for n, p in ports.items()
            if n in RADIAL_DIRS
        ]
        if xa is not None:
            keep += [(xa, 0.0, 0.45), (xa, math.pi, 0.45)]
        wins = [(x_front - 0.5, math.radians(a), fr) for a in (70.0, 110.0)]
        wins += [(x_step - 1.6, math.radians(a), r) for a in (75.0, 105.0)]
        dress_body(
            out,
            pts,
            mats,
            r,
            keepout=keep,
            windows=wins,
            rails=[
                (x0 + 0.2, x_step - cone * 0.8 - 0.2, r, RAIL_ANGLES),
                (x_step + 0.2, x_front - 0.2, fr, RAIL_ANGLES),
            ],
        )
        for name, port in ports.items():
            if name in RADIAL_DIRS:
                docking_unit(out, port, "hybrid", base=-DOCK_LEN - 0.2)
        end_units(out, ports, self.styles)
        if xa is not None:
            solar_wings(
                out, xa, r, shape.get("array_span", 0.0), shape.get("array_width", 2.5)
            )
        # attitude thrusters on the aft cone, a deployable radiator under the wide
        # section (as Nauka's), a dish and whips forward
        ang = np.radians([45.0, 135.0, 225.0, 315.0])
        p, n = hull_points((end_radius(r) + r) / 2, np.full(4, x0 - cone * 0.5), ang)
        thruster_blocks(out, p + n * 0.02, n)
        xr = x0 + 0.25 * (x_step - x0)
        radiator(
            out,
            (xr, 0.0, -r - 0.05),
            (0.0, -0.35, -1.0),
            (0.0, 1.0, 0.0),
            2.2,
            min(2.0, 0.3 * (x_step - x0)),
            panels=2,
        )
        self._antennas(out, half, fr, x_front - 0.2)


class PowerKind(AxialKind):
    name = "power"
    shape_keys = ("pressurized_length", "array_span", "array_width")
    description = (
        "pressurized section plus a lattice truss with two large arrays on "
        "gimbals and radiators"
    )
    styles: ClassVar[dict[str, str]] = {"fwd": "hybrid", "aft": "drogue"}

    def _geom(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        plen = min(
            shape.get("pressurized_length", 0.45 * shape.length), shape.length - 2.0
        )
        return half, r, plen, half - plen  # x0: aft end of the pressurized section

    def _profile(self, shape):
        _, r, plen, x0 = self._geom(shape)
        ph = plen / 2
        pts, mats = hull_profile(ph, r, aft_port=False)
        return [(x + x0 + ph, rr) for x, rr in pts], mats

    def solids(self, shape):
        return [axial_solid(self._profile(shape)[0])]

    def draw(self, shape, out):
        half, r, plen, x0 = self._geom(shape)
        pts, mats = self._profile(shape)
        pts, mats = trim_ports(pts, mats, fwd=True, aft=False)
        cone = min(0.9, 0.12 * plen)
        xs0, xs1 = x0 + cone, half - DOCK_LEN - cone
        dress_body(
            out,
            pts,
            mats,
            r,
            windows=[(xs1 - 0.8, math.radians(a), r) for a in (80.0, 100.0)],
            rails=[(xs0 + 0.2, xs1 - 0.2, r, RAIL_ANGLES)],
        )
        ports = self.ports(shape)
        # lattice truss from the pressurized section to the aft end plate
        t = 1.1
        xa = -half + DOCK_LEN
        tlen = x0 - xa
        lattice(out, xa, x0 + 0.1, t / 2, t / 2, max(3, int(tlen / 1.4)), 0.12)
        out.add(boxes([(xa + 0.05, 0, 0)], (0.1, t + 0.2, t + 0.2), "frame"))
        docking_unit(out, ports["aft"], self.styles["aft"])
        docking_unit(out, ports["fwd"], self.styles["fwd"])
        # equipment in foil between the longerons, thruster blocks on the end plate
        out.add(
            boxes(
                [(xa + tlen * 0.35, 0, 0), (xa + tlen * 0.8, 0, 0)],
                (1.2, t * 0.7, t * 0.7),
                "gold",
            )
        )
        out.add(boxes([(xa + tlen * 0.6, 0, 0)], (0.9, t * 0.6, t * 0.6), "silver"))
        c = t / 2 + 0.1
        pos = np.array(
            [(xa + 0.12, sy * c, sz * c) for sy in (-1, 1) for sz in (-1, 1)]
        )
        thruster_blocks(out, pos, pos * [0, 1, 1], axis=(-1.0, 0.0, 0.0))
        span = shape.get("array_span", 0.0)
        if span > 0:
            solar_wings(
                out,
                xa + tlen * 0.55,
                t / 2,
                span,
                shape.get("array_width", 3.5),
                mast_gap=0.12,
            )
        rad_len = min(tlen * 0.35, 6.0)
        xr = xa + tlen * 0.2
        for sz in (1.0, -1.0):
            radiator(
                out,
                (xr, 0.0, sz * (t / 2 + 0.15)),
                (0.0, 0.0, sz),
                (0.0, 1.0, 0.0),
                3.1,
                rad_len,
                panels=3,
                lines=6,
            )
        # two dishes: one on the pressurized section, one on the truss
        dish(
            out,
            (x0 + plen * 0.3, 0, r),
            (x0 + plen * 0.3, 0, r + 0.55),
            (0.0, 0.0, 1.0),
            radius=0.6,
        )
        dish(
            out,
            (xa + tlen * 0.9, 0, -t / 2),
            (xa + tlen * 0.9, 0, -t / 2 - 1.0),
            (0.0, 0.3, -1.0),
            radius=0.45,
        )

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

    def _tube(self, shape):
        half = shape.length / 2
        x0 = -half + DOCK_LEN + 0.6
        return [
            (-half, 0.0),
            (-half, DOCK_R * 0.8),
            (-half + 0.08, DOCK_R * 0.8),
            (-half + 0.08, DOCK_R),
            (x0 + 0.1, DOCK_R),
            (x0 + 0.1, 0.0),
        ]

    def solids(self, shape):
        return [axial_solid(self._tube(shape))]

    def draw(self, shape, out):
        half = shape.length / 2
        w = shape.get("width", shape.diameter) / 2
        x0, x1 = -half + DOCK_LEN + 0.6, half
        L = x1 - x0
        xm = (x0 + x1) / 2
        lattice(out, x0, x1, w, w * 0.35, 5, 0.15)
        # deck plate, gold-foiled equipment boxes, a two-segment arm on a base
        out.add(boxes([(xm, 0, -w * 0.35 + 0.1)], (L, 2 * w, 0.05), "blanket"))
        out.add(
            boxes(
                [
                    (x0 + L * 0.25, -w * 0.4, -w * 0.2),
                    (x0 + L * 0.6, w * 0.45, -w * 0.2),
                ],
                (1.2, 1.0, 0.8),
                "gold",
            )
        )
        out.add(boxes([(x0 + L * 0.42, w * 0.2, -w * 0.2)], (0.8, 0.8, 0.6), "silver"))
        out.add(
            beams(
                [(x1 - 1.0, 0, w * 0.3), (x1 - 1.0, 0, w * 0.7)],
                [(x1 - 1.0, 0, w * 0.7), (x1 - 3.4, 0, w * 0.75)],
                0.22,
                "metal",
            )
        )
        xb = -half + DOCK_LEN - 0.1
        tube = [
            (xb, 0.0),
            (xb, DOCK_R * 0.9),
            (x0 + 0.1, DOCK_R * 0.9),
            (x0 + 0.1, 0.0),
        ]
        out.add(lathe(tube, "frame", sections=out.detail.small * 2))
        docking_unit(out, self.ports(shape)["aft"], "hybrid")
        out.add(boxes([(x0, 0, 0)], (0.2, 2 * w, 0.7 * w), "frame"))

    def check_shape(self, shape):
        if shape.length < 3.0:
            return [
                f"shape.length: {shape.length} m is too short for a platform (>= 3 m)"
            ]
        return positive_key(shape, "width")
