"""Qt-free wording: plurals, numbers and units in English and Russian."""

from __future__ import annotations

import pytest

from models3d import wording
from models3d.figures import Figure, sum_span, written_step


@pytest.mark.parametrize(
    ("n", "en", "ru"),
    [
        (1, "1 module", "1 модуль"),
        (2, "2 modules", "2 модуля"),
        (3, "3 modules", "3 модуля"),
        (5, "5 modules", "5 модулей"),
        (11, "11 modules", "11 модулей"),
        (21, "21 modules", "21 модуль"),
        (22, "22 modules", "22 модуля"),
        (112, "112 modules", "112 модулей"),
        (0, "0 modules", "0 модулей"),
    ],
)
def test_plurals_follow_each_language(n, en, ru):
    assert wording.counted(n, "module", "en") == en
    assert wording.counted(n, "module", "ru") == ru


def test_numbers_and_units_are_localized():
    f = Figure("mass", 20.4, "t", 20.4, 20.9, ("M1",), "conflict")
    assert f.format() == "20.4 (20.4–20.9) t"
    assert f.format(lang="ru") == "20,4 (20,4–20,9) т"
    kw = Figure("power", 8.4, "kW", 5.5, 8.4, ("M23",), "confirmed")
    assert kw.format(lang="ru") == "8,4 (5,5–8,4) кВт"
    assert wording.with_unit("51,6", "deg", "ru") == "51,6°"
    life = Figure("design_life", 15, "yr", 15, 17, ("S8",), "conflict")
    assert life.format(lang="ru") == "15 (15–17) лет"
    one = Figure("design_life", 1, "yr", 1, 1, ("S8",), "confirmed")
    assert one.format(lang="ru") == "1 год"


@pytest.mark.parametrize(
    ("value", "step"),
    [
        (21.0, 1.0),
        (20.5, 0.1),
        (4.65, 0.01),
        (3.89, 0.01),
        (1300, 1.0),
        (19.051, 0.001),
    ],
)
def test_written_step_is_the_last_decimal_place(value, step):
    assert written_step(value) == pytest.approx(step)


def test_sums_round_to_the_coarsest_input():
    a = Figure("mass", 21.0, "t", 20.0, 21.0, ("S3",), "conflict", step=1.0)
    b = Figure("mass", 4.65, "t", 3.89, 4.65, ("S76",), "inferred", step=0.01)
    s = sum_span("mass", {"a": a, "b": b}, ["a", "b"])
    # 25.65 from an input known to 1 t is 26; the range is rounded outward
    assert (s.value, s.low, s.high) == (26.0, 23.0, 26.0)
    assert s.confidence == "inferred"
    assert s.format() == "26 (23–26) t"
