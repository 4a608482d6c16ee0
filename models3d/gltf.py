"""A small glTF 2.0 binary (GLB) writer with numpy only.

The writer knows what the station needs and nothing more: named nodes with a matrix
and JSON `extras`, meshes of triangles with positions and normals, metallic-roughness
materials, meshes shared between nodes (identical modules are stored once), and
optionally Draco compression (KHR_draco_mesh_compression, through DracoPy) or 8-bit
normals (KHR_mesh_quantization). trimesh's exporter writes no `extras` on nodes that
carry no mesh, which is where a module's figures belong, hence this writer.
`models3d.gltf_check` reads GLB files back and checks them.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field

import numpy as np

GLB_MAGIC = b"glTF"
CHUNK_JSON = 0x4E4F534A
CHUNK_BIN = 0x004E4942
FLOAT, UBYTE, BYTE, USHORT, UINT = 5126, 5121, 5120, 5123, 5125
ARRAY_BUFFER, ELEMENT_ARRAY_BUFFER = 34962, 34963
COMPONENT_BYTES = {5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4}
TYPE_WIDTHS = {"SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT4": 16}
DRACO = "KHR_draco_mesh_compression"
QUANTIZATION = "KHR_mesh_quantization"


def column_major(matrix: np.ndarray) -> list[float]:
    """A 4x4 matrix as glTF stores it (column by column)."""
    return [float(x) for x in np.asarray(matrix, dtype=np.float64).T.ravel()]


@dataclass
class GlbWriter:
    """Collects nodes, meshes and materials; `to_bytes()` gives the GLB file."""

    generator: str = "ROSS Explorer"
    draco: bool = False  # compress every mesh with Draco
    quantize_normals: bool = False  # 8-bit normals instead of 32-bit floats
    nodes: list = field(default_factory=list)
    meshes: list = field(default_factory=list)
    materials: list = field(default_factory=list)
    accessors: list = field(default_factory=list)
    views: list = field(default_factory=list)
    roots: list = field(default_factory=list)
    _bin: bytearray = field(default_factory=bytearray)
    _material_ids: dict = field(default_factory=dict)

    # -- materials and meshes -------------------------------------------------------

    def material(self, name: str, rgba, metallic: float, roughness: float) -> int:
        """Index of a metallic-roughness material; one per name."""
        found = self._material_ids.get(name)
        if found is not None:
            return found
        rgba = [float(c) for c in rgba]
        mat = {
            "name": name,
            "pbrMetallicRoughness": {
                "baseColorFactor": rgba,
                "metallicFactor": float(metallic),
                "roughnessFactor": float(roughness),
            },
        }
        if rgba[3] < 1.0:
            mat["alphaMode"] = "BLEND"
        self.materials.append(mat)
        self._material_ids[name] = len(self.materials) - 1
        return len(self.materials) - 1

    def mesh(self, name: str, vertices, normals, faces, material: int) -> int:
        """Index of a new mesh of one primitive (triangles)."""
        v = np.ascontiguousarray(vertices, dtype=np.float32)
        n = np.ascontiguousarray(normals, dtype=np.float32)
        f = np.ascontiguousarray(faces, dtype=np.uint32)
        if self.draco:
            prim = self._draco_primitive(v, n, f)
        else:
            prim = {
                "attributes": {
                    "POSITION": self._positions(v),
                    "NORMAL": self._normals(n),
                },
                "indices": self._indices(f),
            }
        prim["mode"] = 4
        prim["material"] = material
        self.meshes.append({"name": name, "primitives": [prim]})
        return len(self.meshes) - 1

    def _view(self, data: bytes, target: int | None) -> int:
        while len(self._bin) % 4:  # every view starts 4-byte aligned
            self._bin.append(0)
        view = {"buffer": 0, "byteOffset": len(self._bin), "byteLength": len(data)}
        if target is not None:
            view["target"] = target
        self._bin.extend(data)
        self.views.append(view)
        return len(self.views) - 1

    def _accessor(self, acc: dict) -> int:
        self.accessors.append(acc)
        return len(self.accessors) - 1

    def _positions(self, v: np.ndarray) -> int:
        return self._accessor(
            {
                "bufferView": self._view(v.tobytes(), ARRAY_BUFFER),
                "componentType": FLOAT,
                "count": len(v),
                "type": "VEC3",
                "min": v.min(axis=0).tolist(),
                "max": v.max(axis=0).tolist(),
            }
        )

    def _normals(self, n: np.ndarray) -> int:
        if not self.quantize_normals:
            return self._accessor(
                {
                    "bufferView": self._view(n.tobytes(), ARRAY_BUFFER),
                    "componentType": FLOAT,
                    "count": len(n),
                    "type": "VEC3",
                }
            )
        # 8-bit signed normalized, padded to 4 bytes a vertex (attributes align to 4)
        q = np.zeros((len(n), 4), dtype=np.int8)
        q[:, :3] = np.round(np.clip(n, -1.0, 1.0) * 127.0).astype(np.int8)
        view = self._view(q.tobytes(), ARRAY_BUFFER)
        self.views[view]["byteStride"] = 4
        return self._accessor(
            {
                "bufferView": view,
                "componentType": BYTE,
                "normalized": True,
                "count": len(n),
                "type": "VEC3",
            }
        )

    def _indices(self, f: np.ndarray) -> int:
        flat = f.ravel()
        small = flat.size == 0 or int(flat.max()) < 65535
        data = flat.astype(np.uint16 if small else np.uint32)
        return self._accessor(
            {
                "bufferView": self._view(data.tobytes(), ELEMENT_ARRAY_BUFFER),
                "componentType": USHORT if small else UINT,
                "count": int(flat.size),
                "type": "SCALAR",
            }
        )

    def _draco_primitive(self, v: np.ndarray, n: np.ndarray, f: np.ndarray) -> dict:
        import DracoPy

        blob = DracoPy.encode(
            v,
            f,
            quantization_bits=14,
            compression_level=7,
            normals=n.astype(np.float64),
            normal_quantization_bits=10,
        )
        decoded = DracoPy.decode(blob)  # counts and bounds as a decoder will see them
        dv = np.asarray(decoded.points, dtype=np.float32).reshape(-1, 3)
        count = len(dv)
        view = self._view(blob, None)
        # accessors of a Draco primitive describe the decoded data and have no view
        pos = self._accessor(
            {
                "componentType": FLOAT,
                "count": count,
                "type": "VEC3",
                "min": dv.min(axis=0).tolist(),
                "max": dv.max(axis=0).tolist(),
            }
        )
        nrm = self._accessor({"componentType": FLOAT, "count": count, "type": "VEC3"})
        idx = self._accessor(
            {"componentType": UINT, "count": int(f.size), "type": "SCALAR"}
        )
        ids = _draco_attribute_ids(decoded)
        return {
            "attributes": {"POSITION": pos, "NORMAL": nrm},
            "indices": idx,
            "extensions": {DRACO: {"bufferView": view, "attributes": ids}},
        }

    # -- nodes ----------------------------------------------------------------------

    def node(
        self,
        name: str,
        *,
        parent: int | None = None,
        mesh: int | None = None,
        matrix: np.ndarray | None = None,
        extras: dict | None = None,
    ) -> int:
        """Index of a new node; a node without a parent is a root of the scene."""
        node: dict = {"name": name}
        if mesh is not None:
            node["mesh"] = mesh
        if matrix is not None and not np.allclose(matrix, np.eye(4), atol=0.0):
            node["matrix"] = column_major(matrix)
        if extras:
            node["extras"] = extras
        self.nodes.append(node)
        index = len(self.nodes) - 1
        if parent is None:
            self.roots.append(index)
        else:
            self.nodes[parent].setdefault("children", []).append(index)
        return index

    # -- output ---------------------------------------------------------------------

    def to_json(self) -> dict:
        doc: dict = {
            "asset": {"version": "2.0", "generator": self.generator},
            "scene": 0,
            "scenes": [{"nodes": list(self.roots)}],
            "nodes": self.nodes,
        }
        for key, items in (
            ("meshes", self.meshes),
            ("materials", self.materials),
            ("accessors", self.accessors),
            ("bufferViews", self.views),
        ):
            if items:
                doc[key] = items
        if self._bin:
            doc["buffers"] = [{"byteLength": len(self._bin)}]
        used = ([DRACO] if self.draco else []) + (
            [QUANTIZATION] if self.quantize_normals and not self.draco else []
        )
        if used:
            doc["extensionsUsed"] = used
            doc["extensionsRequired"] = used
        return doc

    def to_bytes(self) -> bytes:
        text = json.dumps(
            self.to_json(), ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode("utf-8")
        text += b" " * (-len(text) % 4)  # the JSON chunk is padded with spaces
        binary = bytes(self._bin) + b"\0" * (-len(self._bin) % 4)
        total = 12 + 8 + len(text) + (8 + len(binary) if binary else 0)
        out = bytearray(struct.pack("<4sII", GLB_MAGIC, 2, total))
        out += struct.pack("<II", len(text), CHUNK_JSON) + text
        if binary:
            out += struct.pack("<II", len(binary), CHUNK_BIN) + binary
        return bytes(out)


def _draco_attribute_ids(decoded) -> dict:
    """Unique ids of the POSITION and NORMAL attributes inside a Draco buffer."""
    import DracoPy

    ids = {}
    for attr in getattr(decoded, "attributes", []) or []:
        kind = attr.get("attribute_type") if isinstance(attr, dict) else None
        uid = attr.get("unique_id") if isinstance(attr, dict) else None
        if kind == DracoPy.AttributeType.POSITION:
            ids["POSITION"] = uid
        elif kind == DracoPy.AttributeType.NORMAL:
            ids["NORMAL"] = uid
    if len(ids) != 2:
        raise ValueError("the Draco encoder lost the positions or normals")
    return ids
