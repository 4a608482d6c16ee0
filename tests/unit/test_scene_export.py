"""3D files of the station: axes, scene graph, figures in extras, and read-back by
trimesh, by the app's own importer and by the Khronos glTF validator."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from models3d.axes import APP_FROM_Y_UP, Y_UP_FROM_APP
from models3d.catalogue import load_plan, plan_paths, resolve_plan
from models3d.errors import ExportError
from models3d.geometry import build_plan
from models3d.gltf_check import check_glb, read_glb
from models3d.importer import Placement, load_model, place
from models3d.report import plan_json
from models3d.scene_export import export_scene

ROOT = Path(__file__).resolve().parents[2]
VALIDATOR = ROOT / "tools" / "validators"


@pytest.fixture(scope="module")
def plan():
    return load_plan(resolve_plan("ros-2024"))


def _final(plan) -> int:
    return len(plan.phases) - 1


def _world(plan, phase: int) -> dict[str, np.ndarray]:
    """Module id -> its vertices in app world coordinates (without the exporter)."""
    meshes = build_plan(plan)
    snap = plan.station.snapshots[phase]
    out = {}
    for mid in snap.modules:
        t = snap.transforms[mid]
        v = np.concatenate([p.vertices for p in meshes[mid].parts.values()])
        out[mid] = v.astype(np.float64) @ t[:3, :3].T + t[:3, 3]
    return out


def _bounds(points: np.ndarray) -> np.ndarray:
    return np.stack([points.min(axis=0), points.max(axis=0)])


def _same_points(a: np.ndarray, b: np.ndarray, tol: float) -> bool:
    """Every point of each set lies within `tol` of a point of the other."""
    from scipy.spatial import cKDTree

    return bool(
        cKDTree(b).query(a)[0].max() <= tol and cKDTree(a).query(b)[0].max() <= tol
    )


def test_axes_are_a_rotation_with_zenith_up():
    assert np.linalg.det(Y_UP_FROM_APP) == pytest.approx(1.0)
    assert np.allclose(Y_UP_FROM_APP @ APP_FROM_Y_UP, np.eye(3))
    assert np.allclose(Y_UP_FROM_APP @ [0, 0, 1], [0, 1, 0])  # zenith -> +Y
    assert np.allclose(Y_UP_FROM_APP @ [1, 0, 0], [1, 0, 0])  # velocity stays +X


def test_glb_opens_y_up_at_true_scale_in_trimesh(plan, tmp_path):
    import trimesh

    phase = _final(plan)
    out = tmp_path / "station.glb"
    assert export_scene(plan, phase, out) == [str(out)]
    world = _world(plan, phase)
    app = np.concatenate(list(world.values()))
    scene = trimesh.load(out)  # trimesh keeps the file's axes
    assert np.allclose(scene.bounds, _bounds(app @ Y_UP_FROM_APP.T), atol=1e-4)
    lo, hi = _bounds(app)
    # zenith: the app's z extent is the file's y extent; velocity: x stays x
    assert scene.extents[1] == pytest.approx(hi[2] - lo[2], abs=1e-4)
    assert scene.extents[0] == pytest.approx(hi[0] - lo[0], abs=1e-4)
    # every module sits where the app puts it: its node's world box
    for mid, points in world.items():
        nodes = [n for n in scene.graph.nodes_geometry if n.startswith(f"{mid}:")]
        dumped = np.concatenate(
            [
                trimesh.transform_points(
                    scene.geometry[scene.graph[n][1]].vertices, scene.graph[n][0]
                )
                for n in nodes
            ]
        )
        assert np.allclose(
            _bounds(dumped), _bounds(points @ Y_UP_FROM_APP.T), atol=1e-4
        ), mid


@pytest.mark.parametrize("fmt", ["glb", "obj", "stl"])
def test_export_then_import_is_the_identity(plan, tmp_path, fmt):
    phase = _final(plan)
    out = tmp_path / f"station.{fmt}"
    written = export_scene(plan, phase, out)
    assert str(out) in written
    model = load_model(out)
    world = _world(plan, phase)
    app = np.concatenate(list(world.values()))
    assert np.allclose(model.bounds(), _bounds(app), atol=2e-4)
    got = np.concatenate([p.vertices for p in model.parts])
    # every vertex lands where it was (OBJ holds 6 significant digits)
    assert _same_points(got.astype(np.float64), app, 1e-4)
    if fmt == "glb":  # module by module
        for mid, points in world.items():
            parts = [p.vertices for p in model.parts if p.name.startswith(f"{mid}:")]
            assert np.allclose(
                _bounds(np.concatenate(parts)), _bounds(points), atol=1e-5
            ), mid


def test_stl_stays_z_up_and_obj_says_its_axes(plan, tmp_path):
    phase = _final(plan)
    export_scene(plan, phase, tmp_path / "s.stl")
    export_scene(plan, phase, tmp_path / "s.obj")
    head = (tmp_path / "s.stl").read_bytes()[:80]
    assert not head.lower().startswith(b"solid")
    assert b"+Z up" in head
    text = (tmp_path / "s.obj").read_text("utf-8")
    assert "+Y up (zenith)" in text.splitlines()[2]
    assert "mtllib s.mtl" in text
    assert (tmp_path / "s.mtl").exists()
    assert all(f"o {mid}:" in text for mid in plan.station.snapshots[phase].modules)


def test_scene_graph_names_and_marks(plan, tmp_path):
    out = tmp_path / "s.glb"
    phase = _final(plan)
    export_scene(plan, phase, out, lang="ru")
    doc, _ = read_glb(out.read_bytes())
    nodes = doc["nodes"]
    root = nodes[doc["scenes"][0]["nodes"][0]]
    assert root["name"].startswith(f"{plan.id} — phase {phase + 1}: ")
    modules = plan.station.snapshots[phase].modules
    assert len(root["children"]) == len(modules)
    for index, mid in zip(root["children"], modules, strict=True):
        node = nodes[index]
        assert node["name"] == f"{mid} ({plan.modules[mid].name['ru']})"
        kids = [nodes[k]["name"] for k in node["children"]]
        assert set(kids) == {f"{mid}:{m}" for m in build_plan(plan)[mid].parts}
        vehicle = plan.modules[mid].category == "vehicle"
        assert (node["extras"]["type"] == "visiting_vehicle") == vehicle
        # partner modules count in the totals, visiting vehicles do not
        assert node["extras"]["in_totals"] == (not vehicle)
        assert node["extras"]["imported_model"] is False
    assert any(
        n["extras"]["type"] == "visiting_vehicle"
        for n in nodes
        if "extras" in n and n is not root
    )


def test_extras_equal_info_json(plan, tmp_path):
    phase = _final(plan)
    out = tmp_path / "s.glb"
    export_scene(plan, phase, out)
    doc, _ = read_glb(out.read_bytes())
    root = doc["nodes"][doc["scenes"][0]["nodes"][0]]
    res = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "info",
            "--plan",
            "ros-2024",
            "--phase",
            str(phase + 1),
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    info = json.loads(res.stdout)
    assert info == json.loads(json.dumps(plan_json(plan, phase)))
    assert root["extras"]["plan"] == {
        k: v for k, v in info.items() if k not in ("modules", "phases")
    }
    assert root["extras"]["phase"] == info["phases"][0]
    assert all(  # an outlet-only source has no link (url null)
        s["url"] is None if s["outlet_only"] else s["url"].startswith("http")
        for s in root["extras"]["plan"]["sources"].values()
    )
    by_id = {m["id"]: m for m in info["modules"]}
    seen = [doc["nodes"][i]["extras"]["module"] for i in root["children"]]
    assert seen == [by_id[m["id"]] for m in seen]
    assert {m["id"] for m in seen} == set(by_id)
    nem = by_id["nem"]
    assert nem["name"]["ru"]
    assert nem["abbr"]["en"]
    assert nem["role"]["en"]
    assert any("range" in f for f in nem["figures"].values() if f)


def test_imported_and_reference_models_are_marked(plan, tmp_path):
    from types import SimpleNamespace

    cube = tmp_path / "cube.stl"
    import trimesh

    trimesh.creation.box((2, 2, 2)).export(cube)
    model = load_model(cube)
    meshes, colors, _, _ = place(model, "bm", Placement("fit", "m", "+x"), 8, 4)
    ref_meshes, ref_colors, _, _ = place(model, "r1", Placement("units", "m", "+x"))
    offset = np.eye(4)
    offset[:3, 3] = (0, 60, 0)
    out = tmp_path / "s.glb"
    export_scene(
        plan,
        _final(plan),
        out,
        overrides={"bm": SimpleNamespace(meshes=meshes, colors=colors)},
        references={
            "r1": SimpleNamespace(
                meshes=ref_meshes, colors=ref_colors, transform=offset, visible=True
            )
        },
    )
    data = out.read_bytes()
    assert check_glb(data) == []
    doc, _ = read_glb(data)
    by_name = {n["name"]: n for n in doc["nodes"]}
    assert by_name[f"bm ({plan.modules['bm'].name['en']})"]["extras"]["imported_model"]
    ref = by_name["reference r1"]
    assert ref["extras"]["type"] == "reference_model"
    assert not ref["extras"]["in_totals"]
    back = load_model(out)
    ref_part = next(p for p in back.parts if p.name.startswith("r1:"))
    assert np.allclose(
        _bounds(ref_part.vertices), [[-1, 59, -1], [1, 61, 1]], atol=1e-5
    )


@pytest.mark.parametrize("pid", sorted(plan_paths()))
def test_every_phase_of_every_plan_is_valid_gltf(pid, tmp_path):
    plan = load_plan(resolve_plan(pid))
    for phase in range(len(plan.phases)):
        out = tmp_path / f"{phase}.glb"
        export_scene(plan, phase, out)
        assert check_glb(out.read_bytes()) == [], (pid, phase)


def test_draco_compressed_glb_reads_back(plan, tmp_path):
    pytest.importorskip("DracoPy")
    phase = _final(plan)
    plain, small = tmp_path / "plain.glb", tmp_path / "small.glb"
    export_scene(plan, phase, plain)
    export_scene(plan, phase, small, compress=True)
    data = small.read_bytes()
    assert check_glb(data) == []
    assert len(data) < len(plain.read_bytes()) / 4
    doc, _ = read_glb(data)
    assert doc["extensionsRequired"] == ["KHR_draco_mesh_compression"]
    back, ref = load_model(small), load_model(plain)
    assert np.allclose(back.bounds(), ref.bounds(), atol=0.01)  # 14-bit positions
    assert back.triangles == ref.triangles


def test_check_glb_finds_broken_files(plan, tmp_path):
    out = tmp_path / "s.glb"
    export_scene(plan, 0, out)
    data = out.read_bytes()
    assert check_glb(data[:-8]) != []
    doc, binary = read_glb(data)
    doc["nodes"][0]["children"].append(10_000)
    doc["accessors"][0]["max"] = [1e6, 1e6, 1e6]
    bad = json.dumps(doc).encode()
    bad += b" " * (-len(bad) % 4)
    raw = (
        b"glTF"
        + (2).to_bytes(4, "little")
        + (28 + len(bad) + len(binary)).to_bytes(4, "little")
        + len(bad).to_bytes(4, "little")
        + b"JSON"
        + bad
        + len(binary).to_bytes(4, "little")
        + b"BIN\0"
        + binary
    )
    problems = check_glb(raw)
    assert any("out of range" in p for p in problems)
    assert any("min/max" in p for p in problems)


def test_refusals_leave_nothing_behind(plan, tmp_path):
    with pytest.raises(ExportError, match="not a 3D format"):
        export_scene(plan, 0, tmp_path / "s.fbx")
    with pytest.raises(ExportError, match="only GLB"):
        export_scene(plan, 0, tmp_path / "s.obj", compress=True)
    with pytest.raises(ExportError, match="every module of this phase is hidden"):
        export_scene(
            plan, 0, tmp_path / "s.glb", hidden=set(plan.station.snapshots[0].modules)
        )
    with pytest.raises(ExportError, match="no phase 99"):
        export_scene(plan, 98, tmp_path / "s.glb")
    with pytest.raises(ExportError, match="does not exist"):
        export_scene(plan, 0, tmp_path / "missing" / "s.glb")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    shutil.which("node") is None
    or not (VALIDATOR / "node_modules" / "gltf-validator").is_dir(),
    reason="node or tools/validators/node_modules missing "
    "(npm ci --prefix tools/validators)",
)
def test_khronos_validator_finds_no_issue(plan, tmp_path):
    from models3d.scene_export import glb_bytes, scene_items

    files = []
    for pid in sorted(plan_paths()):
        p = load_plan(resolve_plan(pid))
        for phase in range(len(p.phases)):
            files.append(tmp_path / f"{pid}-{phase}.glb")
            export_scene(p, phase, files[-1])
        # the web page's file: every module, 8-bit normals
        files.append(tmp_path / f"{pid}-page.glb")
        files[-1].write_bytes(glb_bytes(p, None, scene_items(p, None), quantize=True))
    res = subprocess.run(
        ["node", str(VALIDATOR / "validate.mjs"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    for line in res.stdout.splitlines():
        report = json.loads(line)
        # no error, no warning, not even an info message
        assert (report["errors"], report["warnings"], report["infos"]) == (0, 0, 0), (
            report
        )


def test_every_phase_as_numbered_files(tmp_path):
    from models3d.scene_export import export_phases

    plan = load_plan(resolve_plan("tiangong"))
    phases = list(range(len(plan.phases)))
    steps = list(export_phases(plan, phases, tmp_path / "tg.obj"))
    assert [s[:2] for s in steps[::2]] == [(n + 1, len(phases)) for n in phases]
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        [f"tg_{n + 1:02d}.obj" for n in phases]
        + [f"tg_{n + 1:02d}.mtl" for n in phases]
    )


def test_glb_materials_are_linear_with_the_apps_metallic_and_roughness(plan, tmp_path):
    """glTF's baseColorFactor is linear light: an sRGB value written as is would show
    lighter in every other viewer (three.js, f3d, Blender)."""
    from models3d.materials import MATERIALS

    out = tmp_path / "s.glb"
    export_scene(plan, _final(plan), out, "glb")
    doc, _ = read_glb(out.read_bytes())
    by_name = {m["name"]: m["pbrMetallicRoughness"] for m in doc["materials"]}
    for key in ("hull", "solar", "gold"):
        pbr, mat = by_name[key], MATERIALS[key]
        assert pbr["metallicFactor"] == mat.metallic
        assert pbr["roughnessFactor"] == mat.roughness
        assert pbr["baseColorFactor"][:3] == pytest.approx(mat.linear_color)
    # the cells' blue, sRGB 0.38, in linear light
    solar = by_name["solar"]["baseColorFactor"]
    assert solar[2] == pytest.approx(((0.38 + 0.055) / 1.055) ** 2.4)
