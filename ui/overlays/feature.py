"""The view aids as a window feature (ui.features): their commands in the View menu and
`install(window)`, which puts the overlay on the window's 3D view.

Texts are marked with N_ in the "MainWindow" context, where the action table
translates every command."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..actions import ActionSpec
from .view_overlay import ViewOverlays


def tr(s: str) -> str:
    return QCoreApplication.translate("MainWindow", s)


def N_(s: str) -> str:  # the gettext convention: marks a string to translate
    return s


def _ctl(w) -> ViewOverlays | None:
    return getattr(w, "overlay_controller", None)


def _toggle(name: str):
    return lambda w, on: w.model.set_overlay(name, on)


def _shown(name: str):
    return lambda w: w.model.overlays[name]


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "scale_bar",
        N_("Scale &bar"),
        "view",
        _toggle("scale_bar"),
        "",
        N_("A bar of a round length in metres at the depth the view turns about"),
        checkable=True,
        separator=True,
        checked_when=_shown("scale_bar"),
    ),
    ActionSpec(
        "measure",
        N_("&Measure distance"),
        "view",
        lambda w, on: _ctl(w).set_measuring(on),
        "M",
        N_(
            "Click two points on the station to measure the distance between "
            "them; Esc leaves"
        ),
        checkable=True,
        checked_when=lambda w: bool(_ctl(w) and _ctl(w).measuring),
    ),
    ActionSpec(
        "copy_measurement",
        N_("Cop&y measured distance"),
        "view",
        lambda w, _: _ctl(w).copy_measurement(),
        "Ctrl+C",
        enabled_when=lambda w: bool(_ctl(w) and _ctl(w).distance is not None),
    ),
    ActionSpec(
        "dimensions",
        N_("&Dimensions of the selected module"),
        "view",
        _toggle("dimensions"),
        "D",
        N_("Length and diameter drawn on the selected module, with their confidence"),
        checkable=True,
        checked_when=_shown("dimensions"),
    ),
    ActionSpec(
        "human_figure",
        N_("Person for scale (1.8 m)"),
        "view",
        _toggle("human"),
        "",
        N_("A 1.8 m astronaut beside the station, also in exports"),
        checkable=True,
        checked_when=_shown("human"),
    ),
    ActionSpec(
        "iss_outline",
        N_("ISS o&utline at the same scale"),
        "view",
        _toggle("iss"),
        "",
        N_(
            "The International Space Station beside the station at true scale, "
            "also in exports"
        ),
        checkable=True,
        checked_when=_shown("iss"),
    ),
)


def install(window) -> ViewOverlays:
    controller = ViewOverlays(window)
    window.overlay_controller = controller
    return controller
