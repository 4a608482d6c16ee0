"""Module kinds: the docking ports and the procedural geometry of each kind of module.

A kind turns a module's drawing `Shape` (metres) into named port frames and into closed
solids tagged by material. Every kind is built along its own +X axis with +Z up, centred
on its length, so `length` is the distance between its end faces and `diameter` its
widest hull section (solar arrays and antennas excluded).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .primitives import Part, boxes, lathe, matrix, rotation_to

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
    note: str = ""
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
        """4x4 frame with columns (axis, up x axis, up) and the port centre as origin."""
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
        for (x0, r0), (x1, r1) in zip(prof[:-1], prof[1:]):
            if x1 - x0 <= 1e-9:
                continue
            t = (xs - x0) / (x1 - x0)
            seg = (t >= 0) & (t <= 1)
            r = np.where(seg, np.maximum(r, r0 + t * (r1 - r0)), r)
        return xs, r

    def radius_at(self, x: np.ndarray) -> np.ndarray:
        xs, r = self._envelope
        return np.interp(x, xs, r, left=0.0, right=0.0)


def _port(name, position, axis, up=(0.0, 0.0, 1.0)) -> PortFrame:
    axis = np.asarray(axis, dtype=np.float64)
    up = np.asarray(up, dtype=np.float64)
    if abs(np.dot(axis, up)) > 0.9:
        up = np.array([1.0, 0.0, 0.0])
    return PortFrame(name, np.asarray(position, dtype=np.float64), axis, up)


_BUILT: dict[tuple, tuple] = {}


def shape_key(kind: str, shape: Shape) -> tuple:
    extra = tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v)
                         for k, v in shape.extra.items()))
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


# ----------------------------------------------------------------- shared pieces


def _dock_unit(position, axis, material="ring", embed=0.15) -> Part:
    """A docking ring from slightly inside the hull out to the port plane at `position`."""
    axis = np.asarray(axis, dtype=np.float64)
    prof = [(-DOCK_LEN - embed, 0.0), (-DOCK_LEN - embed, DOCK_R * 0.85),
            (-DOCK_LEN, DOCK_R * 0.85), (-DOCK_LEN, DOCK_R), (-0.08, DOCK_R),
            (-0.08, DOCK_R * 0.8), (0.0, DOCK_R * 0.8), (0.0, 0.0)]
    part = lathe(prof, material, sections=32)
    return part.transformed(matrix(rotation_to(axis), position))


def _hull_profile(half: float, radius: float, fwd_port=True, aft_port=True,
                  cone=None, fwd_radius=None, fwd_len=0.0):
    """Profile of a pressurized cylinder with docking units and shouldered ends.

    Optionally a narrower forward section of radius `fwd_radius` and length `fwd_len`.
    Returns (points, materials per segment)."""
    cone = min(0.9, 0.12 * 2 * half) if cone is None else cone
    pts, mats = [(-half, 0.0)], []

    def go(p, mat):
        pts.append(p)
        mats.append(mat)

    x = -half
    if aft_port:
        go((x, DOCK_R * 0.8), "ring")
        go((x + 0.08, DOCK_R * 0.8), "ring")
        go((x + 0.08, DOCK_R), "ring")
        x += DOCK_LEN
        go((x, DOCK_R), "ring")
    end_r = min(radius * 0.55, max(DOCK_R + 0.25, radius * 0.4))
    go((x, end_r), "blanket")
    go((x + cone, radius), "hull")
    x_front = half - (DOCK_LEN if fwd_port else 0.0)
    if fwd_radius is not None and fwd_len > 0:
        x_step = x_front - cone * 0.6 - fwd_len
        go((x_step - cone * 0.8, radius), "hull")
        go((x_step, fwd_radius), "blanket")
        go((x_front - cone * 0.6, fwd_radius), "hull")
        front_r = min(fwd_radius * 0.6, max(DOCK_R + 0.2, fwd_radius * 0.45))
        go((x_front, front_r), "blanket")
    else:
        go((x_front - cone, radius), "hull")
        go((x_front, end_r), "blanket")
    if fwd_port:
        go((x_front, DOCK_R), "ring")
        go((half - 0.08, DOCK_R), "ring")
        go((half - 0.08, DOCK_R * 0.8), "ring")
        go((half, DOCK_R * 0.8), "ring")
    go((half, 0.0), "ring" if fwd_port else "blanket")
    return pts, mats


def _lathe_by_material(points, mats, smooth=None, sections=48) -> list[Part]:
    """One closed lathe, split into material parts by profile segment."""
    whole = lathe(points, "hull", sections=sections, smooth=smooth)
    # lathe() emits two rings per kept segment; recover each face's segment index
    pts = np.asarray(points)
    kept = [i for i in range(len(pts) - 1) if np.linalg.norm(pts[i + 1] - pts[i]) > 1e-9]
    seg_of_face = []
    for i in kept:
        ra, rb = pts[i][1], pts[i + 1][1]
        count = sections * (int(ra > 1e-12) + int(rb > 1e-12))
        seg_of_face += [i] * count
    seg_of_face = np.asarray(seg_of_face)
    parts = []
    for mat in sorted(set(mats)):
        segs = [i for i, m in enumerate(mats) if m == mat]
        sel = np.isin(seg_of_face, segs)
        parts.append(Part(mat, whole.vertices, whole.normals, whole.faces[sel]))
    return [_compact(p) for p in parts]


def _compact(part: Part) -> Part:
    used = np.unique(part.faces)
    remap = np.zeros(len(part.vertices), dtype=np.uint32)
    remap[used] = np.arange(len(used), dtype=np.uint32)
    return Part(part.material, part.vertices[used], part.normals[used], remap[part.faces])


def _wings(x_center: float, hull_r: float, span: float, width: float,
           cell: float = 0.85, axis_up=(0.0, 0.0, 1.0)) -> list[Part]:
    """Two solar wings along ±Y with a visible cell grid, a mast from the hull."""
    if span <= 2 * hull_r + 0.4 or width <= 0:
        return []
    root = hull_r + 0.35
    tip = span / 2.0
    wing_len = tip - root
    n_len = max(2, int(round(wing_len / cell)))
    n_wid = max(2, int(round(width / cell)))
    cl, cw = wing_len / n_len, width / n_wid
    gap = min(0.06, cl * 0.08)
    parts = []
    centers, cells = [], []
    for sign in (1.0, -1.0):
        # backing frame (thin), then cells proud of it on both faces
        centers.append((x_center, sign * (root + wing_len / 2), 0.0))
        iy = (np.arange(n_len) + 0.5) * cl
        ix = (np.arange(n_wid) + 0.5) * cw - width / 2
        gx, gy = np.meshgrid(ix, iy)
        c = np.stack([x_center + gx.ravel(), sign * (root + gy.ravel()),
                      np.zeros(gx.size)], axis=1)
        cells.append(c)
    parts.append(boxes(centers, (width + 0.1, wing_len + 0.1, 0.03), "frame"))
    parts.append(boxes(np.concatenate(cells), (cw - gap, cl - gap, 0.06), "solar"))
    # masts from the hull to the wing roots
    parts.append(boxes([(x_center, 0.0, 0.0)], (0.18, 2 * root + 0.1, 0.18), "frame"))
    return parts


def _ports_axial(half: float, fwd=True, aft=True) -> dict[str, PortFrame]:
    ports = {}
    if fwd:
        ports["fwd"] = _port("fwd", (half, 0.0, 0.0), (1.0, 0.0, 0.0))
    if aft:
        ports["aft"] = _port("aft", (-half, 0.0, 0.0), (-1.0, 0.0, 0.0))
    return ports


def _axial_solid(points) -> Solid:
    return Solid(tuple(map(tuple, points)), np.eye(4))


def _positive(shape: Shape, key: str, lo=0.05, hi=500.0) -> list[str]:
    value = shape.extra.get(key)
    if value is None:
        return []
    if not (lo <= value <= hi):
        return [f"shape.{key}: {value} m is outside {lo}–{hi} m"]
    return []


# ----------------------------------------------------------------- kinds


class AxialKind(Kind):
    """A module with a docking port at each end of its axis."""

    def ports(self, shape):
        return _ports_axial(shape.length / 2)


class CylinderKind(AxialKind):
    name = "cylinder"
    shape_keys = ("array_span", "array_width", "array_at")
    description = "plain pressurized module with end cones"

    def build(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        pts, mats = _hull_profile(half, r)
        parts = _lathe_by_material(pts, mats)
        parts += self._arrays(shape, half, r)
        return parts, [_axial_solid(pts)]

    def _arrays(self, shape, half, r):
        span = shape.get("array_span", 0.0)
        if span <= 0:
            return []
        at = shape.get("array_at", 0.5)
        x = -half + DOCK_LEN + 0.5 + at * (2 * half - 2 * DOCK_LEN - 1.0)
        return _wings(x, r, span, shape.get("array_width", 2.5))

    def check_shape(self, shape):
        out = []
        if shape.length < 2 * DOCK_LEN + 1.0:
            out.append(f"shape.length: {shape.length} m is too short for a module with "
                       f"two docking units (at least {2 * DOCK_LEN + 1.0} m)")
        if shape.diameter < 2 * DOCK_R + 0.2:
            out.append(f"shape.diameter: {shape.diameter} m is narrower than a docking "
                       f"unit (at least {2 * DOCK_R + 0.2:.2f} m)")
        at = shape.extra.get("array_at")
        if at is not None and not 0.0 <= at <= 1.0:
            out.append(f"shape.array_at: {at} must lie between 0 and 1")
        return out + _positive(shape, "array_span") + _positive(shape, "array_width")


class AirlockKind(CylinderKind):
    name = "airlock"
    shape_keys = ()
    description = "small cylinder with an EVA hatch and handrails"

    def build(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        pts, mats = _hull_profile(half, r)
        parts = _lathe_by_material(pts, mats)
        # outward EVA hatch on the +Z side near the outer end, gold handrails
        hatch_r = min(0.5, r * 0.45)
        x_h = half * 0.25
        hatch = lathe([(-0.1, 0.0), (-0.1, hatch_r), (0.12, hatch_r),
                       (0.12, hatch_r * 0.75), (0.16, hatch_r * 0.75), (0.16, 0.0)],
                      "ring", sections=32)
        parts.append(hatch.transformed(matrix(rotation_to((0, 0, 1)), (x_h, 0, r - 0.02))))
        rails = []
        for ang in np.linspace(0, 2 * np.pi, 6, endpoint=False):
            y, z = (r + 0.07) * np.cos(ang), (r + 0.07) * np.sin(ang)
            rails.append((0.0, y, z))
        rot = None
        parts.append(boxes(rails, (2 * half * 0.6, 0.05, 0.05), "gold", rot))
        return parts, [_axial_solid(pts)]


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
        half, r, fr, flen = self._geom(shape)
        ports = _ports_axial(half)
        x_side = half - DOCK_LEN - flen * 0.45
        for name in shape.extra.get("side_ports", ()):
            d = np.asarray(RADIAL_DIRS[name])
            ports[name] = _port(name, np.array([x_side, 0, 0]) + d * (fr + DOCK_LEN),
                                d, (1.0, 0.0, 0.0))
        return ports

    def build(self, shape):
        half, r, fr, flen = self._geom(shape)
        pts, mats = _hull_profile(half, r, fwd_radius=fr, fwd_len=flen)
        parts = _lathe_by_material(pts, mats)
        for name, port in self.ports(shape).items():
            if name in RADIAL_DIRS:
                parts.append(_dock_unit(port.position, port.axis))
        parts += self._arrays(shape, half, r)
        return parts, [_axial_solid(pts)]

    def check_shape(self, shape):
        out = super().check_shape(shape)
        side = shape.extra.get("side_ports", ())
        if not isinstance(side, (list, tuple)) or any(s not in RADIAL_DIRS for s in side):
            out.append(f"shape.side_ports: {side!r} must be a list of "
                       f"{', '.join(RADIAL_DIRS)}")
        fd = shape.extra.get("fwd_diameter")
        if fd is not None and not (2 * DOCK_R + 0.2 <= fd <= shape.diameter):
            out.append(f"shape.fwd_diameter: {fd} m must lie between "
                       f"{2 * DOCK_R + 0.2:.2f} m and the diameter ({shape.diameter} m)")
        return out


class NodeKind(Kind):
    name = "node"
    shape_keys = ("node_ports",)
    description = "spherical node with six docking units"

    def ports(self, shape):
        names = shape.extra.get("node_ports") or list(ALL_DIRS)
        half = shape.length / 2
        out = {}
        for name in ALL_DIRS:
            if name in names:
                d = np.asarray(ALL_DIRS[name])
                up = (1.0, 0.0, 0.0) if name in RADIAL_DIRS else (0.0, 0.0, 1.0)
                out[name] = _port(name, d * half, d, up)
        return out

    def build(self, shape):
        rs = shape.diameter / 2
        ang = np.linspace(np.pi, 0.0, 25)
        pts = [(rs * math.cos(a), rs * math.sin(a)) for a in ang]
        pts[0], pts[-1] = (-rs, 0.0), (rs, 0.0)
        sphere = lathe(pts, "hull", sections=48, smooth=[True] * len(pts))
        parts = [sphere]
        for port in self.ports(shape).values():
            parts.append(self._neck(port, rs))
        return parts, [_axial_solid(pts)]

    @staticmethod
    def _neck(port: PortFrame, rs: float) -> Part:
        # a neck from inside the sphere to the port plane, ending in a docking ring
        dist = float(np.linalg.norm(port.position))
        start = rs * 0.8 - dist
        prof = [(start, 0.0), (start, DOCK_R * 0.85), (-DOCK_LEN, DOCK_R * 0.85),
                (-DOCK_LEN, DOCK_R), (-0.08, DOCK_R), (-0.08, DOCK_R * 0.8),
                (0.0, DOCK_R * 0.8), (0.0, 0.0)]
        return lathe(prof, "ring", sections=32).transformed(
            matrix(rotation_to(port.axis), port.position))

    def check_shape(self, shape):
        out = []
        if shape.length < shape.diameter:
            out.append(f"shape.length: {shape.length} m (port to port) is shorter than "
                       f"the sphere diameter {shape.diameter} m")
        names = shape.extra.get("node_ports")
        if names is not None and (not isinstance(names, (list, tuple))
                                  or any(n not in ALL_DIRS for n in names)):
            out.append(f"shape.node_ports: {names!r} must be a list of {', '.join(ALL_DIRS)}")
        return out


class CoreKind(Kind):
    name = "core"
    shape_keys = ("node_diameter", "node_ports", "array_span", "array_width")
    description = "base block: forward ball node, stepped body, arrays"

    def _geom(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        rn = shape.get("node_diameter", min(2.2, shape.diameter * 0.55)) / 2
        x_node = half - DOCK_LEN - rn
        return half, r, rn, x_node

    def ports(self, shape):
        half, r, rn, x_node = self._geom(shape)
        names = shape.extra.get("node_ports") or ["fwd", *RADIAL_DIRS]
        out = {}
        if "fwd" in names:
            out["fwd"] = _port("fwd", (half, 0, 0), (1, 0, 0))
        for name, d in RADIAL_DIRS.items():
            if name in names:
                d = np.asarray(d)
                out[name] = _port(name, np.array([x_node, 0, 0]) + d * (rn + DOCK_LEN),
                                  d, (1.0, 0.0, 0.0))
        out["aft"] = _port("aft", (-half, 0, 0), (-1, 0, 0))
        return out

    def build(self, shape):
        half, r, rn, x_node = self._geom(shape)
        narrow = max(min(r * 0.7, r - 0.2), rn * 1.05)
        body_end = x_node - rn * 0.6
        narrow_len = max(1.0, 0.3 * shape.length)
        cone = min(0.9, 0.08 * shape.length)
        x_wide_end = body_end - narrow_len - cone
        end_r = min(r * 0.55, max(DOCK_R + 0.25, r * 0.4))
        pts = [(-half, 0.0), (-half, DOCK_R * 0.8), (-half + 0.08, DOCK_R * 0.8),
               (-half + 0.08, DOCK_R), (-half + DOCK_LEN, DOCK_R),
               (-half + DOCK_LEN, end_r), (-half + DOCK_LEN + cone, r),
               (x_wide_end, r), (x_wide_end + cone, narrow), (body_end, narrow),
               (body_end, rn * 0.8)]
        mats = ["ring"] * 4 + ["blanket", "hull", "blanket", "hull", "hull", "blanket"]
        # ball node: arc from the neck to the forward docking ring
        a0 = math.acos(-0.6)
        a1 = math.asin(min(DOCK_R / rn, 0.99))
        arc = np.linspace(a0, a1, 14)[1:]
        smooth = [False] * len(pts)
        for a in arc:
            pts.append((x_node + rn * math.cos(a), rn * math.sin(a)))
            mats.append("hull")
            smooth.append(True)
        pts += [(half - 0.08, DOCK_R), (half - 0.08, DOCK_R * 0.8), (half, DOCK_R * 0.8),
                (half, 0.0)]
        mats += ["ring"] * 4
        smooth += [False] * 4
        pts_at_ring = (x_node + rn * math.cos(a1), DOCK_R)
        pts.insert(len(pts) - 4, pts_at_ring)
        mats.insert(len(mats) - 4, "ring")
        smooth.insert(len(smooth) - 4, False)
        parts = _lathe_by_material(pts, mats, smooth=smooth)
        ports = self.ports(shape)
        for name in RADIAL_DIRS:
            if name in ports:
                parts.append(NodeKind._neck(_shift(ports[name], -x_node), rn)
                             .transformed(matrix(None, (x_node, 0, 0))))
        span = shape.get("array_span", 0.0)
        if span > 0:
            parts += _wings(x_wide_end + cone + narrow_len * 0.5, narrow, span,
                            shape.get("array_width", 2.5))
        return parts, [_axial_solid(pts)]

    def check_shape(self, shape):
        out = []
        rn = shape.get("node_diameter", min(2.2, shape.diameter * 0.55)) / 2
        if 2 * rn >= shape.diameter:
            out.append("shape.node_diameter: the node must be narrower than the hull")
        if shape.length < 2 * rn + 4.0:
            out.append(f"shape.length: {shape.length} m is too short for a core module")
        names = shape.extra.get("node_ports")
        allowed = ["fwd", *RADIAL_DIRS]
        if names is not None and (not isinstance(names, (list, tuple))
                                  or any(n not in allowed for n in names)):
            out.append(f"shape.node_ports: {names!r} must be a list of {', '.join(allowed)}")
        return out + _positive(shape, "array_span") + _positive(shape, "array_width")


def _shift(port: PortFrame, dx: float) -> PortFrame:
    return PortFrame(port.name, port.position + np.array([dx, 0, 0]), port.axis, port.up)


class PowerKind(AxialKind):
    name = "power"
    shape_keys = ("pressurized_length", "array_span", "array_width")
    description = "pressurized section plus a truss with two large arrays and radiators"

    def build(self, shape):
        half, r = shape.length / 2, shape.diameter / 2
        plen = min(shape.get("pressurized_length", 0.45 * shape.length),
                   shape.length - 2.0)
        x0 = half - plen  # aft end of the pressurized section
        ph = plen / 2
        pts, mats = _hull_profile(ph, r, aft_port=False)
        pts = [(x + x0 + ph, rr) for x, rr in pts]
        parts = _lathe_by_material(pts, mats)
        # truss from the pressurized section to the aft end
        t = 1.1
        tlen = x0 - (-half + DOCK_LEN)
        xs = np.linspace(-half + DOCK_LEN, x0, max(3, int(tlen / 1.4)) + 1)
        long = [(-half + DOCK_LEN + tlen / 2, sy * t / 2, sz * t / 2)
                for sy in (-1, 1) for sz in (-1, 1)]
        parts.append(boxes(long, (tlen, 0.12, 0.12), "frame"))
        ribs = [(x, 0, sz * t / 2) for x in xs for sz in (-1, 1)]
        parts.append(boxes(ribs, (0.1, t, 0.1), "frame"))
        ribs = [(x, sy * t / 2, 0) for x in xs for sy in (-1, 1)]
        parts.append(boxes(ribs, (0.1, 0.1, t), "frame"))
        # aft docking unit on an end plate
        parts.append(boxes([(-half + DOCK_LEN + 0.05, 0, 0)], (0.1, t + 0.2, t + 0.2),
                           "frame"))
        parts.append(_dock_unit((-half, 0, 0), (-1, 0, 0)))
        # two large wings and two radiators along the truss
        span = shape.get("array_span", 0.0)
        if span > 0:
            width = shape.get("array_width", 3.5)
            xw = -half + DOCK_LEN + tlen * 0.55
            parts += _wings(xw, t / 2, span, width, cell=0.9)
        rad_len = min(tlen * 0.35, 6.0)
        xr = -half + DOCK_LEN + tlen * 0.2
        parts.append(boxes([(xr, 0, t / 2 + 1.6), (xr, 0, -t / 2 - 1.6)],
                           (rad_len, 0.06, 3.0), "radiator"))
        parts.append(boxes([(xr, 0, t / 2 + 0.05), (xr, 0, -t / 2 - 0.05)],
                           (0.12, 0.12, 0.3), "frame"))
        # a dish antenna on the pressurized section
        dish = lathe([(0.0, 0.0), (0.0, 0.05), (0.35, 0.6), (0.4, 0.6), (0.4, 0.0)],
                     "radiator", sections=24)
        parts.append(dish.transformed(matrix(rotation_to((0, 0, 1)),
                                             (x0 + plen * 0.3, 0, r + 0.35))))
        parts.append(boxes([(x0 + plen * 0.3, 0, r + 0.18)], (0.08, 0.08, 0.36), "dark"))
        return parts, [_axial_solid(pts)]

    def check_shape(self, shape):
        out = []
        plen = shape.extra.get("pressurized_length")
        if plen is not None and not (2.0 <= plen <= shape.length - 2.0):
            out.append(f"shape.pressurized_length: {plen} m must lie between 2 m and the "
                       f"length less 2 m ({shape.length - 2.0:g} m)")
        return out + _positive(shape, "array_span") + _positive(shape, "array_width")


class PlatformKind(Kind):
    name = "platform"
    shape_keys = ("width",)
    description = "open truss platform with a berthing port and a small manipulator"

    def ports(self, shape):
        return _ports_axial(shape.length / 2, fwd=False)

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
        parts.append(boxes([(x, 0, sz * w * 0.35) for x in xs for sz in (-1, 1)],
                           (t, 2 * w, t), "frame"))
        parts.append(boxes([(x, sy * w, 0) for x in xs for sy in (-1, 1)],
                           (t, t, w * 0.7), "frame"))
        # deck plate, gold-foiled equipment boxes, a two-segment arm
        parts.append(boxes([(xm, 0, -w * 0.35)], (L, 2 * w, 0.05), "blanket"))
        parts.append(boxes([(x0 + L * 0.25, -w * 0.4, -w * 0.2),
                            (x0 + L * 0.6, w * 0.45, -w * 0.2)], (1.2, 1.0, 0.8), "gold"))
        parts.append(boxes([(x1 - 1.0, 0, 0.4 * w)], (0.3, 0.3, 0.8 * w), "ring"))
        parts.append(boxes([(x1 - 2.2, 0, 0.75 * w)], (2.4, 0.22, 0.22), "ring"))
        # a short tube to the berthing port
        tube = [(-half, 0.0), (-half, DOCK_R * 0.8), (-half + 0.08, DOCK_R * 0.8),
                (-half + 0.08, DOCK_R), (x0 + 0.1, DOCK_R), (x0 + 0.1, 0.0)]
        parts.append(lathe(tube, "ring", sections=32))
        parts.append(boxes([(x0, 0, 0)], (0.2, 2 * w, 0.7 * w), "frame"))
        return parts, [_axial_solid(tube)]

    def check_shape(self, shape):
        if shape.length < 3.0:
            return [f"shape.length: {shape.length} m is too short for a platform (>= 3 m)"]
        return _positive(shape, "width")


class ShipKind(Kind):
    """Visiting vehicles: docking at their forward end."""

    shape_keys = ("array_span",)

    def ports(self, shape):
        return {"fwd": _port("fwd", (shape.length / 2, 0, 0), (1, 0, 0))}

    def check_shape(self, shape):
        if shape.length < 3.0:
            return [f"shape.length: {shape.length} m is too short for a ship (>= 3 m)"]
        return _positive(shape, "array_span")

    def _finish(self, shape, pts, mats, smooth, x_arrays, r_arrays, width=1.4):
        parts = _lathe_by_material(pts, mats, smooth=smooth, sections=40)
        span = shape.get("array_span", 0.0)
        if span > 0:
            parts += _wings(x_arrays, r_arrays, span, width, cell=0.6)
        return parts, [_axial_solid(pts)]


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
        pts = [(-h, 0.0), (-h, r * 0.55), (-h + 0.25, r), (x_sm - 0.25, r * 0.8),
               (x_sm, r * 0.8), (x_sm, rom * 0.95), (x_sm + 0.05, rom * 0.98),
               (x_dm - 0.05, rom * 0.55), (x_dm, rom * 0.55)]
        mats = ["dark", "blanket", "blanket", "blanket", "dark", "blanket", "blanket",
                "dark"]
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
        pts = [(-h, 0.0), (-h, r * 0.55), (-h + 0.25, r), (x_sm - 0.25, r * 0.8),
               (x_sm, r * 0.8), (x_sm, rc * 0.8), (x_tk, rc * 0.8), (x_tk + 0.3, rc),
               (h - 1.2, rc), (h - 0.45, rc * 0.45), (h - 0.35, 0.3), (h - 0.35, 0.12),
               (h, 0.05), (h, 0.0)]
        mats = ["dark", "blanket", "blanket", "blanket", "dark", "gold", "blanket",
                "blanket", "blanket", "dark", "ring", "ring", "ring"]
        return self._finish(shape, pts, mats, None, -h + 0.15 * L, r * 0.8)


class OrelKind(ShipKind):
    name = "orel"
    description = "new crew ship: capsule with a service module and arrays"

    def build(self, shape):
        h, r = shape.length / 2, shape.diameter / 2
        L = shape.length
        x_cap = -h + 0.38 * L  # capsule heat shield plane
        pts = [(-h, 0.0), (-h, r * 0.6), (-h + 0.3, r * 0.75), (x_cap - 0.2, r * 0.75),
               (x_cap - 0.2, r * 0.95), (x_cap, r), (h - 0.9, r * 0.42),
               (h - 0.5, 0.45), (h - 0.5, DOCK_R * 0.8), (h, DOCK_R * 0.8), (h, 0.0)]
        mats = ["dark", "blanket", "blanket", "dark", "dark", "hull", "hull", "ring",
                "ring", "ring"]
        return self._finish(shape, pts, mats, None, -h + 0.2 * L, r * 0.75, width=1.8)


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (NodeKind(), CoreKind(), LabKind(), CylinderKind(), PowerKind(),
              AirlockKind(), PlatformKind(), SoyuzKind(), ProgressKind(), OrelKind())
}
