"""The orbit feature of the main window (registered in ui.features): the Orbit menu,
the orbit dock (globe) and the orbit map dock, one clock for both, and the "Sun from
orbit" switch of the station view."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDockWidget

from ..actions import ActionSpec
from ..binding import Bindings
from .clock import OrbitClock
from .map_panel import MapPanel
from .panel import OrbitPanel
from .sunlit import StationSunlight


def tr(s: str) -> str:
    # the context of the action table, which translates every command's text
    return QCoreApplication.translate("MainWindow", s)


def N_(s: str) -> str:  # the gettext convention: marks a string to translate
    return s


def orbit_of(window) -> OrbitFeature | None:
    return getattr(window, "features", {}).get(__name__)


def _has_orbit(w) -> bool:
    feature = orbit_of(w)
    return feature is not None and feature.sunlight.available()


def _playing(w) -> bool:
    feature = orbit_of(w)
    return feature is not None and feature.clock.playing


def _sunlit(w) -> bool:
    feature = orbit_of(w)
    return feature is not None and feature.sunlight.on


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "orbit_view",
        N_("Show the &orbit view"),
        "orbit",
        lambda w, _: orbit_of(w).show_dock("orbit"),
        "Ctrl+Shift+O",
        N_(
            "The plan's orbit on a globe: ring, station, Sun, ground track and "
            "the coverage band"
        ),
    ),
    ActionSpec(
        "orbit_map",
        N_("Show the orbit &map and numbers"),
        "orbit",
        lambda w, _: orbit_of(w).show_dock("orbit_map"),
        "Ctrl+Shift+M",
        N_(
            "A day of ground track on a world map, the coverage of Russia and "
            "the orbit's numbers with their method"
        ),
    ),
    ActionSpec(
        "orbit_play",
        N_("&Play the orbit"),
        "orbit",
        lambda w, on: orbit_of(w).clock.set_playing(on),
        "",
        N_("Run the orbit's clock"),
        checkable=True,
        separator=True,
        text_checked=N_("&Pause the orbit"),
        enabled_when=_has_orbit,
        checked_when=_playing,
    ),
    ActionSpec(
        "sun_from_orbit",
        N_("&Sun from orbit"),
        "orbit",
        lambda w, on: orbit_of(w).sunlight.set_on(on),
        "",
        N_(
            "Light the station as the Sun does at the orbit position shown: "
            "the Earth's glow from below, darkness in eclipse"
        ),
        checkable=True,
        enabled_when=_has_orbit,
        checked_when=_sunlit,
    ),
    ActionSpec(
        "export_orbit",
        N_("&Export orbit picture..."),
        "orbit",
        lambda w, _: orbit_of(w).show_export_dialog(),
        "",
        N_("The globe or the map as a picture"),
        separator=True,
        enabled_when=_has_orbit,
    ),
)


class OrbitFeature(QObject):
    """What `install` adds to a window, reachable as window.features[__name__]."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        model = window.model
        self.clock = OrbitClock(self)
        self.panel = OrbitPanel(model, self.clock)
        self.map = MapPanel(model, self.clock)
        self.sunlight = StationSunlight(window, self.clock)
        self.docks: dict[str, QDockWidget] = {}
        right = Qt.DockWidgetArea.RightDockWidgetArea
        for key, widget in (("orbit", self.panel), ("orbit_map", self.map)):
            dock = QDockWidget(window)
            dock.setObjectName(f"dock_{key}")
            dock.setWidget(widget)
            window.addDockWidget(right, dock)
            anchor = window.docks.get("properties")
            if anchor is not None:
                window.tabifyDockWidget(anchor, dock)
            window.docks[key] = dock
            self.docks[key] = dock
            widget.active = False
            dock.visibilityChanged.connect(widget.set_active)
        if "properties" in window.docks:
            window.docks["properties"].raise_()
        self.runner = None
        self.clock.playing_changed.connect(window.commands.refresh)
        self.bindings = Bindings(self)
        self.bindings.connect(model.language_changed, self.retranslate)
        self.bindings.connect(model.plan_changed, self._on_plan)
        self.retranslate()

    def retranslate(self, *_) -> None:
        self.docks["orbit"].setWindowTitle(tr("Orbit view"))
        self.docks["orbit_map"].setWindowTitle(tr("Orbit map"))

    def _on_plan(self) -> None:
        if not self.sunlight.available():
            self.clock.set_playing(False)

    def add_to_export(self, req) -> None:
        """Pictures of the view in "Sun from orbit" keep its light."""
        self.sunlight.add_to_export(req)

    def show_dock(self, key: str) -> None:
        dock = self.docks[key]
        dock.show()
        dock.raise_()

    def show_export_dialog(self) -> None:
        from PySide6.QtWidgets import QDialog

        from .export_dialog import OrbitExportDialog

        exports = self.window.exports
        dlg = OrbitExportDialog(self.window, self.panel, exports.folder())
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.start_export(dlg.request())

    def start_export(self, req):
        """Run an orbit picture job with the export's progress dialog."""
        from ..export.dialog import JobRunner
        from ..settings import settings
        from .export import make_job

        settings().setValue("export_folder", str(req.path.parent))
        title = QCoreApplication.translate("orbit", "Exporting {0}...")
        self.runner = JobRunner(
            self.window, make_job(req), self._on_done, title.format(req.path.name)
        )
        return self.runner

    def _on_done(self, files: list[str], error, cancelled: bool = False) -> None:
        bar = self.window.statusBar()
        if cancelled:
            bar.showMessage(
                QCoreApplication.translate(
                    "orbit", "Export cancelled; nothing was kept."
                ),
                8000,
            )
        elif error:
            self.window.show_error(
                QCoreApplication.translate("orbit", "The export failed"), error
            )
        elif files:
            done = QCoreApplication.translate("orbit", "Exported {0}")
            bar.showMessage(done.format(files[-1]), 10000)


def install(window) -> OrbitFeature:
    return OrbitFeature(window)
