"""The status bar: what changed at each phase step, hints, and the permanent summary of
plan, phase, module count and mass on the right. It listens to the viewer model."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QStatusBar

from models3d.plan import text
from models3d.station import PhaseChange
from models3d.viewer_model import ViewerModel

from .binding import Bindings
from .i18n import plural


def tr(s: str) -> str:
    return QCoreApplication.translate("MainWindow", s)


class StatusReporter(QObject):
    def __init__(self, bar: QStatusBar, model: ViewerModel):
        super().__init__(bar)
        self.bar = bar
        self.model = model
        self.summary = QLabel()
        self.summary.setObjectName("status_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setMinimumWidth(80)
        bar.addPermanentWidget(self.summary)
        self._summary_text = ""
        bar.installEventFilter(self)
        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self.refresh)
        self.bindings.connect(model.language_changed, self.refresh)
        self.bindings.connect(model.phase_changed, self._on_phase_changed)
        self.bindings.connect(model.selection_changed, self.show_hint)

    def eventFilter(self, obj, ev) -> bool:
        if ev.type() == QEvent.Type.Resize and self._summary_text:
            self.fit_summary()
        return False

    def _on_phase_changed(self, index: int, previous: int) -> None:
        change = (
            self.model.station.changes(previous, index)
            if previous >= 0
            else PhaseChange()
        )
        self.refresh()
        self.bar.showMessage(self.describe(index, change), 6000)

    def describe(self, index: int, change: PhaseChange) -> str:
        """'Phase 3: name (date) — added UUM; moved ShM' in the UI language."""
        plan, lang = self.model.plan, self.model.language
        ph = plan.phases[index]
        head = (
            f"{tr('Phase')} {index + 1}: {text(ph.name, lang)} ({ph.date_label(lang)})"
        )
        bits = []
        for ids, label in (
            (change.added, tr("added")),
            (change.relocated, tr("moved")),
            (change.removed, tr("removed")),
        ):
            if ids:
                names = ", ".join(text(plan.modules[m].abbr, lang) for m in ids)
                bits.append(f"{label} {names}")
        return head + (" — " + "; ".join(bits) if bits else "")

    def refresh(self, *_) -> None:
        m = self.model
        if m.plan is None:
            return
        ph = m.plan.phases[m.phase]
        tot = m.totals[m.phase]
        self._summary_text = (
            f"{m.plan.id} · {tr('phase')} {m.phase + 1}/{m.phase_count}: "
            f"{text(ph.name, m.language)} ({ph.date_label(m.language)}) · "
            f"{plural('MainWindow', '%n module(s)', tot.modules)} · {tr('mass')} "
            f"{tot.sums['mass'].format(lang=m.language)}"
        )
        self.fit_summary()
        self.show_hint()

    def fit_summary(self) -> None:
        """The summary takes at most 45% of the bar, elided, with the full text as tooltip."""
        room = max(80, int(self.bar.width() * 0.45))
        shown = self.summary.fontMetrics().elidedText(
            self._summary_text, Qt.TextElideMode.ElideRight, room
        )
        self.summary.setText(shown)
        self.summary.setToolTip(self._summary_text)
        self.summary.setMaximumWidth(room + 8)
        if hasattr(self.bar, "refit"):
            self.bar.refit()

    def show_hint(self, *_) -> None:
        m = self.model
        if m.plan is None:
            return
        if m.selected:
            mod = m.plan.modules[m.selected]
            self.bar.showMessage(
                f"{tr('Selected')}: {text(mod.abbr, m.language)} — "
                f"{text(mod.name, m.language)}. " + tr("Shift+F frames it, Esc clears.")
            )
        elif m.plan.interpretation:
            first = text(m.plan.interpretation, m.language).split(". ")[0].rstrip(".")
            self.bar.showMessage(f"{tr('Interpretation')}: {first}.")
        else:
            self.bar.showMessage(
                tr(
                    "Click a module to select it; drag to orbit, right-drag to pan, wheel to "
                    "zoom, F to fit, Space to play the assembly."
                )
            )
