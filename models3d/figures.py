"""Figures with provenance, and sums of them.

A `Figure` is one published (or inferred) number: a value in the canonical unit of its
quantity, an optional range where sources disagree, the source ids, a confidence, a
bilingual note and the precision it was written with. A `Span` is a station total: what
the figures of the counted modules add up to, which modules could not be counted, and
whether the total is only a lower bound.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import wording

CONFIDENCES = ("confirmed", "conflict", "uncertain", "inferred")

# quantity -> {unit: factor to the canonical unit}; the first unit is canonical.
UNITS: dict[str, dict[str, float]] = {
    "mass": {"t": 1.0, "kg": 0.001},
    "length": {"m": 1.0},
    "diameter": {"m": 1.0},
    "pressurized_volume": {"m3": 1.0},
    "power": {"kW": 1.0},
    "array_area": {"m2": 1.0},
    "propellant": {"kg": 1.0, "t": 1000.0},
    "design_life": {"yr": 1.0},
    "docking_ports": {"count": 1.0},
    "crew": {"persons": 1.0},
    "inclination": {"deg": 1.0},
    "altitude": {"km": 1.0},
}

MODULE_QUANTITIES = (
    "mass",
    "length",
    "diameter",
    "pressurized_volume",
    "power",
    "array_area",
    "propellant",
    "design_life",
    "docking_ports",
)
ORBIT_QUANTITIES = ("inclination", "altitude")
TOTAL_QUANTITIES = ("mass", "pressurized_volume", "power")

LABELS = wording.QUANTITY_LABELS["en"]

UNIT_DISPLAY = {"m3": "m³", "m2": "m²", "deg": "°", "count": "", "persons": ""}


def canonical_unit(quantity: str) -> str:
    return next(iter(UNITS[quantity]))


def written_step(value: float) -> float:
    """The precision a number was written with: the place of its last non-zero
    decimal digit, 1 for whole numbers (20.5 -> 0.1, 4.65 -> 0.01, 21.0 -> 1)."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        mantissa, exp = text.lower().split("e")
        decimals = len(mantissa.split(".")[1].rstrip("0")) if "." in mantissa else 0
        return 10.0 ** (-(decimals - int(exp)))
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text else 0
    return 10.0**-decimals


@dataclass(frozen=True)
class Figure:
    """One published (or inferred) number. Values are stored in the canonical unit;
    `step` is the precision of the written numbers, in the canonical unit."""

    quantity: str
    value: float
    unit: str
    low: float
    high: float
    sources: tuple[str, ...]
    confidence: str
    note: dict = field(default_factory=dict)  # {"en": ..., "ru": ...}
    original_unit: str = ""
    step: float = 1.0

    @property
    def has_range(self) -> bool:
        return self.low != self.high

    def format(self, digits: int | None = None, lang: str = "en") -> str:
        """Human text such as '21 (20–21) t' or '21 (20–21) т'."""
        text = wording.number(self.value, digits, lang)
        if self.has_range:
            text += (
                f" ({wording.number(self.low, digits, lang)}–"
                f"{wording.number(self.high, digits, lang)})"
            )
        return wording.with_unit(text, self.unit, lang, self.value)


@dataclass(frozen=True)
class Span:
    """A station total for one quantity.

    Every module on the station is either `counted` (its figure is in the sum) or
    `missing` (no figure published). With nothing counted the total is unknown:
    `value`, `low`, `high` and `confidence` are None. With some module missing it is a
    lower bound: `value` is the low end of the counted modules' sum (shown "≥ value"),
    `low` equals it and `high` is the high end of the counted modules' sum, which is not
    a bound of the station. Numbers are rounded to `step`, the coarsest precision of
    the figures summed: the value to the nearest step, the low end down and the high
    end up, so a range never claims more than its inputs.
    """

    quantity: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    confidence: str | None
    counted: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    step: float | None = None

    @property
    def known(self) -> bool:
        return bool(self.counted)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def lower_bound(self) -> bool:
        """True when the total holds some modules but not all: 'at least'."""
        return bool(self.missing) and bool(self.counted)

    @property
    def range(self) -> tuple[float, float | None] | None:
        """(low, high) as published: None when unknown or a single value; for a lower
        bound (value, None), because nothing bounds it from above."""
        numbers = self._numbers()
        if numbers is None:
            return None
        value, low, high = numbers
        if self.lower_bound:
            return (value, None)
        return (low, high) if low != high else None

    def _numbers(self) -> tuple[float, float, float] | None:
        """(value, low, high), or None when nothing is counted (the summing sets the
        three together, so with something counted none of them is None)."""
        if not self.counted or self.value is None:
            return None
        if self.low is None or self.high is None:
            return None
        return self.value, self.low, self.high

    @property
    def decimals(self) -> int:
        if not self.step or self.step >= 1:
            return 0
        return max(0, round(-math.log10(self.step)))

    def format(self, digits: int | None = None, lang: str = "en") -> str:
        """'114.1 (112.9–114.7) t', '≥ 44 t', or 'unknown' in the language asked."""
        numbers = self._numbers()
        if numbers is None:
            return wording.UNKNOWN[wording.lang_of(lang)]
        value, low, high = numbers
        d = self.decimals if digits is None else digits
        text = wording.number(value, d, lang)
        if self.lower_bound:
            return "≥ " + wording.with_unit(text, self.unit, lang, value)
        if low != high:
            text += f" ({wording.number(low, d, lang)}–{wording.number(high, d, lang)})"
        return wording.with_unit(text, self.unit, lang, value)


def sum_span(quantity: str, figures: dict, ids) -> Span:
    """The total of `quantity` over the modules `ids`, where `figures[id]` is the
    module's figure or None."""
    counted, missing, parts = [], [], []
    for mid in ids:
        fig = figures.get(mid)
        if fig is None:
            missing.append(mid)
        else:
            counted.append(mid)
            parts.append(fig)
    unit = canonical_unit(quantity)
    if not parts:
        return Span(quantity, None, None, None, unit, None, (), tuple(missing), None)
    step = max(f.step for f in parts)
    value = _round(sum(f.value for f in parts), step, "nearest")
    low = _round(sum(f.low for f in parts), step, "down")
    high = _round(sum(f.high for f in parts), step, "up")
    if missing:
        value = low
    return Span(
        quantity,
        value,
        low,
        high,
        unit,
        worst_confidence(f.confidence for f in parts),
        tuple(counted),
        tuple(missing),
        step,
    )


def worst_confidence(levels) -> str | None:
    """The least certain of several confidence levels (None when there are none)."""
    order = {c: i for i, c in enumerate(CONFIDENCES)}
    found = [c for c in levels if c in order]
    if not found:
        return None
    # conflict < uncertain < inferred in how little they tell; conflict ranks below
    # uncertain because the range still holds the truth as far as sources know.
    return max(found, key=lambda c: order[c])


def _round(x: float, step: float, how: str) -> float:
    # a small tolerance keeps 44.000000001 from rounding up to 45 through float noise
    q = x / step
    if how == "down":
        n = math.floor(q + 1e-6)
    elif how == "up":
        n = math.ceil(q - 1e-6)
    else:
        n = math.floor(q + 0.5 + 1e-9)
    decimals = max(0, round(-math.log10(step))) if step < 1 else 0
    return round(n * step, decimals)
