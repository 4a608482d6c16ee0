"""Model files: valid ones that were refused (Latin-1 bytes, names that are not UTF-8)
now load; broken ones say what is wrong with the file (corrupt Draco, node cycles,
deep JSON, absurd coordinates); node trees load in linear time up to a documented
limit that is refused at once; a reader killed while answering is a refusal."""

from __future__ import annotations

import base64
import functools
import json
import os
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from models3d import import_checks
from models3d.errors import ImportRefusedError
from models3d.importer import IsolatedLoader
from tests.conftest import SHARED

from .conftest import assert_ok, assert_refused, cli

EXT = SHARED / "testdata" / "external"
CUBE = "v 0 0 0\nv 1 0 0\nv 1 1 0\nv 0 1 0\nf 1 2 3\nf 1 3 4\n"
_TRI = np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0]], np.float32).tobytes()


def gltf(nodes: list, scenes=None, **extra) -> str:
    doc = {
        "asset": {"version": "2.0"},
        "buffers": [
            {
                "uri": "data:application/octet-stream;base64,"
                + base64.b64encode(_TRI).decode(),
                "byteLength": 36,
            }
        ],
        "bufferViews": [{"buffer": 0, "byteLength": 36}],
        "accessors": [
            {
                "bufferView": 0,
                "componentType": 5126,
                "count": 3,
                "type": "VEC3",
                "max": [1, 1, 0],
                "min": [0, 0, 0],
            }
        ],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
        "nodes": nodes,
        "scenes": scenes if scenes is not None else [{"nodes": [0]}],
        "scene": 0,
    }
    doc.update(extra)
    return json.dumps(doc)


def chain(n: int, every_node_a_mesh: bool = False) -> list:
    return [
        {
            "children": [i + 1],
            "translation": [1, 0, 0],
            **({"mesh": 0} if every_node_a_mesh else {}),
        }
        for i in range(n - 1)
    ] + [{"mesh": 0}]


@functools.cache
def gen_models() -> dict[str, tuple[bytes, str | None]]:
    """file name -> (bytes, None when valid or the words of the refusal)."""
    stl = (
        b"solid caf\xe9\nfacet normal 0 0 1\nouter loop\nvertex 0 0 0\n"
        b"vertex 1 0 0\nvertex 0 1 0\nendloop\nendfacet\nendsolid caf\xe9\n"
    )
    out: dict[str, tuple[bytes, str | None]] = {
        "latin1_comment.obj": (
            b"# caf\xe9 \xa9 1998\no pi\xe8ce\n" + CUBE.encode(),
            None,
        ),
        "latin1_name.stl": (stl, None),
        "utf16_bom.obj": (("\ufeff# ж\n" + CUBE).encode("utf-16"), None),
        "cp1252_quotes.obj": (b"# \x93quoted\x94 \x85\n" + CUBE.encode(), None),
        "coordinates_3e38.obj": (
            b"v 0 0 0\nv 3e38 0 0\nv -3e38 1 0\nf 1 2 3\n",
            "coordinates reach",
        ),
        "coordinates_1e30.obj": (
            b"v 0 0 0\nv 1e30 0 0\nv 0 1 0\nf 1 2 3\n",
            "coordinates reach",
        ),
        "coordinates_inf.obj": (
            b"v 0 0 0\nv inf 0 0\nv 0 1 0\nf 1 2 3\n",
            "NaN or infinite",
        ),
        "node_cycle.gltf": (
            gltf([{"children": [1], "mesh": 0}, {"children": [0]}]).encode(),
            "cycle",
        ),
        "node_own_child.gltf": (
            gltf([{"children": [0], "mesh": 0}]).encode(),
            "its own child",
        ),
        "node_two_parents.gltf": (
            gltf(
                [{"children": [2]}, {"children": [2]}, {"mesh": 0}], [{"nodes": [0, 1]}]
            ).encode(),
            "two parents",
        ),
        "node_bad_child.gltf": (
            gltf([{"children": [7], "mesh": 0}]).encode(),
            "not a node",
        ),
        "node_bad_mesh.gltf": (gltf([{"mesh": 3}]).encode(), "does not exist"),
        "node_bad_matrix.gltf": (
            gltf([{"mesh": 0, "matrix": [1, 2]}]).encode(),
            "16 finite numbers",
        ),
        "deep_json.gltf": (
            b'{"asset":{"version":"2.0"},"x":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "nested too deeply",
        ),
        "chain_50000.gltf": (gltf(chain(50_000)).encode(), None),
        "chain_20000_all_meshes.gltf": (gltf(chain(20_000, True)).encode(), None),
        "too_many_nodes.gltf": (
            gltf([{"mesh": 0}] * (import_checks.MAX_NODES + 1)).encode(),
            "nodes; at most",
        ),
        "too_many_instances.gltf": (
            gltf(
                [{"mesh": 0}] * (import_checks.MAX_INSTANCES + 1),
                [{"nodes": list(range(import_checks.MAX_INSTANCES + 1))}],
            ).encode(),
            "placed meshes; at most",
        ),
        "truncated.glb": (
            b"glTF" + struct.pack("<II", 2, 1000) + b"\0" * 20,
            "announces",
        ),
    }
    if (EXT / "nasa_mir.glb").exists():
        data = bytearray((EXT / "nasa_mir.glb").read_bytes())
        json_len = struct.unpack_from("<I", data, 12)[0]
        start = 20 + json_len + 8
        data[start:] = bytes(len(data) - start)  # the Draco stream zeroed
        out["corrupt_draco.glb"] = (bytes(data), "Draco-compressed data")
    return out


