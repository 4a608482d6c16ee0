"""Ambient occlusion baked per vertex, Qt-free: for each module against its own
triangles (when its mesh is built) and for the assembled station at a phase (what docked
neighbours hide at the joints, baked lazily or in a background thread).

Method: voxel cone tracing. A module's triangles are sampled densely and marked in an
occupancy grid in module space (about `GRID_CELLS` cells, cell edge at least
`MIN_VOXEL`), reduced into a pyramid whose coarser cells hold how much of them blocks a
view along the most covered axis (a wall counts as opaque at every level, a sparse
lattice as partly open). From each vertex, `CONES` cones spread over the hemisphere
round its normal march outward to `RADIUS`, reading coarser cells as they widen but
never cells so coarse that they could hold the vertex's own surface; each cone's
transmittance is the product of (1 - opacity) along it. A vertex's AO is the
cosine-weighted mean transmittance: 1 in the open, towards 0 in a closed crease.

Measured on the NEM (27,776 vertices): ray casting against its triangles with
models3d.picking.TriangleIndex costs 0.57 ms per ray, about 110 s at 7 rays per vertex;
the cone tracer takes 0.05 s, grid included (per plan: bench/meshes.py).

Interface for the renderer:
- every built-in `Part` has `ao` (float32, one per vertex) after
  `geometry.build_module`;
- `station_ao(meshes, state)` -> {module id: {material: ao array}} for one phase,
  self-occlusion times occlusion by the other modules, cached per phase;
- `StationAOBaker().request(meshes, state)` -> a `concurrent.futures.Future` with the
  same result, computed on a worker thread (numpy releases the GIL for the heavy parts).
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import OrderedDict
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # geometry imports this module
    from .assembly import StationState
    from .geometry import ModuleMeshes
    from .primitives import Part

GRID_CELLS = 250_000  # finest occupancy cells per module
MIN_VOXEL = 0.18  # metres
RADIUS = 2.5  # occluders farther than this do not count, metres
_GROWTH = 1.75  # each cone step is this much farther than the last
# cone axes in the normal's frame: (elevation above the tangent plane, azimuth), deg
_PATTERN = [(30.0, a) for a in range(0, 360, 60)] + [(90.0, 0)]
CONES = len(_PATTERN)
_HALF_ANGLE = math.radians(32.0)


@dataclass
class OccupancyGrid:
    """Occupancy pyramid of one mesh in its own frame."""

    origin: np.ndarray  # (3,) float32: corner of cell (0, 0, 0)
    voxel: float  # cell edge at level 0, metres
    levels: list[np.ndarray]  # float32 opacity, level k has cells 2**k voxels wide
    first: int = 0  # index of levels[0] (coarse-only copies drop the finest levels)
    _near: np.ndarray | None = None  # cached by near()

    def opacity(self, points: np.ndarray, level: int) -> np.ndarray:
        level = min(max(level, self.first), self.first + len(self.levels) - 1)
        grid = self.levels[level - self.first]
        size = self.voxel * (1 << level)
        q = (points - self.origin) * np.float32(1.0 / size)
        dx, dy, dz = grid.shape
        ix, iy, iz = (np.floor(q[:, k]).astype(np.int32) for k in range(3))
        ok = (ix >= 0) & (ix < dx) & (iy >= 0) & (iy < dy) & (iz >= 0) & (iz < dz)
        flat = (ix * dy + iy) * dz + iz
        flat[~ok] = 0
        out = grid.ravel()[flat]
        out[~ok] = 0.0
        return out

    def near(self, points: np.ndarray) -> np.ndarray:
        """Whether anything occupied may lie within `RADIUS` of each point: the
        coarsest level grown by two cells each way (its cells are at least a quarter
        of `RADIUS` wide), read at the point."""
        top = len(self.levels) - 1 + self.first
        if self._near is None:
            grown = self.levels[-1] > 0.0
            for _ in range(2):
                g = grown.copy()
                for axis in range(3):
                    for step in (1, -1):
                        shifted = np.roll(g, step, axis=axis)
                        # np.roll wraps: clear the slab that came round the edge
                        edge = [slice(None)] * 3
                        edge[axis] = slice(0, 1) if step == 1 else slice(-1, None)
                        shifted[tuple(edge)] = False
                        grown |= shifted
            self._near = grown
        size = self.voxel * (1 << top)
        q = np.floor((points - self.origin) / np.float32(size)).astype(np.int32)
        dims = np.array(self._near.shape)
        inside = np.all((q >= 0) & (q < dims), axis=1)
        # points up to two cells outside the grid may still see its edge
        close = np.all((q >= -2) & (q < dims + 2), axis=1)
        q = np.clip(q, 0, dims - 1)
        return close & (self._near[q[:, 0], q[:, 1], q[:, 2]] | ~inside)

    def coarse(self, first: int) -> OccupancyGrid:
        return OccupancyGrid(
            self.origin, self.voxel, self.levels[first - self.first :], first
        )


def _triangles(parts: Mapping[str, Part]) -> np.ndarray:
    tris = [p.vertices[p.faces] for p in parts.values() if len(p.faces)]
    return (
        np.concatenate(tris).astype(np.float32)
        if tris
        else np.zeros((0, 3, 3), np.float32)
    )


def _samples(tris: np.ndarray, spacing: float) -> np.ndarray:
    """Points covering every triangle about `spacing` apart (an R2 low-discrepancy set
    folded into each triangle; at least one point in every triangle)."""
    e1 = tris[:, 1] - tris[:, 0]
    e2 = tris[:, 2] - tris[:, 0]
    area = 0.5 * np.linalg.norm(np.cross(e1, e2), axis=1)
    longest = np.sqrt(
        np.max(
            np.stack([(e1 * e1).sum(1), (e2 * e2).sum(1), ((e2 - e1) ** 2).sum(1)]),
            axis=0,
        )
    )
    count = np.maximum(1.3 * area / spacing**2, 1.3 * longest / spacing)
    count = np.maximum(np.ceil(count), 1).astype(np.int64)
    owner = np.repeat(np.arange(len(tris)), count)
    k = (np.arange(len(owner)) - np.repeat(np.cumsum(count) - count, count)).astype(
        np.float32
    )
    g = 1.32471795724474602596  # the plastic number: R2 sequence
    u = (0.5 + k * np.float32(1.0 / g)) % 1.0
    v = (0.5 + k * np.float32(1.0 / (g * g))) % 1.0
    flip = u + v > 1.0
    u = np.where(flip, 1.0 - u, u)[:, None]
    v = np.where(flip, 1.0 - v, v)[:, None]
    return tris[owner, 0] + u * e1[owner] + v * e2[owner]


def build_grid(parts: Mapping[str, Part]) -> OccupancyGrid | None:
    """The occupancy pyramid of a mesh's triangles (None for an empty mesh)."""
    tris = _triangles(parts)
    if not len(tris):
        return None
    lo = tris.reshape(-1, 3).min(axis=0)
    hi = tris.reshape(-1, 3).max(axis=0)
    ext = np.maximum(hi - lo, MIN_VOXEL)
    voxel = max(MIN_VOXEL, float(np.prod(ext) / GRID_CELLS) ** (1.0 / 3.0))
    # the coarsest level the tracer can ask for: half the height of the highest cone
    # at the end of its run
    top = max(1, math.ceil(math.log2(max(0.5 * RADIUS / voxel, 2.0))))
    dims = np.ceil(ext / voxel).astype(int) + 2
    dims += dims % 2
    origin = (lo - voxel).astype(np.float32)
    occ = np.zeros(int(np.prod(dims)), dtype=np.uint8)
    pts = _samples(tris, voxel)
    idx = ((pts - origin) / np.float32(voxel)).astype(np.int32)
    idx = np.minimum(idx, dims - 1)
    occ[(idx[:, 0] * dims[1] + idx[:, 1]) * dims[2] + idx[:, 2]] = 1
    levels = [occ.reshape(tuple(dims))]
    for _ in range(top):
        levels.append(_reduce(levels[-1]))
    return OccupancyGrid(origin, voxel, levels)


