"""The main window: lays out the 3D view with the timeline under it, the panels in docks,
the menus and toolbar (from the action table) and the status bar, and wires them to one
ViewerModel. Flows live in controllers (imports, exports); views listen to the model."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QSurfaceFormat
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from models3d import __version__, catalogue
from models3d.errors import RossError
from models3d.plan import Plan, text
from models3d.viewer_model import ViewerModel

from . import features, i18n, window_state
from .actions import N_, SPECS, ActionTable, tr
from .binding import Bindings
from .context_menu import show_view_menu
from .controllers.exports import ExportController
from .controllers.imports import ImportController
from .help import about_html, shortcuts_html, show_text_dialog
from .history import History
from .layout import first_layout
from .panels import ModuleBrowser, ModuleList, PropertiesPanel, TotalsPanel
from .plan_selector import PlanSelector
from .presentation import Presentation
from .scene import StationScene
from .settings import settings
from .status import StatusReporter
from .statusbar import ElidingStatusBar
from .timeline import Timeline
from .view_menus import ViewSubmenus
from .viewport.view import StationView

DOCKS = (
    ("modules", N_("Modules"), Qt.DockWidgetArea.LeftDockWidgetArea),
    ("properties", N_("Properties"), Qt.DockWidgetArea.RightDockWidgetArea),
    ("totals", N_("Station totals"), Qt.DockWidgetArea.LeftDockWidgetArea),
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        plan: Plan,
        phase: int | None = None,
        *,
        restore: bool = False,
        language: str = "en",
    ):
        super().__init__()
        self.setObjectName("main_window")
        self.model = model = ViewerModel(language=language)
        self.dialogs: list = []
        self._compare = None
        self.setAcceptDrops(True)

        central = QWidget()
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.timeline = Timeline(model)
        self._make_view(samples=0)
        self.central_layout.addWidget(self.timeline)
        self.setCentralWidget(central)

        self.module_list = ModuleList(model)
        self.module_browser = ModuleBrowser(self.module_list)
        self.properties = PropertiesPanel(model)
        self.totals = TotalsPanel(model)
        self.docks: dict[str, QDockWidget] = {}
        for key, _title, area in DOCKS:
            dock = QDockWidget(self)
            dock.setObjectName(f"dock_{key}")
            dock.setWidget(getattr(self, {"modules": "module_browser"}.get(key, key)))
            self.addDockWidget(area, dock)
            self.docks[key] = dock
        self.setStatusBar(ElidingStatusBar(self))
        self.status = StatusReporter(self.statusBar(), model)

        self.imports = ImportController(self, model)
        self.exports = ExportController(self, model)
        self.commands = ActionTable(self, SPECS + features.specs())
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main_toolbar")
        self.addToolBar(self.toolbar)
        self.plan_label = QLabel()
        self.toolbar.addWidget(self.plan_label)
        self.plan_box = PlanSelector(model)
        self.plan_box.plan_requested.connect(self.load_plan_key)
        self.toolbar.addWidget(self.plan_box)
        self.toolbar.addSeparator()
        self.commands.fill_toolbar(self.toolbar)
        self.submenus = ViewSubmenus(self)
        self.module_list.reference_activated.connect(self.imports.edit_reference)
        self.module_list.reference_remove_requested.connect(
            self.imports.remove_reference
        )
        self.presentation = Presentation(self)
        self.history = History(self)
        self.features = features.install(self)
        self.timeline.play_state_changed.connect(self.commands.refresh)

        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self._on_plan_changed)
        self.bindings.connect(model.option_changed, self._on_option_changed)
        self.bindings.connect(model.language_changed, self.retranslate)
        for signal in (
            model.phase_changed,
            model.selection_changed,
            model.mode_changed,
            model.labels_changed,
            model.override_changed,
        ):
            self.bindings.connect(signal, self.commands.refresh)

        self.retranslate()
        first_layout(self)
        model.set_plan(plan, phase)
        if restore:
            self.restore_settings()
        self.view.frameSwapped.connect(self._on_first_frame)

    # ---- the view (recreated to change anti-aliasing) -----------------------------------

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
        self.scene = StationScene(view, self.model)
        view.context_requested.connect(lambda mid, pos: show_view_menu(self, mid, pos))

    def _on_first_frame(self) -> None:
        self.view.frameSwapped.disconnect(self._on_first_frame)
        # MSAA costs 2-2.5x per frame on a software renderer: on by default only on a GPU
        if self.model.antialiasing is None and not self.view.software_renderer:
            self.model.set_option("antialiasing", True)

    def _on_option_changed(self, name: str, value) -> None:
        if name == "antialiasing" and (self.view.requested_samples > 0) != bool(value):
            old_view, old_scene = self.view, self.scene
            camera = old_view.camera_state()
            old_scene.close()
            self._make_view(samples=4 if value else 0)
            old_view.deleteLater()
            self.view.set_camera(*camera, animate=False)
            self.history.watch_view(self.view)
        self.commands.refresh()

    # ---- menus -----------------------------------------------------------------------

    def retranslate(self, *_) -> None:
        """Every text of the window again in the current language; nothing is rebuilt."""
        self.commands.retranslate()
        self.commands.refresh()
        for key, title, _area in DOCKS:
            self.docks[key].setWindowTitle(tr(title))
        self.toolbar.setWindowTitle(tr("Main toolbar"))
        self.plan_label.setText(" " + tr("Plan:") + " ")
        self.submenus.retranslate()
        self.timeline.update()
        self._update_title()

    def set_language(self, code: str) -> None:
        settings().setValue("language", code)
        lang = i18n.install(QApplication.instance(), None if code == "system" else code)
        self.model.set_language(lang)
        self.retranslate()

    def _update_title(self) -> None:
        if self.model.plan is not None:
            title = text(self.model.plan.title, self.model.language)
            self.setWindowTitle(f"{title} — ROSS Explorer")

    # ---- plans -------------------------------------------------------------------------

    def load_plan_key(self, key: str) -> bool:
        """Open a bundled plan id or a plan file; on a broken file, say why and keep the
        current plan."""
        try:
            plan = catalogue.load_plan(catalogue.resolve_plan(key))
        except (RossError, OSError) as exc:
            self.show_error(tr("The plan file could not be opened"), str(exc))
            self.plan_box.sync()
            return False
        self.model.set_plan(plan)
        return True

    def open_plan_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Open plan file"), "", tr("Station plans (*.toml);;All files (*)")
        )
        if path:
            self.load_plan_key(path)

    def _on_plan_changed(self) -> None:
        self.timeline.set_playing(False)
        self.imports.restore()
        self.view.view_preset("iso", animate=False)
        self.history.note_camera()
        self._update_title()
        self.commands.refresh()

    # ---- windows and dialogs -----------------------------------------------------------

    def show_compare(self) -> None:
        from .compare import CompareWindow

        plans = {e.id: catalogue.load_plan(e.path) for e in self.plan_box.entries}
        left = self.model.plan.id if self.model.plan.id in plans else "ros-2024"
        right = "mir" if left != "mir" else "tiangong"
        if self._compare is not None:
            self._compare.close()
        self._compare = CompareWindow(plans, left, right, self)
        self._compare.show()

    def show_shortcuts(self) -> None:
        rows = self.commands.shortcut_rows()
        self.dialogs.append(
            show_text_dialog(self, tr("Keyboard shortcuts"), shortcuts_html(rows))
        )

    def show_about(self) -> None:
        self.dialogs.append(
            show_text_dialog(self, tr("About ROSS Explorer"), about_html(__version__))
        )

    def show_error(self, title: str, detail: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, title, parent=self)
        box.setInformativeText(detail)
        box.setModal(False)
        box.show()
        self.dialogs.append(box)
        self.statusBar().showMessage(detail.splitlines()[0], 10000)

    # ---- drag and drop -----------------------------------------------------------------

    def dragEnterEvent(self, ev) -> None:
        if self.imports.accepts(ev.mimeData()):
            ev.acceptProposedAction()

    def dragMoveEvent(self, ev) -> None:
        ev.acceptProposedAction()

    def dropEvent(self, ev) -> None:
        ev.acceptProposedAction()
        self.imports.drop(
            ev.mimeData().urls()[0].toLocalFile(), ev.position().toPoint()
        )

    # ---- settings ----------------------------------------------------------------------

    def save_settings(self) -> None:
        window_state.save(self)

    def restore_settings(self) -> None:
        window_state.restore(self)

    def closeEvent(self, event) -> None:
        self.timeline.set_playing(False)
        runner = self.exports.runner
        if runner is not None and not runner.finished:
            runner.cancel()  # an export in progress stops and leaves nothing behind
        self.history.close()
        self.imports.close()
        self.save_settings()
        if self._compare is not None:
            self._compare.close()
        self.scene.close()  # free GPU buffers while the GL context is still alive
        for view in (
            self.module_list,
            self.properties,
            self.totals,
            self.timeline,
            self.plan_box,
            self.status,
        ):
            view.bindings.release()
        self.bindings.release()
        super().closeEvent(event)
