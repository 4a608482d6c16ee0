"""Docking units and what stands around them: the collar of each port in one of four
styles, docking targets and Kurs rendezvous antennas.

Styles (after the published descriptions of the Russian SSVP, the hybrid SSVP-M and
APAS-type units and the US common berthing mechanism; sizes are drawing sizes):
- "drogue": passive SSVP: a collar whose face holds the receiving cone, eight hooks;
- "probe": active SSVP on ships: a recessed collar with the probe rod and its head;
- "hybrid": SSVP-M/APAS-type structural ring with three guide petals, a hatch cover;
- "cbm": common berthing mechanism: a ring with four alignment guides.

Everything is built in the port frame (x: the outward axis with the port plane at 0, z:
the port's up) and nothing passes the port plane, so module lengths stay as planned and
two mated units meet at the plane. The collar is always one closed solid of material
"ring" (a test counts one per port); petals, hooks and probes are "metal". Petal angles
are chosen so that the petals of two mated units interleave instead of colliding.
"""

from __future__ import annotations

import math

import numpy as np

from ..primitives import Part, beams, hexahedra, instances, lathe, matrix
from .base import DOCK_LEN, DOCK_R, Build, PortFrame

_R = DOCK_R
# petal angles (from the port's +Y towards +Z): a mated unit sees them at 180 - angle,
# so these sets interleave with themselves
_PETALS = {"hybrid": (0.0, 120.0, 240.0), "cbm": (22.5, 112.5, 202.5, 292.5)}
_FACE = {"drogue": 0.0, "probe": -0.22, "hybrid": -0.24, "cbm": -0.2}
STYLES = tuple(_FACE)
_X = np.array([1.0, 0.0, 0.0])


def _collar(style: str, base: float) -> list[tuple[float, float]]:
    face = _FACE[style]
    pts = [
        (base, 0.0),
        (base, 0.85 * _R),
        (-DOCK_LEN, 0.85 * _R),
        (-DOCK_LEN, _R),
        (face - 0.06, _R),
        (face - 0.03, 0.93 * _R),
        (face, 0.93 * _R),
    ]
    if style == "drogue":
        # the receiving cone, sunk into the face
        pts += [(face, 0.62 * _R), (face - 0.3, 0.09), (face - 0.3, 0.0)]
    elif style == "probe":
        pts += [(face, 0.3 * _R), (face - 0.05, 0.3 * _R), (face - 0.05, 0.0)]
    else:
        # a raised hatch cover in the middle of the ring
        pts += [(face, 0.58 * _R), (face + 0.035, 0.55 * _R), (face + 0.035, 0.0)]
    return pts


def _petals(style: str) -> np.ndarray:
    """Corners (N, 8, 3) of the guide petals: trapezoids leaning in towards the axis."""
    face = _FACE[style]
    out = []
    for deg in _PETALS[style]:
        a = math.radians(deg)
        er = np.array([0.0, math.cos(a), math.sin(a)])
        et = np.array([0.0, math.sin(a), -math.cos(a)])  # x cross et = er
        corners = []
        for zs in (-1, 1):
            base = [(face - 0.02, 0.8 * _R, 0.17), (-0.005, 0.6 * _R, 0.06)]
            quad = []
            for (x, r, hw), ys in (
                (base[0], -1),
                (base[1], -1),
                (base[1], 1),
                (base[0], 1),
            ):
                quad.append(np.array([x, 0, 0]) + (r + zs * 0.015) * er + ys * hw * et)
            corners += quad
        out.append(corners)
    return np.asarray(out)


