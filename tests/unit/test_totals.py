"""Totals that say what they count: every module counted or named as missing,
lower bounds marked, ranges honest, precision following the inputs."""

from __future__ import annotations

import math

import pytest

from models3d.catalogue import load_plan
from models3d.figures import TOTAL_QUANTITIES, sum_span, worst_confidence
from models3d.report import plan_json, span_json
from models3d.totals import missing_labels, phase_totals, station_modules
from tests.conftest import BUNDLED, PLANS


@pytest.fixture(scope="module")
def plans():
    return {pid: load_plan(PLANS / f"{pid}.toml") for pid in BUNDLED}


def test_every_module_is_counted_or_missing_in_every_phase_of_every_plan(plans):
    checked = 0
    for pid, plan in plans.items():
        for state, tot in zip(plan.station.snapshots, phase_totals(plan), strict=True):
            on_station = {
                m for m in state.modules if plan.modules[m].category != "vehicle"
            }
            assert set(station_modules(plan, state)) == on_station
            for q in TOTAL_QUANTITIES:
                s = tot.sums[q]
                where = f"{pid} phase {state.phase_index + 1} {q}"
                assert set(s.counted) | set(s.missing) == on_station, where
                assert not set(s.counted) & set(s.missing), where
                figs = [plan.modules[m].figures[q] for m in s.counted]
                assert all(plan.modules[m].figures.get(q) is None for m in s.missing)
                if not figs:
                    # nothing to sum: unknown, never a confirmed zero
                    assert (s.value, s.low, s.high, s.confidence) == (None,) * 4, where
                    assert s.range is None
                    continue
                assert s.confidence == worst_confidence(f.confidence for f in figs)
                assert s.step == max(f.step for f in figs), where
                assert math.isclose(
                    s.value / s.step, round(s.value / s.step), abs_tol=1e-6
                ), f"{where}: {s.value} not on {s.step}"
                assert s.low <= sum(f.low for f in figs) + 1e-9
                assert s.high >= sum(f.high for f in figs) - 1e-9
                if s.missing:
                    # a lower bound: the range never starts below the "≥" value
                    assert s.lower_bound, where
                    assert s.format().startswith("≥ "), where
                    assert s.range == (s.value, None), where
                    assert s.low == s.value, where
                else:
                    assert not s.lower_bound, where
                    assert s.low <= s.value <= s.high, where
                checked += 1
    assert checked > 100


def test_partner_modules_count_like_any_other(plans):
    plan = plans["ros-2026"]
    first = phase_totals(plan)[0]
    mass = first.sums["mass"]
    assert set(mass.counted) == {"zvezda", "poisk", "nauka", "prichal"}
    assert mass.complete
    assert mass.value == pytest.approx(47.6)
    # nothing is published for their power: unknown, and every module named
    power = first.sums["power"]
    assert power.value is None
    assert set(power.missing) == set(mass.counted)
    assert missing_labels(plan, power, "ru") == ["СМ", "МИМ2", "МЛМ", "УМ"]


def test_first_phase_is_the_nem_alone(plans):
    plan = plans["ros-2024"]
    totals = phase_totals(plan)
    mass = totals[0].sums["mass"]
    assert (mass.value, mass.low, mass.high) == (21.0, 20.0, 21.0)
    assert mass.complete
    assert mass.confidence == "conflict"
    assert totals[0].ports_used == 0
    assert totals[0].ports_free == 2


def test_core_is_a_lower_bound_rounded_to_its_coarsest_input(plans):
    plan = plans["ros-2024"]
    i = plan.phase_index("bm")
    mass = phase_totals(plan)[i].sums["mass"]
    assert mass.missing == ("shm",)  # the airlock's mass is not published
    assert (
        "progress-2" not in mass.counted + mass.missing
    )  # visitors are not station mass
    # NEM 20-21 t (known to 1 t), UUM analog 3.89-4.65 t, BM 20.5 t: at least 44 t,
    # never "46.15 t"
    assert mass.step == 1.0
    assert (mass.value, mass.low) == (44.0, 44.0)
    assert mass.format() == "≥ 44 t"
    assert mass.format(lang="ru") == "≥ 44 т"
    assert phase_totals(plan)[i].published["mass"].value == 55


def test_crew_carries_forward_and_ports_add_up(plans):
    plan = plans["ros-2024"]
    totals = phase_totals(plan)
    assert totals[0].crew is None
    assert totals[plan.phase_index("orel")].crew.value == 2
    final = totals[-1]
    assert final.crew.high == 4
    # NEM 2 + UUM 6 + ShM 2 + BM 2 + TsM 2 x 2 = 16 station ports
    assert final.ports_used + final.ports_free == 16
    assert final.vehicles == 2
    assert final.modules == 6


@pytest.mark.parametrize("pid", ["mir", "tiangong"])
def test_mir_and_tiangong_volume_and_power_are_no_longer_empty(plans, pid):
    final = phase_totals(plans[pid])[-1]
    for q in ("pressurized_volume", "power"):
        assert final.sums[q].counted, f"{pid} {q}"


def test_unknown_total_in_json_is_null_not_a_confirmed_zero():
    s = sum_span("power", {"a": None, "b": None}, ["a", "b"])
    doc = span_json(s)
    assert doc["value"] is None
    assert doc["confidence"] is None
    assert "range" not in doc
    assert doc["missing"] == ["a", "b"]
    assert s.format() == "unknown"
    assert s.format(lang="ru") == "неизвестно"


def test_json_totals_say_what_they_count(plans):
    doc = plan_json(plans["ros-2024"], plans["ros-2024"].phase_index("bm"))
    mass = doc["phases"][0]["totals"]["mass"]
    assert mass["lower_bound"]
    assert mass["range"] == [44.0, None]
    assert mass["missing"] == ["shm"]
    assert mass["missing_abbr"] == {
        "en": ["ShM"],
        "ru": ["ШМ"],
    }
    first = plan_json(plans["ros-2024"], 0)["phases"][0]["totals"]["mass"]
    assert first["range"] == [20.0, 21.0]
    assert not first["lower_bound"]
