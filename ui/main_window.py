"""The main window: the 3D view with the timeline under it, panels in docks, menus,
toolbar and status bar, all bound to one ViewerState."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QSurfaceFormat
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QDockWidget, QFileDialog,
                               QLabel, QMainWindow, QMessageBox, QStyle, QToolBar,
                               QVBoxLayout, QWidget)

from models3d.plan import Plan, PlanError, text

from models3d.catalogue import load_plan, plan_paths

from . import i18n
from .help import about_html, show_text_dialog, shortcuts_html
from .panels import ModuleList, PropertiesPanel, TotalsPanel
from .scene import StationScene
from .settings import as_bool, settings
from .state import ViewerState
from .timeline import Timeline
from .viewport.view import StationView

VERSION = "0.2.0"
MODES = ("solid", "wireframe", "xray")


def plan_key(plan: Plan) -> str:
    """The bundled plan id when the plan is a bundled file, else the file's path."""
    bundled = plan_paths().get(plan.id)
    if bundled is not None and Path(bundled).resolve() == Path(plan.path).resolve():
        return plan.id
    return str(plan.path)


class MainWindow(QMainWindow):
    def __init__(self, plan: Plan, phase: int | None = None, *, restore: bool = False,
                 language: str = "en"):
        super().__init__()
        self.setObjectName("main_window")
        self.language = language
        self.antialiasing_chosen = False
        self.animate_docking = True
        self.state = ViewerState(self)
        self.plans = {pid: None for pid in plan_paths()}  # loaded on demand
        self._compare = None
        self._dialogs = []
        self.export_runner = None
        self._loader = None
        self._tasks = []
        self._closing = False
        self.imports: dict[str, tuple] = {}  # module id -> (path, Placement)
        self.refs: dict[str, dict] = {}  # reference id -> {path, placement, offset}
        self.setAcceptDrops(True)

        self.central = QWidget()
        self.central_layout = QVBoxLayout(self.central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.timeline = Timeline(self.state, lang=lambda: self.language)
        self._make_view(samples=0)
        self.central_layout.addWidget(self.timeline)
        self.setCentralWidget(self.central)

        self.module_list = ModuleList(self.state, lang=lambda: self.language)
        self.properties = PropertiesPanel(self.state, lang=lambda: self.language)
        self.totals = TotalsPanel(self.state)
        self.docks = {}
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        for key, widget, area in (("modules", self.module_list, left),
                                  ("properties", self.properties, right),
                                  ("totals", self.totals, left)):
            dock = QDockWidget(self)
            dock.setObjectName(f"dock_{key}")
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            self.docks[key] = dock

        self.plan_label = QLabel()
        self.plan_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.plan_label)
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main_toolbar")
        self.addToolBar(self.toolbar)
        self.plan_box = QComboBox()
        self.plan_box.setObjectName("plan_selector")
        self.plan_box.setMinimumContentsLength(28)
        self.plan_box.activated.connect(self._on_plan_box)

        self.state.plan_changed.connect(self._on_plan_changed)
        self.state.phase_changed.connect(self._on_phase_changed)
        self.state.selection_changed.connect(self._on_selection_changed)
        self.state.hidden_changed.connect(lambda: self.scene.set_hidden(self.state.hidden))
        self.state.mode_changed.connect(self._on_mode_changed)
        self.timeline.play_state_changed.connect(self._on_play_state)
        self.module_list.reference_toggled.connect(
            lambda rid, on: self.scene.set_reference_visible(rid, on))
        self.module_list.reference_activated.connect(self.edit_reference)

        self.retranslate()
        self.resize(1440, 900)
        self.resizeDocks([self.docks["modules"], self.docks["properties"]], [360, 430],
                         Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["modules"], self.docks["totals"]], [300, 520],
                         Qt.Orientation.Vertical)
        self.set_plan(plan, phase)
        if restore:
            self.restore_settings()
        self.view.frameSwapped.connect(self._on_first_frame)

    # ---- view (recreated for anti-aliasing) ----------------------------------------

    def _make_view(self, samples: int) -> None:
        view = StationView()
        fmt = QSurfaceFormat.defaultFormat()
        fmt.setSamples(samples)
        view.setFormat(fmt)
        view.requested_samples = samples
        old = getattr(self, "view", None)
        if old is not None:
            self.central_layout.replaceWidget(old, view)
        else:
            self.central_layout.insertWidget(0, view, 1)
        self.view = view
        self.scene = StationScene(view)
        view.selection_changed.connect(self.state.select)
        view.hover_changed.connect(self.scene.hover)
        view.camera_changed.connect(self.scene.camera_moved)
        view.interaction_started.connect(self.scene.finish_transition)

    def _on_first_frame(self) -> None:
        self.view.frameSwapped.disconnect(self._on_first_frame)
        # MSAA costs 2-2.5x per frame on a software renderer: on by default only on a GPU
        if not self.antialiasing_chosen and not self.view.software_renderer:
            self.set_antialiasing(True, chosen=False)

    def set_antialiasing(self, on: bool, chosen: bool = True) -> None:
        """Recreate the view with or without 4x MSAA, keeping the state and camera."""
        self.antialiasing_chosen = self.antialiasing_chosen or chosen
        self.aa_action.setChecked(on)
        if (self.view.requested_samples > 0) == on:
            return
        old_view, old_scene = self.view, self.scene
        camera = old_view.camera_state()
        labels = old_scene.labels_visible
        old_scene.clear()
        self._make_view(samples=4 if on else 0)
        old_view.deleteLater()
        self._load_scene()
        self.scene.set_labels(labels)
        self.view.set_camera(*camera, animate=False)

    def _load_scene(self) -> None:
        st = self.state
        self.scene.set_plan(st.plan, st.states)
        self.scene.set_hidden(st.hidden)
        self.scene.show_phase(st.phase)
        self.scene.set_mode(st.mode)
        self.scene.select(st.selected)
        self.view.selected = st.selected

    # ---- menus and toolbar -----------------------------------------------------------

    def retranslate(self) -> None:
        """(Re)build every text of the window in the current language."""
        tr = self.tr
        for act in getattr(self, "_actions", []):
            self.removeAction(act)
            act.deleteLater()
        self._actions = []
        self.menuBar().clear()
        self.toolbar.clear()
        self.toolbar.setWindowTitle(tr("Main toolbar"))
        for key, title in (("modules", tr("Modules")), ("properties", tr("Properties")),
                           ("totals", tr("Station totals"))):
            self.docks[key].setWindowTitle(title)

        file_menu = self.menuBar().addMenu(tr("&File"))
        self.open_action = self._action(tr("&Open plan file..."), "Ctrl+O", self.open_plan_file,
                                        tr("Open a plan file (TOML) of your own"))
        file_menu.addAction(self.open_action)
        self.compare_action = self._action(tr("&Compare plans..."), "Ctrl+K", self.show_compare,
                                           tr("Two plans side by side at the same scale"))
        file_menu.addAction(self.compare_action)
        file_menu.addSeparator()
        self.import_action = self._action(
            tr("&Import model for module..."), "Ctrl+I", lambda: self.import_for_module(),
            tr("Replace the selected module's mesh with a model file (glTF/GLB, OBJ, "
               "STL, PLY)"))
        file_menu.addAction(self.import_action)
        self.reference_action = self._action(
            tr("Add &reference model..."), None, lambda: self.add_reference(),
            tr("Put a model beside the station at true scale (not counted in totals)"))
        file_menu.addAction(self.reference_action)
        self.reset_mesh_action = self._action(
            tr("Reset to &built-in mesh"), None, lambda: self.reset_mesh(),
            tr("Draw the selected module with its built-in mesh again"))
        file_menu.addAction(self.reset_mesh_action)
        file_menu.addSeparator()
        self.screenshot_action = self._action(
            tr("Quick &screenshot"), "Ctrl+Shift+S", self.quick_screenshot,
            tr("Save the view as a PNG in the last export folder"))
        file_menu.addAction(self.screenshot_action)
        self.export_action = self._action(tr("&Export..."), "Ctrl+E", self.show_export,
                                          tr("Pictures at any size, every phase, "
                                             "animations, the 3D scene"))
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(tr("&Quit"), "Ctrl+Q", self.close))

        view_menu = self.menuBar().addMenu(tr("&View"))
        group = QActionGroup(self)
        self.mode_actions = {}
        for mode, label, key in (("solid", tr("&Solid"), "Ctrl+1"),
                                 ("wireframe", tr("&Wireframe overlay"), "Ctrl+2"),
                                 ("xray", tr("&X-ray"), "Ctrl+3")):
            act = self._action(label, key, lambda _=False, m=mode: self.state.set_mode(m))
            act.setCheckable(True)
            act.setChecked(self.state.mode == mode)
            group.addAction(act)
            view_menu.addAction(act)
            self.mode_actions[mode] = act
        view_menu.addSeparator()
        labels_on = self.scene.labels_visible
        self.labels_action = self._action(tr("Module &labels"), "L", None)
        self.labels_action.setCheckable(True)
        self.labels_action.setChecked(labels_on)
        self.labels_action.toggled.connect(lambda on: self.scene.set_labels(on))
        view_menu.addAction(self.labels_action)
        self.aa_action = self._action(tr("&Anti-aliasing (4x MSAA)"), None, None,
                                      tr("Smoother edges; costs 2-2.5x per frame on a "
                                         "software renderer"))
        self.aa_action.setCheckable(True)
        self.aa_action.setChecked(self.view.requested_samples > 0)
        self.aa_action.toggled.connect(lambda on: self.set_antialiasing(on))
        view_menu.addAction(self.aa_action)
        self.dock_anim_action = self._action(tr("&Docking animations"), None, None,
                                             tr("Fly modules in when stepping phase by phase"))
        self.dock_anim_action.setCheckable(True)
        self.dock_anim_action.setChecked(self.animate_docking)
        self.dock_anim_action.toggled.connect(self._set_animate_docking)
        view_menu.addAction(self.dock_anim_action)
        view_menu.addSeparator()
        for label, key, slot in (
            (tr("&Fit all"), "F", lambda: self.view.fit_all()),
            (tr("Fit &selected"), "Shift+F", lambda: self.view.fit_selected(self.state.selected)),
            (tr("&Front view"), "1", lambda: self.view.view_preset("front")),
            (tr("S&ide view"), "3", lambda: self.view.view_preset("side")),
            (tr("&Top view"), "7", lambda: self.view.view_preset("top")),
            (tr("&Iso view (reset)"), "9", lambda: self.view.view_preset("iso")),
        ):
            view_menu.addAction(self._action(label, key, slot))
        view_menu.addSeparator()
        panels = view_menu.addMenu(tr("&Panels"))
        for dock in self.docks.values():
            panels.addAction(dock.toggleViewAction())
        panels.addAction(self.toolbar.toggleViewAction())
        lang_menu = view_menu.addMenu(tr("&Language"))
        lang_group = QActionGroup(self)
        current = settings().value("language", "system")
        for code, name in (("system", tr("System default")), *i18n.LANGUAGES.items()):
            act = QAction(name, self, checkable=True)
            self._actions.append(act)
            act.setChecked(current == code)
            act.triggered.connect(lambda _=False, c=code: self.set_language(c))
            lang_group.addAction(act)
            lang_menu.addAction(act)

        tl_menu = self.menuBar().addMenu(tr("&Timeline"))
        self.play_action = self._action(tr("&Play assembly"), "Space", self.timeline.toggle_play,
                                        tr("Step through every phase"))
        self.prev_action = self._action(tr("P&revious phase"), "Left",
                                        lambda: self.state.step(-1))
        self.next_action = self._action(tr("&Next phase"), "Right", lambda: self.state.step(1))
        self.first_action = self._action(tr("F&irst phase"), "Home",
                                         lambda: self.state.set_phase(0))
        self.last_action = self._action(tr("&Last phase"), "End",
                                        lambda: self.state.set_phase(self.state.phase_count - 1))
        sp = QStyle.StandardPixmap
        for act, icon in ((self.first_action, sp.SP_MediaSkipBackward),
                          (self.prev_action, sp.SP_MediaSeekBackward),
                          (self.play_action, sp.SP_MediaPlay),
                          (self.next_action, sp.SP_MediaSeekForward),
                          (self.last_action, sp.SP_MediaSkipForward)):
            act.setIcon(self.style().standardIcon(icon))
            tl_menu.addAction(act)
        self.screenshot_action.setIcon(self.style().standardIcon(sp.SP_DialogSaveButton))

        help_menu = self.menuBar().addMenu(tr("&Help"))
        help_menu.addAction(self._action(tr("&Keyboard shortcuts"), "F1", self.show_shortcuts))
        help_menu.addAction(self._action(tr("&About ROSS Explorer"), None, self.show_about))

        self.toolbar.addWidget(QLabel(" " + tr("Plan:") + " "))
        self.toolbar.addWidget(self.plan_box)
        self.toolbar.addSeparator()
        for act in (self.first_action, self.prev_action, self.play_action, self.next_action,
                    self.last_action):
            self.toolbar.addAction(act)
        self.toolbar.addSeparator()
        for mode in MODES:
            self.toolbar.addAction(self.mode_actions[mode])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.screenshot_action)
        self.toolbar.addAction(self.export_action)
        self.toolbar.addAction(self.compare_action)
        self._fill_plan_box()
        self._on_play_state(self.timeline.playing)
        if self.state.plan is not None:
            self.module_list.rebuild()
            self.properties.refresh()
            self.totals.rebuild()
            self._update_labels()

    def _action(self, label, shortcut, slot, tip: str | None = None) -> QAction:
        act = QAction(label, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(f"{label.replace('&', '')} ({shortcut})" if shortcut else tip)
        if slot is not None:
            act.triggered.connect(lambda _=False: slot())
        self.addAction(act)
        self._actions.append(act)
        return act

    def _fill_plan_box(self) -> None:
        self.plan_box.blockSignals(True)
        self.plan_box.clear()
        for pid in plan_paths():
            self.plan_box.addItem(pid, pid)
        if self.state.plan is not None:
            self._sync_plan_box()
        self.plan_box.blockSignals(False)

    def _sync_plan_box(self) -> None:
        plan = self.state.plan
        i = self.plan_box.findData(plan_key(plan))
        if i < 0:
            self.plan_box.addItem(f"{plan.id} ({Path(plan.path).name})", plan.path)
            i = self.plan_box.count() - 1
        self.plan_box.blockSignals(True)
        self.plan_box.setCurrentIndex(i)
        self.plan_box.blockSignals(False)

    # ---- plan ------------------------------------------------------------------------

    @property
    def plan(self) -> Plan | None:
        return self.state.plan

    def set_plan(self, plan: Plan, phase: int | None = None) -> None:
        self.state.set_plan(plan, phase)

    def load_plan_key(self, key: str) -> bool:
        """Open a bundled plan id or a plan file; on a broken file, say why and keep the
        current plan."""
        try:
            path = plan_paths().get(key, Path(key))
            plan = load_plan(path)
        except PlanError as exc:
            self._error(self.tr("The plan file could not be opened"), str(exc))
            return False
        self.set_plan(plan)
        return True

    def open_plan_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open plan file"), "",
                                              self.tr("Station plans (*.toml);;All files (*)"))
        if path:
            self.load_plan_key(path)

    def _on_plan_box(self, index: int) -> None:
        key = self.plan_box.itemData(index)
        if key and (self.state.plan is None or key not in (self.state.plan.id,
                                                           self.state.plan.path)):
            if not self.load_plan_key(key):
                self._sync_plan_box()

    def _on_plan_changed(self) -> None:
        self.timeline.set_playing(False)
        self.imports, self.refs = {}, {}
        self._load_scene()
        self._restore_imports()
        self.scene.fit_camera()
        self._sync_plan_box()
        self.setWindowTitle(f"{text(self.state.plan.title, self.language)} — ROSS Explorer")
        self._update_labels()

    # ---- phase, selection, display ---------------------------------------------------

    def _set_animate_docking(self, on: bool) -> None:
        self.animate_docking = on

    def _on_phase_changed(self, index: int, previous: int) -> None:
        animate = self.animate_docking and abs(index - previous) == 1 and self.isVisible()
        changes = self.scene.show_phase(index, animate=animate, flash=True)
        self.view.selected = self.state.selected
        self._update_labels()
        self.statusBar().showMessage(self.describe_changes(index, changes), 6000)

    def describe_changes(self, index: int, changes: dict | None) -> str:
        plan = self.state.plan
        ph = plan.phases[index]
        head = f"{self.tr('Phase')} {index + 1}: {text(ph.name, self.language)} " \
               f"({ph.date_label()})"
        if not changes:
            return head
        name = lambda m: text(plan.modules[m].abbr, self.language)  # noqa: E731
        bits = []
        for key, label in (("added", self.tr("added")), ("relocated", self.tr("moved")),
                           ("removed", self.tr("removed"))):
            if changes[key]:
                bits.append(f"{label} {', '.join(name(m) for m in changes[key])}")
        return head + (" — " + "; ".join(bits) if bits else "")

    def _update_labels(self) -> None:
        st = self.state
        if st.plan is None:
            return
        ph = st.plan.phases[st.phase]
        tot = st.totals[st.phase]
        self.plan_label.setText(
            f"{st.plan.id} · {self.tr('phase')} {st.phase + 1}/{st.phase_count}: "
            f"{text(ph.name, self.language)} ({ph.date_label()}) · {tot.modules} "
            f"{self.tr('modules')} · {self.tr('mass')} {tot.sums['mass'].format()}")
        self.prev_action.setEnabled(st.phase > 0)
        self.first_action.setEnabled(st.phase > 0)
        self.next_action.setEnabled(st.phase < st.phase_count - 1)
        self.last_action.setEnabled(st.phase < st.phase_count - 1)
        self._show_hint()

    def _show_hint(self) -> None:
        st = self.state
        if st.selected:
            m = st.plan.modules[st.selected]
            self.statusBar().showMessage(
                f"{self.tr('Selected')}: {text(m.abbr, self.language)} — "
                f"{text(m.name, self.language)}. "
                + self.tr("Shift+F frames it, Esc clears."))
        elif st.plan.interpretation:
            first = text(st.plan.interpretation, self.language).split(". ")[0].rstrip(".")
            self.statusBar().showMessage(f"{self.tr('Interpretation')}: {first}.")
        else:
            self.statusBar().showMessage(self.tr(
                "Click a module to select it; drag to orbit, right-drag to pan, wheel to "
                "zoom, F to fit, Space to play the assembly."))

    def _on_selection_changed(self, module_id) -> None:
        self.scene.select(module_id)
        self.view.selected = self.scene.selected
        self._show_hint()

    def _on_mode_changed(self, mode: str) -> None:
        self.scene.set_mode(mode)
        self.mode_actions[mode].setChecked(True)

    def set_mode(self, mode: str) -> None:
        self.state.set_mode(mode)

    def show_phase(self, index: int) -> None:
        self.state.set_phase(index)

    def _on_play_state(self, playing: bool) -> None:
        self.play_action.setText(self.tr("&Pause") if playing else self.tr("&Play assembly"))
        self.play_action.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPause if playing
            else QStyle.StandardPixmap.SP_MediaPlay))

    # ---- windows and dialogs -----------------------------------------------------------

    def all_plans(self) -> dict[str, Plan]:
        for pid, path in plan_paths().items():
            if self.plans.get(pid) is None:
                self.plans[pid] = load_plan(path)
        return dict(self.plans)

    def show_compare(self) -> None:
        from .compare import CompareWindow

        plans = self.all_plans()
        left = self.state.plan.id if self.state.plan.id in plans else "ros-2024"
        right = "mir" if left != "mir" else "tiangong"
        if self._compare is not None:
            self._compare.close()
        self._compare = CompareWindow(plans, left, right, self)
        self._compare.show()

    def show_shortcuts(self) -> None:
        self._dialogs.append(show_text_dialog(self, self.tr("Keyboard shortcuts"),
                                              shortcuts_html()))

    def show_about(self) -> None:
        self._dialogs.append(show_text_dialog(self, self.tr("About ROSS Explorer"),
                                              about_html(VERSION)))

    # ---- imported models ---------------------------------------------------------------

    def loader(self):
        from models3d.importer import IsolatedLoader

        if self._loader is None:
            self._loader = IsolatedLoader(timeout=120)
        return self._loader

    def _ask_model_file(self) -> str | None:
        from .importing import MODEL_FILTER

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import model"),
                                              str(Path.home()), MODEL_FILTER)
        return path or None

    def load_model_async(self, path: str, then):
        """Read a model in the worker process; on success call then(model)."""
        from .importing import LoadTask

        task = LoadTask(self.loader(), path, self)
        self._tasks.append(task)
        plan = self.state.plan

        def finished(model, error):
            if task in self._tasks:
                self._tasks.remove(task)
            if self._closing or self.state.plan is not plan:
                return  # the window closed or another plan opened meanwhile
            if error:
                self._error(self.tr("The model could not be imported"), error)
            else:
                then(model)

        task.done.connect(finished)
        return task

    def import_for_module(self, module_id: str | None = None, path: str | None = None,
                          placement=None, interactive: bool = True):
        mid = module_id or self.state.selected
        if mid is None:
            self.statusBar().showMessage(self.tr(
                "Select a module first (in the view or the list), or drop a file on it."),
                8000)
            return None
        path = path or self._ask_model_file()
        if not path:
            return None
        return self.load_model_async(
            path, lambda m: self.place_module(mid, m, path, placement, interactive))

    def place_module(self, mid: str, model, path: str, placement=None,
                     interactive: bool = True) -> bool:
        from models3d.importer import Placement, place

        from .importing import PlacementDialog

        module = self.state.plan.modules[mid]
        previous = self.scene.overrides.get(mid)

        def preview(p, _offset=None):
            meshes, colors, textures, _ = place(model, mid, p, module.shape.length,
                                                module.shape.diameter)
            self.scene.set_override(mid, meshes, colors, textures)

        if interactive:
            dlg = PlacementDialog(self, model, preview, module=module, placement=placement)
            if dlg.exec() != QDialog.DialogCode.Accepted:
                if previous is not None:
                    self.scene.set_override(mid, *previous)
                else:
                    self.scene.clear_override(mid)
                return False
            placement = dlg.placement()
        else:
            placement = placement or Placement("fit", "m", "+x")
            preview(placement)
        self.imports[mid] = (path, placement)
        self._save_imports()
        self.statusBar().showMessage(
            f"{text(module.abbr, self.language)}: {self.tr('drawn with')} "
            f"{Path(path).name} ({model.triangles:,} {self.tr('triangles')})", 10000)
        return True

    def reset_mesh(self, module_id: str | None = None) -> None:
        mid = module_id or self.state.selected
        if mid in self.imports:
            self.scene.clear_override(mid)
            del self.imports[mid]
            self._save_imports()
            self.statusBar().showMessage(self.tr("Built-in mesh restored."), 6000)

    def add_reference(self, path: str | None = None, placement=None, offset=None,
                      interactive: bool = True):
        path = path or self._ask_model_file()
        if not path:
            return None
        return self.load_model_async(
            path, lambda m: self.place_reference(m, path, placement, offset, None,
                                                 interactive))

    def _default_offset(self, model, placement) -> np.ndarray:
        from models3d.importer import place

        lo, hi = self.scene.bounds(len(self.state.states) - 1, references=False)
        meshes = place(model, "ref", placement)[0]
        mlo, mhi = meshes.bounds()
        return np.array([0.0, hi[1] + 6.0 + (mhi[1] - mlo[1]) / 2, 0.0])

    def place_reference(self, model, path: str, placement=None, offset=None,
                        ref_id: str | None = None, interactive: bool = True):
        from models3d.importer import Placement, place

        from .importing import PlacementDialog

        placement = placement or Placement("units", "m", "+x")
        ref_id = ref_id or f"ref{len(self.refs) + 1}"
        while ref_id in self.refs and self.refs[ref_id]["path"] != path:
            ref_id += "+"
        offset = np.asarray(offset if offset is not None
                            else self._default_offset(model, placement), dtype=float)

        def preview(p, off):
            meshes, colors, textures, _ = place(model, ref_id, p)
            t = np.eye(4)
            t[:3, 3] = off
            self.scene.add_reference(ref_id, meshes, colors, textures, t)

        if interactive:
            dlg = PlacementDialog(self, model, preview, placement=placement, offset=offset)
            if dlg.exec() != QDialog.DialogCode.Accepted:
                if ref_id not in self.refs:
                    self.scene.remove_reference(ref_id)
                else:
                    r = self.refs[ref_id]
                    preview(r["placement"], r["offset"])
                return None
            placement, offset = dlg.placement(), dlg.offset_value()
        else:
            preview(placement, offset)
        self.refs[ref_id] = {"path": path, "placement": placement, "offset": offset,
                             "model": model}
        self._save_imports()
        self._update_reference_list()
        return ref_id

    def edit_reference(self, ref_id: str) -> None:
        r = self.refs.get(ref_id)
        if r is not None:
            self.place_reference(r["model"], r["path"], r["placement"], r["offset"], ref_id)

    def remove_reference(self, ref_id: str) -> None:
        if self.refs.pop(ref_id, None) is not None:
            self.scene.remove_reference(ref_id)
            self._save_imports()
            self._update_reference_list()

    def _update_reference_list(self) -> None:
        self.module_list.set_references(
            [(rid, Path(r["path"]).name) for rid, r in self.refs.items()])

    def _save_imports(self) -> None:
        import json

        plan = self.state.plan
        key = plan_key(plan).replace("/", "|")
        s = settings()
        s.setValue(f"imports/{key}", json.dumps({
            mid: {"path": path, "mode": p.mode, "unit": p.unit, "axis": p.axis}
            for mid, (path, p) in self.imports.items()}))
        s.setValue(f"references/{key}", json.dumps([
            {"path": r["path"], "mode": r["placement"].mode, "unit": r["placement"].unit,
             "axis": r["placement"].axis, "offset": [float(x) for x in r["offset"]]}
            for r in self.refs.values()]))
        s.sync()

    def _restore_imports(self) -> None:
        """Re-apply the user's imported models for this plan (read in the background)."""
        import json

        from models3d.importer import Placement

        key = plan_key(self.state.plan).replace("/", "|")
        s = settings()
        try:
            mods = json.loads(s.value(f"imports/{key}") or "{}")
            refs = json.loads(s.value(f"references/{key}") or "[]")
        except (TypeError, ValueError):
            return
        missing = []
        for mid, rec in mods.items():
            if mid not in self.state.plan.modules:
                continue
            if not Path(rec.get("path", "")).is_file():
                missing.append(rec.get("path", "?"))
                continue
            p = Placement(rec.get("mode", "fit"), rec.get("unit", "m"), rec.get("axis", "+x"))
            self.import_for_module(mid, rec["path"], p, interactive=False)
        for rec in refs:
            if not Path(rec.get("path", "")).is_file():
                missing.append(rec.get("path", "?"))
                continue
            p = Placement(rec.get("mode", "units"), rec.get("unit", "m"),
                          rec.get("axis", "+x"))
            self.add_reference(rec["path"], p, rec.get("offset"), interactive=False)
        if missing:
            self.statusBar().showMessage(self.tr("Imported models not found: {0}")
                                         .format(", ".join(missing)), 10000)

    # drag and drop: on a module in the view or the list imports for that module, anywhere
    # else adds a reference model
    def dragEnterEvent(self, ev) -> None:
        from models3d.importer import EXTENSIONS

        urls = ev.mimeData().urls()
        if urls and all(u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in
                        EXTENSIONS for u in urls):
            ev.acceptProposedAction()

    def dragMoveEvent(self, ev) -> None:
        ev.acceptProposedAction()

    def dropEvent(self, ev) -> None:
        path = ev.mimeData().urls()[0].toLocalFile()
        ev.acceptProposedAction()
        self.handle_drop(path, ev.position().toPoint())

    def handle_drop(self, path: str, window_pos) -> None:
        mid = None
        view_pos = self.view.mapFrom(self, window_pos)
        if self.view.rect().contains(view_pos):
            mid = self.view.pick_at(view_pos.x(), view_pos.y())
        else:
            tree = self.module_list.viewport()
            tree_pos = tree.mapFrom(self, window_pos)
            if tree.rect().contains(tree_pos):
                item = self.module_list.itemAt(tree_pos)
                mid = item.data(0, Qt.ItemDataRole.UserRole) if item else None
                if mid not in self.state.modules():
                    mid = None
        if mid:
            self.state.select(mid)
            self.import_for_module(mid, path)
        else:
            self.add_reference(path)

    # ---- export ----------------------------------------------------------------------

    def export_folder(self) -> str:
        from PySide6.QtCore import QStandardPaths

        saved = settings().value("export_folder")
        if saved and Path(saved).is_dir():
            return str(saved)
        pics = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation)
        return pics if pics and Path(pics).is_dir() else str(Path.home())

    def quick_screenshot(self, folder: str | None = None) -> str | None:
        """The view at its size (device pixels) as a PNG named by plan, phase and time."""
        from datetime import datetime

        from models3d.imaging import ExportError, default_name

        from .export.jobs import ExportRequest, make_job, run_job

        st = self.state
        dpr = self.view.devicePixelRatioF()
        w, h = int(self.view.width() * dpr), int(self.view.height() * dpr)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = Path(folder or self.export_folder()) / default_name(st.plan.id, st.phase,
                                                                   stamp)
        req = ExportRequest(st.plan, [st.phase], path, "png", w, h, 1,
                            camera=self.view.camera_state(), mode=st.mode,
                            hidden=tuple(st.hidden))
        self._with_imports(req)
        try:
            run_job(make_job(req))
        except ExportError as exc:
            self._error(self.tr("The screenshot could not be saved"), str(exc))
            return None
        self.statusBar().showMessage(f"{self.tr('Saved')} {path}", 10000)
        return str(path)

    def show_export(self) -> None:
        from .export.dialog import ExportDialog

        dlg = ExportDialog(self, self.export_folder())
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.start_export(dlg.request())

    def start_export(self, req):
        from .export.dialog import JobRunner
        from .export.jobs import make_job

        settings().setValue("export_folder", str(req.path.parent))
        self._with_imports(req)
        self.export_runner = JobRunner(self, make_job(req), self._on_export_done,
                                       self.tr("Exporting {0}...").format(req.path.name))
        return self.export_runner

    def _with_imports(self, req) -> None:
        """Exports show what the view shows: imported meshes and reference models too."""
        req.overrides = dict(self.scene.overrides)
        req.references = {rid: (ref[1], ref[2], ref[3], ref[4])
                          for rid, ref in self.scene.references.items() if ref[0].visible()}

    def _on_export_done(self, files: list[str], error, cancelled: bool = False) -> None:
        if cancelled:
            self.statusBar().showMessage(self.tr("Export cancelled; nothing was kept."),
                                         8000)
        elif error:
            self._error(self.tr("The export failed"), error)
        elif files:
            more = f" (+{len(files) - 1})" if len(files) > 1 else ""
            self.statusBar().showMessage(f"{self.tr('Exported')} {files[-1]}{more}", 10000)

    def _error(self, title: str, detail: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, title, parent=self)
        box.setInformativeText(detail)
        box.setModal(False)
        box.show()
        self._dialogs.append(box)
        self.statusBar().showMessage(detail.splitlines()[0], 10000)

    def set_language(self, code: str) -> None:
        s = settings()
        s.setValue("language", code)
        self.language = i18n.install(QApplication.instance(), None if code == "system"
                                     else code)
        self.retranslate()
        self.timeline.update()
        self._on_plan_title()

    def _on_plan_title(self) -> None:
        if self.state.plan is not None:
            self.setWindowTitle(f"{text(self.state.plan.title, self.language)} — "
                                "ROSS Explorer")

    # ---- settings --------------------------------------------------------------------

    def save_settings(self) -> None:
        s = settings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("window_state", self.saveState())
        plan = self.state.plan
        if plan is not None:
            s.setValue("plan", plan_key(plan))
            s.setValue("phase", self.state.phase)
        s.setValue("mode", self.state.mode)
        s.setValue("labels", self.scene.labels_visible)
        s.setValue("docking_animations", self.animate_docking)
        if self.antialiasing_chosen:
            s.setValue("antialiasing", self.view.requested_samples > 0)
        s.sync()

    def restore_settings(self) -> None:
        s = settings()
        geo = s.value("geometry")
        if isinstance(geo, QByteArray):
            self.restoreGeometry(geo)
        ws = s.value("window_state")
        if isinstance(ws, QByteArray):
            self.restoreState(ws)
        mode = s.value("mode")
        if mode in MODES:
            self.state.set_mode(mode)
        self.labels_action.setChecked(as_bool(s.value("labels"), False))
        self.dock_anim_action.setChecked(as_bool(s.value("docking_animations"), True))
        aa = s.value("antialiasing")
        if aa is not None:
            self.set_antialiasing(as_bool(aa), chosen=True)

    def closeEvent(self, event) -> None:
        self._closing = True
        self.timeline.set_playing(False)
        for task in self._tasks:
            task.cancel()
        if self._loader is not None:
            self._loader.close()
        self.save_settings()
        if self._compare is not None:
            self._compare.close()
        # free GPU buffers while the GL context is still alive
        self.scene.clear()
        super().closeEvent(event)
