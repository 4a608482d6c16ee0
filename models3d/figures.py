"""Figures with provenance: a value, its unit, an optional range, sources and confidence."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

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

LABELS = {
    "mass": "Mass",
    "length": "Length",
    "diameter": "Diameter",
    "pressurized_volume": "Pressurized volume",
    "power": "Electrical power",
    "array_area": "Solar array area",
    "propellant": "Propellant",
    "design_life": "Design life",
    "docking_ports": "Docking ports",
    "crew": "Crew",
    "inclination": "Inclination",
    "altitude": "Altitude",
}

UNIT_DISPLAY = {"m3": "m³", "m2": "m²", "deg": "°", "count": "", "persons": ""}


def canonical_unit(quantity: str) -> str:
    return next(iter(UNITS[quantity]))


@dataclass(frozen=True)
class Figure:
    """One published (or inferred) number. Values are stored in the canonical unit."""

    quantity: str
    value: float
    unit: str
    low: float
    high: float
    sources: tuple[str, ...]
    confidence: str
    note: str = ""
    original_unit: str = ""

    @property
    def has_range(self) -> bool:
        return self.low != self.high

    def format(self, digits: int | None = None) -> str:
        """Human text such as '21 t (20–21)'."""
        shown = UNIT_DISPLAY.get(self.unit, self.unit)
        text = _num(self.value, digits)
        if self.has_range:
            text += f" ({_num(self.low, digits)}–{_num(self.high, digits)})"
        return _with_unit(text, shown)


@dataclass(frozen=True)
class Span:
    """A summed quantity: known low/value/high plus what could not be counted."""

    quantity: str
    value: float
    low: float
    high: float
    unit: str
    confidence: str
    counted: tuple[str, ...] = ()
    missing: tuple[str, ...] = field(default_factory=tuple)

    @property
    def complete(self) -> bool:
        return not self.missing

    def format(self, digits: int | None = None) -> str:
        shown = UNIT_DISPLAY.get(self.unit, self.unit)
        if not self.counted:
            return "unknown"
        text = _num(self.value, digits)
        if self.low != self.high:
            text += f" ({_num(self.low, digits)}–{_num(self.high, digits)})"
        text = _with_unit(text, shown)
        if self.missing:
            text = "≥ " + text
        return text


def worst_confidence(levels) -> str:
    """The least certain of several confidence levels ('confirmed' when none)."""
    order = {c: i for i, c in enumerate(CONFIDENCES)}
    found = [c for c in levels if c in order]
    if not found:
        return "confirmed"
    # conflict < uncertain < inferred in how little they tell; conflict ranks below
    # uncertain because the range still holds the truth as far as sources know.
    return max(found, key=lambda c: order[c])


def _with_unit(number: str, unit: str) -> str:
    if not unit:
        return number
    return f"{number}{unit}" if unit == "°" else f"{number} {unit}"


def _num(value: float, digits: int | None) -> str:
    if digits is not None:
        return f"{value:.{digits}f}"
    if math.isclose(value, round(value), abs_tol=1e-9):
        return str(int(round(value)))
    decimals = 2 if abs(value) < 100 else 1
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")
