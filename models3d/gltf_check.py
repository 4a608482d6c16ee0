"""Reading GLB files and checking them against the glTF 2.0 rules, with numpy only.

`check_glb(data)` returns the problems the specification's rules make fatal (broken
chunks, indices out of range, accessors outside their buffer views, a node with two
parents, a cycle, POSITION bounds that do not match the data, non-unit normals, a
required extension not listed as used), so a test can check every exported file even
where the Khronos validator (tools/validators/validate.mjs) cannot run.
"""

from __future__ import annotations

import json
import struct

import numpy as np

from .gltf import CHUNK_BIN, CHUNK_JSON, COMPONENT_BYTES, DRACO, GLB_MAGIC, TYPE_WIDTHS

# ------------------------------------------------------------------------- reading


def read_glb(data: bytes) -> tuple[dict, bytes]:
    """(JSON document, binary chunk) of a GLB file; ValueError when it is not one."""
    if len(data) < 20 or data[:4] != GLB_MAGIC:
        raise ValueError("not a GLB file (no glTF header)")
    version, total = struct.unpack_from("<II", data, 4)
    if version != 2:
        raise ValueError(f"GLB version {version}, not 2")
    if total != len(data):
        raise ValueError(f"header says {total} bytes, the file has {len(data)}")
    length, kind = struct.unpack_from("<II", data, 12)
    if kind != CHUNK_JSON or 20 + length > len(data):
        raise ValueError("the first chunk is not a complete JSON chunk")
    doc = json.loads(data[20 : 20 + length].decode("utf-8"))
    binary = b""
    at = 20 + length
    if at < len(data):
        blen, bkind = struct.unpack_from("<II", data, at)
        if bkind != CHUNK_BIN or at + 8 + blen > len(data):
            raise ValueError("the second chunk is not a complete BIN chunk")
        binary = data[at + 8 : at + 8 + blen]
    return doc, binary


def accessor_array(doc: dict, binary: bytes, index: int) -> np.ndarray:
    """An accessor's data from its buffer view; normalized integers as floats."""
    acc = doc["accessors"][index]
    view = doc["bufferViews"][acc["bufferView"]]
    width = TYPE_WIDTHS[acc["type"]]
    component: dict[int, type[np.integer] | type[np.floating]] = {
        5120: np.int8,
        5121: np.uint8,
        5122: np.int16,
        5123: np.uint16,
        5125: np.uint32,
        5126: np.float32,
    }
    dtype = np.dtype(component[acc["componentType"]])
    item = width * COMPONENT_BYTES[acc["componentType"]]
    stride = view.get("byteStride", item)
    start = view.get("byteOffset", 0) + acc.get("byteOffset", 0)
    raw = np.frombuffer(
        binary,
        dtype=np.uint8,
        count=stride * (acc["count"] - 1) + item if acc["count"] else 0,
        offset=start,
    )
    rows = np.lib.stride_tricks.as_strided(raw, (acc["count"], item), (stride, 1))
    out = np.ascontiguousarray(rows).view(dtype).reshape(acc["count"], width)
    if acc.get("normalized"):
        info = np.iinfo(dtype)
        out = np.maximum(out.astype(np.float64) / info.max, -1.0)
    return out


# ------------------------------------------------------------------------- checking


def check_glb(data: bytes) -> list[str]:
    """Problems that break the glTF 2.0 rules in a GLB file (empty when it is valid)."""
    try:
        doc, binary = read_glb(data)
    except (ValueError, UnicodeDecodeError, struct.error) as exc:
        return [str(exc)]
    return _Checker(doc, binary).run()


