"""What a model file must be before trimesh sees it (no Qt).

`prepare(name, data)` takes the bytes of a model file (read with a bound by
`models3d.fileio`) and returns the format and the bytes trimesh should parse:

- text formats (OBJ, ASCII STL) are decoded whatever their encoding
  (`fileio.decode_text`) and handed on as UTF-8, so one Latin-1 byte in a comment no
  longer makes trimesh look for the optional charset_normalizer package;
- glTF and GLB are checked and their node tree flattened: every node's world matrix is
  computed once, walking the tree from its roots, and written into the node, so that
  trimesh sees a flat scene. A node tree is then read in time linear in its size
  however deep it is (trimesh alone took minutes on a 20,000-deep chain). Refused with a
  reason: JSON nested too deeply to parse, a node cycle, a node with two parents, a
  child or mesh index that does not exist, non-numeric transforms, more than
  MAX_NODES nodes or more than MAX_INSTANCES placed meshes, and Draco-compressed
  meshes when the DracoPy decoder is missing.

`Budget` counts the bytes an import may hold (the model file, every texture read
through the resolver, decoded texture pixels) against one limit; `safe_resolver` reads
referenced files only from the model's folder tree, never from the network, only
regular files, and only within the budget and a per-kind bound (MTL files 64 MiB,
images 256 MiB and 16384^2 pixels, read from their header before any decoding), noting
each file it refuses and why, so `inspect` and the app can say what was not loaded.
"""

from __future__ import annotations

import io
import json
import math
import posixpath
import struct
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

import numpy as np

from .errors import ImportRefusedError
from .fileio import FileRefused, decode_text, printable, read_regular

EXTENSIONS = {
    ".glb": "glb",
    ".gltf": "gltf",
    ".obj": "obj",
    ".stl": "stl",
    ".ply": "ply",
}
TEXT_SUFFIXES = (".mtl", ".obj")
IMAGE_SUFFIXES = (
    ".png",
    ".jpg",
    ".jpeg",
    ".webp",
    ".tga",
    ".bmp",
    ".gif",
    ".tif",
    ".tiff",
    ".ktx2",
    ".dds",
)
MAX_IMAGE_FILE_BYTES = 256 * 2**20  # a texture file; 16384^2 PNGs are far smaller
MAX_IMAGE_PIXELS = 16384 * 16384  # decoded: 1 GiB of RGBA
MAX_MATERIAL_FILE_BYTES = 64 * 2**20  # an MTL file is text of some kilobytes
MAX_NODES = 100_000  # glTF nodes; a detailed station model has a few thousand
MAX_INSTANCES = 20_000  # placed meshes (nodes with a mesh, after instancing)
DRACO = "KHR_draco_mesh_compression"
_JSON_CHUNK, _BIN_CHUNK = 0x4E4F534A, 0x004E4942


_Refuse = Callable[[str], NoReturn]


class Budget:
    """Bytes an import may still use; `take` refuses what does not fit."""

    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0

    @property
    def left(self) -> int:
        return max(0, self.limit - self.used)

    def take(self, n: int) -> bool:
        if n > self.left:
            return False
        self.used += n
        return True


def size_text(n: float) -> str:
    if n >= 2**30:
        return f"{n / 2**30:.1f} GiB"
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 2**10:.0f} KiB"


# --------------------------------------------------------------------------- formats


def sniff_format(name: str, data: bytes) -> str:
    """The format of a model file from its suffix, confirmed by its first bytes."""
    fmt = EXTENSIONS.get(Path(name).suffix.lower())
    shown = printable(name)
    if fmt is None:
        suffix = printable(Path(name).suffix) or "(none)"
        raise ImportRefusedError(
            f"{shown}: unknown format '{suffix}' (use {', '.join(sorted(EXTENSIONS))})"
        )
    head = data[:84]
    if fmt == "glb" and head[:4] != b"glTF":
        raise ImportRefusedError(f"{shown}: not a GLB file (no glTF header)")
    if fmt == "ply" and head[:3] != b"ply":
        raise ImportRefusedError(f"{shown}: not a PLY file (no 'ply' header)")
    if fmt == "gltf" and head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"{":
        raise ImportRefusedError(f"{shown}: not a glTF file (no JSON)")
    if fmt == "stl" and head[:5].lower() != b"solid":
        count = int.from_bytes(head[80:84], "little") if len(head) >= 84 else -1
        if count < 0 or len(data) != 84 + 50 * count:
            raise ImportRefusedError(
                f"{shown}: not a valid binary STL (the header "
                f"announces {max(count, 0):,} triangles for "
                f"{len(data):,} bytes)"
            )
    return fmt


