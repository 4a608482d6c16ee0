"""What covers a pressurized hull: multi-layer insulation (MLI) panels with seams and
quilting, handrails on standoffs, portholes with frames and EVA hatches.

MLI panels are drawn as their own thin closed solids lying on the hull: each panel's
visible face is a grid whose rim dips just below the hull paint, so the paint shows as a
seam groove between panels, and whose middle is quilted (two low pillows stitched down
the middle at full detail). A fan from the rim to a point under the panel's middle
closes the solid. Panels are placed on straight profile segments of a lathe (cylinders
and cones) or on a sphere (cube-sphere patches around the node's six ports).
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from ..primitives import Part, beams, instances, lathe, matrix, rotation_to
from .base import Build

PANEL_ALONG = 1.25  # target MLI panel size along the axis, metres
PANEL_AROUND = 1.05  # and around the hull
_GAP = 0.02  # between neighbouring panels (their rims must never touch)
_FAN_DEPTH = 0.03  # the closing fan's middle point below the hull surface


# ---- panels ----------------------------------------------------------------------


def grid_solids(top: np.ndarray, outward: np.ndarray, material: str) -> Part:
    """Closed solids from grids of points (T, nu, nw, 3) whose `cross(d/dw, d/du)`
    points outward. `outward` (T, 3) is each panel's outward direction at its middle:
    the rim is joined by a fan to a point `_FAN_DEPTH` below the middle."""
    t, nu, nw, _ = top.shape
    du = np.gradient(top, axis=1)
    dw = np.gradient(top, axis=2)
    n = np.cross(dw, du)
    n /= np.linalg.norm(n, axis=-1, keepdims=True).clip(1e-12)
    i, j = np.meshgrid(np.arange(nu - 1), np.arange(nw - 1), indexing="ij")
    a = (i * nw + j).ravel()
    b, c, d = a + 1, a + nw + 1, a + nw  # (i,j+1), (i+1,j+1), (i+1,j)
    quads = np.concatenate([np.stack([a, b, c], 1), np.stack([a, c, d], 1)])
    # the rim, counter-clockwise seen from outside
    rim = (
        [(0, jj) for jj in range(nw)]
        + [(ii, nw - 1) for ii in range(1, nu)]
        + [(nu - 1, jj) for jj in range(nw - 2, -1, -1)]
        + [(ii, 0) for ii in range(nu - 2, 0, -1)]
    )
    rim_idx = np.array([ii * nw + jj for ii, jj in rim])
    k = len(rim_idx)
    flat = top.reshape(t, nu * nw, 3)
    middle = flat.mean(axis=1) - outward * _FAN_DEPTH
    base_v = np.concatenate([flat[:, rim_idx], middle[:, None]], axis=1)
    base_n = np.broadcast_to(-outward[:, None, :], base_v.shape)
    r0 = nu * nw
    fan = np.stack(
        [np.full(k, r0 + k), r0 + (np.arange(k) + 1) % k, r0 + np.arange(k)], axis=1
    )
    per = r0 + k + 1
    v = np.concatenate([flat, base_v], axis=1)
    nn = np.concatenate([n.reshape(t, r0, 3), base_n], axis=1)
    f = np.concatenate([quads, fan])[None] + (np.arange(t) * per)[:, None, None]
    return Part(
        material,
        v.reshape(-1, 3).astype(np.float32),
        nn.reshape(-1, 3).astype(np.float32),
        f.reshape(-1, 3).astype(np.uint32),
    )


def lathe_panels(
    out: Build,
    segments,
    keepout=(),
    material="blanket",
    along=PANEL_ALONG,
    around=PANEL_AROUND,
    phase=0.0,
    what="mli_panels",
    flat=False,
) -> None:
    """MLI panels (or, `flat`, shield plates) over straight profile segments
    ((x0, r0), (x1, r1)) of a lathe.

    `keepout` lists (x, angle, radius) discs (angle from +Y towards +Z) where nothing
    is laid: radial ports, hatches, array roots. `phase` turns the panel pattern."""
    u, lift = (np.asarray(a) for a in (out.detail.plate if flat else out.detail.quilt))
    h = np.minimum(lift[:, None], lift[None, :])  # (nu, nw)
    f = (u + 1) / 2
    tops, outs = [], []
    for (x0, r0), (x1, r1) in segments:
        length = math.hypot(x1 - x0, r1 - r0)
        if length < 0.4:
            continue
        nx, nr = -(r1 - r0) / length, (x1 - x0) / length
        n_al = max(1, round(length / along))
        r_mid = (r0 + r1) / 2
        n_ar = max(6, round(2 * math.pi * r_mid / around))
        da = 2 * math.pi / n_ar
        ia, jr = (
            a.ravel()
            for a in np.meshgrid(np.arange(n_al), np.arange(n_ar), indexing="ij")
        )
        s0 = ia / n_al + _GAP / length
        s1 = (ia + 1) / n_al - _GAP / length
        g = _GAP / max(r_mid, 0.3)
        t0 = phase + jr * da + g
        t1 = phase + (jr + 1) * da - g
        keep = np.ones(len(ia), dtype=bool)
        xm = x0 + (s0 + s1) / 2 * (x1 - x0)
        tm = (t0 + t1) / 2
        for kx, ka, kr in keepout:
            arc = np.abs((tm - ka + math.pi) % (2 * math.pi) - math.pi) * r_mid
            keep &= ~(
                (np.abs(xm - kx) < kr + (s1 - s0) * length / 2)
                & (arc < kr + (t1 - t0) * r_mid / 2)
            )
        s0, s1, t0, t1, tm = s0[keep], s1[keep], t0[keep], t1[keep], tm[keep]
        ss = s0[:, None, None] + f[None, :, None] * (s1 - s0)[:, None, None]
        tt = t0[:, None, None] + f[None, None, :] * (t1 - t0)[:, None, None]
        ss, tt = np.broadcast_arrays(ss, tt)
        x = x0 + ss * (x1 - x0) + nx * h
        r = r0 + ss * (r1 - r0) + nr * h
        tops.append(np.stack([x, r * np.cos(tt), r * np.sin(tt)], axis=-1))
        outs.append(
            np.stack([np.full(len(tm), nx), nr * np.cos(tm), nr * np.sin(tm)], axis=1)
        )
    if tops:
        top = np.concatenate(tops)
        if len(top):
            out.add(grid_solids(top, np.concatenate(outs), material), what, len(top))


def sphere_panels(
    out: Build, radius: float, ported: set[str], material="blanket"
) -> None:
    """MLI panels on a sphere as cube-sphere patches: each of the six faces (one per
    port direction) split 4 x 4, the middle 2 x 2 left out where a port stands."""
    from .base import ALL_DIRS

    u, lift = (np.asarray(a) for a in out.detail.quilt)
    h = np.minimum(lift[:, None], lift[None, :])
    q = math.pi / 4
    edges = np.linspace(-q, q, 5)
    g = _GAP / radius
    tops, outs = [], []
    for name, direction in ALL_DIRS.items():
        n = np.asarray(direction, dtype=np.float64)
        a = np.roll(n, 1) if n[0] == 0 else np.array([0.0, 1.0, 0.0])
        a = a - np.dot(a, n) * n
        a /= np.linalg.norm(a)
        b = np.cross(n, a)  # a x b = n: grid indexed [b, a] has cross(d/da, d/db) out
        for ib in range(4):
            for ia in range(4):
                if ia in (1, 2) and ib in (1, 2) and name in ported:
                    continue
                al = np.tan(
                    edges[ia] + g + (u + 1) / 2 * (edges[ia + 1] - edges[ia] - 2 * g)
                )
                be = np.tan(
                    edges[ib] + g + (u + 1) / 2 * (edges[ib + 1] - edges[ib] - 2 * g)
                )
                bb, aa = np.meshgrid(be, al, indexing="ij")
                dirs = n + aa[..., None] * a + bb[..., None] * b
                dirs /= np.linalg.norm(dirs, axis=-1, keepdims=True)
                tops.append(dirs * (radius + h)[..., None])
                mid = dirs[len(u) // 2, len(u) // 2]
                outs.append(mid)
    out.add(
        grid_solids(np.asarray(tops), np.asarray(outs), material),
        "mli_panels",
        len(tops),
    )


# ---- handrails -------------------------------------------------------------------


def handrails(
    out: Build, starts, ends, outward, material="metal", height=0.1, spacing=0.7
) -> None:
    """Handrails (3.5 cm bars) `height` above the lines start-end, on standoffs about
    every `spacing` metres. `outward` gives each rail's standoff direction."""
    a = np.atleast_2d(np.asarray(starts, dtype=np.float64))
    b = np.atleast_2d(np.asarray(ends, dtype=np.float64))
    o = np.broadcast_to(np.asarray(outward, dtype=np.float64), a.shape)
    o = o / np.linalg.norm(o, axis=1, keepdims=True)
    out.add(beams(a + o * height, b + o * height, 0.035, material), "handrails", len(a))
    feet = []
    for p, q, n in zip(a, b, o, strict=True):
        k = max(2, int(np.linalg.norm(q - p) / spacing) + 1)
        t = np.linspace(0.03, 0.97, k)[:, None]
        for f in p + t * (q - p):
            feet.append((f - n * 0.02, f + n * (height - 0.01)))
    ends = np.asarray(feet)
    out.add(beams(ends[:, 0], ends[:, 1], 0.028, material))


