"""Visiting vehicles that dock with their forward end: Soyuz, Progress and Orel.

Each ship is a lathe (its modules one after another) with the forward docking ring
trimmed off and drawn as a docking unit: the SSVP probe on Soyuz and Progress, a hybrid
unit on Orel. Soyuz and Progress carry the active Kurs dish on a boom, attitude thruster
blocks and a main engine bell recessed into the aft end; all three carry rigid wings.
"""

from __future__ import annotations

import math

import numpy as np

from .arrays import solar_wings
from .base import DOCK_R, Kind, make_port
from .docking import docking_unit
from .dressing import lathe_panels, portholes
from .equipment import dish, engines, thruster_blocks, whips
from .parts import axial_solid, lathe_by_material, positive_key


def _front(pts, mats, smooth):
    """The lathe without its docking ring: the front ends in a flat disc."""
    x = pts[-4][0]
    pts = [*pts[:-3], (x, 0.0)]
    mats = [*mats[:-3], "dark"]
    if smooth is not None:
        smooth = [*smooth[:-3], False]
    return pts, mats, smooth


class ShipKind(Kind):
    """Visiting vehicles: docking at their forward end."""

    shape_keys = ("array_span",)
    style = "probe"

    def ports(self, shape):
        return {"fwd": make_port("fwd", (shape.length / 2, 0, 0), (1, 0, 0))}

    def check_shape(self, shape):
        if shape.length < 3.0:
            return [f"shape.length: {shape.length} m is too short for a ship (>= 3 m)"]
        return positive_key(shape, "array_span")

    def profile(self, shape):
        raise NotImplementedError

    def solids(self, shape):
        return [axial_solid(self.profile(shape)[0])]

    def _finish(self, shape, out, x_arrays, r_arrays, panel_segs=()):
        pts, mats, smooth = _front(*self.profile(shape))
        out.add(
            lathe_by_material(pts, mats, smooth=smooth, sections=out.detail.sections)
        )
        lathe_panels(out, panel_segs, along=1.2, around=1.0)
        docking_unit(
            out, self.ports(shape)["fwd"], self.style, base=-0.5, station=False
        )
        span = shape.get("array_span", 0.0)
        if span > 0:
            solar_wings(
                out,
                x_arrays,
                r_arrays,
                span,
                1.4 if self.name != "orel" else 1.8,
                style="rigid",
            )

    @staticmethod
    def _sm_radiators(out, x0, r0, x1, r1):
        """The service module's body-mounted radiator panels (white plates)."""
        lathe_panels(
            out,
            [((x0, r0), (x1, r1))],
            material="radiator",
            along=2.0,
            around=0.9,
            what="radiator_panels",
            flat=True,
        )

    def _propulsion(self, out, h, r_sm):
        """Thruster blocks round the service module and the main engine in the aft."""
        ang = np.radians([45.0, 135.0, 225.0, 315.0])
        x = -h + 0.6
        n = np.stack([np.zeros(4), np.cos(ang), np.sin(ang)], axis=1)
        thruster_blocks(out, n * r_sm + [x, 0, 0], n)
        engines(out, [(-h + 0.33, 0.0, 0.0)], (-1.0, 0.0, 0.0), length=0.3, exit_r=0.22)

    def _kurs(self, out, x, r, h):
        """The active Kurs dish on its boom, looking forward past the docking unit."""
        a = math.radians(30.0)
        x = min(x, h - 0.8)  # the dish and its feed stay behind the port plane
        root = np.array([x, r * math.cos(a), r * math.sin(a)])
        tip = root + np.array([0.5, 0.55 * math.cos(a), 0.55 * math.sin(a)])
        dish(out, root, tip, (1.0, 0.0, 0.0), radius=0.3, material="radiator")
        out.counts["kurs_antennas"] += 1
        whips(out, [(x, -r * 0.8, -r * 0.5)], [(0.6, -1.0, -0.4)], length=0.9)


