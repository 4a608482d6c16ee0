"""The main window: the 3D view of the station with the plan and phase in the status bar."""

from __future__ import annotations

import pyqtgraph.opengl as gl
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QMainWindow

from models3d.plan import Plan, text
from models3d.totals import phase_totals

from .scene import StationScene

SPACE = QColor(6, 9, 20)


class MainWindow(QMainWindow):
    def __init__(self, plan: Plan, phase: int):
        super().__init__()
        self.setObjectName("main_window")
        self.view = gl.GLViewWidget()
        self.view.setBackgroundColor(SPACE)
        self.view.setObjectName("station_view")
        self.setCentralWidget(self.view)
        self.scene = StationScene(self.view)
        self.plan_label = QLabel()
        self.plan_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.plan_label)
        self.resize(1280, 800)
        self.set_plan(plan, phase)

    def set_plan(self, plan: Plan, phase: int) -> None:
        self.plan = plan
        self.scene.set_plan(plan)
        self.totals = phase_totals(plan, self.scene.states)
        self.show_phase(phase)
        self.scene.fit_camera()

    def show_phase(self, index: int) -> None:
        self.scene.show_phase(index)
        ph = self.plan.phases[index]
        title = text(self.plan.title)
        self.setWindowTitle(f"ROSS Explorer — {title}")
        tot = self.totals[index]
        mass = tot.sums["mass"].format()
        self.plan_label.setText(
            f"{self.plan.id} · phase {index + 1}/{len(self.plan.phases)}: "
            f"{text(ph.name)} ({ph.date_label()}) · {tot.modules} modules · mass {mass}")
        if self.plan.interpretation:
            first = text(self.plan.interpretation).split(". ")[0].rstrip(".")
            self.statusBar().showMessage(f"Interpretation: {first}.")
