"""Station totals per phase: sums of module figures, kept as ranges with what is missing."""

from __future__ import annotations

from dataclasses import dataclass

from .assembly import StationState
from .figures import TOTAL_QUANTITIES, Figure, Span, canonical_unit, worst_confidence
from .kinds import KINDS
from .plan import Plan


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


def sum_figures(plan: Plan, module_ids, quantity: str) -> Span:
    value = low = high = 0.0
    counted, missing, levels = [], [], []
    for mid in module_ids:
        fig = plan.modules[mid].figures.get(quantity)
        if fig is None:
            missing.append(mid)
            continue
        value += fig.value
        low += fig.low
        high += fig.high
        counted.append(mid)
        levels.append(fig.confidence)
    if missing and counted:
        levels.append("uncertain")
    return Span(quantity, value, low, high, canonical_unit(quantity),
                worst_confidence(levels), tuple(counted), tuple(missing))


def phase_totals(plan: Plan, states: list[StationState]) -> list[PhaseTotals]:
    out = []
    crew = None
    for state in states:
        phase = plan.phases[state.phase_index]
        if phase.crew is not None:
            crew = phase.crew
        station = [m for m in state.modules if plan.modules[m].in_totals]
        sums = {q: sum_figures(plan, station, q) for q in TOTAL_QUANTITIES}
        used = state.used_ports()
        n_used = n_free = 0
        for mid in state.modules:
            module = plan.modules[mid]
            if module.category == "vehicle":
                continue
            names = KINDS[module.kind].port_names(module.shape)
            n_used += len(used.get(mid, ()))
            n_free += len(names) - len(used.get(mid, ()))
        vehicles = sum(plan.modules[m].category == "vehicle" for m in state.modules)
        out.append(PhaseTotals(state.phase_index, sums, crew, n_used, n_free,
                               len(state.modules) - vehicles, vehicles,
                               dict(phase.published_totals)))
    return out
