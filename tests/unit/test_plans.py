"""The bundled plans: complete, sourced, and saying what the sources say."""

from __future__ import annotations

import pytest

from models3d.figures import CONFIDENCES
from models3d.catalogue import load_plan, plan_paths
from tests.conftest import BUNDLED, PLANS


def test_the_five_plans_are_bundled():
    assert set(BUNDLED) == {"ross-2022", "ros-2024", "ros-2026", "mir", "tiangong"}
    assert set(plan_paths()) == set(BUNDLED)


@pytest.mark.parametrize("pid", BUNDLED)
def test_plan_is_complete_and_sourced(pid):
    plan = load_plan(PLANS / f"{pid}.toml")
    assert plan.id == pid
    assert plan.title["en"] and plan.summary["en"] and plan.sources
    for sid, src in plan.sources.items():
        assert src.title and src.outlet and src.url.startswith("http"), sid
    cited = set(plan.plan_sources)
    for mid, m in plan.modules.items():
        assert m.name.get("en") and m.name.get("ru"), f"{mid} needs English and Russian names"
        assert m.abbr.get("en") and m.role.get("en")
        if m.shape.basis == "inferred":
            assert m.shape.note, f"{mid}: inferred drawing size without a note"
        for q, f in m.figures.items():
            # a missing figure is absent, never zero
            assert f.value > 0, f"{mid}.{q} is zero"
            assert f.low <= f.value <= f.high
            assert f.confidence in CONFIDENCES and f.sources
            if f.confidence == "conflict":
                assert f.has_range, f"{mid}.{q}: conflict without a range"
            cited |= set(f.sources)
        if m.launch:
            cited |= set(m.launch.sources)
    for ph in plan.phases:
        assert ph.name.get("en") and ph.sources and ph.confidence in CONFIDENCES
        cited |= set(ph.sources)
    assert cited <= set(plan.sources)


@pytest.mark.parametrize("pid", ["ross-2022", "ros-2024", "ros-2026"])
def test_ros_plans_say_their_layout_is_an_interpretation(pid):
    plan = load_plan(PLANS / f"{pid}.toml")
    assert "interpretation" in plan.interpretation["en"].lower()


def test_ros_2024_follows_the_july_2024_schedule():
    plan = load_plan(PLANS / "ros-2024.toml")
    order = [a.module for ph in plan.phases for a in ph.add if plan.modules[a.module].category
             == "module"]
    assert order == ["nem", "uum", "shm", "bm", "tsm1", "tsm2"]
    # the node and the airlock arrive on one flight, then the crew re-docks the airlock
    uum_shm = plan.phases[1]
    assert {a.module for a in uum_shm.add} == {"uum", "shm"}
    assert any(r.module == "shm" for ph in plan.phases for r in ph.relocate)
    vehicles = {m.kind for m in plan.modules.values() if m.category == "vehicle"}
    assert {"orel", "progress"} <= vehicles
    nem = plan.modules["nem"]
    mass = nem.figures["mass"]
    assert (mass.low, mass.high, mass.confidence) == (20.0, 21.0, "conflict")
    assert plan.modules["uum"].figures["mass"].confidence == "inferred"
    assert "length" not in plan.modules["bm"].figures  # not published: absent
    assert plan.phases[0].date == "2027-12"


def test_ross_2022_is_four_modules_then_two_and_a_platform():
    plan = load_plan(PLANS / "ross-2022.toml")
    modules = [a.module for ph in plan.phases for a in ph.add
               if plan.modules[a.module].category == "module"]
    assert modules[:4] == ["nem", "uum", "shm", "bm"]
    assert [plan.modules[m].kind for m in modules[4:]] == ["cylinder", "cylinder", "platform"]
    crew = [ph.crew for ph in plan.phases if ph.crew]
    assert crew[-1].high == 4


def test_ros_2026_docks_to_the_iss_russian_segment_then_separates():
    plan = load_plan(PLANS / "ros-2026.toml")
    partners = {m for m, mod in plan.modules.items() if mod.category == "partner"}
    assert {"nauka", "prichal"} <= partners
    first = plan.phases[0]
    assert {"nauka", "prichal"} <= {a.module for a in first.add}
    assert any(ph.remove for ph in plan.phases), "the bundle must leave the ISS"
    assert plan.orbit["inclination"].value == 51.6


def test_mir_and_tiangong_are_real_histories():
    mir = load_plan(PLANS / "mir.toml")
    assert len([m for m in mir.modules.values() if m.category == "module"]) == 7
    assert mir.phases[0].date.startswith("1986")
    tg = load_plan(PLANS / "tiangong.toml")
    relocated = [r.module for ph in tg.phases for r in ph.relocate]
    assert relocated == ["wentian", "mengtian"]
