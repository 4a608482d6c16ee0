"""Geometry pieces the kinds share: pressurized hull profiles split by material, the
same profile with its docking rings trimmed off (the docking units are drawn apart),
the dressing every pressurized hull gets (MLI panels, handrails, windows), axial ports
and shape-key checks."""

from __future__ import annotations

import itertools
import math

import numpy as np

from ..primitives import Part, lathe
from .base import DOCK_LEN, DOCK_R, Build, PortFrame, Shape, Solid, make_port
from .docking import docking_unit
from .dressing import (
    PANEL_ALONG,
    PANEL_AROUND,
    axial_handrails,
    hull_points,
    lathe_panels,
    portholes,
)


def hull_profile(
    half: float,
    radius: float,
    fwd_port=True,
    aft_port=True,
    cone=None,
    fwd_radius=None,
    fwd_len=0.0,
):
    """Profile of a pressurized cylinder with docking units and shouldered ends.

    Optionally a narrower forward section of radius `fwd_radius` and length `fwd_len`.
    Returns (points, materials per segment). This is also the hull solid of the overlap
    check, docking rings included."""
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


def trim_ports(pts, mats, fwd: bool, aft: bool):
    """The profile of `hull_profile` without its docking rings: the hull ends in flat
    discs where the docking units (drawn by `docking_unit`) sit."""
    pts, mats = list(pts), list(mats)
    if aft:
        pts = [(pts[4][0], 0.0), *pts[5:]]
        mats = ["blanket", *mats[5:]]
    if fwd:
        x_front = pts[-6][0]
        pts = [*pts[:-5], (x_front, 0.0)]
        mats = [*mats[:-5], "blanket"]
    return pts, mats


def lathe_by_material(points, mats, smooth=None, sections=48) -> list[Part]:
    """One closed lathe, split into material parts by profile segment."""
    whole = lathe(points, "hull", sections=sections, smooth=smooth)
    # lathe() emits two rings per kept segment; recover each face's segment index
    pts = np.asarray(points)
    kept = [
        i for i in range(len(pts) - 1) if np.linalg.norm(pts[i + 1] - pts[i]) > 1e-9
    ]
    segs_of_faces: list[int] = []
    for i in kept:
        ra, rb = pts[i][1], pts[i + 1][1]
        count = sections * (int(ra > 1e-12) + int(rb > 1e-12))
        segs_of_faces += [i] * count
    seg_of_face = np.asarray(segs_of_faces)
    parts = []
    for mat in sorted(set(mats)):
        segs = [i for i, m in enumerate(mats) if m == mat]
        sel = np.isin(seg_of_face, segs)
        parts.append(Part(mat, whole.vertices, whole.normals, whole.faces[sel]))
    return [compact(p) for p in parts]


def compact(part: Part) -> Part:
    used = np.unique(part.faces)
    remap = np.zeros(len(part.vertices), dtype=np.uint32)
    remap[used] = np.arange(len(used), dtype=np.uint32)
    return Part(
        part.material,
        part.vertices[used],
        part.normals[used],
        remap[part.faces],
        None if part.uv is None else part.uv[used],
        None if part.ao is None else part.ao[used],
    )


def panel_segments(pts, radius: float):
    """The straight profile segments MLI panels are laid on: cylinders and cones,
    not the end discs."""
    out = []
    for (x0, r0), (x1, r1) in itertools.pairwise(pts):
        if x1 - x0 > 0.3 and min(r0, r1) > 0.45 * radius:
            out.append(((x0, r0), (x1, r1)))
    return out


def dress_body(
    out: Build,
    pts,
    mats,
    radius: float,
    *,
    smooth=None,
    keepout=(),
    rails=(),
    rail_material="metal",
    windows=(),
    phase=0.0,
    panels="mli_panels",
) -> None:
    """The hull lathe and what covers it: MLI panels on its cylinders and cones,
    handrails along the cylinders (`rails`: (x0, x1, r, angles) runs) and portholes
    (`windows`: (x, angle, r) each)."""
    out.add(lathe_by_material(pts, mats, smooth=smooth, sections=out.detail.sections))
    lathe_panels(
        out,
        panel_segments(pts, radius),
        keepout=keepout,
        phase=phase,
        what=panels,
        flat=panels == "mmod_shields",
        along=2.0 if panels == "mmod_shields" else PANEL_ALONG,
        around=1.6 if panels == "mmod_shields" else PANEL_AROUND,
    )
    for x0, x1, r, angles in rails:
        axial_handrails(out, x0, x1, r + 0.012, angles, rail_material)
    if windows:
        w = np.asarray(windows, dtype=np.float64)
        p, n = hull_points(w[:, 2], w[:, 0], w[:, 1])
        p = p + n * 0.005
        portholes(out, p, n)


def end_units(
    out: Build, ports: dict[str, PortFrame], styles: dict[str, str], station=True
) -> None:
    """Docking units at the named ports, each in its style."""
    for name, style in styles.items():
        if name in ports:
            docking_unit(out, ports[name], style, station=station)


def ports_axial(half: float, fwd=True, aft=True) -> dict[str, PortFrame]:
    ports = {}
    if fwd:
        ports["fwd"] = make_port("fwd", (half, 0.0, 0.0), (1.0, 0.0, 0.0))
    if aft:
        ports["aft"] = make_port("aft", (-half, 0.0, 0.0), (-1.0, 0.0, 0.0))
    return ports


def axial_solid(points) -> Solid:
    return Solid(tuple(map(tuple, points)), np.eye(4))


def positive_key(shape: Shape, key: str, lo=0.05, hi=500.0) -> list[str]:
    value = shape.extra.get(key)
    if value is None:
        return []
    if not (lo <= value <= hi):
        return [f"shape.{key}: {value} m is outside {lo}\u2013{hi} m"]
    return []


def deg(*angles: float) -> tuple[float, ...]:
    return tuple(math.radians(a) for a in angles)
