"""Docking nodes: the spherical node with up to six ports and the DOS-style core module
whose forward ball node carries the radial ports."""

from __future__ import annotations

import math

import numpy as np

from ..primitives import Part, lathe, matrix, rotation_to
from .base import ALL_DIRS, DOCK_LEN, DOCK_R, RADIAL_DIRS, Kind, PortFrame, make_port
from .parts import axial_solid, lathe_by_material, positive_key, wings


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
                out[name] = make_port(name, d * half, d, up)
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
        return parts, [axial_solid(pts)]

    @staticmethod
    def _neck(port: PortFrame, rs: float) -> Part:
        # a neck from inside the sphere to the port plane, ending in a docking ring
        dist = float(np.linalg.norm(port.position))
        start = rs * 0.8 - dist
        prof = [
            (start, 0.0),
            (start, DOCK_R * 0.85),
            (-DOCK_LEN, DOCK_R * 0.85),
            (-DOCK_LEN, DOCK_R),
            (-0.08, DOCK_R),
            (-0.08, DOCK_R * 0.8),
            (0.0, DOCK_R * 0.8),
            (0.0, 0.0),
        ]
        return lathe(prof, "ring", sections=32).transformed(
            matrix(rotation_to(port.axis), port.position)
        )

    def check_shape(self, shape):
        out = []
        if shape.length < shape.diameter:
            out.append(
                f"shape.length: {shape.length} m (port to port) is shorter than "
                f"the sphere diameter {shape.diameter} m"
            )
        names = shape.extra.get("node_ports")
        if names is not None and (
            not isinstance(names, (list, tuple))
            or any(n not in ALL_DIRS for n in names)
        ):
            out.append(
                f"shape.node_ports: {names!r} must be a list of {', '.join(ALL_DIRS)}"
            )
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
        half, _, rn, x_node = self._geom(shape)
        names = shape.extra.get("node_ports") or ["fwd", *RADIAL_DIRS]
        out = {}
        if "fwd" in names:
            out["fwd"] = make_port("fwd", (half, 0, 0), (1, 0, 0))
        for name, d in RADIAL_DIRS.items():
            if name in names:
                d = np.asarray(d)
                out[name] = make_port(
                    name,
                    np.array([x_node, 0, 0]) + d * (rn + DOCK_LEN),
                    d,
                    (1.0, 0.0, 0.0),
                )
        out["aft"] = make_port("aft", (-half, 0, 0), (-1, 0, 0))
        return out

    def build(self, shape):
        half, r, rn, x_node = self._geom(shape)
        narrow = max(min(r * 0.7, r - 0.2), rn * 1.05)
        body_end = x_node - rn * 0.6
        narrow_len = max(1.0, 0.3 * shape.length)
        cone = min(0.9, 0.08 * shape.length)
        x_wide_end = body_end - narrow_len - cone
        end_r = min(r * 0.55, max(DOCK_R + 0.25, r * 0.4))
        pts = [
            (-half, 0.0),
            (-half, DOCK_R * 0.8),
            (-half + 0.08, DOCK_R * 0.8),
            (-half + 0.08, DOCK_R),
            (-half + DOCK_LEN, DOCK_R),
            (-half + DOCK_LEN, end_r),
            (-half + DOCK_LEN + cone, r),
            (x_wide_end, r),
            (x_wide_end + cone, narrow),
            (body_end, narrow),
            (body_end, rn * 0.8),
        ]
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
        pts += [
            (half - 0.08, DOCK_R),
            (half - 0.08, DOCK_R * 0.8),
            (half, DOCK_R * 0.8),
            (half, 0.0),
        ]
        mats += ["ring"] * 4
        smooth += [False] * 4
        pts_at_ring = (x_node + rn * math.cos(a1), DOCK_R)
        pts.insert(len(pts) - 4, pts_at_ring)
        mats.insert(len(mats) - 4, "ring")
        smooth.insert(len(smooth) - 4, False)
        parts = lathe_by_material(pts, mats, smooth=smooth)
        ports = self.ports(shape)
        for name in RADIAL_DIRS:
            if name in ports:
                parts.append(
                    NodeKind._neck(_shift(ports[name], -x_node), rn).transformed(
                        matrix(None, (x_node, 0, 0))
                    )
                )
        span = shape.get("array_span", 0.0)
        if span > 0:
            parts += wings(
                x_wide_end + cone + narrow_len * 0.5,
                narrow,
                span,
                shape.get("array_width", 2.5),
            )
        return parts, [axial_solid(pts)]

    def check_shape(self, shape):
        out = []
        rn = shape.get("node_diameter", min(2.2, shape.diameter * 0.55)) / 2
        if 2 * rn >= shape.diameter:
            out.append("shape.node_diameter: the node must be narrower than the hull")
        if shape.length < 2 * rn + 4.0:
            out.append(f"shape.length: {shape.length} m is too short for a core module")
        names = shape.extra.get("node_ports")
        allowed = ["fwd", *RADIAL_DIRS]
        if names is not None and (
            not isinstance(names, (list, tuple)) or any(n not in allowed for n in names)
        ):
            out.append(
                f"shape.node_ports: {names!r} must be a list of {', '.join(allowed)}"
            )
        return (
            out + positive_key(shape, "array_span") + positive_key(shape, "array_width")
        )


def _shift(port: PortFrame, dx: float) -> PortFrame:
    return PortFrame(
        port.name, port.position + np.array([dx, 0, 0]), port.axis, port.up
    )
