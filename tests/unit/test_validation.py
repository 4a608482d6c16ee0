"""Broken plans give one error naming the file and every problem with its key path."""

from __future__ import annotations

from pathlib import Path

import pytest

from models3d.catalogue import load_plan, parse_plan
from models3d.plan import PlanError

DATA = Path(__file__).resolve().parent.parent / "data"
BROKEN = sorted((DATA / "broken_plans").glob("*.toml"))


def _expectations(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8", "replace").splitlines()
    return [
        ln.split("# expect:", 1)[1].strip()
        for ln in lines
        if ln.startswith("# expect:")
    ]


def test_the_valid_base_of_the_corpus_loads():
    plan = load_plan(DATA / "valid_tiny.toml")
    assert [p.id for p in plan.phases] == ["one", "two"]


def test_corpus_is_not_empty():
    assert len(BROKEN) >= 15


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_plan_is_refused_with_every_problem_named(path):
    expected = _expectations(path)
    assert expected, f"{path.name} has no '# expect:' line"
    with pytest.raises(PlanError) as info:
        load_plan(path)
    err = info.value
    message = str(err)
    for text in expected:
        assert text in message, f"{path.name}: expected {text!r} in\n{message}"
    for problem in err.problems:
        assert problem.startswith(path.name + ":"), problem


def test_many_problems_are_reported_at_once():
    with pytest.raises(PlanError) as info:
        load_plan(DATA / "broken_plans" / "many_problems.toml")
    assert len(info.value.problems) == 3


def test_a_broken_module_is_not_reported_again_where_phases_use_it():
    with pytest.raises(PlanError) as info:
        load_plan(DATA / "broken_plans" / "wrong_unit.toml")
    assert len(info.value.problems) == 1


def test_unreadable_file_is_a_plan_error(tmp_path):
    with pytest.raises(PlanError, match="cannot read"):
        load_plan(tmp_path / "missing.toml")


def test_oversized_file_is_refused_before_parsing():
    with pytest.raises(PlanError, match="at most"):
        parse_plan(b"#" * 3_000_000, "huge.toml")


def test_deeply_nested_toml_is_an_error_not_a_crash():
    data = b"x = " + b"[" * 5000 + b"]" * 5000
    with pytest.raises(PlanError):
        parse_plan(data, "deep.toml")
