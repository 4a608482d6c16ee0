"""The main window: the 3D view of the station, its display options and the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from models3d.plan import Plan, text
from models3d.totals import phase_totals

from .scene import StationScene
from .viewport.view import StationView


class MainWindow(QMainWindow):
    def __init__(self, plan: Plan, phase: int):
        super().__init__()
        self.setObjectName("main_window")
        self.view = StationView()
        self.setCentralWidget(self.view)
        self.scene = StationScene(self.view)
        self.plan_label = QLabel()
        self.plan_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.plan_label)
        self.view.selection_changed.connect(self._on_view_selection)
        self.view.hover_changed.connect(self._on_view_hover)
        self.view.camera_changed.connect(self.scene.camera_moved)
        self._build_menus()
        self.resize(1280, 800)
        self.set_plan(plan, phase)

    def _build_menus(self) -> None:
        view_menu = self.menuBar().addMenu("&View")
        group = QActionGroup(self)
        self.mode_actions = {}
        for mode, label, key in (("solid", "&Solid", "Ctrl+1"),
                                 ("wireframe", "&Wireframe overlay", "Ctrl+2"),
                                 ("xray", "&X-ray", "Ctrl+3")):
            act = QAction(label, self, checkable=True, shortcut=QKeySequence(key))
            act.triggered.connect(lambda _=False, m=mode: self.set_mode(m))
            group.addAction(act)
            view_menu.addAction(act)
            self.mode_actions[mode] = act
        self.mode_actions["solid"].setChecked(True)
        view_menu.addSeparator()
        self.labels_action = QAction("Module &labels", self, checkable=True,
                                     shortcut=QKeySequence("L"))
        self.labels_action.toggled.connect(self.scene.set_labels)
        view_menu.addAction(self.labels_action)
        view_menu.addSeparator()
        for label, key, slot in (
            ("&Fit all", "F", lambda: self.view.fit_all()),
            ("Fit &selected", "Shift+F", lambda: self.view.fit_selected(self.scene.selected)),
            ("&Front", "1", lambda: self.view.view_preset("front")),
            ("S&ide", "3", lambda: self.view.view_preset("side")),
            ("&Top", "7", lambda: self.view.view_preset("top")),
            ("&Iso / reset view", "9", lambda: self.view.view_preset("iso")),
        ):
            act = QAction(label, self)
            act.setShortcut(QKeySequence(key))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            view_menu.addAction(act)

    def set_plan(self, plan: Plan, phase: int) -> None:
        self.plan = plan
        self.scene.set_plan(plan)
        self.totals = phase_totals(plan, self.scene.states)
        self.show_phase(phase)
        self.scene.fit_camera()

    def closeEvent(self, event) -> None:
        # free GPU buffers while the GL context is still alive
        self.scene.clear()
        super().closeEvent(event)

    def set_mode(self, mode: str) -> None:
        self.scene.set_mode(mode)
        self.mode_actions[mode].setChecked(True)

    def show_phase(self, index: int) -> None:
        self.scene.show_phase(index)
        ph = self.plan.phases[index]
        self.setWindowTitle(f"ROSS Explorer — {text(self.plan.title)}")
        tot = self.totals[index]
        mass = tot.sums["mass"].format()
        self.plan_label.setText(
            f"{self.plan.id} · phase {index + 1}/{len(self.plan.phases)}: "
            f"{text(ph.name)} ({ph.date_label()}) · {tot.modules} modules · mass {mass}")
        self._show_hint()

    def _show_hint(self) -> None:
        if self.scene.selected:
            m = self.plan.modules[self.scene.selected]
            self.statusBar().showMessage(
                f"Selected: {text(m.abbr)} — {text(m.name)}. Shift+F frames it, "
                "Esc clears.")
        elif self.plan.interpretation:
            first = text(self.plan.interpretation).split(". ")[0].rstrip(".")
            self.statusBar().showMessage(f"Interpretation: {first}.")
        else:
            self.statusBar().showMessage("Click a module to select it; drag to orbit, "
                                         "right-drag to pan, wheel to zoom, F to fit.")

    def _on_view_selection(self, module_id) -> None:
        self.scene.select(module_id)
        self.view.selected = self.scene.selected
        self._show_hint()

    def _on_view_hover(self, module_id) -> None:
        self.scene.hover(module_id)
