"""ISS-style kinds: integrated truss segments with solar array wings and radiators,
the cylindrical US-style nodes, and plain berthed modules (labs, logistics modules,
airlocks, the cupola) with common berthing mechanisms at their ends and on their sides.

The truss is drawn as an open box lattice with battens and alternating diagonals (after
NASA's photographs of the integrated truss), white equipment boxes between the
longerons, the solar array wings as two blankets either side of a lattice mast with the
blanket boxes at the root, and the radiators as narrow panel ladders with their fluid
lines. US modules wear micrometeoroid shield panels and gold handrails.
"""

from __future__ import annotations

import math

import numpy as np

from ..primitives import beams, boxes, lathe, matrix
from .arrays import solar_wings
from .base import ALL_DIRS, AXIAL_DIRS, DOCK_LEN, DOCK_R, RADIAL_DIRS, Kind, make_port
from .docking import docking_unit
from .dressing import portholes
from .equipment import lattice, radiator
from .parts import axial_solid, deg, dress_body, hull_profile, trim_ports

_MIN_DIAMETER = 2 * DOCK_R + 0.2
US_RAILS = deg(35, 90, 145, 215, 270, 325)


def _names(shape, key: str, default) -> list[str]:
    names = shape.extra.get(key)
    return list(default if names is None else names)


def _check_names(shape, key: str, allowed) -> list[str]:
    names = shape.extra.get(key)
    if names is None:
        return []
    if not isinstance(names, (list, tuple)) or any(n not in allowed for n in names):
        return [f"shape.{key}: {names!r} must be a list of {', '.join(allowed)}"]
    return []


def _radial_port(name: str, x: float, reach: float, up=(1.0, 0.0, 0.0)):
    d = np.asarray(RADIAL_DIRS[name])
    return make_port(name, np.array([x, 0.0, 0.0]) + d * reach, d, up)


# Up vectors that keep what docks to a port level with the station without a roll: a
# module berthed on a node's side port keeps its zenith up; a truss mounted on top of a
# module runs across it (its own +Y along the module's axis).
_LEVEL_UP = {
    "port": (0.0, 0.0, 1.0),
    "stbd": (0.0, 0.0, 1.0),
    "zenith": (1.0, 0.0, 0.0),
    "nadir": (1.0, 0.0, 0.0),
}
_ACROSS_UP = {
    "port": (0.0, 0.0, 1.0),
    "stbd": (0.0, 0.0, 1.0),
    "zenith": (0.0, 1.0, 0.0),
    "nadir": (0.0, 1.0, 0.0),
}


