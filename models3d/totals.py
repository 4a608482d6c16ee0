"""Station totals per phase: for each quantity, every module on the station counted or
named as missing; the ports in use; the crew; the totals sources published.

The rule (tests/unit/test_totals.py checks it over every phase of every plan): a module
on the station is any non-vehicle there, whichever station built it (ROS modules and
the ISS modules they dock to alike). For each quantity, its `counted` and `missing`
lists together hold exactly those modules. See `models3d.figures.Span` for how a sum
with missing modules becomes a lower bound, how it is rounded and what an unknown
total looks like.
"""

from __future__ import annotations

from dataclasses import dataclass

from .assembly import StationState
from .figures import TOTAL_QUANTITIES, Figure, Span, sum_span
from .kinds import KINDS
from .plan import Plan, text


@dataclass(frozen=True)
class PhaseTotals:
    phase_index: int
    sums: dict  # quantity -> Span
    crew: Figure | None
    ports_used: int
    ports_free: int
    modules: int
    vehicles: int
    published: dict  # quantity -> Figure stated by a source for this phase


def station_modules(plan: Plan, state: StationState) -> tuple[str, ...]:
    """The modules on the station after a phase: everything there but visiting
    vehicles."""
    return tuple(m for m in state.modules if plan.modules[m].in_totals)


def sum_figures(plan: Plan, module_ids, quantity: str) -> Span:
    figures = {m: plan.modules[m].figures.get(quantity) for m in module_ids}
    return sum_span(quantity, figures, module_ids)


def missing_labels(plan: Plan, span: Span, lang: str = "en") -> list[str]:
    """The missing modules of a total by their displayed abbreviation."""
    return [text(plan.modules[m].abbr, lang) for m in span.missing]


def phase_totals(
    plan: Plan, states: list[StationState] | None = None
) -> list[PhaseTotals]:
    """Totals after every phase (of `plan.station` unless `states` are given)."""
    if states is None:
        states = plan.station.snapshots
    out = []
    crew = None
    for state in states:
        phase = plan.phases[state.phase_index]
        if phase.crew is not None:
            crew = phase.crew
        station = station_modules(plan, state)
        sums = {q: sum_figures(plan, station, q) for q in TOTAL_QUANTITIES}
        used = state.used_ports()
        n_used = n_free = 0
        for mid in station:
            module = plan.modules[mid]
            names = KINDS[module.kind].port_names(module.shape)
            n_used += len(used.get(mid, ()))
            n_free += len(names) - len(used.get(mid, ()))
        vehicles = len(state.modules) - len(station)
        out.append(
            PhaseTotals(
                state.phase_index,
                sums,
                crew,
                n_used,
                n_free,
                len(station),
                vehicles,
                dict(phase.published_totals),
            )
        )
    return out