def _reduce(a: np.ndarray) -> np.ndarray:
    """One pyramid level up: per 2x2x2 block, how much of it blocks a view along each
    axis (the two cells in line composite as 1-(1-a)(1-b), averaged over the four
    lines), taking the most blocking axis."""
    pad = [(0, s % 2) for s in a.shape]
    if any(p[1] for p in pad):
        a = np.pad(a, pad)
    if a.dtype == np.uint8:  # level 0 is binary: two cells in line block as an OR
        a = a.astype(np.float32)

    def line(p, q):
        return p + q - p * q

    def quad(c, i, j):
        # mean over the 2x2 in-block cells of the two axes other than the line's
        s0 = [slice(None)] * 3
        out = 0.0
        for di in (0, 1):
            for dj in (0, 1):
                s0[i] = slice(di, None, 2)
                s0[j] = slice(dj, None, 2)
                out = out + c[tuple(s0)]
        return out * np.float32(0.25)

    bx = quad(line(a[0::2], a[1::2]), 1, 2)
    by = quad(line(a[:, 0::2], a[:, 1::2]), 0, 2)
    bz = quad(line(a[:, :, 0::2], a[:, :, 1::2]), 0, 1)
    return np.maximum(np.maximum(bx, by), bz).astype(np.float32)


def _frames(normals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Two tangents per normal."""
    ref = np.where(
        np.abs(normals[:, :1]) < 0.9,
        np.array([[1.0, 0.0, 0.0]], dtype=np.float32),
        np.array([[0.0, 1.0, 0.0]], dtype=np.float32),
    )
    t1 = np.cross(normals, ref)
    t1 /= np.linalg.norm(t1, axis=1, keepdims=True).clip(1e-9)
    return t1, np.cross(normals, t1)


def trace(
    grid: OccupancyGrid,
    points: np.ndarray,
    normals: np.ndarray,
    offset: float | None = None,
) -> np.ndarray:
    """Cosine-weighted visibility (1 open .. 0 closed) of each point through `grid`.

    `offset` (default: 1.5 cells) moves each cone's start off the surface along the
    normal, so a point does not see its own surface cell."""
    p = np.asarray(points, dtype=np.float32)
    n = np.asarray(normals, dtype=np.float32)
    n = n / np.linalg.norm(n, axis=1, keepdims=True).clip(1e-9)
    t1, t2 = _frames(n)
    off = np.float32(1.5 * grid.voxel if offset is None else offset)
    start = p + n * off
    total = np.zeros(len(p), dtype=np.float32)
    weight = 0.0
    spread = 2.0 * math.tan(_HALF_ANGLE)
    for elev, az in _PATTERN:
        e, a = math.radians(elev), math.radians(az)
        d = n * math.sin(e) + (t1 * math.cos(a) + t2 * math.sin(a)) * math.cos(e)
        trans = np.ones(len(p), dtype=np.float32)
        t = 1.5 * grid.voxel
        while t < RADIUS:
            # the cell must be narrower than the cone and than half the height above
            # the start surface, or it could hold that surface
            height = t * math.sin(e) + float(off)
            cell = min(spread * t, height / 2)
            level = math.floor(math.log2(max(cell / grid.voxel, 1.0)))
            alpha = grid.opacity(start + d * np.float32(t), level)
            fall = 1.0 - t / RADIUS
            trans *= 1.0 - alpha * np.float32(fall)
            t *= _GROWTH
        w = math.sin(e)
        total += trans * np.float32(w)
        weight += w
    return np.clip(total / np.float32(weight), 0.0, 1.0)


def trace_unique(
    grid: OccupancyGrid,
    points: np.ndarray,
    normals: np.ndarray,
    offset: float | None = None,
) -> np.ndarray:
    """`trace` once per distinct (position, normal) at the grid's resolution: lathes
    repeat vertices at creases and small parts crowd many into one cell."""
    if not len(points):
        return np.ones(0, np.float32)
    q = np.floor((points - grid.origin) / grid.voxel).astype(np.int64)
    q -= q.min(axis=0)
    nb = np.round(normals * 2.0).astype(np.int64) + 2  # 5 bins per component
    key = (q[:, 0] * (q[:, 1].max() + 1) + q[:, 1]) * (q[:, 2].max() + 1) + q[:, 2]
    key = key * 125 + (nb[:, 0] * 5 + nb[:, 1]) * 5 + nb[:, 2]
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    vis = trace(grid, points[first], normals[first], offset)
    return vis[inverse.ravel()]


# ---- per module --------------------------------------------------------------------

_GRIDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()
_KEEP_FROM = 1  # coarse grids kept for the station pass drop level 0 (1/8 the memory)


def bake_module(parts: dict[str, Part]) -> None:
    """Set `ao` on every part from the module's own triangles (in place)."""
    grid = build_grid(parts)
    if grid is None:
        return
    items = list(parts.values())
    vis = trace_unique(
        grid,
        np.concatenate([p.vertices for p in items]),
        np.concatenate([p.normals for p in items]),
    )
    start = 0
    for part in items:
        part.ao = vis[start : start + len(part.vertices)]
        start += len(part.vertices)
    key = _key(parts)
    if key is not None:
        with _LOCK:
            _GRIDS[key] = grid.coarse(min(_KEEP_FROM, len(grid.levels) - 1))


def _key(parts: Mapping[str, Part]):
    return next(iter(parts.values()), None)


def _grid_of(parts: Mapping[str, Part]) -> OccupancyGrid | None:
    key = _key(parts)
    if key is None:
        return None
    with _LOCK:
        found = _GRIDS.get(key)
    if found is None:
        g = build_grid(parts)
        if g is None:
            return None
        found = g.coarse(min(_KEEP_FROM, len(g.levels) - 1))
        with _LOCK:
            _GRIDS[key] = found
    return found


def module_ao(meshes: ModuleMeshes) -> dict[str, np.ndarray]:
    """Self-occlusion per material (ones for parts that carry none, e.g. imports)."""
    return {
        m: (p.ao if p.ao is not None else np.ones(len(p.vertices), np.float32))
        for m, p in meshes.parts.items()
    }


# ---- per station phase ---------------------------------------------------------------

_STATION: OrderedDict = OrderedDict()
_STATION_SIZE = 16


def station_ao(
    meshes: Mapping[str, ModuleMeshes], state: StationState
) -> dict[str, dict[str, np.ndarray]]:
    """AO of every module at a phase: its own occlusion times what the other modules
    of the phase hide within `RADIUS` (at the joints). Cached per phase and mesh set;
    modules with no neighbour that close keep their shared self-occlusion arrays."""
    key = (id(state), tuple((m, id(meshes[m].parts)) for m in state.modules))
    with _LOCK:
        found = _STATION.get(key)
        if found is not None and found[0] is state:
            _STATION.move_to_end(key)
            return found[1]
    result = _bake_station(meshes, state)
    with _LOCK:
        _STATION[key] = (state, result)
        while len(_STATION) > _STATION_SIZE:
            _STATION.popitem(last=False)
    return result


def _bake_station(meshes, state) -> dict[str, dict[str, np.ndarray]]:
    mods = list(state.modules)
    boxes = {}
    for m in mods:
        lo, hi = meshes[m].bounds()
        corners = np.array(
            [
                [x, y, z]
                for x in (lo[0], hi[0])
                for y in (lo[1], hi[1])
                for z in (lo[2], hi[2])
            ]
        )
        w = corners @ state.transforms[m][:3, :3].T + state.transforms[m][:3, 3]
        boxes[m] = (w.min(axis=0), w.max(axis=0))
    out = {}
    for a in mods:
        own = module_ao(meshes[a])
        lo_a, hi_a = boxes[a]
        near = [
            b
            for b in mods
            if b != a
            and np.all(boxes[b][0] - RADIUS <= hi_a)
            and np.all(lo_a <= boxes[b][1] + RADIUS)
        ]
        parts = list(meshes[a].parts.items())
        if not near or not parts:
            out[a] = own
            continue
        verts = np.concatenate([p.vertices for _, p in parts])
        norms = np.concatenate([p.normals for _, p in parts])
        vis = np.concatenate([own[m] for m, _ in parts]).astype(np.float32)
        ta = state.transforms[a]
        for b in near:
            grid = _grid_of(meshes[b].parts)
            if grid is None:
                continue
            rel = (np.linalg.inv(state.transforms[b]) @ ta).astype(np.float32)
            p = verts @ rel[:3, :3].T + rel[:3, 3]
            sel = np.flatnonzero(grid.near(p))
            if len(sel):
                nrm = norms[sel] @ rel[:3, :3].T
                vis[sel] *= trace_unique(grid, p[sel], nrm, offset=0.02)
        res, start = {}, 0
        for m, part in parts:
            res[m] = vis[start : start + len(part.vertices)]
            start += len(part.vertices)
        out[a] = res
    return out


class StationAOBaker:
    """Bakes `station_ao` for a phase on one worker thread. `request()` returns a
    Future; a result already cached comes back as a Future that is done."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ao")

    def request(
        self, meshes: Mapping[str, ModuleMeshes], state: StationState
    ) -> Future:
        return self._pool.submit(station_ao, dict(meshes), state)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def clear_phases() -> None:
    """Forget the baked phases (the modules' occupancy grids stay)."""
    with _LOCK:
        _STATION.clear()


def clear_cache() -> None:
    with _LOCK:
        _GRIDS.clear()
        _STATION.clear()
