"""Optional parts of the main window (the orbit view, tours, view overlays), each a
module with `SPECS` (its commands, as in ui.actions) and `install(window)`, which adds
its docks and widgets and wires them to the window's viewer model. The window knows
only this list, so a feature never edits the window's layout code."""

from __future__ import annotations

import importlib

from .actions import ActionSpec

FEATURES: tuple[str, ...] = (  # module names
    "ui.orbit.feature",
    "ui.overlays.feature",
    "ui.portmap.feature",
    "ui.camera_files",
    "ui.tours.feature",
    "ui.dock_tabs",  # last: it styles the tab bars of every dock above
)


def _modules():
    return [importlib.import_module(name) for name in FEATURES]


def specs() -> tuple[ActionSpec, ...]:
    return tuple(spec for m in _modules() for spec in getattr(m, "SPECS", ()))


def install(window) -> dict:
    """Install every feature into the window; returns {module name: what install
    returned} so tests and other features can reach them."""
    return {m.__name__: m.install(window) for m in _modules()}
