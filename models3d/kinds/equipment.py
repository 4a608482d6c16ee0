"""Equipment outside the hulls: attitude thruster blocks and main engine bells, dish and
whip antennas on booms, radiator panels with their fluid lines, and open lattice
trusses with battens and diagonals. Sizes are drawing sizes scaled from published
photographs, not engineering dimensions."""

from __future__ import annotations

import numpy as np

from ..primitives import Part, beams, boxes, instances, lathe, matrix, rotation_to
from .base import Build


def _frame(z, x_hint) -> np.ndarray:
    """Rotation with local z along `z` and local x as close to `x_hint` as possible."""
    z = np.asarray(z, dtype=np.float64)
    z = z / np.linalg.norm(z)
    x = np.asarray(x_hint, dtype=np.float64)
    x = x - np.dot(x, z) * z
    if np.linalg.norm(x) < 1e-6:
        x = np.cross(z, [0.0, 1.0, 0.0]) if abs(z[1]) < 0.9 else np.cross(z, [1, 0, 0])
    x = x / np.linalg.norm(x)
    return np.stack([x, np.cross(z, x), z], axis=1)


def bell(length: float, exit_r: float, sections: int, material="dark") -> Part:
    """A nozzle bell along +X from its throat at x=0: a cup open towards +X."""
    t = np.linspace(0.0, 1.0, 5)
    outer = [(length * s, exit_r * (0.35 + 0.65 * np.sqrt(s))) for s in t]
    inner = [
        (length * s, exit_r * (0.35 + 0.65 * np.sqrt(s)) - 0.012 - 0.05 * exit_r)
        for s in t[::-1]
    ]
    inner = [(x, max(r, 0.006)) for x, r in inner]
    prof = [
        (0.0, 0.0),
        *outer,
        *inner[:-1],
        (length * 0.15, inner[-1][1]),
        (length * 0.15, 0.0),
    ]
    return lathe(prof, material, sections=sections)


def thruster_blocks(out: Build, points, normals, axis=(1.0, 0.0, 0.0)) -> None:
    """Attitude thruster blocks on the hull: a foil-covered box with four nozzles
    (outward, both sides and aft), at each hull point facing along its normal."""
    nozzle = bell(0.12, 0.05, out.detail.small, "dark")
    local = []
    # (position in the block frame, nozzle direction)
    for pos, d in (
        ((0.0, 0.0, 0.12), (0, 0, 1)),
        ((0.0, 0.15, 0.05), (0, 1, 0)),
        ((0.0, -0.15, 0.05), (0, -1, 0)),
        ((-0.2, 0.0, 0.05), (-1, 0, 0)),
    ):
        local.append(matrix(rotation_to(d), pos))
    mats, box_c = [], []
    for p, n in zip(np.atleast_2d(points), np.atleast_2d(normals), strict=True):
        r = _frame(n, axis)
        block = matrix(r, p)
        mats += [block @ m for m in local]
        box_c.append(block)
    box = boxes([(0.0, 0.0, 0.04)], (0.36, 0.28, 0.16), "silver")
    out.add(instances(box, box_c), "thruster_blocks", len(box_c))
    if out.detail.fine:
        out.add(instances(nozzle, mats), "nozzles", len(mats))


def engines(out: Build, points, direction, length=0.35, exit_r=0.2) -> None:
    """Main engine bells at `points`, opening along `direction`."""
    b = bell(length, exit_r, out.detail.small + 4, "metal")
    mats = [matrix(rotation_to(direction), p) for p in np.atleast_2d(points)]
    out.add(instances(b, mats), "engines", len(mats))