def prepare(name: str, data: bytes) -> tuple[str, bytes, bool]:
    """(format, bytes for trimesh, uses Draco) for the model file `name`."""
    fmt = sniff_format(name, data)
    if fmt == "obj" or (
        fmt == "stl" and data[:5].lower() == b"solid" and not _is_binary_stl(data)
    ):
        return fmt, decode_text(data).encode("utf-8"), False
    if fmt == "gltf":
        doc = _json(name, data)
        draco = _check_gltf(name, doc)
        return fmt, json.dumps(doc).encode("utf-8"), draco
    if fmt == "glb":
        return (fmt, *_glb(name, data))
    return fmt, data, False


def _is_binary_stl(data: bytes) -> bool:
    # some binary STL headers start with "solid" too; the size tells them apart
    if len(data) < 84:
        return False
    return len(data) == 84 + 50 * int.from_bytes(data[80:84], "little")


def _json(name: str, raw: bytes) -> dict:
    shown = printable(name)
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportRefusedError(
            f"{shown}: the glTF JSON is not UTF-8 text (byte {exc.start})"
        ) from None
    except RecursionError:
        raise ImportRefusedError(
            f"{shown}: the glTF JSON is nested too deeply to read"
        ) from None
    except ValueError as exc:
        raise ImportRefusedError(
            f"{shown}: the glTF JSON is not valid ({exc})"
        ) from None
    if not isinstance(doc, dict):
        raise ImportRefusedError(f"{shown}: the glTF JSON is not an object")
    return doc


def _glb(name: str, data: bytes) -> tuple[bytes, bool]:
    shown = printable(name)
    if len(data) < 20:
        raise ImportRefusedError(
            f"{shown}: the GLB file is truncated ({len(data)} bytes)"
        )
    _magic, version, length = struct.unpack_from("<4sII", data)
    if version != 2:
        raise ImportRefusedError(
            f"{shown}: GLB version {version}; only glTF 2.0 is read"
        )
    if length != len(data):
        raise ImportRefusedError(
            f"{shown}: the GLB header announces {length:,} bytes "
            f"but the file has {len(data):,} (truncated?)"
        )
    chunk_len, chunk_type = struct.unpack_from("<II", data, 12)
    if chunk_type != _JSON_CHUNK or 20 + chunk_len > len(data):
        raise ImportRefusedError(f"{shown}: the GLB file has no valid JSON chunk")
    doc = _json(name, data[20 : 20 + chunk_len])
    draco = _check_gltf(name, doc)
    text = json.dumps(doc).encode("utf-8")
    text += b" " * (-len(text) % 4)
    rest = data[20 + chunk_len :]
    header = struct.pack("<4sII", b"glTF", 2, 12 + 8 + len(text) + len(rest))
    return header + struct.pack("<II", len(text), _JSON_CHUNK) + text + rest, draco


# --------------------------------------------------------------------------- glTF nodes


