"""Baked ambient occlusion (issue 15): per-vertex values in [0, 1], darker in creases
and at joints than on an open hull, cached with the meshes and per phase, and computed
on a worker thread on request."""

from __future__ import annotations

import time

import numpy as np
import pytest

from models3d import ao
from models3d.catalogue import load_plan
from models3d.geometry import build_module, build_plan, clear_cache
from models3d.primitives import boxes, merge_parts
from tests.conftest import PLANS


def _plan(pid: str):
    return load_plan(PLANS / f"{pid}.toml")


@pytest.mark.parametrize("pid", ["ros-2024", "iss"])
@pytest.mark.parametrize("detail", ["full", "interactive"])
def test_every_vertex_has_ao_in_the_unit_range(pid, detail):
    for meshes in build_plan(_plan(pid), detail).values():
        for name, part in meshes.parts.items():
            assert part.ao is not None, name
            assert part.ao.dtype == np.float32
            assert part.ao.shape == (len(part.vertices),)
            assert np.isfinite(part.ao).all()
            assert part.ao.min() >= 0.0
            assert part.ao.max() <= 1.0


def _corner() -> dict:
    """A 4 m floor with a 2 m wall standing on it: an inside corner and open sides."""
    floor = boxes([(0.0, 0.0, -0.1)], (4.0, 4.0, 0.2), "hull")
    wall = boxes([(0.1, 0.0, 1.0)], (0.2, 4.0, 2.0), "blanket")
    return merge_parts([floor, wall])


def test_a_crease_is_darker_than_open_surface():
    parts = _corner()
    grid = ao.build_grid(parts)
    # points on the floor's top face: at the wall's foot (0.15 m from it), at the foot
    # but by the floor's edge, and 1.8 m away from the wall
    pts = np.array([[0.35, 0.0, 0.0], [0.35, 1.9, 0.0], [-1.8, 0.0, 0.0]])
    up = np.tile([0.0, 0.0, 1.0], (3, 1))
    foot, foot_at_edge, open_floor = ao.trace(grid, pts, up)
    print(f"AO at the wall's foot {foot:.2f}, open floor {open_floor:.2f}")
    # a 90-degree crease hides about half of the cosine-weighted sky; seven cones see
    # two of their six low ones blocked there
    assert open_floor > 0.9
    assert foot < 0.8
    assert foot < open_floor - 0.15
    assert foot <= foot_at_edge + 0.02
    # the same through bake_module, on the wall's own vertices: the foot of its open
    # face (in the crease) is darker than its top edge
    ao.bake_module(parts)
    v, n, a = (parts["blanket"].vertices, parts["blanket"].normals, parts["blanket"].ao)
    face = n[:, 0] > 0.9
    foot_v, top_v = face & (v[:, 2] < 0.01), face & (v[:, 2] > 1.99)
    assert foot_v.sum() == top_v.sum() == 2
    assert a[foot_v].max() < a[top_v].min() - 0.15


def test_open_hull_is_bright_and_joints_darken():
    plan = _plan("ros-2024")
    meshes = build_plan(plan)
    state = plan.station[-1]
    baked = ao.station_ao(meshes, state)
    bm = meshes["bm"]
    # the middle of the base module's cylinder, away from its arrays (+-Y)
    v, n = bm.parts["blanket"].vertices, bm.parts["blanket"].normals
    middle = (np.abs(v[:, 0] - 2.0) < 1.0) & (np.abs(n[:, 2]) > 0.9)
    assert middle.sum() > 20
    assert np.median(bm.parts["blanket"].ao[middle]) > 0.9
    assert np.median(baked["bm"]["blanket"][middle]) > 0.9
    # its aft docking unit is mated to the node: occluded there, not on its own
    ring_v = bm.parts["ring"].vertices
    aft = ring_v[:, 0] < 0
    own, joined = bm.parts["ring"].ao[aft], baked["bm"]["ring"][aft]
    print(f"bm aft docking unit: own AO {own.mean():.2f}, docked {joined.mean():.2f}")
    assert joined.mean() < own.mean() - 0.1
    # neighbours only ever take light away
    for mid in state.modules:
        for name, part in meshes[mid].parts.items():
            assert (baked[mid][name] <= part.ao + 1e-6).all(), (mid, name)


def test_station_ao_is_cached_per_phase_and_shares_lonely_modules():
    plan = _plan("ros-2024")
    meshes = build_plan(plan)
    first = plan.station[0]  # the NEM alone
    assert first.modules == ("nem",)
    alone = ao.station_ao(meshes, first)
    for name, part in meshes["nem"].parts.items():
        assert alone["nem"][name] is part.ao  # no neighbour: the shared arrays
    final = plan.station[-1]
    a = ao.station_ao(meshes, final)
    assert ao.station_ao(meshes, final) is a
    assert ao.station_ao(meshes, plan.station[-2]) is not a


def test_baker_answers_on_a_worker_thread():
    plan = _plan("ros-2024")
    meshes = build_plan(plan)
    state = plan.station[2]
    baker = ao.StationAOBaker()
    try:
        future = baker.request(meshes, state)
        result = future.result(timeout=120)
    finally:
        baker.shutdown()
    again = ao.station_ao(meshes, state)
    assert result is again  # the worker filled the phase cache
    assert set(result) == set(state.modules)


def test_module_ao_is_baked_once_with_the_mesh():
    clear_cache()
    plan = _plan("ros-2024")
    t = time.perf_counter()
    first = build_module(plan.modules["uum"])
    cold = time.perf_counter() - t
    t = time.perf_counter()
    second = build_module(plan.modules["uum"])
    warm = time.perf_counter() - t
    print(f"uum: built with AO in {cold * 1000:.0f} ms, again in {warm * 1000:.2f} ms")
    for name, part in first.parts.items():
        assert second.parts[name].ao is part.ao
    assert ao.module_ao(first)["hull"] is first.parts["hull"].ao
