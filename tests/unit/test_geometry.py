"""Procedural meshes: closed hulls, sizes as planned, recognisable, within budget."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from models3d.catalogue import load_plan
from models3d.geometry import build_module, build_plan, station_triangles
from models3d.kinds import KINDS
from tests.conftest import BUNDLED, PLANS

HULL = ("hull", "blanket")


def _modules():
    for pid in BUNDLED:
        plan = load_plan(PLANS / f"{pid}.toml")
        for mid, m in plan.modules.items():
            yield pytest.param(m, id=f"{pid}:{mid}")


def _merged(mesh_parts) -> trimesh.Trimesh:
    mesh = trimesh.util.concatenate([p.to_trimesh() for p in mesh_parts])
    mesh.merge_vertices(merge_norm=True, merge_tex=True)
    return mesh


@pytest.mark.parametrize("module", list(_modules()))
def test_module_mesh_is_closed_and_sized_as_planned(module):
    meshes = build_module(module)
    whole = _merged(meshes.parts.values())
    assert whole.is_watertight, "every part must be a closed solid"
    assert whole.is_winding_consistent
    assert whole.volume > 0  # outward winding
    lo, hi = meshes.bounds()
    length = hi[0] - lo[0]
    assert length == pytest.approx(module.shape.length, rel=0.02)
    hull = np.concatenate([p.vertices for m, p in meshes.parts.items() if m in HULL])
    width = max(np.ptp(hull[:, 1]), np.ptp(hull[:, 2]))
    assert width == pytest.approx(module.shape.diameter, rel=0.02)


@pytest.mark.parametrize("module", list(_modules()))
def test_normals_are_unit_and_point_outward(module):
    for part in build_module(module).parts.values():
        n = part.normals
        assert np.allclose(np.linalg.norm(n, axis=1), 1.0, atol=1e-3)
        tm = trimesh.Trimesh(part.vertices, part.faces, process=False)
        face_n = tm.face_normals
        vert_n = n[part.faces].mean(axis=1)
        agree = np.einsum("ij,ij->i", face_n, vert_n) > 0
        assert agree.mean() > 0.99, part.material


def test_nem_is_recognisable_by_its_large_arrays():
    plan = load_plan(PLANS / "ros-2024.toml")
    areas = {}
    for mid, m in plan.modules.items():
        solar = build_module(m).parts.get("solar")
        if solar is not None:
            tm = solar.to_trimesh()
            areas[mid] = tm.area / 2  # both faces of thin cells
    assert max(areas, key=areas.get) == "nem"
    # the wings are sized from the published 155 m² array area
    assert areas["nem"] == pytest.approx(
        plan.modules["nem"].figures["array_area"].value, rel=0.15
    )


def test_uum_is_a_sphere_with_six_docking_units():
    plan = load_plan(PLANS / "ros-2024.toml")
    uum = plan.modules["uum"]
    assert len(KINDS[uum.kind].ports(uum.shape)) == 6
    rings = build_module(uum).parts["ring"].to_trimesh()
    rings.merge_vertices(merge_norm=True)
    groups = trimesh.graph.connected_components(
        rings.face_adjacency, nodes=np.arange(len(rings.faces)), engine="scipy"
    )
    assert len(groups) == 6
    hull = build_module(uum).parts["hull"].vertices
    r = np.linalg.norm(hull, axis=1)
    assert np.allclose(r, uum.shape.diameter / 2, rtol=1e-3)  # a sphere


@pytest.mark.parametrize("pid", BUNDLED)
def test_full_station_within_triangle_budget(pid):
    plan = load_plan(PLANS / f"{pid}.toml")
    meshes = build_plan(plan)
    for state in plan.station.snapshots:
        assert 0 < station_triangles(state, meshes) < 300_000
    for m in meshes.values():
        for p in m.parts.values():
            assert p.vertices.dtype == np.float32
            assert p.faces.dtype == np.uint32
            assert len(m.parts) == len({*m.parts})  # one mesh per material


# issue 15: detailed enough for press pictures, light enough for the software renderer
FINAL_BUDGET = {"ros-2024": (100_000, 300_000)}


@pytest.mark.parametrize("pid", BUNDLED)
def test_final_phase_triangles_within_the_detail_budget(pid):
    plan = load_plan(PLANS / f"{pid}.toml")
    final = station_triangles(plan.station[-1], build_plan(plan))
    low, high = FINAL_BUDGET.get(pid, (1, 300_000))
    print(f"{pid}: {final:,} triangles in the final phase")
    assert low <= final <= high
