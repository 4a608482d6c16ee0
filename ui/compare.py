"""Two plans side by side at the same scale, and their totals per phase in one table,
in the interface language. Each side is a ViewerModel on a loaded plan: the station
comes from plan.station, nothing here assembles a plan."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models3d.plan import Plan, text
from models3d.viewer_model import ViewerModel

from .binding import Bindings
from .orbit.compare import OrbitPair
from .panels import quantity_label, span_text
from .scene import StationScene
from .viewport.view import StationView


def tr(s: str) -> str:
    return QCoreApplication.translate("compare", s)


class _Side(QWidget):
    def __init__(self, plans: dict[str, Plan], plan_id: str, owner: CompareWindow):
        super().__init__()
        self.plans = plans
        self.owner = owner
        self.plan_box = QComboBox()
        for pid, plan in plans.items():
            self.plan_box.addItem(text(plan.title, owner.language), pid)
        self.phase_box = QComboBox()
        self.view = StationView()
        self.view.animate = False
        self.view.sky.show_stars = True
        self.model = ViewerModel(plans[plan_id], language=owner.language)
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
        self._fill_phases(len(plan.phases) - 1)
        self.model.set_phase(len(plan.phases) - 1)

    def _fill_phases(self, current: int) -> None:
        lang = self.model.language
        self.phase_box.blockSignals(True)
        self.phase_box.clear()
        for i, ph in enumerate(self.model.plan.phases):
            self.phase_box.addItem(
                f"{i + 1}. {text(ph.name, lang)} ({ph.date_label(lang)})"
            )
        self.phase_box.setCurrentIndex(current)
        self.phase_box.blockSignals(False)

    def set_language(self, lang: str) -> None:
        self.model.set_language(lang)
        for i, plan in enumerate(self.plans.values()):
            self.plan_box.setItemText(i, text(plan.title, lang))
        self._fill_phases(self.phase_box.currentIndex())

    def _on_plan(self) -> None:
        self._load(self.plan_box.currentData())
        self.owner.refresh()

    def _on_phase(self, i: int) -> None:
        if i >= 0:
            self.model.set_phase(i)
            self.owner.frame_both()


class CompareWindow(QWidget):
    def __init__(
        self,
        plans: dict[str, Plan],
        left: str,
        right: str,
        parent=None,
        language: str | None = None,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("compare_window")
        # the language of the window that opened it, and its changes
        owner_model = getattr(parent, "model", None)
        if language is None:
            language = getattr(owner_model, "language", "en")
        self.language = language
        self.bindings = Bindings(self)
        if owner_model is not None:
            self.bindings.connect(owner_model.language_changed, self.set_language)
        self.left = _Side(plans, left, self)
        self.right = _Side(plans, right, self)
        views = QSplitter(Qt.Orientation.Horizontal)
        views.addWidget(self.left)
        views.addWidget(self.right)
        # the two plans' orbits on a second tab, one clock and one camera for both
        self.orbits = OrbitPair(self.left.model, self.right.model)
        self.tabs = QTabWidget()
        self.tabs.addTab(views, tr("Stations"))
        self.tabs.addTab(self.orbits, tr("Orbits"))
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.scale_label = QLabel()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tabs)
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

    def set_language(self, lang: str) -> None:
        self.language = lang
        for side in (self.left, self.right):
            side.set_language(lang)
        self.refresh()

    def refresh(self) -> None:
        self.setWindowTitle(tr("Compare plans — ROSS Explorer"))
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
        self.scale_label.setText(
            tr(
                "Both views use the same camera distance ({0:.0f} m) "
                "and angle: sizes compare directly."
            ).format(d)
        )

    def _sync_camera(self) -> None:
        _, dist, el, az = self.left.view.camera_state()
        self.right.view.set_camera(
            distance=dist, elevation=el, azimuth=az, animate=False
        )

    def _fill_table(self) -> None:
        lang = self.language
        sides = [
            (side.model.plan, side.model.totals) for side in (self.left, self.right)
        ]
        rows = max(len(p.phases) for p, _ in sides)
        cols = []
        for plan, _ in sides:
            pid = plan.id  # an id: the same in every language
            cols += [
                f"{pid}: {tr('phase')}",
                f"{pid}: {tr('date')}",
                f"{pid}: {quantity_label('mass')}",
                f"{pid}: {quantity_label('pressurized_volume')}",
                f"{pid}: {tr('Modules')}",
            ]
        self.table.clear()
        self.table.setRowCount(rows)
        self.table.setColumnCount(len(cols))
        self.table.setHorizontalHeaderLabels(cols)
        for s, (plan, totals) in enumerate(sides):
            for i in range(rows):
                if i >= len(plan.phases):
                    continue
                ph, tot = plan.phases[i], totals[i]
                cells = [
                    f"{i + 1}. {text(ph.name, lang)}",
                    ph.date_label(lang),
                    span_text(tot.sums["mass"], plan, lang),
                    span_text(tot.sums["pressurized_volume"], plan, lang),
                    str(tot.modules),
                ]
                for c, value in enumerate(cells):
                    self.table.setItem(i, s * 5 + c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def closeEvent(self, ev) -> None:
        self.bindings.release()
        for side in (self.left, self.right):
            side.scene.close()
        self.orbits.close_gl()
        super().closeEvent(ev)

    def keyPressEvent(self, ev) -> None:
        if ev.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(ev)
