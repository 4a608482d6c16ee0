"""Solar array wings: rigid panel wings (Soyuz, Progress, Zvezda, Mir and the smaller
modules) and flexible blanket wings on a central mast (ISS truss arrays, Tiangong's
laboratories, the NEM), each with its gimbal drive at the root.

Cells carry texture coordinates in cell units (`CELL` metres per cell; integer values
fall on cell edges) on both faces of every panel, so a shader can draw the cell grid;
panel gaps and hinge lines are geometry. Wings run along +Y and -Y of the module frame,
their width along X, their faces towards +Z and -Z.
"""

from __future__ import annotations

import numpy as np

from ..primitives import beams, boxes, lathe, matrix, rotation_to
from .base import Build

CELL = (0.2, 0.2)  # drawn cell pitch (u across the wing, v along it), metres
RIGID_PANEL = 1.9  # target panel length of a rigid wing, metres
BLANKET_FROM = 20.0  # wings longer than this are drawn as blankets on a mast


def solar_wings(
    out: Build,
    x: float,
    root_r: float,
    span: float,
    width: float,
    z: float = 0.0,
    style: str | None = None,
    mast_gap: float = 0.2,
) -> None:
    """Two wings along +Y and -Y from a hull (or truss side) of radius `root_r` at
    station `x`, tip to tip `span`, each `width` wide along X. `style` "rigid" or
    "blanket" (default: by wing length)."""
    root = root_r + 0.35
    length = span / 2 - root
    if length <= 0.5 or width <= 0:
        return
    style = style or ("blanket" if length > BLANKET_FROM else "rigid")
    for sign in (1.0, -1.0):
        if style == "blanket":
            _blanket_wing(out, x, root, length, width, z, sign, mast_gap)
        else:
            _rigid_wing(out, x, root, length, width, z, sign)
        _gimbal(out, x, root_r, root, z, sign)
    out.counts["solar_wings"] += 2


def _gimbal(
    out: Build, x: float, root_r: float, root: float, z: float, sign: float
) -> None:
    """The drive at the hull that turns the wing, and the mast out to its root."""
    drum = lathe(
        [(0.0, 0.0), (0.0, 0.2), (0.08, 0.24), (0.26, 0.24), (0.3, 0.16), (0.3, 0.0)],
        "metal",
        sections=out.detail.small + 4,
    )
    m = matrix(rotation_to((0.0, sign, 0.0)), (x, sign * (root_r - 0.12), z))
    out.add(drum.transformed(m), "gimbals")
    out.add(
        beams(
            [(x, sign * (root_r + 0.15), z)],
            [(x, sign * (root + 0.05), z)],
            0.14,
            "frame",
        ),
        "masts",
    )


def _rigid_wing(
    out: Build,
    x: float,
    root: float,
    length: float,
    width: float,
    z: float,
    sign: float,
) -> None:
    n = max(2, round(length / RIGID_PANEL))
    gap = 0.06
    step = (length - gap * (n - 1)) / n
    ys = root + (np.arange(n) + 0.5) * step + np.arange(n) * gap
    centres = np.stack([np.full(n, x), sign * ys, np.full(n, z)], axis=1)
    out.add(boxes(centres, (width, step, 0.04), "solar", cell=CELL), "solar_panels", n)
    # spar behind the panels, a frame bar along every hinge line
    out.add(
        beams(
            [(x, sign * root, z - 0.05)],
            [(x, sign * (root + length), z - 0.05)],
            0.08,
            "frame",
        )
    )
    hinges = root + np.arange(n + 1) * (step + gap) - gap / 2
    hinges[0], hinges[-1] = root, root + length
    a = np.stack([np.full(n + 1, x - width / 2), sign * hinges, np.full(n + 1, z)], 1)
    b = a + np.array([width, 0.0, 0.0])
    out.add(beams(a, b, 0.045, "frame"))


def _blanket_wing(
    out: Build,
    x: float,
    root: float,
    length: float,
    width: float,
    z: float,
    sign: float,
    mast_gap: float,
) -> None:
    d = out.detail
    bw = (width - mast_gap) / 2
    box_len = 0.45  # the blanket boxes at the root and the tip bar
    run = length - 2 * box_len
    n = max(2, round(run / d.panel_len))
    gap = 0.03
    step = (run - gap * (n - 1)) / n
    ys = root + box_len + (np.arange(n) + 0.5) * step + np.arange(n) * gap
    centres = []
    for off in (-1.0, 1.0):
        xc = x + off * (mast_gap / 2 + bw / 2)
        centres += [(xc, sign * y, z) for y in ys]
    out.add(
        boxes(centres, (bw, step, 0.025), "solar", cell=CELL),
        "solar_panels",
        len(centres),
    )
    # root box (the stowed-blanket box) and tip bar across the whole width
    out.add(
        boxes(
            [
                (x, sign * (root + box_len / 2), z),
                (x, sign * (root + length - 0.06), z),
            ],
            [(width, box_len, 0.3), (width, 0.12, 0.1)],
            "silver",
        )
    )
    # the mast: four longerons and (at full detail) battens along the gap
    hw = min(0.35, mast_gap / 2 + 0.15) if mast_gap > 0.3 else 0.12
    y0, y1 = sign * (root + box_len), sign * (root + length - 0.1)
    corners = [(hw, hw), (-hw, hw), (-hw, -hw), (hw, -hw)]
    a = [(x + cx, y0, z + cz) for cx, cz in corners]
    b = [(x + cx, y1, z + cz) for cx, cz in corners]
    out.add(beams(a, b, 0.05, "frame"))
    if d.fine:
        k = max(2, int(abs(y1 - y0) / 1.5))
        sa, sb = [], []
        for y in np.linspace(y0, y1, k):
            for c in range(4):
                (ax, az), (bx, bz) = corners[c], corners[(c + 1) % 4]
                sa.append((x + ax, y, z + az))
                sb.append((x + bx, y, z + bz))
        out.add(beams(sa, sb, 0.035, "frame"))