def _check_gltf(name: str, doc: dict) -> bool:
    """Check the node tree and flatten it in place; returns whether Draco is used."""
    shown = printable(name)

    def refuse(why: str) -> NoReturn:
        raise ImportRefusedError(f"{shown}: {why}")

    nodes = doc.get("nodes", [])
    meshes = doc.get("meshes", [])
    if not isinstance(nodes, list) or not isinstance(meshes, list):
        refuse("'nodes' and 'meshes' must be lists")
    if len(nodes) > MAX_NODES:
        refuse(f"{len(nodes):,} nodes; at most {MAX_NODES:,} are read")
    n = len(nodes)
    parent = [-1] * n
    instances = 0
    for i, node in enumerate(nodes):
        if not isinstance(node, dict):
            refuse(f"node {i} is not an object")
        children = node.get("children", [])
        if not isinstance(children, list):
            refuse(f"node {i}: 'children' is not a list")
        for c in children:
            if not _index(c, n):
                refuse(f"node {i} has child {c!r}, which is not a node")
            if c == i:
                refuse(f"node {i} is its own child (a cycle in the node tree)")
            if parent[c] != -1:
                refuse(
                    f"node {c} has two parents (nodes {parent[c]} and {i}); a glTF "
                    "node tree cannot share nodes"
                )
            parent[c] = i
        if "mesh" in node:
            if not _index(node["mesh"], len(meshes)):
                refuse(f"node {i} uses mesh {node['mesh']!r}, which does not exist")
            instances += 1
    if instances > MAX_INSTANCES:
        refuse(f"{instances:,} placed meshes; at most {MAX_INSTANCES:,} are read")
    world = _world_matrices(nodes, parent, refuse)
    _flatten(doc, nodes, world, refuse)
    return _uses_draco(doc, meshes)


def _index(value, size: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < size


def _world_matrices(nodes: list, parent: list[int], refuse: _Refuse) -> list:
    """Every node's world matrix, parents before children (breadth first)."""
    n = len(nodes)
    world: list[np.ndarray | None] = [None] * n
    order = [i for i in range(n) if parent[i] == -1]
    for i in order:
        world[i] = _local(nodes[i], i, refuse)
    k = 0
    while k < len(order):  # `order` grows as children are reached
        i = order[k]
        k += 1
        for c in nodes[i].get("children", []):
            world[c] = world[i] @ _local(nodes[c], c, refuse)
            order.append(c)
    if len(order) < n:
        stuck = sorted(set(range(n)) - set(order))
        refuse(
            f"nodes {', '.join(map(str, stuck[:5]))}{' ...' if len(stuck) > 5 else ''}"
            " form a cycle (each is its own ancestor)"
        )
    return world


def _numbers(value, count: int) -> list[float] | None:
    if not isinstance(value, list) or len(value) != count:
        return None
    if not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
        for v in value
    ):
        return None
    return [float(v) for v in value]