class TrussKind(Kind):
    """A segment of an open box truss along +X: end ports join the next segments, side
    ports mount it on a module; optional solar array wings (two, along ±Y) and a
    radiator (along -Z)."""

    name = "truss"
    shape_keys = (
        "end_ports",
        "side_ports",
        "array_span",
        "array_width",
        "radiator_span",
    )
    description = "integrated truss segment with optional array wings and a radiator"

    def ports(self, shape):
        half, w = shape.length / 2, shape.diameter / 2
        out = {}
        for name in _names(shape, "end_ports", AXIAL_DIRS):
            d = AXIAL_DIRS[name]
            out[name] = make_port(name, (d[0] * half, 0.0, 0.0), d)
        for name in _names(shape, "side_ports", ()):
            out[name] = _radial_port(name, 0.0, w + DOCK_LEN, _ACROSS_UP[name])
        return out

    def solids(self, shape):
        # the cylinder inscribed in the box
        half, r = shape.length / 2, shape.diameter / 2 * 0.95
        return [axial_solid([(-half, 0.0), (-half, r), (half, r), (half, 0.0)])]

    def draw(self, shape, out):
        half, w = shape.length / 2, shape.diameter / 2
        bar = max(0.12, 0.035 * shape.diameter)
        inner = half - 0.1
        # the longerons end inside the bulkheads (no corner may coincide with theirs)
        lattice(
            out,
            -inner - 0.03,
            inner + 0.03,
            w,
            w,
            max(2, round(shape.length / 2.3)),
            bar,
        )
        # bulkhead frames at the segment joints (open, as on the real segments)
        fc, fs = [], []
        for sx in (-1, 1):
            x = sx * (half - 0.05)
            for sz in (-1, 1):
                fc.append((x, 0.0, sz * (w - bar / 2)))
                fs.append((0.1, 2 * w, bar))
                fc.append((x, sz * (w - bar / 2), 0.0))
                fs.append((0.1, bar, 2 * w - bar))
        out.add(boxes(fc, fs, "hull"))
        # equipment between the longerons: a white MLI-covered box along the middle,
        # foil-covered orbital replacement units beside it
        out.add(
            boxes([(0.0, 0.0, 0.0)], (2 * inner * 0.8, w * 0.6, w * 0.6), "blanket")
        )
        n_oru = max(2, int(inner / 1.6))
        xs = np.linspace(-inner * 0.7, inner * 0.7, n_oru)
        oru = [
            (x, sy * w * 0.55, sz * w * 0.45)
            for x in xs
            for sy, sz in ((1, 1), (-1, -1))
        ]
        out.add(
            boxes(oru, (min(1.0, 1.2 * inner / n_oru), w * 0.35, w * 0.3), "silver"),
            "equipment_boxes",
            len(oru),
        )
        for name, port in self.ports(shape).items():
            if name in RADIAL_DIRS:
                self._mount(out, port)
        span = shape.get("array_span", 0.0)
        if span > 0:
            solar_wings(
                out,
                0.0,
                w,
                span,
                shape.get("array_width", 11.0),
                style="blanket",
                mast_gap=1.0,
            )
        rad = shape.get("radiator_span", 0.0)
        if rad > 0:
            radiator(
                out,
                (0.0, 0.0, -w - 0.35),
                (0.0, 0.0, -1.0),
                (0.0, 1.0, 0.0),
                rad - 0.35,
                min(3.2, 2 * inner * 0.8),
                panels=max(2, round(rad / 1.5)),
                lines=6,
            )
            out.add(boxes([(0.0, 0.0, -w - 0.2)], (0.5, 0.5, 0.45), "frame"))

    @staticmethod
    def _mount(out, port) -> None:
        """Four struts from the truss to a small plate at the port plane (S0 stands
        on Destiny on four such struts)."""
        m = port.matrix()
        base, tip = [], []
        for sy in (-1, 1):
            for sz in (-1, 1):
                base.append((-DOCK_LEN - 0.05, sy * 0.7, sz * 0.7))
                tip.append((-0.06, sy * 0.35, sz * 0.35))
        local = beams(base, tip, 0.1, "frame")
        plate = boxes([(-0.05, 0.0, 0.0)], (0.1, 1.0, 1.0), "metal")
        out.add(local.transformed(m), "mounts")
        out.add(plate.transformed(m))

    def check_shape(self, shape):
        out = _check_names(shape, "end_ports", AXIAL_DIRS)
        out += _check_names(shape, "side_ports", RADIAL_DIRS)
        if shape.length < 1.5:
            out.append(
                f"shape.length: {shape.length} m is too short for a truss "
                "segment (>= 1.5 m)"
            )
        if shape.diameter < _MIN_DIAMETER:
            out.append(
                f"shape.diameter: {shape.diameter} m is narrower than a docking "
                f"unit (at least {_MIN_DIAMETER:.2f} m)"
            )
        aw = shape.extra.get("array_width")
        if aw is not None and aw > shape.length:
            out.append(f"shape.array_width: {aw} m is wider than the segment is long")
        return out


def _us_body(out, shape, half, r, fwd, aft, cone, ports, keep_extra=()) -> None:
    """A US-style hull: shield panels, gold handrails, a common berthing mechanism at
    every port."""
    pts, mats = hull_profile(half, r, fwd_port=fwd, aft_port=aft, cone=cone)
    pts, mats = trim_ports(pts, mats, fwd=fwd, aft=aft)
    keep = [
        (p.position[0], math.atan2(p.position[2], p.position[1]), DOCK_R + 0.35)
        for n, p in ports.items()
        if n in RADIAL_DIRS
    ]
    x0 = -half + (DOCK_LEN if aft else 0.0) + cone
    x1 = half - (DOCK_LEN if fwd else 0.0) - cone
    angles = tuple(
        a
        for a in US_RAILS
        if all(abs((a - k[1] + math.pi) % (2 * math.pi) - math.pi) > 0.5 for k in keep)
    )
    dress_body(
        out,
        pts,
        mats,
        r,
        keepout=[*keep, *keep_extra],
        rail_material="gold",
        rails=[(x0 + 0.15, x1 - 0.15, r, angles)],
        panels="mmod_shields",
    )
    for port in ports.values():
        docking_unit(out, port, "cbm", base=-DOCK_LEN - 0.25, station=False)


