"""Geometry pieces the kinds share: docking units, pressurized hull profiles split by
material, solar wings, axial ports and shape-key checks."""

from __future__ import annotations

import numpy as np

from ..primitives import Part, boxes, lathe, matrix, rotation_to
from .base import DOCK_LEN, DOCK_R, PortFrame, Shape, Solid, make_port


def dock_unit(position, axis, material="ring", embed=0.15) -> Part:
    """A docking ring from just inside the hull out to the port plane at `position`."""
    axis = np.asarray(axis, dtype=np.float64)
    prof = [
        (-DOCK_LEN - embed, 0.0),
        (-DOCK_LEN - embed, DOCK_R * 0.85),
        (-DOCK_LEN, DOCK_R * 0.85),
        (-DOCK_LEN, DOCK_R),
        (-0.08, DOCK_R),
        (-0.08, DOCK_R * 0.8),
        (0.0, DOCK_R * 0.8),
        (0.0, 0.0),
    ]
    part = lathe(prof, material, sections=32)
    return part.transformed(matrix(rotation_to(axis), position))


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


def lathe_by_material(points, mats, smooth=None, sections=48) -> list[Part]:
    """One closed lathe, split into material parts by profile segment."""
    whole = lathe(points, "hull", sections=sections, smooth=smooth)
    # lathe() emits two rings per kept segment; recover each face's segment index
    pts = np.asarray(points)
    kept = [
        i for i in range(len(pts) - 1) if np.linalg.norm(pts[i + 1] - pts[i]) > 1e-9
    ]
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
    return [compact(p) for p in parts]


def compact(part: Part) -> Part:
    used = np.unique(part.faces)
    remap = np.zeros(len(part.vertices), dtype=np.uint32)
    remap[used] = np.arange(len(used), dtype=np.uint32)
    return Part(
        part.material, part.vertices[used], part.normals[used], remap[part.faces]
    )


def wings(
    x_center: float,
    hull_r: float,
    span: float,
    width: float,
    cell: float = 0.85,
    axis_up=(0.0, 0.0, 1.0),
) -> list[Part]:
    """Two solar wings along ±Y with a visible cell grid, a mast from the hull."""
    if span <= 2 * hull_r + 0.4 or width <= 0:
        return []
    root = hull_r + 0.35
    tip = span / 2.0
    wing_len = tip - root
    n_len = max(2, round(wing_len / cell))
    n_wid = max(2, round(width / cell))
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
        c = np.stack(
            [x_center + gx.ravel(), sign * (root + gy.ravel()), np.zeros(gx.size)],
            axis=1,
        )
        cells.append(c)
    parts.append(boxes(centers, (width + 0.1, wing_len + 0.1, 0.03), "frame"))
    parts.append(boxes(np.concatenate(cells), (cw - gap, cl - gap, 0.06), "solar"))
    # masts from the hull to the wing roots
    parts.append(boxes([(x_center, 0.0, 0.0)], (0.18, 2 * root + 0.1, 0.18), "frame"))
    return parts


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