def _local(node: dict, i: int, refuse: _Refuse) -> np.ndarray:
    if "matrix" in node:
        values = _numbers(node["matrix"], 16)
        if values is None:
            refuse(f"node {i}: 'matrix' is not 16 finite numbers")
        return np.array(values).reshape(4, 4).T  # glTF stores matrices column by column
    t = _numbers(node.get("translation", [0, 0, 0]), 3)
    r = _numbers(node.get("rotation", [0, 0, 0, 1]), 4)
    s = _numbers(node.get("scale", [1, 1, 1]), 3)
    if t is None or r is None or s is None:
        refuse(
            f"node {i}: translation, rotation or scale is not a list of finite numbers"
        )
    x, y, z, w = r
    norm = math.sqrt(x * x + y * y + z * z + w * w) or 1.0
    x, y, z, w = x / norm, y / norm, z / norm, w / norm
    rot = np.array(
        [
            [1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
            [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
            [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)],
        ]
    )
    m = np.eye(4)
    m[:3, :3] = rot * np.array(s)
    m[:3, 3] = t
    return m


def _flatten(doc: dict, nodes: list, world: list, refuse: _Refuse) -> None:
    """Each scene lists the nodes with a mesh in the subtrees of its roots, each
    carrying its world matrix and no children: the same placements, with no
    hierarchy left to walk."""
    scenes = doc.get("scenes")
    if scenes is not None and not isinstance(scenes, list):
        refuse("'scenes' is not a list")
    for k, scene in enumerate(scenes or []):
        if not isinstance(scene, dict):
            refuse(f"scene {k} is not an object")
        roots = scene.get("nodes", [])
        if not isinstance(roots, list) or not all(_index(r, len(nodes)) for r in roots):
            refuse(f"scene {k} lists a node that does not exist")
        seen: set[int] = set()
        listed: list[int] = []
        stack = list(reversed(roots))
        while stack:  # each node once: the tree was checked to be a forest
            i = stack.pop()
            if i in seen:
                continue
            seen.add(i)
            if "mesh" in nodes[i]:
                listed.append(i)
            stack += reversed(nodes[i].get("children", []))
        scene["nodes"] = listed
    for i, node in enumerate(nodes):
        for key in ("children", "translation", "rotation", "scale"):
            node.pop(key, None)
        node["matrix"] = [float(v) for v in world[i].T.ravel()]


def _uses_draco(doc: dict, meshes: list) -> bool:
    used = doc.get("extensionsUsed", [])
    if isinstance(used, list) and DRACO in used:
        return True
    for mesh in meshes:
        for prim in mesh.get("primitives", []) if isinstance(mesh, dict) else []:
            if isinstance(prim, dict) and DRACO in (prim.get("extensions") or {}):
                return True
    return False


def draco_available() -> bool:
    try:
        import DracoPy  # noqa: F401
    except ImportError:
        return False
    return True


# --------------------------------------------------------------------------- resolver


def safe_resolver(root: Path, refused: list[str], found: list[str], budget: Budget):
    """A trimesh resolver that reads files inside `root`'s tree only: no URLs, no
    absolute paths, no '..', only regular files, each counted against `budget`."""
    from trimesh.resolvers import Resolver

    base = root.resolve()

    class SafeResolver(Resolver):
        def __init__(self):
            self.parent = str(root)

        def get(self, name):
            name = str(name).replace("\\", "/")
            shown = printable(name)
            if "://" in name or name.startswith(("data:", "//")):
                refused.append(f"{shown} (a URL: nothing is fetched from the network)")
                raise FileNotFoundError(name)
            if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
                refused.append(f"{shown} (an absolute path outside the model's folder)")
                raise FileNotFoundError(name)
            clean = posixpath.normpath(name)
            target = (root / clean).resolve()
            if clean.startswith("..") or (
                base not in target.parents and target != base
            ):
                refused.append(f"{shown} (outside the model's folder tree)")
                raise FileNotFoundError(name)
            image = clean.lower().endswith(IMAGE_SUFFIXES)
            limit = budget.left
            if image:
                limit = min(limit, MAX_IMAGE_FILE_BYTES)
            elif clean.lower().endswith(TEXT_SUFFIXES):
                limit = min(limit, MAX_MATERIAL_FILE_BYTES)
            try:
                data = read_regular(target, limit, "file")
            except FileRefused as exc:
                if "does not exist" in exc.reason:
                    refused.append(f"{shown} (not found)")
                elif exc.reason.startswith("the file is"):
                    refused.append(
                        f"{shown} (over the import's memory limit: "
                        f"{size_text(target.stat().st_size)} with "
                        f"{size_text(budget.left)} left of "
                        f"{size_text(budget.limit)})"
                    )
                else:
                    refused.append(f"{shown} ({exc.reason})")
                raise FileNotFoundError(name) from None
            budget.take(len(data))
            problem = _image_problem(data) if image else None
            if problem:
                refused.append(f"{shown} ({problem})")
                raise FileNotFoundError(name)
            found.append(clean)
            if clean.lower().endswith(TEXT_SUFFIXES):
                return decode_text(data).encode("utf-8")
            return data

        def write(self, name, data):
            raise PermissionError("the importer never writes")

        def namespaced(self, namespace):
            sub = (root / posixpath.normpath(str(namespace))).resolve()
            if base not in sub.parents and sub != base:
                raise FileNotFoundError(namespace)
            return safe_resolver(sub, refused, found, budget)

        def keys(self):
            return [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()]

    return SafeResolver()


def _image_problem(data: bytes) -> str | None:
    """Why an image file cannot be a texture, from its header only (Pillow opens
    lazily: no pixel is decoded here)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            w, h = img.size
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return "not an image that can be read"
    if w * h > MAX_IMAGE_PIXELS:
        return (
            f"{w}x{h} pixels, {size_text(4 * w * h)} decoded: over the texture "
            f"limit of {size_text(4 * MAX_IMAGE_PIXELS)}"
        )
    return None