class _Checker:
    def __init__(self, doc: dict, binary: bytes):
        self.doc, self.binary = doc, binary
        self.problems: list[str] = []

    def items(self, key: str) -> list:
        value = self.doc.get(key, [])
        return value if isinstance(value, list) else []

    def ref(self, where: str, key: str, index) -> bool:
        if not isinstance(index, int) or not 0 <= index < len(self.items(key)):
            self.problems.append(f"{where}: {key} index {index!r} out of range")
            return False
        return True

    def run(self) -> list[str]:
        if self.doc.get("asset", {}).get("version") != "2.0":
            self.problems.append("asset.version is not '2.0'")
        used = set(self.doc.get("extensionsUsed", []))
        for ext in self.doc.get("extensionsRequired", []):
            if ext not in used:
                self.problems.append(
                    f"extensionsRequired: {ext} is not in extensionsUsed"
                )
        self.buffers()
        self.accessors()
        self.meshes()
        self.nodes()
        return self.problems

    def buffers(self) -> None:
        buffers = self.items("buffers")
        for i, buf in enumerate(buffers):
            if (
                i == 0
                and "uri" not in buf
                and buf.get("byteLength", 0) > len(self.binary)
            ):
                self.problems.append("buffers[0] is longer than the BIN chunk")
            if "uri" in buf:
                self.problems.append(f"buffers[{i}] points outside the file")
        for i, view in enumerate(self.items("bufferViews")):
            if not self.ref(f"bufferViews[{i}]", "buffers", view.get("buffer")):
                continue
            end = view.get("byteOffset", 0) + view.get("byteLength", 0)
            if end > buffers[view["buffer"]].get("byteLength", 0):
                self.problems.append(f"bufferViews[{i}] ends past its buffer")
            stride = view.get("byteStride")
            if stride is not None and (stride % 4 or not 4 <= stride <= 252):
                self.problems.append(f"bufferViews[{i}].byteStride {stride} is invalid")

    def accessors(self) -> None:
        views = self.items("bufferViews")
        for i, acc in enumerate(self.items("accessors")):
            where = f"accessors[{i}]"
            size = COMPONENT_BYTES.get(acc.get("componentType"))
            width = TYPE_WIDTHS.get(acc.get("type"))
            if size is None or width is None or acc.get("count", 0) < 1:
                self.problems.append(f"{where}: bad componentType, type or count")
                continue
            if "bufferView" not in acc:
                continue  # Draco-decoded data or all zeros
            if not self.ref(where, "bufferViews", acc["bufferView"]):
                continue
            view = views[acc["bufferView"]]
            offset = acc.get("byteOffset", 0)
            if (view.get("byteOffset", 0) + offset) % size:
                self.problems.append(f"{where}: data not aligned to its component size")
            stride = view.get("byteStride", size * width)
            if offset + stride * (acc["count"] - 1) + size * width > view["byteLength"]:
                self.problems.append(f"{where}: reads past the end of its buffer view")

    def meshes(self) -> None:
        for i, mesh in enumerate(self.items("meshes")):
            for k, prim in enumerate(mesh.get("primitives", [])):
                where = f"meshes[{i}].primitives[{k}]"
                attrs = prim.get("attributes", {})
                if "POSITION" not in attrs:
                    self.problems.append(f"{where}: no POSITION")
                    continue
                if not all(self.ref(where, "accessors", a) for a in attrs.values()):
                    continue
                if "material" in prim:
                    self.ref(where, "materials", prim["material"])
                self.vertex_data(where, prim)

    def vertex_data(self, where: str, prim: dict) -> None:
        attrs, accs = prim["attributes"], self.items("accessors")
        pos = accs[attrs["POSITION"]]
        if "min" not in pos or "max" not in pos:
            self.problems.append(f"{where}: POSITION has no min and max")
        counts = {accs[a]["count"] for a in attrs.values()}
        if len(counts) != 1:
            self.problems.append(f"{where}: attributes differ in count")
        if DRACO in prim.get("extensions", {}) or "bufferView" not in pos:
            return
        v = accessor_array(self.doc, self.binary, attrs["POSITION"])
        if not np.isfinite(v).all():
            self.problems.append(f"{where}: POSITION is NaN or infinite")
        elif "min" in pos and not (
            np.allclose(v.min(axis=0), pos["min"])
            and np.allclose(v.max(axis=0), pos["max"])
        ):
            self.problems.append(f"{where}: POSITION min/max do not match the data")
        if "NORMAL" in attrs:
            n = accessor_array(self.doc, self.binary, attrs["NORMAL"])
            tol = 0.02 if accs[attrs["NORMAL"]].get("normalized") else 5e-4
            if not np.allclose(np.linalg.norm(n, axis=1), 1.0, atol=tol):
                self.problems.append(f"{where}: NORMAL vectors are not unit length")
        if "indices" in prim and self.ref(where, "accessors", prim["indices"]):
            idx = accessor_array(self.doc, self.binary, prim["indices"])
            if idx.size % 3:
                self.problems.append(f"{where}: index count is not a multiple of 3")
            if idx.size and int(idx.max()) >= len(v):
                self.problems.append(f"{where}: an index points past the vertices")

    def nodes(self) -> None:
        nodes = self.items("nodes")
        parent: dict[int, int] = {}
        for i, node in enumerate(nodes):
            where = f"nodes[{i}]"
            if not isinstance(node.get("name", ""), str):
                self.problems.append(f"{where}: name is not a string")
            if "mesh" in node:
                self.ref(where, "meshes", node["mesh"])
            if "matrix" in node:
                m = np.asarray(node["matrix"], dtype=np.float64)
                if m.shape != (16,) or not np.allclose(
                    m.reshape(4, 4).T[3], [0, 0, 0, 1]
                ):
                    self.problems.append(f"{where}: matrix is not an affine 4x4")
                if any(k in node for k in ("translation", "rotation", "scale")):
                    self.problems.append(f"{where}: both a matrix and TRS")
            for child in node.get("children", []):
                if not self.ref(where, "nodes", child):
                    continue
                if child in parent:
                    self.problems.append(f"nodes[{child}] has two parents")
                parent[child] = i
        for start in range(len(nodes)):
            seen, at = set(), start
            while at in parent:
                if at in seen:
                    self.problems.append(f"nodes[{start}] is part of a cycle")
                    break
                seen.add(at)
                at = parent[at]
        for s, scene in enumerate(self.items("scenes")):
            for root in scene.get("nodes", []):
                if self.ref(f"scenes[{s}]", "nodes", root) and root in parent:
                    self.problems.append(f"scenes[{s}]: node {root} is not a root")
