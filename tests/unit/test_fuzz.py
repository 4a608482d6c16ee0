"""Any bytes give a plan or a PlanError: never another exception, never a hang."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models3d.catalogue import parse_plan
from models3d.plan import Plan, PlanError

ROOT = Path(__file__).resolve().parent.parent.parent
VALID = (ROOT / "tests" / "data" / "valid_tiny.toml").read_bytes()
REAL = (ROOT / "assets" / "plans" / "ros-2024.toml").read_bytes()
FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _outcome(data: bytes):
    try:
        return parse_plan(data, "fuzz.toml")
    except PlanError as exc:
        assert exc.problems
        assert all(p.startswith("fuzz.toml") for p in exc.problems)
        return exc


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    assert isinstance(_outcome(data), (Plan, PlanError))


@FUZZ
@given(st.data())
def test_bit_flips_and_truncation_of_a_valid_plan(data):
    base = bytearray(data.draw(st.sampled_from([VALID, REAL])))
    for _ in range(data.draw(st.integers(0, 6))):
        i = data.draw(st.integers(0, len(base) - 1))
        base[i] ^= 1 << data.draw(st.integers(0, 7))
    cut = data.draw(st.integers(0, len(base)))
    assert isinstance(_outcome(bytes(base[:cut])), (Plan, PlanError))


_TOKENS = [
    '"',
    "=",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\n",
    "nan",
    "inf",
    "-1",
    "0",
    "1e308",
    "true",
    '"fwd"',
    '"hub"',
    '"lab"',
    "[[phases]]",
    '"S1"',
    "9999-99-99",
    '"2030-02-30"',
    "[]",
    "{}",
    '""',
]


@FUZZ
@given(st.data())
def test_token_edits_of_a_valid_plan(data):
    lines = VALID.decode().splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "replace", "insert"]))
        if action == "drop" and len(lines) > 1:
            lines.pop(i)
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "replace" and "=" in lines[i]:
            key = lines[i].split("=", 1)[0]
            lines[i] = key + "= " + data.draw(st.sampled_from(_TOKENS))
        else:
            lines.insert(i, data.draw(st.sampled_from(_TOKENS)))
    assert isinstance(_outcome("\n".join(lines).encode()), (Plan, PlanError))
