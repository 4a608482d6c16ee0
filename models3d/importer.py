"""Importing other people's 3D models (no Qt): glTF/GLB (Draco too), OBJ+MTL, STL, PLY.

`load_model(path)` reads a file through trimesh with a resolver that never leaves the
model's folder and never touches the network, places every scene instance, and refuses
with `ImportRefusedError` (naming the file and the reason) anything it cannot use: an
unknown
format, corrupt bytes, no faces, all-zero vertices (Draco without a decoder), NaN or
infinite coordinates, too many triangles or too much memory. `IsolatedLoader` runs the
load in a worker process with a time limit, so a hostile file can neither crash nor
freeze the app. `place()` turns a model into module-space meshes: fitted to a module's
length and diameter, or at true scale in a stated unit, with a chosen docking axis.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .axes import from_file
from .errors import ImportRefusedError
from .fileio import FileRefused, printable, read_regular
from .geometry import ModuleMeshes
from .import_checks import EXTENSIONS as EXTENSIONS
from .import_checks import MAX_INSTANCES as MAX_INSTANCES
from .import_checks import MAX_NODES as MAX_NODES
from .import_checks import Budget, draco_available, prepare, safe_resolver, size_text
from .import_checks import sniff_format as sniff_format
from .import_loader import IsolatedLoader as IsolatedLoader
from .primitives import Part

MAX_TRIANGLES = 5_000_000
# everything an import holds (file, textures read, decoded pixels, output arrays)
MAX_OUTPUT_BYTES = 2 * 2**30
MAX_FILE_BYTES = 1 * 2**30
MAX_TEXTURE = 4096  # textures are scaled down to this many pixels on a side
MAX_TEXTURE_PIXELS = 16384 * 16384  # larger ones are not decoded at all
# file units (after the file's own node transforms): 10,000 km in metres, 10 km in
# millimetres; beyond it a "space-station part" is a broken or hostile file, and
# float32 extents would overflow to infinity
MAX_COORDINATE = 1e7
UNITS = {"m": 1.0, "cm": 0.01, "mm": 0.001, "in": 0.0254}
AXES = ("+x", "-x", "+y", "-y", "+z", "-z")


@dataclass
class ModelPart:
    name: str
    vertices: np.ndarray  # float32 (n, 3), file units, scene transforms applied
    normals: np.ndarray  # float32 (n, 3)
    faces: np.ndarray  # uint32 (m, 3)
    color: tuple = (0.8, 0.8, 0.8, 1.0)
    uv: np.ndarray | None = None  # float32 (n, 2)
    texture: np.ndarray | None = None  # uint8 (h, w, 4)


@dataclass
class ImportedModel:
    path: str
    fmt: str
    parts: list[ModelPart]
    nodes: list[str]
    textures_found: list[str] = field(default_factory=list)
    textures_missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def triangles(self) -> int:
        return sum(len(p.faces) for p in self.parts)

    def bounds(self) -> np.ndarray:
        v = np.concatenate([p.vertices for p in self.parts])
        return np.stack([v.min(axis=0), v.max(axis=0)])

    @property
    def extents(self) -> np.ndarray:
        lo, hi = self.bounds()
        return hi - lo


# --------------------------------------------------------------------------- loading


def load_model(path: str | Path) -> ImportedModel:
    """Read and check a model file (in this process)."""
    path = Path(path)
    name = printable(path.name)
    budget = Budget(MAX_OUTPUT_BYTES)
    try:
        data = read_regular(path, MAX_FILE_BYTES, "model file")
    except FileRefused as exc:
        raise ImportRefusedError(str(exc)) from None  # the path as given: not a file
    budget.take(len(data))
    if not data:
        raise ImportRefusedError(f"{name}: the file is empty")
    fmt, data, draco = prepare(path.name, data)
    if draco and not draco_available():
        raise ImportRefusedError(
            f"{name}: the meshes are Draco-compressed and the "
            "DracoPy decoder is not installed"
        )
    refused: list[str] = []
    found: list[str] = []
    import trimesh

    try:
        # process=False: keep the raw data, so that NaN coordinates are seen and refused
        # instead of silently dropped; bytes, not the path: the file was read (with its
        # bound) once, and names that are not UTF-8 reach no library
        scene = trimesh.load(
            io.BytesIO(data),
            file_type=fmt,
            force="scene",
            process=False,
            resolver=safe_resolver(path.parent, refused, found, budget),
        )
    except ImportRefusedError:
        raise
    except MemoryError as exc:
        raise ImportRefusedError(f"{name}: too large to load in memory") from exc
    except RecursionError:
        raise ImportRefusedError(
            f"{name}: the file is nested too deeply to read"
        ) from None
    except Exception as exc:  # trimesh raises many kinds on corrupt input
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        what = "Draco-compressed " if draco else ""
        raise ImportRefusedError(
            f"{name}: corrupt or unreadable {what}{fmt.upper()} "
            f"({type(exc).__name__}{': ' + printable(detail) if detail else ''})"
        ) from exc
    del data
    return _from_scene(scene, path, fmt, refused, found, budget, draco)


def _from_scene(
    scene, path: Path, fmt: str, refused, found, budget: Budget, draco: bool = False
) -> ImportedModel:
    import trimesh

    name = printable(path.name)
    parts, nodes, warnings = [], [], []
    textures_found = sorted({printable(f) for f in found})
    textures: dict[int, np.ndarray | None] = {}  # decoded once per image
    total = 0
    # glTF and OBJ are +Y up, STL and PLY +Z up like the app (see models3d.axes)
    y_up = from_file(fmt)
    # walk the scene graph: every instance of a geometry, with its world transform
    for node in scene.graph.nodes_geometry:
        matrix, geom_name = scene.graph[node]
        matrix = y_up @ matrix
        geom = scene.geometry.get(geom_name)
        if not isinstance(geom, trimesh.Trimesh) or len(geom.faces) == 0:
            continue
        total += len(geom.faces)
        if total > MAX_TRIANGLES:
            raise ImportRefusedError(f"{name}: more than {MAX_TRIANGLES:,} triangles")
        # vertices, normals and the placed copy (float32), faces (uint32), uv
        need = len(geom.vertices) * (12 * 3 + 8) + len(geom.faces) * 12
        if not budget.take(need):
            raise ImportRefusedError(
                f"{name}: would need more than {size_text(budget.limit)} in memory "
                f"({size_text(budget.used)} used before part {printable(node)})"
            )
        nodes.append(printable(node))
        part = _part(geom, matrix, printable(node), name, budget, refused, textures)
        if draco and not np.any(part.vertices):
            raise ImportRefusedError(
                f"{name}: the Draco-compressed data of "
                f"{printable(node)} is corrupt (it decodes to "
                "nothing but zeros)"
            )
        parts.append(part)
    if not parts:
        raise ImportRefusedError(f"{name}: the file decodes to no faces")
    verts = np.concatenate([p.vertices for p in parts])
    if not np.any(verts):
        raise ImportRefusedError(f"{name}: every vertex is zero")
    ext = verts.max(axis=0) - verts.min(axis=0)
    if not np.any(ext > 0):
        raise ImportRefusedError(
            f"{name}: the model has no size (all vertices coincide)"
        )
    missing = sorted(set(refused))
    for m in missing:
        warnings.append(f"texture or file not loaded: {m}")
    degenerate = sum(
        int(
            (
                np.linalg.norm(
                    np.cross(
                        p.vertices[p.faces[:, 1]] - p.vertices[p.faces[:, 0]],
                        p.vertices[p.faces[:, 2]] - p.vertices[p.faces[:, 0]],
                    ),
                    axis=1,
                )
                == 0
            ).sum()
        )
        for p in parts
    )
    if degenerate:
        warnings.append(f"{degenerate} degenerate (zero-area) triangle(s)")
    return ImportedModel(
        str(path), fmt, parts, nodes, textures_found, missing, warnings
    )


def _part(
    geom,
    matrix: np.ndarray,
    name: str,
    file: str,
    budget: Budget,
    refused: list[str],
    textures: dict,
) -> ModelPart:
    v = np.asarray(geom.vertices, dtype=np.float64)
    f = np.asarray(geom.faces, dtype=np.int64)
    if f.size and (f.min() < 0 or f.max() >= len(v)):
        raise ImportRefusedError(
            f"{file}: {name}: face indices point past the vertex list"
        )
    with np.errstate(all="ignore"):
        v = v @ matrix[:3, :3].T + matrix[:3, 3]
    if not np.isfinite(v).all():
        raise ImportRefusedError(f"{file}: coordinates are NaN or infinite")
    reach = float(np.abs(v).max()) if v.size else 0.0
    if reach > MAX_COORDINATE:
        raise ImportRefusedError(
            f"{file}: coordinates reach {reach:.3g} file units; a space-station part "
            f"stays within ±{MAX_COORDINATE:.0e} in any unit (10,000 km in metres), so "
            "the file is broken"
        )
    if np.linalg.det(matrix[:3, :3]) < 0:
        f = f[:, ::-1]  # a mirroring transform flips the winding
    n = _normals(v, f)
    color, uv, tex = (0.8, 0.8, 0.8, 1.0), None, None
    visual = geom.visual
    try:
        if visual.kind == "texture":
            mat = visual.material
            if getattr(visual, "uv", None) is not None and len(visual.uv) == len(v):
                uv = np.asarray(visual.uv, dtype=np.float32)
            base = getattr(mat, "baseColorFactor", None)
            if base is None:
                base = getattr(mat, "diffuse", None)
            if base is not None:
                base = np.asarray(base, dtype=np.float64).ravel()[:4]
                color = tuple((base / (255.0 if base.max() > 1.0 else 1.0)).tolist())
                if len(color) == 3:
                    color = (*color, 1.0)
            img = getattr(mat, "baseColorTexture", None) or getattr(mat, "image", None)
            if img is not None and uv is not None:
                if id(img) not in textures:
                    textures[id(img)] = _texture(img, name, budget, refused)
                tex = textures[id(img)]
                if tex is not None:
                    color = (1.0, 1.0, 1.0, color[3])
        elif visual.kind in ("face", "vertex"):
            c = np.asarray(visual.main_color, dtype=np.float64) / 255.0
            color = tuple(c.tolist())
    except Exception:
        pass  # colours are a bonus; geometry is what matters
    return ModelPart(
        name,
        v.astype(np.float32),
        n.astype(np.float32),
        f.astype(np.uint32),
        tuple(float(x) for x in color),
        uv,
        tex,
    )


def _texture(img, part: str, budget: Budget, refused: list[str]) -> np.ndarray | None:
    """The texture as RGBA, at most MAX_TEXTURE on a side; None (with the reason in
    `refused`) when decoding it would be over the limits. PIL opens images lazily,
    so the size is known before any pixel is decoded."""
    w, h = img.size
    decoded = w * h * 4
    if w * h > MAX_TEXTURE_PIXELS or not budget.take(decoded):
        refused.append(
            f"texture of {part} ({w}x{h} pixels, {size_text(decoded)} "
            f"decoded: over the import's memory limit of "
            f"{size_text(budget.limit)})"
        )
        return None
    try:
        im = img.convert("RGBA")
        if max(im.size) > MAX_TEXTURE:
            scale = MAX_TEXTURE / max(im.size)
            im = im.resize(
                (max(1, int(im.size[0] * scale)), max(1, int(im.size[1] * scale)))
            )
        return np.asarray(im, dtype=np.uint8).copy()
    except Exception as exc:  # a corrupt image: the part is drawn without it
        refused.append(f"texture of {part} (cannot be decoded: {type(exc).__name__})")
        return None


def _normals(v: np.ndarray, f: np.ndarray) -> np.ndarray:
    """Area-weighted vertex normals with numpy (no Python loops)."""
    fn = np.cross(v[f[:, 1]] - v[f[:, 0]], v[f[:, 2]] - v[f[:, 0]])
    n = np.zeros_like(v)
    for k in range(3):
        np.add.at(n, f[:, k], fn)
    length = np.linalg.norm(n, axis=1, keepdims=True)
    fallback = np.array([0.0, 0.0, 1.0])
    return np.where(length > 1e-20, n / np.maximum(length, 1e-20), fallback)


# --------------------------------------------------------------------------- placement


def axis_rotation(axis: str) -> np.ndarray:
    """Rotation taking the model's chosen docking axis onto +X (right-handed)."""
    table = {
        "+x": np.eye(3),
        "-x": np.diag([-1.0, -1.0, 1.0]),
        "+y": np.array([[0.0, 1.0, 0.0], [-1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]),
        "-y": np.array([[0.0, -1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]),
        "+z": np.array([[0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [-1.0, 0.0, 0.0]]),
        "-z": np.array([[0.0, 0.0, -1.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]),
    }
    return table[axis]


@dataclass(frozen=True)
class Placement:
    """How a model file becomes metres in the app's frame.

    mode: "fit" (scaled to the module's length and diameter), "units" (the file's unit
    is `unit`), "factor" (metres = file units x `factor`, for files whose unit is
    unknown) or "length" (scaled so the model is `length` metres along the docking
    axis).
    """

    mode: str = "fit"
    unit: str = "m"
    axis: str = "+x"  # the model axis that becomes the module's docking axis (+X)
    factor: float = 1.0
    length: float = 0.0

    def check(self) -> None:
        ok = (
            self.mode in PLACEMENT_MODES
            and self.unit in UNITS
            and self.axis in AXES
            and math.isfinite(self.factor)
            and 1e-9 <= self.factor <= 1e9
            and (self.mode != "length" or 0.01 <= self.length <= 10_000)
        )
        if not ok:
            raise ValueError(f"bad placement {self}")


PLACEMENT_MODES = ("fit", "units", "factor", "length")


def longest_axis(model: ImportedModel) -> str:
    """The file axis along which the model is longest: a good first docking axis."""
    lo, hi = model.bounds()
    return ("+x", "+y", "+z")[int(np.argmax(hi - lo))]


def placement_matrix(
    model: ImportedModel,
    placement: Placement,
    length: float | None = None,
    diameter: float | None = None,
) -> tuple[np.ndarray, float]:
    """4x4 from file space to module space (centred on the box) and the scale used."""
    placement.check()
    rot = axis_rotation(placement.axis)
    lo, hi = model.bounds()
    centre = (lo + hi) / 2
    ext = np.abs(rot @ (hi - lo))
    if placement.mode == "fit":
        if not length or not diameter:
            raise ValueError("fitting needs the module's length and diameter")
        scale = min(length / max(ext[0], 1e-12), diameter / max(ext[1], ext[2], 1e-12))
    elif placement.mode == "factor":
        scale = placement.factor
    elif placement.mode == "length":
        scale = placement.length / max(ext[0], 1e-12)
    else:
        scale = UNITS[placement.unit]
    m = np.eye(4)
    m[:3, :3] = rot * scale
    m[:3, 3] = -(rot @ centre) * scale
    return m, scale


def place(
    model: ImportedModel,
    module_id: str,
    placement: Placement,
    length: float | None = None,
    diameter: float | None = None,
):
    """(ModuleMeshes in module space, part colours, part textures, scale)."""
    m, scale = placement_matrix(model, placement, length, diameter)
    parts, colors, textures = {}, {}, {}
    for i, p in enumerate(model.parts):
        key = f"import:{i}"
        v = p.vertices @ m[:3, :3].T + m[:3, 3]
        n = p.normals @ m[:3, :3].T
        n /= np.linalg.norm(n, axis=1, keepdims=True).clip(1e-12)
        parts[key] = Part(key, v.astype(np.float32), n.astype(np.float32), p.faces)
        colors[key] = p.color
        if p.texture is not None and p.uv is not None:
            textures[key] = (p.uv, p.texture)
    return ModuleMeshes(module_id, parts), colors, textures, scale


def info(model: ImportedModel) -> dict:
    lo, hi = model.bounds()
    return {
        "file": model.path,
        "format": model.fmt,
        "triangles": model.triangles,
        "parts": len(model.parts),
        "nodes": model.nodes,
        "extents": [float(x) for x in hi - lo],
        "bounds": [[float(x) for x in lo], [float(x) for x in hi]],
        "textures_found": model.textures_found,
        "textures_missing": model.textures_missing,
        "textured_parts": sum(p.texture is not None for p in model.parts),
        "warnings": model.warnings,
    }
