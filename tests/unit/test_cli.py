"""The command line: plans, info (text and JSON), and clean errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"


def run(*args):
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_plans_lists_every_bundled_plan():
    res = run("plans")
    assert res.returncode == 0
    for pid in ("ross-2022", "ros-2024", "ros-2026", "mir", "tiangong"):
        assert pid in res.stdout
    rows = json.loads(run("plans", "--json").stdout)
    assert {r["id"] for r in rows} >= {"ros-2024", "mir"}


def test_info_text_shows_figures_sources_and_totals():
    res = run("info", "--plan", "ros-2024")
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "Science and Power Module / Научно-энергетический модуль" in out
    assert "21 (20–21) t" in out
    assert "conflict" in out
    assert "INTERPRETATION" in out
    assert "https://tass.com/science/1811099" in out
    assert "7. Target module 2" in out


def test_info_json_for_one_phase():
    res = run("info", "--plan", "ros-2024", "--phase", "bm", "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert [p["id"] for p in doc["phases"]] == ["bm"]
    phase = doc["phases"][0]
    assert phase["totals"]["mass"]["missing"] == ["shm"]
    assert phase["published_totals"]["mass"]["value"] == 55
    assert {m["id"] for m in doc["modules"]} == set(phase["modules"])
    nem = next(m for m in doc["modules"] if m["id"] == "nem")
    assert nem["figures"]["mass"]["range"] == [20.0, 21.0]
    assert "length" not in next(m for m in doc["modules"] if m["id"] == "bm")["figures"]


def test_info_accepts_a_plan_file_path():
    res = run("info", "--plan", str(DATA / "valid_tiny.toml"), "--phase", "2")
    assert res.returncode == 0, res.stderr
    assert "Tiny test station" in res.stdout


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("info", "--plan", "no-such-plan"), "neither a plan id"),
        (("info", "--plan", "ros-2024", "--phase", "42"), "out of range"),
        (("info", "--plan", "ros-2024", "--phase", "nope"), "no phase 'nope'"),
        (
            ("info", "--plan", str(DATA / "broken_plans" / "many_problems.toml")),
            "many_problems.toml: plan.status",
        ),
        (("info", "--plan", str(DATA / "broken_plans" / "not_utf8.toml")), "not UTF-8"),
        (("info",), "--plan"),
        (("frobnicate",), "invalid choice"),
    ],
)
def test_errors_exit_2_with_a_message_and_no_traceback(args, text):
    res = run(*args)
    assert res.returncode == 2
    assert text in res.stderr
    assert "Traceback" not in res.stderr
    assert res.stdout == ""