def docking_unit(
    out: Build, port: PortFrame, style: str, base: float = -0.55, station: bool = True
) -> None:
    """The docking unit at `port`: its collar reaching from `base` (inside the hull,
    port frame) to the port plane, the style's petals, probe or hooks, and on station
    modules (`station`) a docking target and two Kurs antennas beside it."""
    m = port.matrix()
    sections = max(24, out.detail.sections // 2)
    collar = lathe(_collar(style, base), "ring", sections=sections)
    out.add(collar.transformed(m), "docking_units")
    parts: list[Part] = []
    face = _FACE[style]
    if style in _PETALS:
        parts.append(hexahedra(_petals(style), "metal"))
        out.counts["petals"] += len(_PETALS[style])
    if style == "probe":
        rod = lathe(
            [
                (face - 0.06, 0.0),
                (face - 0.06, 0.16),
                (face + 0.03, 0.16),
                (face + 0.05, 0.05),
                (-0.06, 0.035),
                (-0.045, 0.06),
                (-0.02, 0.06),
                (-0.005, 0.03),
                (-0.005, 0.0),
            ],
            "metal",
            sections=out.detail.small,
        )
        parts.append(rod)
        out.counts["probes"] += 1
    if style == "drogue":
        out.counts["drogues"] += 1
    if out.detail.fine and style in ("drogue", "hybrid"):
        # eight hooks of the structural joint around the collar
        ang = np.radians(np.arange(8) * 45.0 + 22.5)
        rad = np.stack([np.zeros(8), np.cos(ang), np.sin(ang)], axis=1)
        x = np.array([face - 0.12, 0.0, 0.0])
        parts.append(beams(x + rad * (_R - 0.03), x + rad * (_R + 0.05), 0.07, "metal"))
    if station:
        parts += _target_and_kurs(out)
    for p in parts:
        out.add(p.transformed(m))


def _target_and_kurs(out: Build) -> list[Part]:
    """A docking target (black disc, white cross, a rod with a small cross at its tip)
    on a bracket up and to the side of the collar, and two passive Kurs antennas on
    short booms on either side."""
    parts = []
    a = math.radians(60.0)
    er = np.array([0.0, math.cos(a), math.sin(a)])
    centre = np.array([-0.32, 0.0, 0.0]) + er * (_R + 0.3)
    disc = lathe(
        [(-0.01, 0.0), (-0.01, 0.17), (0.015, 0.17), (0.015, 0.0)],
        "dark",
        sections=out.detail.small + 4,
    )
    parts.append(disc.transformed(matrix(None, centre)))
    up = np.array([0.0, -math.sin(a), math.cos(a)])
    cross = [
        (centre + up * 0.14 + _X * 0.02, centre - up * 0.14 + _X * 0.02),
        (centre + er * 0.14 + _X * 0.02, centre - er * 0.14 + _X * 0.02),
        (centre, centre + _X * 0.28),
    ]
    tip = centre + _X * 0.28
    cross += [(tip + up * 0.05, tip - up * 0.05), (tip + er * 0.05, tip - er * 0.05)]
    c = np.asarray(cross)
    parts.append(beams(c[:, 0], c[:, 1], 0.02, "radiator"))
    parts.append(
        beams([er * (_R - 0.05) - _X * 0.34], [centre - _X * 0.02], 0.05, "metal")
    )
    out.counts["targets"] += 1
    # Kurs antennas: a boom out from the flange and a short cylindrical head
    head = lathe(
        [(0.0, 0.0), (0.0, 0.06), (0.12, 0.06), (0.16, 0.03), (0.16, 0.0)],
        "radiator",
        sections=out.detail.small,
    )
    mats = []
    booms = []
    for deg in (200.0, 340.0):
        b = math.radians(deg)
        e = np.array([0.0, math.cos(b), math.sin(b)])
        root = np.array([-DOCK_LEN + 0.06, 0.0, 0.0]) + e * (_R - 0.05)
        tip = root + e * 0.45
        booms.append((root, tip))
        mats.append(matrix(None, tip + _X * 0.02))
    ends = np.asarray(booms)
    parts.append(beams(ends[:, 0], ends[:, 1], 0.04, "metal"))
    parts.append(instances(head, mats))
    out.counts["kurs_antennas"] += 2
    return parts
