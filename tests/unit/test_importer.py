"""Importing real models made by others, and refusing broken or hostile ones."""

from __future__ import annotations

import random
import shutil
import time

import numpy as np
import pytest

from models3d import importer
from models3d.importer import (
    ImportRefusedError,
    IsolatedLoader,
    Placement,
    info,
    load_model,
    place,
)
from tests.conftest import SHARED

EXT = SHARED / "testdata" / "external"
needs_data = pytest.mark.skipif(not EXT.is_dir(), reason="../shared/testdata missing")

# file: (placed triangles, extents, textured parts) as listed in SOURCES.md
EXPECTED = {
    "nasa_iss.glb": (174_440, (14.4, 45.4, 45.5), None),
    "nasa_mir.glb": (5_836, (1037.0, 1686.3, 1395.1), None),
    "nasa_apollo_soyuz.glb": (32_996, (21.6, 9.6, 5.1), 5),
    "nasa_gemini.glb": (38_840, (7.2, 13.7, 7.2), 77),
    "nasa_terra.glb": (117_120, (13621.8, 10276.6, 26053.8), 0),
    "CesiumMilkTruck.glb": (3_624, (4.9, 2.6, 2.8), None),
    "spaceros_iss.stl": (508, (7.3, 4.5, 4.5), 0),
    "multibody.stl": (32, (0.6, 1.1, 0.3), 0),
    "orion_ascii.ply": (51_736, (16.3, 10.6, 16.3), 0),
    "octagonal_pocket.ply": (3_262, None, 0),
    "Eta_Car_Homunuculus_model.stl": (17_101, (4.0, 3.6, 7.6), 0),
    "1002_tray_bottom.STL": (4_520, (355.6, 3.2, 355.6), 0),
    "iss_node1_obj/node_1/node_1.obj": (26_142, (4.3, 3.7, 5.2), 0),
}


@needs_data
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_models_load_with_the_right_counts(name):
    tris, extents, textured = EXPECTED[name]
    model = load_model(EXT / name)
    assert model.triangles == tris
    ext = model.extents
    assert np.all(ext > 0)
    if extents:
        if name.endswith((".glb", ".obj")):
            # SOURCES.md lists the files' own +Y-up axes; the app turns them to +Z up
            extents = (extents[0], extents[2], extents[1])
        assert ext == pytest.approx(extents, rel=0.01, abs=0.06)
    if textured is not None:
        assert sum(p.texture is not None for p in model.parts) == textured
    for p in model.parts:
        assert np.isfinite(p.vertices).all()
        assert np.allclose(np.linalg.norm(p.normals, axis=1), 1.0, atol=1e-3)


@needs_data
def test_textures_outside_the_model_folder_are_not_loaded_and_are_named():
    node = load_model(EXT / "iss_node1_obj" / "node_1" / "node_1.obj")
    assert "node_1.mtl" in node.textures_found
    assert len(node.textures_missing) == 4
    assert all("outside the model's folder tree" in m for m in node.textures_missing)
    terra = load_model(EXT / "nasa_terra.glb")
    assert any("Terra.fbm" in m for m in terra.textures_missing)


@needs_data
def test_gltf_y_up_becomes_z_up():
    iss = load_model(EXT / "nasa_iss.glb")
    mir = load_model(EXT / "spaceros_iss.stl")  # STL: axes kept as they are
    assert iss.extents[2] == pytest.approx(45.4, abs=0.1)
    assert mir.extents == pytest.approx((7.3, 4.5, 4.5), abs=0.06)


@needs_data
def test_instanced_parts_are_all_placed():
    truck = load_model(EXT / "CesiumMilkTruck.glb")
    assert len(truck.parts) == 5  # 4 geometries, the wheels used twice


def _obj(tmp_path, text, name="m.obj"):
    p = tmp_path / name
    p.write_text(text)
    return p


CUBE = "\n".join(["v 0 0 0", "v 1 0 0", "v 1 1 0", "v 0 1 0", "f 1 2 3", "f 1 3 4"])


def test_hostile_and_broken_inputs_are_refused_with_a_reason(tmp_path):
    cases = {
        "notes.txt": ("hello", "unknown format"),
        "empty.stl": ("", "empty"),
        "nan.ply": (
            "ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\n"
            "property float y\nproperty float z\nelement face 1\n"
            "property list uchar int vertex_indices\nend_header\n"
            "nan 0 0\n1 0 0\n0 1 0\n3 0 1 2\n",
            "NaN or infinite",
        ),
        "zero.obj": ("v 0 0 0\nv 0 0 0\nv 0 0 0\nf 1 2 3\n", "every vertex is zero"),
        "nofaces.obj": ("v 0 0 0\nv 1 0 0\n", "no faces"),
        "fake.glb": ("not a glb", "no glTF header"),
        "fake.ply": ("solid x", "no 'ply' header"),
    }
    for name, (content, reason) in cases.items():
        path = _obj(tmp_path, content, name)
        with pytest.raises(ImportRefusedError, match=reason) as exc:
            load_model(path)
        assert str(exc.value).startswith(name + ":")


