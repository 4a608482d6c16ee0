"""Assembly by docking ports: ports really meet, phases add, move and remove modules."""

from __future__ import annotations

import numpy as np
import pytest

from models3d.assembly import port_matrix
from models3d.catalogue import load_plan
from tests.conftest import BUNDLED, PLANS


def _port_world(plan, state, mid, port):
    return state.transforms[mid] @ port_matrix(plan.modules[mid], port)


@pytest.mark.parametrize("pid", BUNDLED)
def test_every_joint_meets_within_a_millimetre(pid):
    plan = load_plan(PLANS / f"{pid}.toml")
    joints = 0
    for state in plan.station.snapshots:
        for j in state.joints.values():
            a = _port_world(plan, state, j.parent, j.port)
            b = _port_world(plan, state, j.child, j.own_port)
            assert np.linalg.norm(a[:3, 3] - b[:3, 3]) < 1e-3
            assert np.dot(a[:3, 0], b[:3, 0]) == pytest.approx(-1.0, abs=1e-6)
            assert np.dot(a[:3, 2], b[:3, 2]) == pytest.approx(1.0, abs=1e-6)
            joints += 1
        for t in state.transforms.values():
            r = t[:3, :3]
            assert np.allclose(r @ r.T, np.eye(3), atol=1e-9)
            assert np.linalg.det(r) == pytest.approx(1.0)
    assert joints > 0


def test_ros_2024_layout_axes():
    plan = load_plan(PLANS / "ros-2024.toml")
    states = plan.station.snapshots
    final = states[-1]
    pos = {m: t[:3, 3] for m, t in final.transforms.items()}
    assert np.allclose(pos["nem"], 0)  # the root sits at the origin
    assert pos["uum"][0] > pos["nem"][0]  # node forward (+X) of the NEM
    assert pos["bm"][0] > pos["uum"][0]
    assert (
        pos["shm"][2] > pos["uum"][2] + 2
    )  # airlock at the zenith (+Z) after re-docking
    assert pos["tsm1"][1] > 2
    assert pos["tsm2"][1] < -2
    # before the re-docking the airlock rode on the node's forward port
    arrival = states[1]
    assert arrival.transforms["shm"][0, 3] > arrival.transforms["uum"][0, 3] + 2
    assert states[2].relocated == ("shm",)


def test_reroot_keeps_world_poses_when_the_bundle_leaves():
    plan = load_plan(PLANS / "ros-2026.toml")
    states = plan.station.snapshots
    sep = next(i for i, ph in enumerate(plan.phases) if ph.remove)
    before, after = states[sep - 1], states[sep]
    assert after.root != before.root or set(after.removed)
    for mid in after.modules:
        if mid in before.transforms:
            assert np.allclose(
                after.transforms[mid], before.transforms[mid], atol=1e-9
            ), mid
    assert not set(after.removed) & set(after.modules)


def test_phase_changes_are_recorded():
    plan = load_plan(PLANS / "tiangong.toml")
    states = plan.station.snapshots
    assert states[1].added == ("wentian",)
    assert states[2].relocated == ("wentian",)
    wentian_y = states[2].transforms["wentian"][1, 3]
    assert wentian_y < -2  # starboard is -Y
    assert states[4].transforms["mengtian"][1, 3] > 2  # port is +Y
