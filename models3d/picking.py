"""Ray casting against module meshes (Qt-free): which module is under the cursor.

Exact: the ray is tested against every triangle of the candidate modules (after a box
test), so a ray between two modules hits nothing and a ray through a solar array hits
the module that owns the array.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .geometry import ModuleMeshes


@dataclass(frozen=True)
class Hit:
    module_id: str
    distance: float
    point: np.ndarray
    material: str


def _ray_box(origin, direction, lo, hi) -> float | None:
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = 1.0 / direction
        t0 = (lo - origin) * inv
        t1 = (hi - origin) * inv
    tmin = np.nanmax(np.minimum(t0, t1))
    tmax = np.nanmin(np.maximum(t0, t1))
    if tmax < max(tmin, 0.0):
        return None
    return max(tmin, 0.0)


def ray_triangles(origin, direction, v0, v1, v2) -> np.ndarray:
    """Möller–Trumbore for many triangles: distance along the ray, inf where missed."""
    e1, e2 = v1 - v0, v2 - v0
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


def pick(origin, direction, meshes: dict[str, ModuleMeshes], transforms: dict,
         visible) -> Hit | None:
    """The nearest module hit by a world-space ray, among the `visible` module ids."""
    origin = np.asarray(origin, dtype=np.float64)
    direction = np.asarray(direction, dtype=np.float64)
    direction = direction / np.linalg.norm(direction)
    best: Hit | None = None
    for mid in visible:
        inv = np.linalg.inv(transforms[mid])
        o = inv[:3, :3] @ origin + inv[:3, 3]
        d = inv[:3, :3] @ direction  # rigid transform: the length stays 1
        lo, hi = meshes[mid].bounds()
        t_box = _ray_box(o, d, lo, hi)
        if t_box is None or (best is not None and t_box > best.distance):
            continue
        for material, part in meshes[mid].parts.items():
            tri = part.vertices[part.faces].astype(np.float64)
            t = ray_triangles(o, d, tri[:, 0], tri[:, 1], tri[:, 2])
            i = int(np.argmin(t))
            if np.isfinite(t[i]) and (best is None or t[i] < best.distance):
                best = Hit(mid, float(t[i]), origin + direction * t[i], material)
    return best
