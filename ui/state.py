"""The viewer's state: plan, phase, selection, hidden modules and display options.

One `ViewerState` is owned by the main window and handed to every widget. Widgets change
it through its methods and redraw from its signals; none of them talks to another widget
directly, so the view, the module list, the panels and the timeline always agree.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from models3d.assembly import StationState, assemble
from models3d.plan import Plan
from models3d.totals import PhaseTotals, phase_totals


class ViewerState(QObject):
    plan_changed = Signal()
    phase_changed = Signal(int, int)  # new phase, previous phase
    selection_changed = Signal(object)  # module id or None
    hidden_changed = Signal()
    mode_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plan: Plan | None = None
        self.states: list[StationState] = []
        self.totals: list[PhaseTotals] = []
        self.phase = -1
        self.selected: str | None = None
        self.hidden: set[str] = set()
        self.mode = "solid"

    # ---- plan and phase -------------------------------------------------------------

    def set_plan(self, plan: Plan, phase: int | None = None) -> None:
        self.plan = plan
        self.states = assemble(plan)
        self.totals = phase_totals(plan, self.states)
        self.phase = len(plan.phases) - 1 if phase is None else phase
        self.selected = None
        self.hidden = set()
        self.plan_changed.emit()

    def set_phase(self, index: int) -> None:
        if self.plan is None:
            return
        index = max(0, min(int(index), len(self.plan.phases) - 1))
        if index == self.phase:
            return
        previous, self.phase = self.phase, index
        if self.selected is not None and self.selected not in self.modules():
            self.selected = None
            self.selection_changed.emit(None)
        self.phase_changed.emit(index, previous)

    def step(self, delta: int) -> None:
        self.set_phase(self.phase + delta)

    @property
    def phase_count(self) -> int:
        return len(self.plan.phases) if self.plan else 0

    def modules(self, index: int | None = None) -> tuple[str, ...]:
        if not self.states:
            return ()
        return self.states[self.phase if index is None else index].modules

    def station(self) -> StationState:
        return self.states[self.phase]

    # ---- selection, visibility, display --------------------------------------------

    def select(self, module_id: str | None) -> None:
        if module_id is not None and module_id not in self.modules():
            module_id = None
        if module_id != self.selected:
            self.selected = module_id
            self.selection_changed.emit(module_id)

    def set_hidden(self, module_id: str, hidden: bool) -> None:
        if hidden == (module_id in self.hidden):
            return
        (self.hidden.add if hidden else self.hidden.discard)(module_id)
        if hidden and self.selected == module_id:
            self.select(None)
        self.hidden_changed.emit()

    def set_mode(self, mode: str) -> None:
        if mode != self.mode:
            self.mode = mode
            self.mode_changed.emit(mode)

    def first_phase_of(self, module_id: str) -> int | None:
        for i, st in enumerate(self.states):
            if module_id in st.modules:
                return i
        return None
