"""Ray casting against module meshes (Qt-free): which module is under the cursor.

Exact: the ray is tested against the triangles themselves, so a ray between two modules
hits nothing and a ray through a solar array hits the module that owns the array. Each
mesh gets a bounding-volume index once (`TriangleIndex`, cached with the mesh): the
triangles are split by median cuts into leaves of a few dozen, and a ray tests only the
leaves whose boxes it crosses, nearest first, so a pick over a 175k-triangle model costs
about a millisecond instead of a pass over every triangle.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np

from .geometry import ModuleMeshes

LEAF_SIZE = 32  # triangles per leaf of the index
_BATCH = 16  # leaves tested per numpy call


@dataclass(frozen=True)
class Hit:
    module_id: str
    distance: float
    point: np.ndarray
    material: str


def ray_triangles(origin, direction, v0, v1, v2) -> np.ndarray:
    """Möller–Trumbore for many triangles: distance along the ray, inf where missed."""
    return _moller_trumbore(origin, direction, v0, v1 - v0, v2 - v0)


def _moller_trumbore(origin, direction, v0, e1, e2) -> np.ndarray:
    p = np.cross(direction, e2)
    det = np.einsum("ij,ij->i", e1, p)
    ok = np.abs(det) > 1e-12
    inv = np.where(ok, 1.0 / np.where(ok, det, 1.0), 0.0)
    s = origin - v0
    u = np.einsum("ij,ij->i", s, p) * inv
    q = np.cross(s, e1)
    v = (q @ direction) * inv
    t = np.einsum("ij,ij->i", e2, q) * inv
    hit = ok & (u >= 0) & (v >= 0) & (u + v <= 1) & (t > 1e-9)
    return np.where(hit, t, np.inf)


def _ray_boxes(origin, direction, lo, hi) -> tuple[np.ndarray, np.ndarray]:
    """Entry distance of a ray into many boxes and whether it enters each at all."""
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = 1.0 / direction
        t0 = (lo - origin) * inv
        t1 = (hi - origin) * inv
    tmin = np.nanmax(np.minimum(t0, t1), axis=-1)
    tmax = np.nanmin(np.maximum(t0, t1), axis=-1)
    hit = tmax >= np.maximum(tmin, 0.0)
    return np.maximum(tmin, 0.0), hit


class TriangleIndex:
    """Every triangle of one ModuleMeshes, in leaves of a median-split hierarchy."""

    def __init__(self, meshes: ModuleMeshes):
        v0s, e1s, e2s, mats = [], [], [], []
        self.materials = list(meshes.parts)
        for k, part in enumerate(meshes.parts.values()):
            tri = part.vertices[part.faces].astype(np.float64)
            v0s.append(tri[:, 0])
            e1s.append(tri[:, 1] - tri[:, 0])
            e2s.append(tri[:, 2] - tri[:, 0])
            mats.append(np.full(len(tri), k, dtype=np.int32))
        v0 = np.concatenate(v0s) if v0s else np.zeros((0, 3))
        e1 = np.concatenate(e1s) if e1s else np.zeros((0, 3))
        e2 = np.concatenate(e2s) if e2s else np.zeros((0, 3))
        mat = np.concatenate(mats) if mats else np.zeros(0, dtype=np.int32)
        order, leaves = _split(v0 + (e1 + e2) / 3.0)
        self.v0, self.e1, self.e2, self.material = (
            v0[order],
            e1[order],
            e2[order],
            mat[order],
        )
        self.starts = np.array([a for a, _ in leaves], dtype=np.int64)
        self.ends = np.array([b for _, b in leaves], dtype=np.int64)
        corners = [self.v0, self.v0 + self.e1, self.v0 + self.e2]
        lo = np.minimum.reduce(corners)
        hi = np.maximum.reduce(corners)
        self.lo = np.array([lo[a:b].min(axis=0) for a, b in leaves]).reshape(-1, 3)
        self.hi = np.array([hi[a:b].max(axis=0) for a, b in leaves]).reshape(-1, 3)
        self.bounds = (
            (self.lo.min(axis=0), self.hi.max(axis=0))
            if len(leaves)
            else (np.zeros(3), np.zeros(3))
        )

    def __len__(self) -> int:
        return len(self.v0)

    def first_hit(
        self, origin, direction, limit: float = np.inf
    ) -> tuple[float, int] | None:
        """(distance, material index) of the nearest triangle hit closer than `limit`."""
        if not len(self.starts):
            return None
        entry, crossed = _ray_boxes(origin, direction, self.lo, self.hi)
        crossed &= entry < limit
        leaves = np.flatnonzero(crossed)
        if not len(leaves):
            return None
        leaves = leaves[np.argsort(entry[leaves], kind="stable")]
        best_t, best_i = limit, -1
        k, size = 0, _BATCH
        while k < len(leaves):
            batch = leaves[k : k + size]
            k, size = (
                k + size,
                size * 2,
            )  # near leaves first; far ones in bigger batches
            if entry[batch[0]] >= best_t:
                break
            idx = _ranges(self.starts[batch], self.ends[batch])
            t = _moller_trumbore(
                origin, direction, self.v0[idx], self.e1[idx], self.e2[idx]
            )
            i = int(np.argmin(t))
            if t[i] < best_t:
                best_t, best_i = float(t[i]), int(idx[i])
        if best_i < 0:
            return None
        return best_t, int(self.material[best_i])


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The concatenation of arange(s, e) for each pair, without a Python loop."""
    lengths = ends - starts
    offsets = np.repeat(
        starts - np.concatenate([[0], np.cumsum(lengths)[:-1]]), lengths
    )
    return np.arange(int(lengths.sum())) + offsets


