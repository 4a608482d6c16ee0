"""Reports: the docking topology of every phase, the text report in both languages."""

from __future__ import annotations

import re

import pytest

from models3d.catalogue import load_plan
from models3d.report import attachments, plan_json, plan_text
from tests.conftest import BUNDLED, PLANS


@pytest.mark.parametrize("pid", BUNDLED)
def test_every_attachment_names_parent_parent_port_and_own_port(pid):
    plan = load_plan(PLANS / f"{pid}.toml")
    doc = plan_json(plan)
    for phase, state in zip(doc["phases"], plan.station.snapshots, strict=True):
        attached = {a["module"] for a in phase["attachments"]}
        # everything but the root hangs on a parent
        assert attached == set(phase["modules"]) - {phase["root"]}
        for a in phase["attachments"]:
            assert a["parent"] in phase["modules"]
            assert a["parent_port"]
            assert a["own_port"]
            joint = state.joints[a["module"]]
            assert (joint.parent, joint.port, joint.own_port) == (
                a["parent"],
                a["parent_port"],
                a["own_port"],
            )


def test_mir_final_phase_topology_in_json():
    mir = load_plan(PLANS / "mir.toml")
    phase = plan_json(mir, mir.phase_index("final"))["phases"][0]
    att = {a["module"]: a for a in phase["attachments"]}
    assert {att["kvant2"]["parent_port"], att["spektr"]["parent_port"]} == {
        "port",
        "stbd",
    }
    assert {att["kristall"]["parent_port"], att["priroda"]["parent_port"]} == {
        "zenith",
        "nadir",
    }
    assert att["docking_module"]["parent"] == "kristall"
    assert att["kvant1"] == {
        "module": "kvant1",
        "parent": "core",
        "parent_port": "aft",
        "own_port": "fwd",
        "roll": 0.0,
    }


def test_attachments_follow_relocations():
    tg = load_plan(PLANS / "tiangong.toml")
    ports = [
        {a["module"]: a["parent_port"] for a in attachments(s)}
        for s in tg.station.snapshots
    ]
    assert ports[1]["wentian"] == "fwd"
    assert ports[2]["wentian"] == "stbd"
    assert ports[-1] == {"wentian": "stbd", "mengtian": "port"}


def test_json_carries_layout_basis_and_bilingual_prose():
    mir = plan_json(load_plan(PLANS / "mir.toml"), 0)
    assert mir["layout"] == "documented"
    assert mir["interpretation"] is None
    assert set(mir["axes"]) == {"en", "ru"}
    ros = plan_json(load_plan(PLANS / "ros-2024.toml"), 0)
    assert ros["layout"] == "interpretation"
    assert ros["interpretation"]["ru"]
    nem = ros["modules"][0]
    assert nem["launch"]["vehicle"] == {"en": "Angara-A5M", "ru": "«Ангара-А5М»"}
    assert set(nem["figures"]["mass"]["note"]) == {"en", "ru"}


def test_outlet_only_sources_have_no_link_in_json():
    doc = plan_json(load_plan(PLANS / "ros-2024.toml"), 0)
    s8 = doc["sources"]["S8"]
    assert s8["outlet_only"]
    assert s8["url"] is None


def test_russian_text_report_speaks_russian():
    mir = load_plan(PLANS / "mir.toml")
    out = plan_text(mir, mir.phase_index("final"), lang="ru")
    assert "7 модулей" in out
    assert "т" in out
    assert re.search(r"\d,\d+ \(\d+,\d+–\d+,\d+\) т", out)  # decimal commas, tonnes
    assert "Компоновка: по источникам" in out
    en = plan_text(mir, 0, lang="en")
    assert "1 module," in en
    assert "7 modules" in en
