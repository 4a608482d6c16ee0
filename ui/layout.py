"""The first window layout, sized from the screen it opens on.

On a large screen the module list and totals sit on the left and the properties on the
right. On a small one (a 1280x720 laptop) every panel shares one tabbed dock on the
right (Modules first; ui/dock_tabs.py gives the tabs short labels that fit) and the
charts start collapsed, so the 3D view keeps at least half the window and every panel
is one click away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

SMALL_W, SMALL_H = (
    1600,
    900,
)  # available screen size below which the compact plan applies
PREFERRED = (1440, 900)
TAB_ORDER = ("modules", "properties", "totals")  # then the features' docks


def is_small(window) -> bool:
    geo = _available(window)
    return geo.width() < SMALL_W or geo.height() < SMALL_H


def _available(window):
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def first_layout(window) -> None:
    """Size and place the window inside the screen's available area and arrange its docks."""
    geo = _available(window)
    small = is_small(window)
    # a small screen gets all of it; a large one a comfortable window in its middle
    w = geo.width() if small else max(PREFERRED[0], int(geo.width() * 0.8))
    h = geo.height() if small else max(PREFERRED[1], int(geo.height() * 0.8))
    w, h = min(w, geo.width()), min(h, geo.height())
    _arrange_docks(window, small, w)
    # resize only now: before the docks share tabs their stacked minimum heights would
    # make the window taller than a small screen
    window.resize(w, h)
    window.move(geo.x() + (geo.width() - w) // 2, geo.y() + (geo.height() - h) // 2)


def _arrange_docks(window, small: bool, w: int) -> None:
    docks = window.docks
    right = Qt.DockWidgetArea.RightDockWidgetArea
    if small:
        # every panel into the Properties dock's tab group on the right: tabifying moves
        # a dock without re-adding Properties, which would leave the features' docks
        # stacked beside the tabs (their heights add up past a small screen)
        anchor = docks["properties"]
        if window.dockWidgetArea(anchor) != right:
            window.addDockWidget(right, anchor)
        keys = [
            key
            for key in (*TAB_ORDER, *(k for k in docks if k not in TAB_ORDER))
            if key in TAB_ORDER
            or (
                not docks[key].isFloating()
                and window.dockWidgetArea(docks[key]) == right
            )
        ]
        grouped = set(window.tabifiedDockWidgets(anchor))
        for key in keys:
            if docks[key] is not anchor and docks[key] not in grouped:
                window.tabifyDockWidget(anchor, docks[key])
        # then the tabs in reading order, Modules first: tabifying onto a dock of the
        # group moves a dock to the group's end; the group never drops below two
        # docks, so Qt keeps its one tab bar
        for key in keys[1:]:
            window.tabifyDockWidget(docks[keys[0]], docks[key])
        docks["modules"].raise_()
        window.resizeDocks(
            [docks["modules"]], [max(290, int(w * 0.24))], Qt.Orientation.Horizontal
        )
        window.totals.set_charts_visible(False)
    else:
        # the panels take at most about 38% of the width: the view keeps half the area
        window.resizeDocks(
            [docks["modules"], docks["properties"]],
            [max(240, int(w * 0.17)), max(290, int(w * 0.21))],
            Qt.Orientation.Horizontal,
        )
        window.resizeDocks(
            [docks["modules"], docks["totals"]], [300, 520], Qt.Orientation.Vertical
        )