class SoyuzKind(ShipKind):
    name = "soyuz"
    description = "crew ship: orbital, descent and service modules, two arrays"

    def _geom(self, shape):
        h, r = shape.length / 2, shape.diameter / 2
        L = shape.length
        rom = min(r * 0.82, 1.13)
        x_sm = -h + 0.30 * L  # service module front
        x_dm = x_sm + 0.30 * L  # descent module front
        return h, r, L, rom, x_sm, x_dm

    def profile(self, shape):
        h, r, _, rom, x_sm, x_dm = self._geom(shape)
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
        for a in np.linspace(math.acos(-0.75), math.asin(0.3), 12):
            pts.append((xc + ro * math.cos(a), ro * math.sin(a)))
            mats.append("blanket")
            smooth.append(True)
        pts += [(h - 0.35, 0.3), (h - 0.35, 0.12), (h, 0.05), (h, 0.0)]
        mats += ["dark", "ring", "ring", "ring"]
        smooth += [False] * 4
        return pts, mats, smooth

    def draw(self, shape, out):
        h, r, L, rom, x_sm, x_dm = self._geom(shape)
        segs = [((x_sm + 0.05, rom * 0.98), (x_dm - 0.05, rom * 0.55))]
        self._finish(shape, out, -h + 0.15 * L, r * 0.8, segs)
        self._sm_radiators(out, -h + 0.25, r, x_sm - 0.25, r * 0.8)
        # two descent module windows and one on the orbital module
        t = math.radians(60.0)
        x = x_sm + 0.45 * (x_dm - x_sm)
        rr = rom * (0.98 + 0.45 * (0.55 - 0.98))
        slope = math.atan2(rom * (0.98 - 0.55), x_dm - x_sm - 0.1)
        p, nrm = [], []
        for a in (t, math.pi - t):
            n = np.array(
                [
                    math.sin(slope),
                    math.cos(slope) * math.cos(a),
                    math.cos(slope) * math.sin(a),
                ]
            )
            p.append(np.array([x, rr * math.cos(a), rr * math.sin(a)]) + n * 0.01)
            nrm.append(n)
        ro = rom * 0.95
        xc = x_dm + ro * 0.9
        n = np.array([0.3, 0.0, -0.95])
        n /= np.linalg.norm(n)
        p.append(np.array([xc, 0.0, 0.0]) + n * (ro + 0.01))
        nrm.append(n)
        portholes(out, p, nrm, radius=0.14)
        self._propulsion(out, h, r * 0.8)
        self._kurs(out, xc + 0.2, ro * 0.8, h)


class ProgressKind(ShipKind):
    name = "progress"
    description = "cargo ship: cargo module, tanker section, service module, arrays"

    def _geom(self, shape):
        h, r = shape.length / 2, shape.diameter / 2
        L = shape.length
        rc = min(r * 0.82, 1.13)
        x_sm = -h + 0.30 * L
        x_tk = x_sm + 0.22 * L
        return h, r, L, rc, x_sm, x_tk

    def profile(self, shape):
        h, r, _, rc, x_sm, x_tk = self._geom(shape)
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
        return pts, mats, None

    def draw(self, shape, out):
        h, r, L, rc, x_sm, x_tk = self._geom(shape)
        segs = [
            ((x_tk + 0.3, rc), (h - 1.2, rc)),
            ((h - 1.2, rc), (h - 0.45, rc * 0.45)),
        ]
        self._finish(shape, out, -h + 0.15 * L, r * 0.8, segs)
        self._sm_radiators(out, -h + 0.25, r, x_sm - 0.25, r * 0.8)
        self._propulsion(out, h, r * 0.8)
        self._kurs(out, h - 1.0, rc, h)


class OrelKind(ShipKind):
    name = "orel"
    description = "new crew ship: capsule with a service module and arrays"
    style = "hybrid"

    def profile(self, shape):
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
            "radiator",
            "radiator",
            "dark",
            "dark",
            "hull",
            "hull",
            "ring",
            "ring",
            "ring",
        ]
        return pts, mats, None

    def draw(self, shape, out):
        h, r = shape.length / 2, shape.diameter / 2
        L = shape.length
        x_cap = -h + 0.38 * L
        self._finish(shape, out, -h + 0.2 * L, r * 0.75)
        # two windows on the capsule's cone
        slope = math.atan2(r - r * 0.42, h - 0.9 - x_cap)
        x = x_cap + 0.35 * (h - 0.9 - x_cap)
        rr = r + 0.35 * (r * 0.42 - r)
        p, nrm = [], []
        for a in (math.radians(70.0), math.radians(110.0)):
            n = np.array(
                [
                    math.sin(slope),
                    math.cos(slope) * math.cos(a),
                    math.cos(slope) * math.sin(a),
                ]
            )
            p.append(np.array([x, rr * math.cos(a), rr * math.sin(a)]) + n * 0.01)
            nrm.append(n)
        portholes(out, p, nrm, radius=0.16)
        self._propulsion(out, h, r * 0.75)
