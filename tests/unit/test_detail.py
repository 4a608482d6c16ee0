"""Module detail (issue 15): what each kind draws and that it is really in the mesh,
solar cell texture coordinates, the two levels of detail, shared arrays, materials."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from models3d.catalogue import load_plan
from models3d.geometry import build_module, build_plan, station_triangles
from models3d.kinds import KINDS, Shape
from models3d.kinds.arrays import CELL
from models3d.materials import MATERIALS
from tests.conftest import BUNDLED, PLANS

# kinds whose only "ring" solids are their docking unit collars
STATION_KINDS = {
    "node",
    "core",
    "lab",
    "cylinder",
    "airlock",
    "power",
    "platform",
    "us_node",
    "us_module",
}


def _plan(pid: str):
    return load_plan(PLANS / f"{pid}.toml")


def _components(part) -> int:
    tm = part.to_trimesh()
    tm.merge_vertices(merge_norm=True, merge_tex=True)
    groups = trimesh.graph.connected_components(
        tm.face_adjacency, nodes=np.arange(len(tm.faces)), engine="scipy"
    )
    return len(groups)


# at least these many of each detail (from the published descriptions the kinds follow:
# Zvezda's 13-14 portholes, Prichal's six ports with one probe-and-drogue port, the
# NEM's two wings and radiators, ...)
EXPECTED = {
    ("ros-2024", "uum"): {
        "docking_units": 6,
        "petals": 15,
        "drogues": 1,
        "targets": 6,
        "kurs_antennas": 12,
        "mli_panels": 60,
        "handrails": 8,
    },
    ("iss", "prichal"): {"docking_units": 6, "petals": 15, "drogues": 1},
    ("iss", "zvezda"): {
        "windows": 12,
        "mmod_shields": 12,
        "docking_units": 4,
        "petals": 9,
        "drogues": 1,
        "thruster_blocks": 4,
        "engines": 2,
        "solar_wings": 2,
        "gimbals": 2,
        "radiator_panels": 2,
        "handrails": 12,
        "antennas": 2,
        "mli_panels": 30,
    },
    ("mir", "core"): {"windows": 12, "docking_units": 6, "petals": 15},
    ("tiangong", "tianhe"): {"windows": 12, "docking_units": 5},
    ("ros-2024", "nem"): {
        "solar_wings": 2,
        "gimbals": 2,
        "masts": 2,
        "radiator_panels": 6,
        "fluid_lines": 12,
        "truss_bays": 6,
        "antennas": 2,
        "windows": 2,
        "docking_units": 2,
        "thruster_blocks": 4,
        "mli_panels": 30,
        "handrails": 8,
    },
    ("iss", "nauka"): {
        "radiator_panels": 2,
        "thruster_blocks": 4,
        "windows": 4,
        "mli_panels": 30,
        "handrails": 12,
        "solar_wings": 2,
    },
    ("iss", "p6"): {
        "solar_wings": 2,
        "solar_panels": 40,
        "radiator_panels": 5,
        "truss_bays": 4,
        "equipment_boxes": 4,
        "masts": 2,
    },
    ("iss", "s0"): {"mounts": 1, "truss_bays": 4},
    ("ros-2024", "shm"): {"hatches": 2, "handrails": 16, "windows": 2},
    ("ros-2024", "bm"): {
        "solar_wings": 2,
        "windows": 2,
        "mli_panels": 40,
        "handrails": 8,
        "targets": 2,
    },
    ("ros-2024", "progress-1"): {
        "probes": 1,
        "kurs_antennas": 1,
        "thruster_blocks": 4,
        "engines": 1,
        "radiator_panels": 4,
    },
    ("iss", "soyuz-ms-21"): {"probes": 1, "windows": 3, "kurs_antennas": 1},
    ("ros-2024", "orel-1"): {"petals": 3, "windows": 2, "thruster_blocks": 4},
    ("iss", "destiny"): {
        "mmod_shields": 10,
        "docking_units": 3,
        "petals": 12,
        "handrails": 6,
    },
    ("iss", "cupola"): {"windows": 7},
}


@pytest.mark.parametrize(("pid", "mid"), list(EXPECTED))
def test_each_kind_draws_its_detail(pid, mid):
    meshes = build_module(_plan(pid).modules[mid])
    for what, least in EXPECTED[(pid, mid)].items():
        assert meshes.details.get(what, 0) >= least, (mid, what, meshes.details)


def _all_modules():
    for pid in BUNDLED:
        for mid, m in _plan(pid).modules.items():
            yield pytest.param(m, id=f"{pid}:{mid}")


@pytest.mark.parametrize("module", list(_all_modules()))
def test_counted_detail_is_in_the_mesh(module):
    meshes = build_module(module)
    d = meshes.details
    # every porthole has one pane of glass, every docking unit one collar
    if d.get("windows"):
        assert _components(meshes.parts["window"]) == d["windows"]
    else:
        assert "window" not in meshes.parts
    if module.kind in STATION_KINDS:
        assert _components(meshes.parts["ring"]) == d["docking_units"]
        assert d["docking_units"] == len(KINDS[module.kind].ports(module.shape))


@pytest.mark.parametrize("module", list(_all_modules()))
def test_solar_cells_carry_texture_coordinates(module):
    meshes = build_module(module)
    solar = meshes.parts.get("solar")
    if module.shape.get("array_span", 0.0) > 0:
        assert solar is not None
    if solar is None:
        return
    uv = solar.uv
    assert uv is not None
    assert uv.dtype == np.float32
    assert uv.shape == (len(solar.vertices), 2)
    assert np.isfinite(uv).all()
    assert (uv >= 0).all()
    # both large faces of every panel (normals along the module's Z) are gridded, the
    # thin sides are not
    faces = np.abs(solar.normals[:, 2]) > 0.9
    assert faces.mean() == pytest.approx(1 / 3, abs=0.01)  # 8 of a box's 24 corners
    assert not uv[~faces].any()
    # in cell units: the grid's corners sit at 0 and at the panel size over the pitch
    flat = solar.vertices[faces]
    corner = uv[faces]
    assert corner.min() == 0.0
    assert corner.max() > 4
    assert corner[:, 0].max() <= np.ptp(flat[:, 0]) / CELL[0] + 1e-3
    assert corner[:, 1].max() <= np.ptp(flat[:, 1]) / CELL[1] + 1e-3
    for name, part in meshes.parts.items():
        if name != "solar":
            assert part.uv is None, name


@pytest.mark.parametrize("pid", BUNDLED)
def test_interactive_detail_is_lighter_and_keeps_the_sizes(pid):
    plan = _plan(pid)
    full = build_plan(plan)
    fast = build_plan(plan, "interactive")
    final = plan.station[-1]
    tf, ti = station_triangles(final, full), station_triangles(final, fast)
    print(f"{pid}: full {tf:,} triangles, interactive {ti:,} ({ti / tf:.2f})")
    assert ti < 0.6 * tf
    for mid in final.modules:
        assert np.allclose(full[mid].bounds(), fast[mid].bounds(), atol=0.05), mid


def test_interactive_meshes_are_closed():
    for m in _plan("ros-2024").modules.values():
        meshes = build_module(m, "interactive")
        tm = meshes.to_trimesh()
        tm.merge_vertices(merge_norm=True, merge_tex=True)
        assert tm.is_watertight, m.id
        assert tm.is_winding_consistent, m.id
        for part in meshes.parts.values():
            assert part.ao is not None
            assert len(part.ao) == len(part.vertices)


def test_identical_modules_share_arrays():
    plan = _plan("ros-2024")
    a, b = build_module(plan.modules["tsm1"]), build_module(plan.modules["tsm2"])
    assert a.module_id != b.module_id
    for name, part in a.parts.items():
        assert b.parts[name] is part  # same vertices, normals, faces, uv and ao


def test_unknown_detail_is_refused():
    with pytest.raises(ValueError, match="detail"):
        build_module(_plan("ros-2024").modules["nem"], "ultra")


def test_small_shapes_still_build_closed_meshes():
    # the smallest shapes the plan reader accepts for each kind
    shapes = {
        "cylinder": Shape(1.8, 1.5),
        "airlock": Shape(1.8, 1.5),
        "lab": Shape(1.8, 1.5, extra={"fwd_diameter": 1.5}),
        "power": Shape(6.0, 2.0, extra={"pressurized_length": 2.0}),
        "platform": Shape(3.0, 2.0),
        "node": Shape(2.0, 2.0),
        "core": Shape(6.3, 2.5, extra={"node_diameter": 2.0}),
        "soyuz": Shape(3.0, 1.5),
        "progress": Shape(3.0, 1.5),
        "orel": Shape(3.0, 2.0),
        "truss": Shape(1.5, 1.5),
        "us_node": Shape(2.5, 1.5),
        "us_module": Shape(1.3, 1.5, extra={"end_ports": ("aft",)}),
    }
    assert set(shapes) == set(KINDS)
    for kind, shape in shapes.items():
        assert not KINDS[kind].check_shape(shape), kind
        for detail in ("full", "interactive"):
            parts = KINDS[kind].build(shape, detail).parts
            tm = trimesh.util.concatenate([p.to_trimesh() for p in parts])
            tm.merge_vertices(merge_norm=True, merge_tex=True)
            assert tm.is_watertight, (kind, detail)
            assert tm.is_winding_consistent, (kind, detail)


def test_materials_keep_their_order_and_carry_pbr_values():
    # the viewport's shader slots follow this order: new materials only at the end
    assert list(MATERIALS)[:8] == [
        "hull",
        "blanket",
        "solar",
        "frame",
        "gold",
        "ring",
        "radiator",
        "dark",
    ]
    for m in MATERIALS.values():
        assert 0.0 <= m.metallic <= 1.0, m.name
        assert 0.0 <= m.roughness <= 1.0, m.name
        assert m.emissive is False
    assert MATERIALS["gold"].metallic == MATERIALS["metal"].metallic == 1.0
    assert MATERIALS["blanket"].metallic == 0.0
    assert MATERIALS["blanket"].roughness > MATERIALS["solar"].roughness
    used = set()
    for pid in BUNDLED:
        for meshes in build_plan(_plan(pid)).values():
            used |= set(meshes.parts)
    assert used <= set(MATERIALS)
    assert {"metal", "silver", "window"} <= used
