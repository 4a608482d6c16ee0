"""Importing other people's 3D models (no Qt): glTF/GLB (Draco too), OBJ+MTL, STL, PLY.

`load_model(path)` reads a file through trimesh with a resolver that never leaves the
model's folder and never touches the network, places every scene instance, and refuses
with `ImportRefusedError` (naming the file and the reason) anything it cannot use: an unknown
format, corrupt bytes, no faces, all-zero vertices (Draco without a decoder), NaN or
infinite coordinates, too many triangles or too much memory. `IsolatedLoader` runs the
load in a worker process with a time limit, so a hostile file can neither crash nor
freeze the app. `place()` turns a model into module-space meshes: fitted to a module's
length and diameter, or at true scale in a stated unit, with a chosen docking axis.
"""

from __future__ import annotations

import os
import pickle
import posixpath
import select
import struct
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .axes import from_file
from .errors import ImportRefusedError
from .geometry import ModuleMeshes
from .primitives import Part

MAX_TRIANGLES = 5_000_000
MAX_OUTPUT_BYTES = 2 * 2**30
MAX_FILE_BYTES = 1 * 2**30
MAX_TEXTURE = 4096
EXTENSIONS = {".glb": "glb", ".gltf": "gltf", ".obj": "obj", ".stl": "stl", ".ply": "ply"}
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


# --------------------------------------------------------------------------- resolver


def _safe_resolver(root: Path, refused: list[str], found: list[str]):
    from trimesh.resolvers import Resolver

    class SafeResolver(Resolver):
        """Files inside the model's folder tree only; no URLs, no absolute paths."""

        def __init__(self):
            self.parent = str(root)

        def get(self, name):
            name = str(name).replace("\\", "/")
            if "://" in name or name.startswith(("data:", "//")):
                refused.append(f"{name} (a URL: nothing is fetched from the network)")
                raise FileNotFoundError(name)
            if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
                refused.append(f"{name} (an absolute path outside the model's folder)")
                raise FileNotFoundError(name)
            clean = posixpath.normpath(name)
            if clean.startswith(".."):
                refused.append(f"{name} (outside the model's folder tree)")
                raise FileNotFoundError(name)
            target = (root / clean).resolve()
            if root.resolve() not in target.parents and target != root.resolve():
                refused.append(f"{name} (outside the model's folder tree)")
                raise FileNotFoundError(name)
            if not target.is_file():
                refused.append(f"{name} (not found)")
                raise FileNotFoundError(name)
            found.append(clean)
            return target.read_bytes()

        def write(self, name, data):
            raise PermissionError("the importer never writes")

        def namespaced(self, namespace):
            sub = (root / posixpath.normpath(str(namespace))).resolve()
            if root.resolve() not in sub.parents and sub != root.resolve():
                raise FileNotFoundError(namespace)
            return _safe_resolver(sub, refused, found)

        def keys(self):
            return [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()]

    return SafeResolver()


# --------------------------------------------------------------------------- loading


def sniff_format(path: Path) -> str:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise ImportRefusedError(f"{path.name}: unknown format '{path.suffix or '(none)'}' "
                            f"(use {', '.join(sorted(EXTENSIONS))})")
    with open(path, "rb") as f:
        head = f.read(84)
    if fmt == "glb" and head[:4] != b"glTF":
        raise ImportRefusedError(f"{path.name}: not a GLB file (no glTF header)")
    if fmt == "ply" and head[:3] != b"ply":
        raise ImportRefusedError(f"{path.name}: not a PLY file (no 'ply' header)")
    if fmt == "gltf" and not head.lstrip()[:1] == b"{":
        raise ImportRefusedError(f"{path.name}: not a glTF file (no JSON)")
    if fmt == "stl" and not head[:5].lower() == b"solid":
        size = path.stat().st_size
        count = int.from_bytes(head[80:84], "little") if len(head) >= 84 else -1
        if count < 0 or size != 84 + 50 * count:
            raise ImportRefusedError(f"{path.name}: not a valid binary STL (the header "
                                f"announces {max(count, 0):,} triangles for "
                                f"{size:,} bytes)")
    return fmt