def test_binary_stl_with_a_lying_header_is_refused(tmp_path):
    p = tmp_path / "lie.stl"
    p.write_bytes(b"\0" * 80 + (10**9).to_bytes(4, "little") + b"\0" * 100)
    with pytest.raises(ImportRefusedError, match="not a valid binary STL"):
        load_model(p)


def test_urls_and_escaping_paths_are_never_followed(tmp_path):
    (tmp_path / "sub").mkdir()
    url = load_model(
        _obj(
            tmp_path / "sub",
            "mtllib http://example.invalid/evil.mtl\n" + CUBE,
            "url.obj",
        )
    )
    assert "URL" in " ".join(url.textures_missing)
    up = load_model(
        _obj(tmp_path / "sub", "mtllib ../../etc/passwd\n" + CUBE, "up.obj")
    )
    assert "outside the model's folder tree" in " ".join(up.textures_missing)
    gltf = tmp_path / "remote.gltf"
    gltf.write_text(
        '{"asset":{"version":"2.0"},"buffers":[{"uri":"https://example.invalid/'
        'b.bin","byteLength":36}],"bufferViews":[{"buffer":0,"byteLength":36}],'
        '"accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":'
        '"VEC3","max":[1,1,0],"min":[0,0,0]}],"meshes":[{"primitives":[{'
        '"attributes":{"POSITION":0}}]}],"nodes":[{"mesh":0}],"scenes":[{'
        '"nodes":[0]}],"scene":0}'
    )
    with pytest.raises(ImportRefusedError):
        load_model(gltf)


def test_triangle_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "MAX_TRIANGLES", 1)
    with pytest.raises(ImportRefusedError, match="more than 1 triangles"):
        load_model(_obj(tmp_path, CUBE))


def test_placement_fit_units_and_axis(tmp_path):
    model = load_model(
        _obj(
            tmp_path,
            "\n".join(
                ["v 0 0 0", "v 0 10 0", "v 2 10 0", "v 2 0 1", "f 1 2 3", "f 1 3 4"]
            ),
        )
    )
    # OBJ is +Y up: the 10 m side along the file's +Y is the app's +Z; as the docking
    # axis it becomes the module's length
    meshes, _, _, scale = place(model, "m", Placement("fit", "m", "+z"), 5.0, 4.0)
    lo, hi = meshes.bounds()
    assert (hi - lo)[0] == pytest.approx(5.0)
    assert max((hi - lo)[1:]) <= 4.0 + 1e-6
    assert np.allclose((lo + hi) / 2, 0, atol=1e-6)
    assert scale == pytest.approx(0.5)
    meshes, _, _, scale = place(model, "m", Placement("units", "mm", "+x"))
    assert scale == 0.001
    assert (meshes.bounds()[1] - meshes.bounds()[0])[0] == pytest.approx(0.002)


def test_info_summarises_the_model(tmp_path):
    data = info(load_model(_obj(tmp_path, CUBE)))
    assert data["format"] == "obj"
    assert data["triangles"] == 2
    assert data["extents"] == [1.0, 0.0, 1.0]  # OBJ +Y up is the app's +Z


@needs_data
def test_fuzzed_real_files_never_crash_or_hang(tmp_path):
    """Truncated and bit-flipped versions of real files: a model or a refusal with a
    reason, each within 10 s, and the loader survives."""
    rng = random.Random(20261123)
    sources = [
        "spaceros_iss.stl",
        "multibody.stl",
        "octagonal_pocket.ply",
        "CesiumMilkTruck.glb",
        "nasa_mir.glb",
        "orion_ascii.ply",
    ]
    loader = IsolatedLoader(timeout=10)
    outcomes = {"ok": 0, "refused": 0}
    try:
        for i in range(30):
            src = EXT / rng.choice(sources)
            data = bytearray(src.read_bytes())
            if i % 2:
                data = data[: rng.randrange(1, len(data))]
            else:
                for _ in range(rng.randrange(1, 40)):
                    j = rng.randrange(len(data))
                    data[j] ^= 1 << rng.randrange(8)
            path = tmp_path / f"fuzz{i}{src.suffix}"
            path.write_bytes(bytes(data))
            t = time.monotonic()
            try:
                model = loader.load(path)
                assert model.triangles > 0
                assert np.isfinite(model.bounds()).all()
                outcomes["ok"] += 1
            except ImportRefusedError as exc:
                assert str(exc).startswith(path.name + ":"), str(exc)
                outcomes["refused"] += 1
            assert time.monotonic() - t < 12
        assert outcomes["refused"] > 0
    finally:
        loader.close()


@needs_data
def test_isolated_loader_gives_the_same_model(tmp_path):
    shutil.copy(EXT / "spaceros_iss.stl", tmp_path / "iss.stl")
    loader = IsolatedLoader(timeout=30)
    try:
        a = loader.load(tmp_path / "iss.stl")
    finally:
        loader.close()
    b = load_model(tmp_path / "iss.stl")
    assert a.triangles == b.triangles == 508
    assert np.allclose(a.bounds(), b.bounds())