def axial_handrails(
    out: Build, x0: float, x1: float, radius: float, angles, material="metal", piece=2.4
) -> None:
    """Rails along a cylinder of `radius` from x0 to x1 at each angle (from +Y towards
    +Z), cut into pieces of at most `piece` metres as on the real hulls."""
    if x1 - x0 < 0.6:
        return
    n = max(1, math.ceil((x1 - x0) / piece))
    cuts = np.linspace(x0, x1, n + 1)
    starts, ends, dirs = [], [], []
    for ang in angles:
        o = np.array([0.0, math.cos(ang), math.sin(ang)])
        for c0, c1 in itertools.pairwise(cuts):
            starts.append(np.array([c0 + 0.1, 0, 0]) + o * radius)
            ends.append(np.array([c1 - 0.1, 0, 0]) + o * radius)
            dirs.append(o)
    handrails(out, starts, ends, dirs, material)


def ring_handrails(
    out: Build,
    x: float,
    radius: float,
    count: int,
    span: float,
    material="metal",
    skip=(),
) -> None:
    """Short rails across the hull at station x: `count` pieces spaced around it, each
    spanning `span` radians, leaving out the pieces centred near the `skip` angles."""
    starts, ends, dirs = [], [], []
    for k in range(count):
        mid = 2 * math.pi * (k + 0.5) / count
        if any(abs((mid - s + math.pi) % (2 * math.pi) - math.pi) < 0.45 for s in skip):
            continue
        a0, a1 = mid - span / 2, mid + span / 2
        p = np.array([x, radius * math.cos(a0), radius * math.sin(a0)])
        q = np.array([x, radius * math.cos(a1), radius * math.sin(a1)])
        o = np.array([0.0, math.cos(mid), math.sin(mid)])
        starts.append(p + o * 0.03)
        ends.append(q + o * 0.03)
        dirs.append(o)
    if starts:
        handrails(out, starts, ends, dirs, material)