def load_model(path: str | Path) -> ImportedModel:
    """Read and check a model file (in this process)."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefusedError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise ImportRefusedError(f"{name}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise ImportRefusedError(f"{name}: {size / 2**30:.1f} GiB is over the "
                            f"{MAX_FILE_BYTES / 2**30:.0f} GiB limit")
    fmt = sniff_format(path)
    refused: list[str] = []
    found: list[str] = []
    import trimesh

    try:
        # process=False: keep the raw data, so that NaN coordinates are seen and refused
        # instead of silently dropped
        scene = trimesh.load(str(path), force="scene", process=False,
                             resolver=_safe_resolver(path.parent, refused, found))
    except ImportRefusedError:
        raise
    except MemoryError as exc:
        raise ImportRefusedError(f"{name}: too large to load in memory") from exc
    except Exception as exc:  # trimesh raises many kinds on corrupt input
        detail = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        raise ImportRefusedError(f"{name}: corrupt or unreadable {fmt.upper()} "
                            f"({type(exc).__name__}{': ' + detail if detail else ''})"
                            ) from exc
    return _from_scene(scene, path, fmt, refused, found)


def _from_scene(scene, path: Path, fmt: str, refused, found) -> ImportedModel:
    import trimesh

    name = path.name
    parts, nodes, warnings = [], [], []
    textures_found = sorted(set(found))
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
        nodes.append(str(node))
        parts.append(_part(geom, matrix, str(node)))
    if not parts:
        raise ImportRefusedError(f"{name}: the file decodes to no faces")
    verts = np.concatenate([p.vertices for p in parts])
    if not np.isfinite(verts).all():
        raise ImportRefusedError(f"{name}: coordinates are NaN or infinite")
    if not np.any(verts):
        raise ImportRefusedError(f"{name}: every vertex is zero (a Draco-compressed file "
                            "needs the DracoPy decoder)")
    out_bytes = sum(p.vertices.nbytes * 3 + p.faces.nbytes +
                    (p.texture.nbytes if p.texture is not None else 0) for p in parts)
    if out_bytes > MAX_OUTPUT_BYTES:
        raise ImportRefusedError(f"{name}: would need {out_bytes / 2**30:.1f} GiB in memory "
                            f"(at most {MAX_OUTPUT_BYTES / 2**30:.0f} GiB)")
    ext = verts.max(axis=0) - verts.min(axis=0)
    if not np.any(ext > 0):
        raise ImportRefusedError(f"{name}: the model has no size (all vertices coincide)")
    missing = sorted(set(refused))
    for m in missing:
        warnings.append(f"texture or file not loaded: {m}")
    degenerate = sum(int((np.linalg.norm(np.cross(
        p.vertices[p.faces[:, 1]] - p.vertices[p.faces[:, 0]],
        p.vertices[p.faces[:, 2]] - p.vertices[p.faces[:, 0]]), axis=1) == 0).sum())
        for p in parts)
    if degenerate:
        warnings.append(f"{degenerate} degenerate (zero-area) triangle(s)")
    return ImportedModel(str(path), fmt, parts, nodes, textures_found, missing, warnings)


def _part(geom, matrix: np.ndarray, name: str) -> ModelPart:
    v = np.asarray(geom.vertices, dtype=np.float64)
    f = np.asarray(geom.faces, dtype=np.int64)
    if f.size and (f.min() < 0 or f.max() >= len(v)):
        raise ImportRefusedError(f"{name}: face indices point past the vertex list")
    v = v @ matrix[:3, :3].T + matrix[:3, 3]
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
                tex = _texture(img)
                if tex is not None:
                    color = (1.0, 1.0, 1.0, color[3])
        elif visual.kind in ("face", "vertex"):
            c = np.asarray(visual.main_color, dtype=np.float64) / 255.0
            color = tuple(c.tolist())
    except Exception:
        pass  # colours are a bonus; geometry is what matters
    return ModelPart(name, v.astype(np.float32), n.astype(np.float32),
                     f.astype(np.uint32), tuple(float(x) for x in color), uv, tex)


def _texture(img) -> np.ndarray | None:
    try:
        im = img.convert("RGBA")
        if max(im.size) > MAX_TEXTURE:
            scale = MAX_TEXTURE / max(im.size)
            im = im.resize((max(1, int(im.size[0] * scale)), max(1, int(im.size[1] * scale))))
        return np.asarray(im, dtype=np.uint8).copy()
    except Exception:
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
    mode: str = "fit"  # fit: to the module's length and diameter; units: true scale
    unit: str = "m"
    axis: str = "+x"  # the model axis that becomes the module's docking axis (+X)

    def check(self) -> None:
        if self.mode not in ("fit", "units") or self.unit not in UNITS or \
                self.axis not in AXES:
            raise ValueError(f"bad placement {self}")


def placement_matrix(model: ImportedModel, placement: Placement,
                     length: float | None = None, diameter: float | None = None
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
    else:
        scale = UNITS[placement.unit]
    m = np.eye(4)
    m[:3, :3] = rot * scale
    m[:3, 3] = -(rot @ centre) * scale
    return m, scale


def place(model: ImportedModel, module_id: str, placement: Placement,
          length: float | None = None, diameter: float | None = None):
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


# --------------------------------------------------------------------------- isolation


class IsolatedLoader:
    """Loads models in a worker process (`python -m models3d._import_worker`): a crash or
    hang there cannot reach the app. The worker is reused between loads and replaced
    after a timeout, a cancel or a crash. One request at a time."""

    def __init__(self, timeout: float = 60.0):
        self.timeout = timeout
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()

    def _start(self) -> None:
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"]
                                    if env.get("PYTHONPATH") else "")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "models3d._import_worker"], cwd=root, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def load(self, path: str | Path, timeout: float | None = None,
             cancelled=lambda: False) -> ImportedModel:
        with self._lock:
            return self._load(path, timeout, cancelled)

    def _load(self, path, timeout, cancelled) -> ImportedModel:
        import time

        if self._proc is None or self._proc.poll() is not None:
            self._start()
        name = Path(path).name
        data = pickle.dumps(str(path))
        try:
            self._proc.stdin.write(struct.pack("<Q", len(data)) + data)
            self._proc.stdin.flush()
        except OSError:
            self.kill()
            raise ImportRefusedError(f"{name}: the reader could not be started")
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        out = self._proc.stdout
        while True:
            ready, _, _ = select.select([out], [], [], 0.05)
            if ready:
                head = out.read(8)
                if len(head) < 8:
                    code = self._proc.poll()
                    self.kill()
                    raise ImportRefusedError(f"{name}: the reader crashed on this file"
                                        + (f" (exit code {code})" if code else ""))
                status, value = pickle.loads(out.read(struct.unpack("<Q", head)[0]))
                if status == "ok":
                    return value
                raise ImportRefusedError(value)
            if cancelled():
                self.kill()
                raise ImportRefusedError(f"{name}: loading cancelled")
            if time.monotonic() > deadline:
                self.kill()
                raise ImportRefusedError(f"{name}: reading took longer than {limit:.0f} s; "
                                    "stopped")

    def kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                proc.kill()
                proc.wait(5)
            except (OSError, subprocess.TimeoutExpired):
                pass
            for stream in (proc.stdin, proc.stdout):
                try:
                    stream.close()
                except OSError:
                    pass

    def close(self, wait: float = 2.0) -> None:
        """Stop the worker; waits at most `wait` seconds for a load in progress."""
        if not self._lock.acquire(timeout=wait):
            self.kill()  # a load is running: end it, its caller gets a refusal
            return
        try:
            if self._proc is not None and self._proc.poll() is None:
                try:
                    data = pickle.dumps(None)
                    self._proc.stdin.write(struct.pack("<Q", len(data)) + data)
                    self._proc.stdin.flush()
                    self._proc.wait(2)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            self.kill()
        finally:
            self._lock.release()


def info(model: ImportedModel) -> dict:
    lo, hi = model.bounds()
    return {
        "file": model.path, "format": model.fmt, "triangles": model.triangles,
        "parts": len(model.parts), "nodes": model.nodes,
        "extents": [float(x) for x in hi - lo],
        "bounds": [[float(x) for x in lo], [float(x) for x in hi]],
        "textures_found": model.textures_found, "textures_missing": model.textures_missing,
        "textured_parts": sum(p.texture is not None for p in model.parts),
        "warnings": model.warnings,
    }
