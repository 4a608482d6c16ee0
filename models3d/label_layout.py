"""Where labels go on a picture of the station: an anchor on each module, and a greedy
placement in screen space that keeps labels apart, inside the picture and close to
their anchors, each joined to its anchor by a leader line.

Qt-free, so the app's view and the off-screen exporter place labels with the same code
and tests can check the layout without a display. Sizes are in pixels, y grows down.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .geometry import ModuleMeshes
from .picking import Hit, triangle_index
from .station import box_corners

Rect = tuple[float, float, float, float]  # x, y, width, height
Point = tuple[float, float]

# Directions tried around an anchor, most natural first: above, the upper diagonals,
# the sides, then below. Distances (px) from the anchor to the label's nearest edge.
DIRECTIONS = ((0, -1), (1, -1), (-1, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (0, 1))
DISTANCES = (14.0, 28.0, 46.0, 68.0, 94.0)
ANCHOR_CLEARANCE = 5.0  # px a label keeps off other labels' anchors when it can


@dataclass(frozen=True)
class LabelRequest:
    key: str
    anchor: Point
    size: tuple[float, float]  # width, height


@dataclass(frozen=True)
class PlacedLabel:
    key: str
    anchor: Point
    rect: Rect
    leader_end: Point  # the point of the label's box nearest the anchor

    @property
    def leader_length(self) -> float:
        return math.dist(self.anchor, self.leader_end)


def _candidate(anchor: Point, size, direction, distance: float) -> Rect:
    (ax, ay), (w, h), (dx, dy) = anchor, size, direction
    if dx and dy:  # a diagonal: the box's corner sits on the diagonal
        d = distance / math.sqrt(2)
        x = ax + d if dx > 0 else ax - d - w
        y = ay + d if dy > 0 else ay - d - h
    elif dx:
        x = ax + distance if dx > 0 else ax - distance - w
        y = ay - h / 2
    else:
        x = ax - w / 2
        y = ay + distance if dy > 0 else ay - distance - h
    return (x, y, w, h)


def _overlap(a: Rect, b: Rect, gap: float) -> bool:
    return (
        a[0] < b[0] + b[2] + gap
        and b[0] < a[0] + a[2] + gap
        and a[1] < b[1] + b[3] + gap
        and b[1] < a[1] + a[3] + gap
    )


def _contains(r: Rect, p: Point, pad: float) -> bool:
    return (
        r[0] - pad <= p[0] <= r[0] + r[2] + pad
        and r[1] - pad <= p[1] <= r[1] + r[3] + pad
    )


def nearest_point(r: Rect, p: Point) -> Point:
    """The point of rectangle r nearest p (p itself when inside)."""
    return (min(max(p[0], r[0]), r[0] + r[2]), min(max(p[1], r[1]), r[1] + r[3]))


def layout_labels(
    requests: Sequence[LabelRequest],
    width: float,
    height: float,
    *,
    obstacles: Sequence[Rect] = (),
    gap: float = 3.0,
    margin: float = 2.0,
    distances: Sequence[float] = DISTANCES,
) -> tuple[list[PlacedLabel], list[str]]:
    """Place labels in the order given (put the most important first): each takes the
    first candidate position around its anchor that lies inside the picture, overlaps
    no placed label or obstacle, and covers no other anchor; failing that, the first
    that covers anchors but nothing else. Returns the placed labels and the keys of
    those that found no free spot (left out rather than drawn over each other)."""
    placed: list[PlacedLabel] = []
    dropped: list[str] = []
    taken = list(obstacles)
    anchors = [r.anchor for r in requests]

    def free(rect: Rect, own: int, strict: bool) -> bool:
        x, y, w, h = rect
        if min(x, y) < margin or x + w > width - margin or y + h > height - margin:
            return False
        if any(_overlap(rect, t, gap) for t in taken):
            return False
        return not strict or not any(
            _contains(rect, a, ANCHOR_CLEARANCE)
            for i, a in enumerate(anchors)
            if i != own
        )

    for n, req in enumerate(requests):
        spot = None
        for strict in (True, False):
            spot = next(
                (
                    rect
                    for d in distances
                    for direction in DIRECTIONS
                    if free(
                        rect := _candidate(req.anchor, req.size, direction, d),
                        n,
                        strict,
                    )
                ),
                None,
            )
            if spot is not None:
                break
        if spot is None:
            dropped.append(req.key)
            continue
        taken.append(spot)
        placed.append(
            PlacedLabel(req.key, req.anchor, spot, nearest_point(spot, req.anchor))
        )
    return placed, dropped


# ---- anchors on modules -------------------------------------------------------------

_TOPS: OrderedDict = OrderedDict()  # (id(meshes), transform bytes) -> (meshes, points)
_TOPS_CACHE = 512
# where rays straight down probe a module, as fractions of its world box's horizontal
# sides (the longest first): the centre first, then outwards (a centre may be a gap)
_PROBES = (0.0, -0.2, 0.2, -0.35, 0.35, -0.1, 0.1)


def top_points(meshes: ModuleMeshes, transform: np.ndarray) -> np.ndarray:
    """World points on top of a placed module, nearest its centre first: where rays
    straight down (world -Z) along the middle lines of the module's world box meet the
    module's own surface; the centre of the box's top face when every ray misses."""
    t = np.asarray(transform, dtype=np.float64)
    key = (id(meshes), t.tobytes())
    found = _TOPS.get(key)
    if found is not None and found[0] is meshes:
        _TOPS.move_to_end(key)
        return found[1].copy()
    corners = box_corners(tuple(meshes.bounds()), t)
    lo, hi = corners.min(axis=0), corners.max(axis=0)
    centre = (lo + hi) / 2
    longest = 0 if hi[0] - lo[0] >= hi[1] - lo[1] else 1
    inv = np.linalg.inv(t)
    down = inv[:3, :3] @ np.array([0.0, 0.0, -1.0])
    index = triangle_index(meshes)
    points = []
    for along in (longest, 1 - longest):
        for f in _PROBES:
            origin = np.array([centre[0], centre[1], hi[2] + 1.0])
            origin[along] += f * (hi[along] - lo[along])
            hit = index.first_hit(inv[:3, :3] @ origin + inv[:3, 3], down)
            if hit is not None:
                points.append(origin - np.array([0.0, 0.0, hit[0]]))
    if not points:
        points = [np.array([centre[0], centre[1], hi[2]])]
    out = np.array(points)
    _TOPS[key] = (meshes, out)  # the mesh is kept so that its id cannot be reused
    while len(_TOPS) > _TOPS_CACHE:
        _TOPS.popitem(last=False)
    return out.copy()


def anchor_candidates(meshes: ModuleMeshes, transform: np.ndarray) -> np.ndarray:
    """Points to aim a module's label at, best first: inside the module halfway down
    from its top points towards its box centre (a ray from the eye through such a
    point meets the module's surface in the middle of its outline, never grazing an
    edge), then the top points themselves, then a quarter and three quarters down."""
    top = top_points(meshes, transform)[:5]
    corners = box_corners(tuple(meshes.bounds()), np.asarray(transform, float))
    centre_z = float((corners[:, 2].min() + corners[:, 2].max()) / 2)
    drop = (top[:, 2] - centre_z)[:, None] * np.array([0.0, 0.0, 1.0])
    return np.concatenate([top - f * drop for f in (0.5, 0.0, 0.25, 0.75)])


def visible_anchor(
    module_id: str, points: np.ndarray, eye, pick, spread: float = 0.0
) -> np.ndarray:
    """Where the eye sees a module: along the ray from the eye through the first of
    `points` for which that ray meets this module first, the point it meets. With a
    `spread` (radians, a few pixels' worth), a point is taken only if rays that much
    to either side meet the module too (not its very edge), unless no point passes.
    The first point when the module is hidden from every one. `pick(origin,
    direction)` returns a hit with `.module_id` and `.point` (or None)."""
    eye = np.asarray(eye, dtype=np.float64)

    def meets(direction) -> Hit | None:
        hit = pick(eye, direction / np.linalg.norm(direction))
        return hit if hit is not None and hit.module_id == module_id else None

    first = None
    for p in points:
        d = p - eye
        dist = float(np.linalg.norm(d))
        if dist < 1e-9:
            continue
        d = d / dist
        hit = meets(d)
        if hit is None:
            continue
        if spread <= 0:
            return np.asarray(hit.point, dtype=np.float64)
        first = hit.point if first is None else first
        side = np.cross(d, [0.0, 0.0, 1.0] if abs(d[2]) < 0.9 else [1.0, 0.0, 0.0])
        side /= np.linalg.norm(side)
        up = np.cross(side, d)
        if all(meets(d + spread * v) for v in (side, -side, up, -up)):
            return np.asarray(hit.point, dtype=np.float64)
    return np.asarray(first if first is not None else points[0], dtype=np.float64)
