"""The main window: the 3D view of the station, its display options and the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QSurfaceFormat
from PySide6.QtWidgets import QLabel, QMainWindow

from models3d.plan import Plan, text
from models3d.totals import phase_totals

from .scene import StationScene
from .viewport.view import StationView


class MainWindow(QMainWindow):
    def __init__(self, plan: Plan, phase: int):
        super().__init__()
        self.setObjectName("main_window")
        self.antialiasing_chosen = False  # True once the user picks a setting
        self._make_view(samples=0)
        self.plan_label = QLabel()
        self.plan_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.plan_label)
        self._build_menus()
        self.resize(1280, 800)
        self.set_plan(plan, phase)
        self.view.frameSwapped.connect(self._on_first_frame)

    def _make_view(self, samples: int) -> None:
        view = StationView()
        fmt = QSurfaceFormat.defaultFormat()
        fmt.setSamples(samples)
        view.setFormat(fmt)
        view.requested_samples = samples
        self.view = view
        self.setCentralWidget(view)
        self.scene = StationScene(view)
        view.selection_changed.connect(self._on_view_selection)
        view.hover_changed.connect(self._on_view_hover)
        view.camera_changed.connect(self.scene.camera_moved)

    def _on_first_frame(self) -> None:
        self.view.frameSwapped.disconnect(self._on_first_frame)
        # MSAA costs 2-2.5x per frame on a software renderer: on by default only on a GPU
        if not self.antialiasing_chosen and not self.view.software_renderer:
            self.set_antialiasing(True, chosen=False)

    def set_antialiasing(self, on: bool, chosen: bool = True) -> None:
        """Recreate the view with or without 4x MSAA, keeping plan, phase, camera,
        selection and display options."""
        self.antialiasing_chosen = self.antialiasing_chosen or chosen
        self.aa_action.setChecked(on)
        if (self.view.requested_samples > 0) == on:
            return
        old_view, old_scene = self.view, self.scene
        camera = old_view.camera_state()
        phase, selected = old_scene.phase, old_scene.selected
        mode, labels = old_scene.mode, old_scene.labels_visible
        old_scene.clear()
        self._make_view(samples=4 if on else 0)
        old_view.deleteLater()
        self.scene.set_plan(self.plan)
        self.scene.show_phase(phase)
        self.scene.set_mode(mode)
        self.scene.set_labels(labels)
        self.scene.select(selected)
        self.view.selected = self.scene.selected
        self.view.set_camera(*camera, animate=False)

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
        self.labels_action.toggled.connect(lambda on: self.scene.set_labels(on))
        view_menu.addAction(self.labels_action)
        self.aa_action = QAction("&Anti-aliasing (4x MSAA)", self, checkable=True)
        self.aa_action.setStatusTip("Smoother edges; costs 2-2.5x per frame on a "
                                    "software renderer")
        self.aa_action.toggled.connect(lambda on: self.set_antialiasing(on))
        view_menu.addAction(self.aa_action)
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
