"""The port map: boxes, dots and links of a phase, and where a module is docked."""

from __future__ import annotations

import pytest

from models3d.catalogue import load_plan
from models3d.portmap import docked_text, port_map
from tests.conftest import BUNDLED, PLANS


@pytest.mark.parametrize("pid", BUNDLED)
def test_every_link_joins_two_occupied_ports_that_meet(pid):
    plan = load_plan(PLANS / f"{pid}.toml")
    for i in range(len(plan.phases)):
        pm = port_map(plan, i)
        boxes = {b.module: b for b in pm.boxes}
        assert set(boxes) == set(plan.station.snapshots[i].modules)
        for link in pm.links:
            a = {d.name: d for d in boxes[link.child].ports}[link.child_port]
            b = {d.name: d for d in boxes[link.parent].ports}[link.parent_port]
            assert a.occupied
            assert b.occupied
            assert a.xy == pytest.approx(b.xy, abs=1e-3)


def test_mir_final_port_map_and_docking_words():
    mir = load_plan(PLANS / "mir.toml")
    final = len(mir.phases) - 1
    pm = port_map(mir, final)
    core = next(b for b in pm.boxes if b.module == "core")
    assert sum(d.occupied for d in core.ports) == 5  # aft + four radial, axial free
    assert docked_text(mir, final, "docking_module") == "docked to Kristall, aft port"
    assert docked_text(mir, final, "priroda", "ru") == "пристыкован к ББ, верхний порт"
    assert docked_text(mir, final, "core") == ""
