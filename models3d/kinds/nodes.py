"""Docking nodes: the spherical node with up to six ports (Prichal, the UUM) and the
DOS-style core module (Mir's base block, Zvezda, Tianhe) whose forward ball node carries
the radial ports."""

from __future__ import annotations

import math

import numpy as np

from ..primitives import beams, lathe
from .arrays import solar_wings
from .base import ALL_DIRS, DOCK_LEN, DOCK_R, RADIAL_DIRS, Kind, make_port
from .docking import docking_unit
from .dressing import hull_points, ring_handrails, sphere_panels
from .equipment import dish, engines, radiator, thruster_blocks, whips
from .parts import axial_solid, dress_body, positive_key

RAIL_ANGLES = tuple(math.radians(a) for a in (55, 125, 235, 305))


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

    @staticmethod
    def _sphere(rs: float) -> list[tuple[float, float]]:
        ang = np.linspace(np.pi, 0.0, 33)
        pts = [(rs * math.cos(a), rs * math.sin(a)) for a in ang]
        pts[0], pts[-1] = (-rs, 0.0), (rs, 0.0)
        return pts

    def solids(self, shape):
        return [axial_solid(self._sphere(shape.diameter / 2))]

    def draw(self, shape, out):
        rs = shape.diameter / 2
        pts = self._sphere(rs)
        out.add(
            lathe(pts, "hull", sections=out.detail.sections, smooth=[True] * len(pts))
        )
        ports = self.ports(shape)
        sphere_panels(out, rs, set(ports))
        for name, port in ports.items():
            # Prichal: five hybrid ports and a probe-and-drogue port at the nadir
            style = "drogue" if name == "nadir" else "hybrid"
            dist = float(np.linalg.norm(port.position))
            docking_unit(out, port, style, base=rs * 0.8 - dist)
        for x in (-0.8, 0.8):
            rr = math.sqrt(max(rs * rs - x * x, 0.01))
            ring_handrails(out, x, rr + 0.01, 8, 0.45)

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
        for name, direction in RADIAL_DIRS.items():
            if name in names:
                d = np.asarray(direction)
                out[name] = make_port(
                    name,
                    np.array([x_node, 0, 0]) + d * (rn + DOCK_LEN),
                    d,
                    (1.0, 0.0, 0.0),
                )
        out["aft"] = make_port("aft", (-half, 0, 0), (-1, 0, 0))
        return out

    def _stations(self, shape):
        _, r, rn, x_node = self._geom(shape)
        narrow = max(min(r * 0.7, r - 0.2), rn * 1.05)
        body_end = x_node - rn * 0.6
        narrow_len = max(1.0, 0.3 * shape.length)
        cone = min(0.9, 0.08 * shape.length)
        x_wide_end = body_end - narrow_len - cone
        return narrow, body_end, narrow_len, cone, x_wide_end

    def _profile(self, shape, rings: bool):
        """The lathe profile; with `rings` the docking rings at both ends (the hull
        solid of the overlap check), without them the body the units are set on."""
        half, r, rn, x_node = self._geom(shape)
        narrow, body_end, _, cone, x_wide_end = self._stations(shape)
        end_r = min(r * 0.55, max(DOCK_R + 0.25, r * 0.4))
        xa = -half + DOCK_LEN
        pts = [(xa, 0.0)]
        mats = ["blanket"]
        if rings:
            pts = [
                (-half, 0.0),
                (-half, DOCK_R * 0.8),
                (-half + 0.08, DOCK_R * 0.8),
                (-half + 0.08, DOCK_R),
                (xa, DOCK_R),
            ]
            mats = ["ring"] * 4 + ["blanket"]
        pts += [
            (xa, end_r),
            (xa + cone, r),
            (x_wide_end, r),
            (x_wide_end + cone, narrow),
            (body_end, narrow),
            (body_end, rn * 0.8),
        ]
        mats += ["hull", "blanket", "hull", "hull", "blanket"]
        smooth = [False] * len(pts)
        # ball node: arc from the neck to the forward docking ring
        a0 = math.acos(-0.6)
        a1 = math.asin(min(DOCK_R / rn, 0.99))
        for a in np.linspace(a0, a1, 14)[1:]:
            pts.append((x_node + rn * math.cos(a), rn * math.sin(a)))
            mats.append("hull")
            smooth.append(True)
        if rings:
            pts += [
                (x_node + rn * math.cos(a1), DOCK_R),
                (half - 0.08, DOCK_R),
                (half - 0.08, DOCK_R * 0.8),
                (half, DOCK_R * 0.8),
                (half, 0.0),
            ]
            mats += ["ring"] * 5
            smooth += [False] * 5
        else:
            pts.append((pts[-1][0], 0.0))
            mats.append("hull")
            smooth.append(False)
        return pts, mats, smooth

    def solids(self, shape):
        return [axial_solid(self._profile(shape, rings=True)[0])]

    def draw(self, shape, out):
        half, r, rn, _ = self._geom(shape)
        narrow, body_end, narrow_len, cone, x_wide_end = self._stations(shape)
        pts, mats, smooth = self._profile(shape, rings=False)
        ports = self.ports(shape)
        xw0 = -half + DOCK_LEN + cone  # wide section
        xn0 = x_wide_end + cone  # narrow (working) section
        x_arr = xn0 + narrow_len * 0.5
        span = shape.get("array_span", 0.0)
        keep = [(x_arr, 0.0, 0.45), (x_arr, math.pi, 0.45)] if span > 0 else []
        # portholes along both sides of the working compartment and under the wide
        # section (Zvezda has 13 or 14 in all), debris panels over the narrow section
        wins = [
            (xn0 + f * narrow_len, math.radians(a), narrow)
            for f in (0.15, 0.3, 0.75, 0.9)
            for a in (20.0, 160.0)
        ]
        wins += [(x_wide_end - 0.8, math.radians(a), r) for a in (20.0, 160.0)]
        wins += [(x_wide_end - 1.6, math.radians(a), r) for a in (260.0, 280.0)]
        dress_body(
            out,
            pts,
            mats,
            r,
            smooth=smooth,
            keepout=keep,
            windows=wins,
            rails=[
                (xw0 + 0.2, x_wide_end - 0.2, r, RAIL_ANGLES),
                (xn0 + 0.2, body_end - 0.2, narrow, RAIL_ANGLES),
            ],
        )
        self._debris_panels(out, xn0, narrow_len, narrow)
        for name, port in ports.items():
            if name == "aft":
                docking_unit(out, port, "drogue")
            elif name == "fwd":
                docking_unit(out, port, "hybrid", base=-DOCK_LEN - 0.4)
            else:
                docking_unit(out, port, "hybrid", base=rn * 0.8 - rn - DOCK_LEN)
        if span > 0:
            solar_wings(out, x_arr, narrow, span, shape.get("array_width", 2.5))
        # propulsion at the aft end: attitude thruster blocks on the cone and two main
        # engines beside the aft docking unit
        end_r = min(r * 0.55, max(DOCK_R + 0.25, r * 0.4))
        ang = np.radians([45.0, 135.0, 225.0, 315.0])
        p, n = hull_points((end_r + r) / 2, np.full(4, xw0 - cone * 0.5), ang)
        thruster_blocks(out, p + n * 0.02, n)
        re = (end_r + r) / 2 - 0.1
        engines(
            out,
            [(xw0 - cone * 0.3, 0.0, re), (xw0 - cone * 0.3, 0.0, -re)],
            (-1.0, 0.0, 0.0),
            length=min(0.33, cone * 0.7 + 0.05),
            exit_r=0.18,
        )
        for k in range(2):
            radiator(
                out,
                (xw0 + 0.6 + 2.2 * k, 0.0, r + 0.12),
                (1.0, 0.0, 0.0),
                (0.0, 0.0, 1.0),
                1.9,
                1.3,
                panels=1,
                lines=5,
            )
        dish(
            out,
            (x_wide_end - 0.5, 0.0, -r),
            (x_wide_end - 0.5, 0.0, -r - 0.8),
            (0.4, 0.0, -1.0),
            radius=0.4,
        )
        whips(
            out,
            [
                (xn0 + 0.3, narrow * 0.7, narrow * 0.7),
                (xn0 + 0.3, -narrow * 0.7, narrow * 0.7),
            ],
            [(0.0, 0.6, 1.0), (0.0, -0.6, 1.0)],
            length=1.1,
        )

    @staticmethod
    def _debris_panels(out, xn0: float, length: float, radius: float) -> None:
        a, b, up = [], [], []
        for f in (0.45, 0.6):
            x = xn0 + f * length
            for deg in (45.0, 90.0, 135.0, 225.0, 270.0, 315.0):
                t = math.radians(deg)
                n = np.array([0.0, math.cos(t), math.sin(t)])
                c = n * (radius + 0.09)
                a.append(c + np.array([x - 0.42, 0.0, 0.0]))
                b.append(c + np.array([x + 0.42, 0.0, 0.0]))
                up.append(n)
        out.add(
            beams(a, b, 0.6, "metal", height=0.025, up=np.asarray(up)),
            "mmod_shields",
            len(a),
        )

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