def dish(out: Build, root, tip, facing, radius=0.45, material="radiator") -> None:
    """A dish antenna on a boom from `root` to `tip`, its bowl at the tip facing
    `facing`, with a feed on a short strut."""
    depth = radius * 0.35
    t = np.linspace(0.0, 1.0, 5)
    back = [(-depth + depth * s * s - 0.03, radius * s) for s in t]
    front = [(-depth + depth * s * s, radius * s) for s in t[::-1]]
    prof = [(back[0][0], 0.0), *back[1:], *front[:-1], (front[-1][0], 0.0)]
    bowl = lathe(prof, material, sections=out.detail.small + 8)
    m = matrix(rotation_to(facing), tip)
    out.add(bowl.transformed(m), "antennas")
    f = np.asarray(facing, dtype=np.float64)
    f = f / np.linalg.norm(f)
    tip = np.asarray(tip, dtype=np.float64)
    out.add(
        beams(
            [root, tip - f * depth],
            [tip - f * depth, tip + f * radius * 0.6],
            [0.06, 0.025],
            "metal",
        )
    )
    out.add(boxes([tip + f * radius * 0.6], (0.07, 0.07, 0.07), "dark"))


def whips(out: Build, roots, directions, length=1.2) -> None:
    """Whip antennas: thin rods from each root along its direction."""
    r = np.atleast_2d(np.asarray(roots, dtype=np.float64))
    d = np.atleast_2d(np.asarray(directions, dtype=np.float64))
    d = d / np.linalg.norm(d, axis=1, keepdims=True)
    out.add(beams(r, r + d * length, 0.02, "metal"), "antennas", len(r))


def radiator(
    out: Build,
    root,
    span_dir,
    normal,
    span: float,
    width: float,
    panels: int = 1,
    lines: int = 4,
    thickness=0.05,
) -> None:
    """A radiator of `panels` panels (white) in a row from `root` along `span_dir`,
    `width` wide, with fluid lines along both faces and a header at the root."""
    root = np.asarray(root, dtype=np.float64)
    s = np.asarray(span_dir, dtype=np.float64)
    s /= np.linalg.norm(s)
    n = np.asarray(normal, dtype=np.float64)
    n = n - np.dot(n, s) * s
    n /= np.linalg.norm(n)
    w = np.cross(n, s)
    gap = 0.12 if panels > 1 else 0.0
    step = (span - gap * (panels - 1)) / panels
    starts = np.array([root + s * k * (step + gap) for k in range(panels)])
    out.add(
        beams(starts, starts + s * step, width, "radiator", height=thickness, up=n),
        "radiator_panels",
        panels,
    )
    offs = (np.arange(lines) + 0.5) / lines - 0.5
    a, b = [], []
    for o in offs:
        for side in (-1, 1):
            base = root + w * o * width * 0.9 + n * side * (thickness / 2 + 0.012)
            a.append(base)
            b.append(base + s * span)
    if out.detail.fine:
        out.add(beams(a, b, 0.025, "metal"), "fluid_lines", len(a))
    out.add(beams([root - w * width * 0.5], [root + w * width * 0.5], 0.08, "metal"))


def lattice(
    out: Build,
    x0: float,
    x1: float,
    half_y: float,
    half_z: float,
    bays: int,
    bar: float,
    material="frame",
    offset=(0.0, 0.0, 0.0),
) -> None:
    """An open box truss along X: four longerons, battens around each bay station and
    (at full detail) one diagonal per face per bay, alternating like the ISS truss."""
    o = np.asarray(offset, dtype=np.float64)

    def at(x, y, z):
        return o + np.array([x, y, z])

    hy, hz = half_y - bar / 2, half_z - bar / 2
    corners = [(hy, hz), (-hy, hz), (-hy, -hz), (hy, -hz)]
    a = [at(x0, y, z) for y, z in corners]
    b = [at(x1, y, z) for y, z in corners]
    out.add(beams(a, b, bar, material), "truss_bays", bays)
    xs = np.linspace(x0, x1, bays + 1)
    sa, sb, da, db = [], [], [], []
    for k, x in enumerate(xs):
        for c in range(4):
            (y0, z0), (y1, z1) = corners[c], corners[(c + 1) % 4]
            sa.append(at(x, y0, z0))
            sb.append(at(x, y1, z1))
            if k < bays:
                flip = (k + c) % 2
                xa, xb = (x, xs[k + 1]) if flip else (xs[k + 1], x)
                da.append(at(xa, y0, z0))
                db.append(at(xb, y1, z1))
    out.add(beams(sa, sb, bar * 0.8, material))
    if out.detail.fine:
        out.add(beams(da, db, bar * 0.6, material))