def _split(centroids: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """A permutation of the triangles and the [start, end) ranges of the leaves: the
    longest side of each range's centroid box is cut at the median until leaves are
    small. Iterative, so deep inputs cannot overflow the stack."""
    order = np.arange(len(centroids))
    leaves: list[tuple[int, int]] = []
    todo = [(0, len(centroids))] if len(centroids) else []
    while todo:
        a, b = todo.pop()
        if b - a <= LEAF_SIZE:
            leaves.append((a, b))
            continue
        c = centroids[order[a:b]]
        axis = int(np.argmax(c.max(axis=0) - c.min(axis=0)))
        mid = (b - a) // 2
        part = np.argpartition(c[:, axis], mid)
        order[a:b] = order[a:b][part]
        todo += [(a + mid, b), (a, a + mid)]
    leaves.sort()
    return order, leaves


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def triangle_index(meshes: ModuleMeshes) -> TriangleIndex:
    """The index of a mesh, built on first use and kept as long as the mesh lives."""
    found = _INDEXES.get(meshes)
    if found is None:
        found = _INDEXES[meshes] = TriangleIndex(meshes)
    return found


def pick(
    origin, direction, meshes: dict[str, ModuleMeshes], transforms: dict, visible
) -> Hit | None:
    """The nearest module hit by a world-space ray, among the `visible` module ids."""
    origin = np.asarray(origin, dtype=np.float64)
    direction = np.asarray(direction, dtype=np.float64)
    direction = direction / np.linalg.norm(direction)
    candidates = []
    for mid in visible:
        index = triangle_index(meshes[mid])
        inv = np.linalg.inv(transforms[mid])
        o = inv[:3, :3] @ origin + inv[:3, 3]
        d = inv[:3, :3] @ direction  # rigid transform: the length stays 1
        entry, crossed = _ray_boxes(o, d, index.bounds[0][None], index.bounds[1][None])
        if crossed[0]:
            candidates.append((float(entry[0]), mid, index, o, d))
    best: Hit | None = None
    for near, mid, index, o, d in sorted(candidates, key=lambda c: c[0]):
        if best is not None and near >= best.distance:
            break
        found = index.first_hit(o, d, best.distance if best else np.inf)
        if found is not None:
            t, k = found
            best = Hit(mid, t, origin + direction * t, index.materials[k])
    return best
