"""Mesh primitives built with numpy: lathes (surfaces of revolution), boxes, oriented
beams, general hexahedra and instanced copies of a template.

Every primitive is a closed solid with outward winding and its own normals: lathes are
smooth around the axis and sharp at profile corners unless a run of segments is marked
smooth; boxes, beams and hexahedra have flat faces. Parts are tagged with a material
name and merged per material later (`merge_parts`). A part may carry per-vertex texture
coordinates (`uv`, solar cells in cell units) and baked ambient occlusion (`ao`, 1 =
open sky); both travel through `transformed()` and `merge_parts()`. `Part.to_trimesh()`
hands a part to trimesh for exports, checks and tests; trimesh itself is imported only
then, to keep start-up short.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

SECTIONS = 48


@dataclass(eq=False)
class Part:
    """Triangles of one material in some frame: float32 vertices/normals, uint32 faces.

    Optional per-vertex data: `uv` (N, 2) float32 texture coordinates (on solar cells:
    cell units, integer values on the cell edges) and `ao` (N,) float32 ambient
    occlusion in [0, 1] (1 = nothing occludes the vertex)."""

    material: str
    vertices: np.ndarray
    normals: np.ndarray
    faces: np.ndarray
    uv: np.ndarray | None = None
    ao: np.ndarray | None = None

    def transformed(self, matrix: np.ndarray) -> Part:
        rot = matrix[:3, :3]
        v = self.vertices @ rot.T + matrix[:3, 3]
        n = self.normals @ rot.T
        n /= np.linalg.norm(n, axis=1, keepdims=True).clip(1e-12)
        return Part(
            self.material,
            v.astype(np.float32),
            n.astype(np.float32),
            self.faces,
            self.uv,
            self.ao,
        )

    def to_trimesh(self):
        import trimesh  # imported on use: it costs ~0.3 s of start-up

        mesh = trimesh.Trimesh(
            vertices=self.vertices,
            faces=self.faces,
            vertex_normals=self.normals,
            process=False,
        )
        return mesh

    @property
    def triangle_count(self) -> int:
        return len(self.faces)


def lathe(profile, material: str, sections: int = SECTIONS, smooth=None) -> Part:
    """Revolve a closed (x, r) profile about +X.

    `profile` runs from r=0 at one end to r=0 at the other. `smooth` is an optional
    list of booleans, one per profile point, saying the surface is smooth (not creased)
    there. The same profile is revolved once: later calls share the arrays (never write
    to them; `transformed()` and `merge_parts()` copy).
    """
    key = tuple((float(x), float(r)) for x, r in profile)
    return _lathe(key, material, sections, None if smooth is None else tuple(smooth))


def clear_lathes() -> None:
    """Forget the revolved profiles (benchmarks measure builds from nothing)."""
    _lathe.cache_clear()


@lru_cache(maxsize=2048)
def _lathe(profile, material: str, sections: int, smooth) -> Part:
    pts = np.asarray(profile, dtype=np.float64)
    n_seg = len(pts) - 1
    d = np.diff(pts, axis=0)
    seg_len = np.linalg.norm(d, axis=1)
    keep = seg_len > 1e-9
    seg_n = (
        np.stack([-d[:, 1], d[:, 0]], axis=1) / np.where(keep, seg_len, 1.0)[:, None]
    )
    smooth = [False] * len(pts) if smooth is None else list(smooth)

    theta = np.linspace(0.0, 2.0 * np.pi, sections, endpoint=False)
    cos, sin = np.cos(theta), np.sin(theta)
    verts, norms, faces = [], [], []
    base = 0
    for s in range(n_seg):
        if not keep[s]:
            continue
        ends = []
        for end, idx in ((0, s), (1, s + 1)):
            n2 = seg_n[s].copy()
            if smooth[idx]:
                other = s - 1 if end == 0 else s + 1
                if 0 <= other < n_seg and keep[other]:
                    n2 = n2 + seg_n[other]
                    n2 /= max(np.linalg.norm(n2), 1e-12)
            x, r = pts[idx]
            ring_v = np.stack([np.full(sections, x), r * cos, r * sin], axis=1)
            ring_n = np.stack(
                [np.full(sections, n2[0]), n2[1] * cos, n2[1] * sin], axis=1
            )
            ends.append((ring_v, ring_n, r))
        (va, na, ra), (vb, nb, rb) = ends
        verts += [va, vb]
        norms += [na, nb]
        k = np.arange(sections)
        k1 = (k + 1) % sections
        a, b = base + k, base + sections + k
        a1, b1 = base + k1, base + sections + k1
        if ra > 1e-12:
            faces.append(np.stack([a, a1, b1], axis=1))
        if rb > 1e-12:
            faces.append(np.stack([a, b1, b], axis=1))
        base += 2 * sections
    return Part(
        material,
        np.concatenate(verts).astype(np.float32),
        np.concatenate(norms).astype(np.float32),
        np.concatenate(faces).astype(np.uint32),
    )


_BOX_CORNERS = (
    np.array(
        [
            [-1, -1, -1],
            [1, -1, -1],
            [1, 1, -1],
            [-1, 1, -1],
            [-1, -1, 1],
            [1, -1, 1],
            [1, 1, 1],
            [-1, 1, 1],
        ],
        dtype=np.float64,
    )
    * 0.5
)
# (corner indices of the face as a CCW quad seen from outside, normal)
_BOX_FACES = [
    ((0, 3, 2, 1), (0, 0, -1)),
    ((4, 5, 6, 7), (0, 0, 1)),
    ((0, 1, 5, 4), (0, -1, 0)),
    ((2, 3, 7, 6), (0, 1, 0)),
    ((1, 2, 6, 5), (1, 0, 0)),
    ((0, 4, 7, 3), (-1, 0, 0)),
]
_QUAD_V = np.array([c for quad, _ in _BOX_FACES for c in quad])
_QUAD_N = np.repeat(np.array([n for _, n in _BOX_FACES], dtype=np.float64), 4, axis=0)
_QUAD_F = np.array(
    [[q * 4, q * 4 + 1, q * 4 + 2] for q in range(6)]
    + [[q * 4, q * 4 + 2, q * 4 + 3] for q in range(6)]
)


def boxes(
    centers, sizes, material: str, rotation: np.ndarray | None = None, cell=None
) -> Part:
    """Many axis-aligned boxes (then optionally rotated as a group) in one part.

    With `cell` (cx, cy) in metres the +Z and -Z faces get texture coordinates in cell
    units (u along X, v along Y, starting at each box's corner) and the sides zero."""
    centers = np.atleast_2d(np.asarray(centers, dtype=np.float64))
    sizes = np.broadcast_to(np.asarray(sizes, dtype=np.float64), centers.shape)
    local = _BOX_CORNERS[_QUAD_V]  # (24, 3)
    v = local[None, :, :] * sizes[:, None, :] + centers[:, None, :]
    n = np.broadcast_to(_QUAD_N, v.shape).copy()
    uv = None
    if cell is not None:
        flat = np.abs(_QUAD_N[:, 2]) > 0.5  # the two large faces of a panel
        uv = (local[None, :, :2] + 0.5) * sizes[:, None, :2] / np.asarray(cell)
        uv = np.where(flat[None, :, None], uv, 0.0).reshape(-1, 2).astype(np.float32)
    if rotation is not None:
        v = v @ rotation.T
        n = n @ rotation.T
    count = len(centers)
    f = _QUAD_F[None, :, :] + (np.arange(count) * 24)[:, None, None]
    return Part(
        material,
        v.reshape(-1, 3).astype(np.float32),
        n.reshape(-1, 3).astype(np.float32),
        f.reshape(-1, 3).astype(np.uint32),
        uv,
    )


def hexahedra(corners, material: str) -> Part:
    """Closed six-sided solids from their eight corners, (N, 8, 3) in the order of a box
    (bottom face -z: (-,-), (+,-), (+,+), (-,+); then the top face the same way), with
    flat faces. The corners of each face should be coplanar; the normals are the mean of
    the face's two triangle normals."""
    c = np.asarray(corners, dtype=np.float64).reshape(-1, 8, 3)
    v = c[:, _QUAD_V, :]  # (N, 24, 3): four corners per face
    quad = v.reshape(len(c), 6, 4, 3)
    n = np.cross(quad[:, :, 2] - quad[:, :, 0], quad[:, :, 3] - quad[:, :, 1])
    n /= np.linalg.norm(n, axis=-1, keepdims=True).clip(1e-12)
    n = np.repeat(n, 4, axis=1)
    f = _QUAD_F[None, :, :] + (np.arange(len(c)) * 24)[:, None, None]
    return Part(
        material,
        v.reshape(-1, 3).astype(np.float32),
        n.reshape(-1, 3).astype(np.float32),
        f.reshape(-1, 3).astype(np.uint32),
    )


def beams(starts, ends, width, material: str, height=None, up=None) -> Part:
    """Square (or `width` x `height`) bars from each start to each end point. The bar's
    height runs along `up` made square to the bar (default: +Z, or +X for vertical
    bars)."""
    a = np.atleast_2d(np.asarray(starts, dtype=np.float64))
    b = np.atleast_2d(np.asarray(ends, dtype=np.float64))
    a, b = np.broadcast_arrays(a, b)
    axis = b - a
    length = np.linalg.norm(axis, axis=1, keepdims=True).clip(1e-9)
    x = axis / length
    ref = np.broadcast_to(
        np.asarray((0.0, 0.0, 1.0) if up is None else up, dtype=np.float64), x.shape
    ).copy()
    steep = np.abs(np.einsum("ij,ij->i", x, ref)) > 0.99
    ref[steep] = (1.0, 0.0, 0.0)
    ref[steep & (np.abs(x[:, 0]) > 0.99)] = (0.0, 1.0, 0.0)
    z = ref - np.einsum("ij,ij->i", ref, x)[:, None] * x
    z /= np.linalg.norm(z, axis=1, keepdims=True)
    y = np.cross(z, x)
    w = np.broadcast_to(np.asarray(width, dtype=np.float64), len(a))[:, None]
    h = (
        w
        if height is None
        else np.broadcast_to(np.asarray(height, dtype=np.float64), len(a))[:, None]
    )
    s = _BOX_CORNERS  # (8, 3) in -0.5..0.5
    corners = (
        (a + b)[:, None, :] / 2
        + s[None, :, 0:1] * (axis[:, None, :])
        + s[None, :, 1:2] * (y * w)[:, None, :]
        + s[None, :, 2:3] * (z * h)[:, None, :]
    )
    return hexahedra(corners, material)


def instances(template: Part, matrices) -> Part:
    """One part holding a copy of `template` placed by each 4x4 matrix (rigid)."""
    m = np.asarray(matrices, dtype=np.float64).reshape(-1, 4, 4)
    rot = m[:, :3, :3]
    v = np.einsum("kij,nj->kni", rot, template.vertices.astype(np.float64))
    v += m[:, None, :3, 3]
    n = np.einsum("kij,nj->kni", rot, template.normals.astype(np.float64))
    count, nv = len(m), len(template.vertices)
    f = (
        template.faces[None, :, :]
        + (np.arange(count, dtype=np.uint32) * nv)[:, None, None]
    )
    uv = None if template.uv is None else np.tile(template.uv, (count, 1))
    return Part(
        template.material,
        v.reshape(-1, 3).astype(np.float32),
        n.reshape(-1, 3).astype(np.float32),
        f.reshape(-1, 3).astype(np.uint32),
        uv,
    )


def merge_parts(parts) -> dict[str, Part]:
    """Concatenate parts per material (one mesh per material). Where some parts of a
    material carry `uv` or `ao` and others do not, the others get zeros (uv) and ones
    (ao)."""
    grouped: dict[str, list[Part]] = {}
    for p in parts:
        grouped.setdefault(p.material, []).append(p)
    merged = {}
    for material, group in grouped.items():
        offsets = np.cumsum([0] + [len(p.vertices) for p in group[:-1]])
        uv = ao = None
        if any(p.uv is not None for p in group):
            uv = np.concatenate(
                [
                    p.uv
                    if p.uv is not None
                    else np.zeros((len(p.vertices), 2), np.float32)
                    for p in group
                ]
            ).astype(np.float32)
        if any(p.ao is not None for p in group):
            ao = np.concatenate(
                [
                    p.ao if p.ao is not None else np.ones(len(p.vertices), np.float32)
                    for p in group
                ]
            ).astype(np.float32)
        merged[material] = Part(
            material,
            np.concatenate([p.vertices for p in group]),
            np.concatenate([p.normals for p in group]),
            np.concatenate(
                [p.faces + np.uint32(o) for p, o in zip(group, offsets, strict=True)]
            ),
            uv,
            ao,
        )
    return merged


def rotation_to(axis) -> np.ndarray:
    """Rotation taking +X onto `axis` (a principal direction or any unit vector)."""
    a = np.asarray(axis, dtype=np.float64)
    a = a / np.linalg.norm(a)
    x = np.array([1.0, 0.0, 0.0])
    if np.allclose(a, x):
        return np.eye(3)
    if np.allclose(a, -x):
        return np.diag([-1.0, -1.0, 1.0])
    v = np.cross(x, a)
    c = float(np.dot(x, a))
    vx = np.array([[0, -v[2], v[1]], [v[2], 0, -v[0]], [-v[1], v[0], 0]])
    return np.eye(3) + vx + vx @ vx * (1.0 / (1.0 + c))


def matrix(
    rotation: np.ndarray | None = None, translation=(0.0, 0.0, 0.0)
) -> np.ndarray:
    m = np.eye(4)
    if rotation is not None:
        m[:3, :3] = rotation
    m[:3, 3] = translation
    return m
