"""Two plans side by side at the same scale, and their totals per phase in one table."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QSplitter,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from models3d.plan import Plan, text
from models3d.viewer_model import ViewerModel

from .panels import quantity_label, span_text
from .scene import StationScene
from .viewport.view import StationView


def tr(s: str) -> str:
    return QCoreApplication.translate("compare", s)


class _Side(QWidget):
    def __init__(self, plans: dict[str, Plan], plan_id: str, owner: "CompareWindow"):
        super().__init__()
        self.plans = plans
        self.owner = owner
        self.plan_box = QComboBox()
        for pid, plan in plans.items():
            self.plan_box.addItem(text(plan.title), pid)
        self.phase_box = QComboBox()
        self.view = StationView()
        self.view.animate = False
        self.view.sky.show_stars = True
        self.model = ViewerModel(plans[plan_id])
        self.scene = StationScene(self.view, self.model)
        top = QHBoxLayout()
        top.addWidget(self.plan_box, 3)
        top.addWidget(self.phase_box, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        self.plan_box.setCurrentIndex(list(plans).index(plan_id))
        self.plan_box.currentIndexChanged.connect(self._on_plan)
        self.phase_box.currentIndexChanged.connect(self._on_phase)
        self._load(plan_id)

    @property
    def plan(self) -> Plan:
        return self.plans[self.plan_box.currentData()]

    def _load(self, pid: str) -> None:
        plan = self.plans[pid]
        if self.model.plan is not plan:
            self.model.set_plan(plan)
        self.phase_box.blockSignals(True)
        self.phase_box.clear()
        for i, ph in enumerate(plan.phases):
            self.phase_box.addItem(f"{i + 1}. {text(ph.name)} ({ph.date_label()})")
        self.phase_box.setCurrentIndex(len(plan.phases) - 1)
        self.phase_box.blockSignals(False)
        self.model.set_phase(len(plan.phases) - 1)

    def _on_plan(self) -> None:
        self._load(self.plan_box.currentData())
        self.owner.refresh()

    def _on_phase(self, i: int) -> None:
        if i >= 0:
            self.model.set_phase(i)
            self.owner.frame_both()


class CompareWindow(QWidget):
    def __init__(self, plans: dict[str, Plan], left: str, right: str, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compare_window")
        self.setWindowTitle(tr("Compare plans — ROSS Explorer"))
        self.left = _Side(plans, left, self)
        self.right = _Side(plans, right, self)
        views = QSplitter(Qt.Orientation.Horizontal)
        views.addWidget(self.left)
        views.addWidget(self.right)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.scale_label = QLabel()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(views)
        split.addWidget(self.table)
        split.setSizes([520, 260])
        lay = QGridLayout(self)
        lay.addWidget(split, 0, 0)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.scale_label, 1)
        bottom.addWidget(close)
        lay.addLayout(bottom, 1, 0)
        self.left.view.camera_changed.connect(self._sync_camera)
        self.resize(1400, 860)
        self.refresh()

    def refresh(self) -> None:
        self.frame_both()
        self._fill_table()

    def frame_both(self) -> None:
        """Same angles and the same camera distance on both sides: the same scale."""
        dist = []
        for side in (self.left, self.right):
            side.view.view_preset("iso", animate=False)
            dist.append(side.view.camera_state()[1])
        d = max(dist)
        for side in (self.left, self.right):
            side.view.set_camera(distance=d, animate=False)
        self.scale_label.setText(tr("Both views use the same camera distance ({0:.0f} m) "
                                    "and angle: sizes compare directly.").format(d))

    def _sync_camera(self) -> None:
        _, dist, el, az = self.left.view.camera_state()
        self.right.view.set_camera(distance=dist, elevation=el, azimuth=az, animate=False)

    def _fill_table(self) -> None:
        sides = []
        for side in (self.left, self.right):
            sides.append((side.model.plan, side.model.totals))
        rows = max(len(p.phases) for p, _ in sides)
        cols = []
        for plan, _ in sides:
            pid = plan.id
            cols += [f"{pid}: {tr('phase')}", f"{pid}: {tr('date')}",
                     f"{pid}: {quantity_label('mass')}",
                     f"{pid}: {quantity_label('pressurized_volume')}",
                     f"{pid}: {tr('modules')}"]
        self.table.clear()
        self.table.setRowCount(rows)
        self.table.setColumnCount(len(cols))
        self.table.setHorizontalHeaderLabels(cols)
        for s, (plan, totals) in enumerate(sides):
            for i in range(rows):
                if i >= len(plan.phases):
                    continue
                ph, tot = plan.phases[i], totals[i]
                abbr = lambda m, p=plan: text(p.modules[m].abbr)  # noqa: E731
                cells = [f"{i + 1}. {text(ph.name)}", ph.date_label(),
                         span_text(tot.sums["mass"], abbr),
                         span_text(tot.sums["pressurized_volume"], abbr), str(tot.modules)]
                for c, value in enumerate(cells):
                    self.table.setItem(i, s * 5 + c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def closeEvent(self, ev) -> None:
        for side in (self.left, self.right):
            side.scene.close()
        super().closeEvent(ev)

    def keyPressEvent(self, ev) -> None:
        if ev.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(ev)