@pytest.mark.parametrize("name", sorted(gen_models()))
def test_model_files(name, tmp_path):
    data, refusal = gen_models()[name]
    path = tmp_path / name
    path.write_bytes(data)
    res = cli("inspect", str(path), "--json")
    if refusal is None:
        assert_ok(res)
        doc = json.loads(res.out)
        assert doc["triangles"] > 0
        assert all(np.isfinite(doc["extents"]))
    else:
        assert_refused(res, name, refusal)
        assert "DracoPy" not in res.err  # the decoder is installed: the file is bad
        assert len(res.err.strip().splitlines()) == 1, res.err


@pytest.mark.parametrize("name", [b"caf\xe9.obj", b"\xff\xfe.stl", b"m\x1b[2J.obj"])
def test_names_that_are_not_utf8_or_printable_load(name, tmp_path):
    path = os.fsencode(tmp_path) + b"/" + name
    data = (
        CUBE.encode() if name.endswith(b".obj") else gen_models()["latin1_name.stl"][0]
    )
    Path(os.fsdecode(path)).write_bytes(data)
    res = cli("inspect", path, env={"PYTHONIOENCODING": "utf-8:strict"})
    assert_ok(res)
    assert "\x1b" not in res.out


def test_a_latin1_material_file_is_read(tmp_path):
    (tmp_path / "m.obj").write_bytes(b"mtllib m.mtl\nusemtl rouge\n" + CUBE.encode())
    (tmp_path / "m.mtl").write_bytes(b"# mat\xe9riau\nnewmtl rouge\nKd 1 0 0\n")
    res = cli("inspect", str(tmp_path / "m.obj"), "--json")
    assert_ok(res)
    assert "m.mtl" in json.loads(res.out)["textures_found"]


# ------------------------------------------------------------ the worker's answer

FAKE_WORKER = """
import os, struct, sys
os.read(0, 1 << 16)
body = b"\\x80\\x05" + b"x" * 50
out = os.fdopen(1, "wb")
out.write(struct.pack("<Q", {announced}) + body[:{sent}])
out.flush()
{after}
"""


@pytest.mark.parametrize(
    ("announced", "sent", "after", "words"),
    [
        (1000, 52, "os._exit(9)", "crashed"),  # killed half-way through the answer
        (52, 52, "os._exit(0)", "garbled"),  # an answer that is not a pickle
        (2**62, 0, "os._exit(0)", "garbled"),  # an absurd length
        (1000, 10, "import time; time.sleep(60)", "longer than"),  # stalls mid-answer
    ],
)
def test_a_worker_dying_while_answering_is_a_refusal(
    announced, sent, after, words, tmp_path, monkeypatch
):
    script = tmp_path / "worker.py"
    script.write_text(FAKE_WORKER.format(announced=announced, sent=sent, after=after))
    loader = IsolatedLoader(timeout=3)

    def start():
        loader._proc = subprocess.Popen(
            [sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    monkeypatch.setattr(loader, "_start", start)
    try:
        with pytest.raises(ImportRefusedError, match=words):
            loader.load(tmp_path / "model.obj")
    finally:
        loader.close()