# ---- portholes and hatches -------------------------------------------------------


def _porthole_templates(radius: float, sections: int) -> tuple[Part, Part]:
    rf, rg = radius, radius * 0.62
    frame = lathe(
        [
            (-0.05, 0.0),
            (-0.05, rf),
            (0.025, rf),
            (0.045, rf - 0.02),
            (0.045, rg + 0.015),
            (0.02, rg),
            (0.02, 0.0),
        ],
        "metal",
        sections=sections,
    )
    glass = lathe(
        [(0.0, 0.0), (0.0, rg + 0.005), (0.03, rg + 0.005), (0.03, 0.0)],
        "window",
        sections=sections,
    )
    return frame, glass


def portholes(out: Build, points, normals, radius=0.2) -> None:
    """Portholes: a metal frame with a dark glass pane set into it, at each hull point
    facing along its normal."""
    pts = np.atleast_2d(np.asarray(points, dtype=np.float64))
    if not len(pts):
        return
    nrm = np.atleast_2d(np.asarray(normals, dtype=np.float64))
    mats = np.array([matrix(rotation_to(n), p) for p, n in zip(pts, nrm, strict=True)])
    frame, glass = _porthole_templates(radius, out.detail.small)
    out.add(instances(frame, mats), "windows", len(pts))
    out.add(instances(glass, mats))


def hull_points(radius, xs, angles, lift: float = 0.0):
    """Points on a cylinder of `radius` at stations xs and angles (from +Y towards
    +Z), with their outward normals."""
    xs, angles, r = np.broadcast_arrays(
        np.asarray(xs, float), np.asarray(angles, float), np.asarray(radius, float)
    )
    xs, angles, r = xs.ravel(), angles.ravel(), r.ravel()
    n = np.stack([np.zeros_like(xs), np.cos(angles), np.sin(angles)], axis=1)
    p = n * (r + lift)[:, None]
    p[:, 0] = xs
    return p, n


def eva_hatch(out: Build, point, normal, radius: float) -> None:
    """An outward-opening EVA hatch: a raised frame, the hatch cover with its hinge
    and a handle ring."""
    m = matrix(rotation_to(normal), point)
    frame = lathe(
        [
            (-0.1, 0.0),
            (-0.1, radius + 0.12),
            (0.08, radius + 0.12),
            (0.1, radius + 0.06),
            (0.1, radius * 0.95),
            (0.06, radius * 0.9),
            (0.06, 0.0),
        ],
        "metal",
        sections=max(24, out.detail.sections // 2),
    )
    cover = lathe(
        [
            (0.05, 0.0),
            (0.05, radius * 0.88),
            (0.13, radius * 0.8),
            (0.16, radius * 0.5),
            (0.16, 0.0),
        ],
        "metal",
        sections=max(24, out.detail.sections // 2),
    )
    out.add(frame.transformed(m), "hatches")
    out.add(cover.transformed(m))
    # hinge block on one side and a handle bar across the cover
    local = np.array(
        [
            [0.12, 0.0, radius + 0.1],
            [0.18, 0.0, -0.25 * radius],
            [0.18, 0.0, 0.25 * radius],
        ]
    )
    rot = m[:3, :3]
    w = local @ rot.T + m[:3, 3]
    out.add(beams([w[0] - rot[:, 1] * 0.2], [w[0] + rot[:, 1] * 0.2], 0.08, "metal"))
    out.add(beams([w[1]], [w[2]], 0.03, "metal"))
