"""The window's layout and display options in the user's settings, read back with a
check per key (a bad value resets that key and the status bar says which)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from models3d import catalogue
from models3d.viewer_model import DISPLAY_MODES

from .settings import CheckedSettings, settings, settings_problem


def tr(s: str) -> str:
    return QCoreApplication.translate("MainWindow", s)


def save(window) -> None:
    s = settings()
    s.setValue("geometry", window.saveGeometry())
    s.setValue("window_state", window.saveState())
    m = window.model
    if m.plan is not None:
        s.setValue("plan", catalogue.plan_key(m.plan))
        s.setValue("phase", m.phase)
    s.setValue("mode", m.mode)
    s.setValue("labels", m.labels)
    s.setValue("docking_animations", m.animate_docking)
    s.setValue("shadows", m.shadows)
    if m.antialiasing is not None:
        s.setValue("antialiasing", bool(m.antialiasing))
    s.sync()


def restore(window) -> None:
    s = CheckedSettings()
    geo, ws = s.blob("geometry"), s.blob("window_state")
    if geo is not None:
        window.restoreGeometry(geo)
    if ws is not None:
        window.restoreState(ws)
    m = window.model
    m.set_mode(s.choice("mode", DISPLAY_MODES, m.mode))
    m.set_labels(s.boolean("labels", False))
    m.set_option("animate_docking", s.boolean("docking_animations", True))
    m.set_option("shadows", s.boolean("shadows", True))
    aa = s.boolean("antialiasing", None)
    if aa is not None:
        m.set_option("antialiasing", aa)
    if s.reset:
        window.statusBar().showMessage(
            tr("Unreadable settings were reset: {0}").format(", ".join(s.reset)), 10000
        )
    problem = settings_problem()
    if problem:
        window.statusBar().showMessage(
            tr("Settings are kept for this run only: {0}").format(problem), 15000
        )
