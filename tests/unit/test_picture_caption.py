"""The caption printed on pictures (models3d.picture_caption)."""

from __future__ import annotations

import datetime as dt

from models3d.catalogue import load_plan, plan_paths
from models3d.picture_caption import caption_lines

TODAY = dt.date(2026, 12, 1)


def _plan(pid: str):
    return load_plan(plan_paths()[pid])


def test_low_reliability_sources_are_counted_not_named():
    plan = _plan("ross-2022")
    last = len(plan.phases) - 1
    line = caption_lines(plan, last, "en", TODAY)[-1]
    low = [s for s in plan.phases[last].sources if plan.sources[s].low_reliability]
    assert low, "the test needs a phase with low-reliability sources"
    for sid in low:
        assert sid in line  # still traceable by id
        assert plan.sources[sid].outlet not in line  # but no aggregator's name
    for sid in plan.phases[last].sources:
        if sid not in low:
            assert plan.sources[sid].outlet in line
    assert f"+ {len(low)} of low reliability" in line


def test_every_phase_of_every_plan_has_a_sources_line_in_both_languages():
    for pid in plan_paths():
        plan = _plan(pid)
        for i in range(len(plan.phases)):
            en = caption_lines(plan, i, "en", TODAY)
            ru = caption_lines(plan, i, "ru", TODAY)
            assert en[-1].startswith("Sources: ")
            assert ru[-1].startswith("Источники: ")
            assert f"phase {i + 1}/{len(plan.phases)}" in en[0]
            assert f"этап {i + 1}/{len(plan.phases)}" in ru[0]
            assert len(en) == len(ru) <= 3


def test_future_phases_say_they_are_planned_and_past_ones_do_not():
    plan = _plan("ros-2024")
    first = caption_lines(plan, 0, "en", TODAY)[0]
    assert "(planned 2027-12)" in first
    assert "(план: 2027-12)" in caption_lines(plan, 0, "ru", TODAY)[0]
    # the same phase seen from 2028 is history
    assert "planned" not in caption_lines(plan, 0, "en", dt.date(2028, 1, 5))[0]
    tiangong = _plan("tiangong")
    assert "planned" not in caption_lines(tiangong, 0, "en", TODAY)[0]
