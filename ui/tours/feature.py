"""The tours feature of the main window (registered in ui.features): the Tours menu
with the bundled tours, play/pause, step, leave (Esc), open a tour file, the tour
editor and the video export."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog

from models3d.errors import RossError
from models3d.tour import Tour, bundled_tours, load_tour

from ..actions import ActionSpec
from ..binding import Bindings
from .player import TourPlayer

DEFAULT_TOUR = "ros-2024"


def tr(s: str) -> str:
    # the context of the action table, which translates every command's text
    return QCoreApplication.translate("MainWindow", s)


def N_(s: str) -> str:
    return s


def tours_of(window) -> TourFeature | None:
    # None while the window installs its features (window.features is set after)
    return getattr(window, "features", {}).get(__name__)


def _active(w) -> bool:
    f = tours_of(w)
    return f is not None and f.player.active


def _playing(w) -> bool:
    f = tours_of(w)
    return f is not None and f.player.playing


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "tour_play",
        N_("&Play tour"),
        "tours",
        lambda w, on: tours_of(w).play(on),
        "Ctrl+T",
        N_("Play the chosen tour; pause it"),
        checkable=True,
        text_checked=N_("&Pause tour"),
        checked_when=_playing,
        separator=True,
    ),
    ActionSpec(
        "tour_prev",
        N_("Pre&vious step"),
        "tours",
        lambda w, _: tours_of(w).player.step(-1),
        "PgUp",
        enabled_when=_active,
    ),
    ActionSpec(
        "tour_next",
        N_("&Next step"),
        "tours",
        lambda w, _: tours_of(w).player.step(1),
        "PgDown",
        enabled_when=_active,
    ),
    ActionSpec(
        "tour_stop",
        N_("&Leave the tour"),
        "tours",
        lambda w, _: tours_of(w).player.stop(),
        "Esc",
        N_("Stop the tour and go back to where you were"),
        enabled_when=_active,
    ),
    ActionSpec(
        "tour_open",
        N_("&Open tour file..."),
        "tours",
        lambda w, _: tours_of(w).open_file(),
        "",
        N_("Play a tour file (*.tour.json)"),
        separator=True,
    ),
    ActionSpec(
        "tour_editor",
        N_("Tour &editor..."),
        "tours",
        lambda w, _: tours_of(w).show_editor(),
        "",
        N_("Record views, write captions, reorder steps, save tour files"),
    ),
    ActionSpec(
        "tour_export",
        N_("E&xport tour video..."),
        "tours",
        lambda w, _: tours_of(w).show_export_dialog(),
        "",
        N_("The tour as an MP4 or GIF with a WebVTT caption file"),
    ),
)


class TourFeature(QObject):
    """What `install` adds to a window, reachable as window.features[__name__]."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.player = TourPlayer(window)
        self.player.changed.connect(self._on_player_changed)
        self.tours: dict[str, Tour] = bundled_tours(self.player.plans)
        self.current: Tour = self.tours.get(DEFAULT_TOUR) or next(
            iter(self.tours.values())
        )
        self.editor = None
        self.runner = None
        menu = window.commands.menus["tours"]
        self.bundled_menu = menu.addMenu("")
        self.bundled_menu.setObjectName("menu_bundled_tours")
        first = menu.actions()[0]
        menu.insertMenu(first, self.bundled_menu)
        self.tour_actions: dict[str, QAction] = {}
        for tid in self.tours:
            act = QAction(window)
            act.setObjectName(f"action_tour_{tid}")
            act.triggered.connect(lambda _=False, t=tid: self.play_tour(self.tours[t]))
            self.bundled_menu.addAction(act)
            self.tour_actions[tid] = act
        self.bindings = Bindings(self)
        self.bindings.connect(window.model.language_changed, self.retranslate)
        window.installEventFilter(self)
        self.retranslate()

    def eventFilter(self, obj, ev) -> bool:
        if obj is self.window and ev.type() == QEvent.Type.Close:
            # before the window saves its settings: it remembers where the user was
            self.player.stop()
        return False

    def retranslate(self, *_) -> None:
        lang = self.window.model.language
        self.bundled_menu.setTitle(tr("&Built-in tours"))
        for tid, act in self.tour_actions.items():
            tour = self.tours[tid]
            act.setText(
                tr("{0} ({1} s)").format(tour.title.get(lang), round(tour.duration))
            )
            act.setStatusTip(tour.summary.get(lang) if tour.summary else "")

    def _on_player_changed(self) -> None:
        self.window.commands.refresh()

    # ---- commands ------------------------------------------------------------------

    def play_tour(self, tour: Tour) -> None:
        self.current = tour
        self.player.start(tour)

    def play(self, on: bool) -> None:
        if not self.player.active:
            if on:
                self.play_tour(self.current)
            return
        self.player.play() if on else self.player.pause()

    def open_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            tr("Open tour file"),
            "",
            tr("Tours (*.tour.json *.json);;All files (*)"),
        )
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> Tour | None:
        try:
            tour = load_tour(path, self.player.plans)
        except (RossError, OSError) as exc:
            self.window.show_error(tr("The tour file could not be opened"), str(exc))
            return None
        self.play_tour(tour)
        return tour

    def show_editor(self):
        from .editor import TourEditor

        if self.editor is None:
            self.editor = TourEditor(self.window, self)
            self.editor.set_tour(self.current)
        self.editor.show()
        self.editor.raise_()
        return self.editor

    def show_export_dialog(self):
        from .export_dialog import TourExportDialog

        self.player.pause()
        dlg = TourExportDialog(self.window, self)
        dlg.open()
        return dlg

    def start_export(self, req):
        """Run a tour video job with the export's progress dialog and cancel."""
        from ..export.dialog import JobRunner
        from ..settings import settings
        from .export import tour_job

        settings().setValue("export_folder", str(req.path.parent))
        title = QCoreApplication.translate("tours", "Exporting {0}...")
        self.runner = JobRunner(
            self.window,
            tour_job(req),
            self._on_export_done,
            title.format(req.path.name),
        )
        return self.runner

    def _on_export_done(self, files: list[str], error, cancelled: bool = False) -> None:
        bar = self.window.statusBar()
        if cancelled:
            bar.showMessage(
                QCoreApplication.translate(
                    "tours", "Export cancelled; nothing was kept."
                ),
                8000,
            )
        elif error:
            self.window.show_error(
                QCoreApplication.translate("tours", "The tour video failed"), error
            )
        elif files:
            done = QCoreApplication.translate("tours", "Exported {0}")
            bar.showMessage(done.format(", ".join(files)), 10000)

    def close(self) -> None:
        self.player.close()
        if self.editor is not None:
            self.editor.close()


def install(window) -> TourFeature:
    return TourFeature(window)
