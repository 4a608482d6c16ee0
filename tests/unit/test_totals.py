"""Totals per phase: sums as ranges, missing figures named, visitors excluded."""

from __future__ import annotations

import pytest

from models3d.catalogue import load_plan
from models3d.totals import phase_totals
from tests.conftest import PLANS


@pytest.fixture(scope="module")
def ros2024():
    plan = load_plan(PLANS / "ros-2024.toml")
    return plan, phase_totals(plan, plan.station.snapshots)


def test_first_phase_is_the_nem_alone(ros2024):
    plan, totals = ros2024
    mass = totals[0].sums["mass"]
    assert (mass.value, mass.low, mass.high) == (21.0, 20.0, 21.0)
    assert mass.complete and mass.confidence == "conflict"
    assert totals[0].ports_used == 0 and totals[0].ports_free == 2


def test_core_sums_ranges_and_names_what_is_missing(ros2024):
    plan, totals = ros2024
    i = plan.phase_index("bm")
    mass = totals[i].sums["mass"]
    assert mass.low == pytest.approx(20.0 + 3.89 + 20.5)
    assert mass.high == pytest.approx(21.0 + 4.7 + 20.5)
    assert mass.value == pytest.approx(21.0 + 4.65 + 20.5)
    assert mass.missing == ("shm",)  # the airlock's mass is not published
    assert "progress-2" not in mass.counted + mass.missing  # visitors are not station mass
    assert mass.format().startswith("≥ ")
    assert totals[i].published["mass"].value == 55
    power = totals[i].sums["power"]
    assert (power.low, power.high) == (12 + 19, 20 + 40)


def test_crew_carries_forward_and_ports_add_up(ros2024):
    plan, totals = ros2024
    assert totals[0].crew is None
    assert totals[plan.phase_index("orel")].crew.value == 2
    assert totals[plan.phase_index("bm")].crew.value == 2
    final = totals[-1]
    assert final.crew.high == 4
    # NEM 2 + UUM 6 + ShM 2 + BM 2 + TsM 2 x 2 = 16 station ports
    assert final.ports_used + final.ports_free == 16
    assert final.vehicles == 2 and final.modules == 6