class USNodeKind(Kind):
    """A cylindrical connecting node with berthing ports at both ends and four around
    its middle (a subset with `node_ports`)."""

    name = "us_node"
    shape_keys = ("node_ports",)
    description = "cylindrical node with up to six berthing ports"

    def _names(self, shape):
        return _names(shape, "node_ports", ALL_DIRS)

    def ports(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        names = self._names(shape)
        out = {}
        for name in ALL_DIRS:
            if name not in names:
                continue
            if name in AXIAL_DIRS:
                d = AXIAL_DIRS[name]
                out[name] = make_port(name, (d[0] * half, 0.0, 0.0), d)
            else:
                out[name] = _radial_port(name, 0.0, r + DOCK_LEN, _LEVEL_UP[name])
        return out

    def _profile(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        names = self._names(shape)
        return hull_profile(
            half,
            r,
            fwd_port="fwd" in names,
            aft_port="aft" in names,
            cone=min(0.5, 0.1 * half * 2),
        )

    def solids(self, shape):
        return [axial_solid(self._profile(shape)[0])]

    def draw(self, shape, out):
        half, r = shape.length / 2, shape.diameter / 2
        names = self._names(shape)
        _us_body(
            out,
            shape,
            half,
            r,
            "fwd" in names,
            "aft" in names,
            min(0.5, 0.1 * half * 2),
            self.ports(shape),
        )

    def check_shape(self, shape):
        out = _check_names(shape, "node_ports", ALL_DIRS)
        if shape.length < 2 * DOCK_LEN + 2 * DOCK_R + 0.4:
            out.append(
                f"shape.length: {shape.length} m is too short for a node with "
                "side ports"
            )
        if shape.diameter < _MIN_DIAMETER:
            out.append(
                f"shape.diameter: {shape.diameter} m is narrower than a docking "
                f"unit (at least {_MIN_DIAMETER:.2f} m)"
            )
        return out


class USModuleKind(Kind):
    """A plain berthed module: a cylinder with ports at one or both ends (`end_ports`)
    and optional side ports at a fraction `side_at` of its length from the aft end. A
    module shorter than 2.5 m with a closed forward end is drawn as a cupola."""

    name = "us_module"
    shape_keys = ("end_ports", "side_ports", "side_at")
    description = "plain berthed module with end and side berthing ports"

    def ports(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        out = {}
        for name in _names(shape, "end_ports", AXIAL_DIRS):
            d = AXIAL_DIRS[name]
            out[name] = make_port(name, (d[0] * half, 0.0, 0.0), d)
        x = -half + shape.get("side_at", 0.5) * shape.length
        for name in _names(shape, "side_ports", ()):
            out[name] = _radial_port(name, x, r + DOCK_LEN, _LEVEL_UP[name])
        return out

    def _profile(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        ends = _names(shape, "end_ports", AXIAL_DIRS)
        cone = min(0.6, 0.1 * shape.length)
        return hull_profile(
            half, r, fwd_port="fwd" in ends, aft_port="aft" in ends, cone=cone
        )

    def solids(self, shape):
        return [axial_solid(self._profile(shape)[0])]

    def draw(self, shape, out):
        half, r = shape.length / 2, shape.diameter / 2
        ends = _names(shape, "end_ports", AXIAL_DIRS)
        cone = min(0.6, 0.1 * shape.length)
        _us_body(
            out, shape, half, r, "fwd" in ends, "aft" in ends, cone, self.ports(shape)
        )
        if "fwd" in ends:
            return
        end_r = min(r * 0.55, max(DOCK_R + 0.25, r * 0.4))
        if shape.length < 2.5:
            # a cupola: a large top window and six around the forward cone
            portholes(
                out,
                [(half - 0.05, 0.0, 0.0)],
                [(1.0, 0.0, 0.0)],
                radius=min(0.4, end_r * 0.7),
            )
            ang = np.radians(np.arange(6) * 60.0 + 30.0)
            slope = math.atan2(r - end_r, cone)
            rr = (r + end_r) / 2
            n = np.stack(
                [
                    np.full(6, math.sin(slope)),
                    math.cos(slope) * np.cos(ang),
                    math.cos(slope) * np.sin(ang),
                ],
                axis=1,
            )
            p = (
                np.stack(
                    [np.full(6, half - cone / 2), rr * np.cos(ang), rr * np.sin(ang)],
                    axis=1,
                )
                + n * 0.01
            )
            portholes(out, p, n, radius=min(0.22, cone * 0.45))
        else:
            # a closed end: a low dome with an equipment ring, as on a lab's end
            ring = lathe(
                [(-0.05, 0.0), (-0.05, r * 0.45), (0.06, r * 0.45), (0.06, 0.0)],
                "dark",
                sections=out.detail.small * 2,
            )
            out.add(ring.transformed(matrix(None, (half - 0.05, 0.0, 0.0))))

    def check_shape(self, shape):
        out = _check_names(shape, "end_ports", AXIAL_DIRS)
        out += _check_names(shape, "side_ports", RADIAL_DIRS)
        ends = len(_names(shape, "end_ports", AXIAL_DIRS))
        if shape.length < ends * DOCK_LEN + 0.8:
            out.append(f"shape.length: {shape.length} m is too short for its ports")
        if shape.diameter < _MIN_DIAMETER:
            out.append(
                f"shape.diameter: {shape.diameter} m is narrower than a docking "
                f"unit (at least {_MIN_DIAMETER:.2f} m)"
            )
        at = shape.extra.get("side_at")
        if at is not None and not 0.15 <= at <= 0.85:
            out.append(f"shape.side_at: {at} must lie between 0.15 and 0.85")
        return out
