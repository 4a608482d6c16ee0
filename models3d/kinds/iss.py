"""ISS-style kinds: integrated truss segments with solar array wings and radiators,
the cylindrical US-style nodes, and plain berthed modules (labs, logistics modules,
airlocks) with common berthing ports at their ends and on their sides."""

from __future__ import annotations

import numpy as np

from ..primitives import boxes, lathe, matrix
from .base import ALL_DIRS, AXIAL_DIRS, DOCK_LEN, DOCK_R, RADIAL_DIRS, Kind, make_port
from .parts import axial_solid, dock_unit, hull_profile, lathe_by_material, wings

_MIN_DIAMETER = 2 * DOCK_R + 0.2


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

    def build(self, shape):
        half, w = shape.length / 2, shape.diameter / 2
        bar = max(0.12, 0.035 * shape.diameter)
        inner = half - 0.1
        # four longerons, bays of ribs and diagonals, two bulkheads at the ends
        corners = [
            (0.0, sy * (w - bar / 2), sz * (w - bar / 2))
            for sy in (-1, 1)
            for sz in (-1, 1)
        ]
        parts = [boxes(corners, (2 * inner, bar, bar), "frame")]
        bays = max(2, round(shape.length / 3.0))
        xs = np.linspace(-inner, inner, bays + 1)
        ribs_y = [(x, 0.0, sz * (w - bar / 2)) for x in xs for sz in (-1, 1)]
        ribs_z = [(x, sy * (w - bar / 2), 0.0) for x in xs for sy in (-1, 1)]
        parts.append(boxes(ribs_y, (bar, 2 * w - bar, bar), "frame"))
        parts.append(boxes(ribs_z, (bar, bar, 2 * w - bar), "frame"))
        parts.append(
            boxes(
                [(sx * (half - 0.05), 0.0, 0.0) for sx in (-1, 1)],
                (0.1, 2 * w, 2 * w),
                "hull",
            )
        )
        # an equipment box along the middle of the bay structure
        parts.append(
            boxes([(0.0, 0.0, 0.0)], (2 * inner * 0.8, w * 0.6, w * 0.6), "blanket")
        )
        for port in self.ports(shape).values():
            parts.append(dock_unit(port.position, port.axis))
        span = shape.get("array_span", 0.0)
        if span > 0:
            parts += wings(0.0, w, span, shape.get("array_width", 11.0), cell=1.2)
        rad = shape.get("radiator_span", 0.0)
        if rad > 0:
            length = min(2 * inner * 0.8, 12.0)
            parts.append(
                boxes([(0.0, 0.0, -w - rad / 2)], (length, 0.12, rad), "radiator")
            )
            parts.append(boxes([(0.0, 0.0, -w - 0.2)], (0.3, 0.3, 0.5), "frame"))
        # hull solid for the overlap check: the cylinder inscribed in the box
        r = w * 0.95
        profile = [(-half, 0.0), (-half, r), (half, r), (half, 0.0)]
        return parts, [axial_solid(profile)]

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

    def build(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        names = self._names(shape)
        pts, mats = hull_profile(
            half,
            r,
            fwd_port="fwd" in names,
            aft_port="aft" in names,
            cone=min(0.5, 0.1 * half * 2),
        )
        parts = lathe_by_material(pts, mats)
        for name, port in self.ports(shape).items():
            if name in RADIAL_DIRS:
                parts.append(dock_unit(port.position, port.axis))
        return parts, [axial_solid(pts)]

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
    and optional side ports at a fraction `side_at` of its length from the aft end."""

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

    def build(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        ends = _names(shape, "end_ports", AXIAL_DIRS)
        cone = min(0.6, 0.1 * shape.length)
        pts, mats = hull_profile(
            half, r, fwd_port="fwd" in ends, aft_port="aft" in ends, cone=cone
        )
        parts = lathe_by_material(pts, mats)
        for name, port in self.ports(shape).items():
            if name in RADIAL_DIRS:
                parts.append(dock_unit(port.position, port.axis))
        if "fwd" not in ends:
            # a closed end: a low dome with a window ring, as on a cupola or a lab's end
            ring = lathe(
                [(-0.05, 0.0), (-0.05, r * 0.45), (0.06, r * 0.45), (0.06, 0.0)],
                "dark",
                sections=32,
            )
            parts.append(ring.transformed(matrix(None, (half - 0.05, 0.0, 0.0))))
        return parts, [axial_solid(pts)]

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
