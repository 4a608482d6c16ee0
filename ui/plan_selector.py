"""The toolbar's plan selector: bundled plans by title, year and status, plus any plan
file the user opened; it follows the viewer model's plan."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox

from models3d.catalogue import catalogue, plan_key
from models3d.plan import text
from models3d.viewer_model import ViewerModel

from .binding import Bindings


def status_label(status: str) -> str:
    """A plan's status in the UI language."""
    return {
        "concept": tr("concept"),
        "official": tr("official"),
        "superseded": tr("superseded"),
        "current": tr("current"),
        "historical": tr("historical"),
    }.get(status, status)


def tr(s: str) -> str:
    return QCoreApplication.translate("MainWindow", s)


class PlanSelector(QComboBox):
    plan_requested = Signal(str)  # a bundled plan id or a plan file's path

    def __init__(self, model: ViewerModel, parent=None):
        super().__init__(parent)
        self.setObjectName("plan_selector")
        self.model = model
        self.setMinimumContentsLength(34)
        self.entries = catalogue()
        self.activated.connect(self._on_activated)
        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self.sync)
        self.bindings.connect(model.language_changed, self.fill)
        self.fill()

    def fill(self, *_) -> None:
        self.blockSignals(True)
        self.clear()
        lang = self.model.language
        for e in self.entries:
            self.addItem(
                f"{text(e.title, lang)} · {e.date[:4]} · {status_label(e.status)}", e.id
            )
            self.setItemData(
                self.count() - 1, f"{e.id} — {e.path.name}", role=3
            )  # Qt.ToolTipRole
        self.blockSignals(False)
        self.sync()

    def sync(self, *_) -> None:
        plan = self.model.plan
        if plan is None:
            return
        key = plan_key(plan)
        i = self.findData(key)
        if i < 0:
            self.addItem(f"{plan.id} ({Path(plan.path).name})", key)
            i = self.count() - 1
        self.blockSignals(True)
        self.setCurrentIndex(i)
        self.blockSignals(False)

    def _on_activated(self, index: int) -> None:
        key = self.itemData(index)
        if key and self.model.plan is not None and key != plan_key(self.model.plan):
            self.plan_requested.emit(key)
