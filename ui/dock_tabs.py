"""Short labels on the tabs of the window's tabbed docks.

On a small screen every panel shares one tabbed dock on the right (ui/layout.py): six
full titles ("Station totals", "Карта орбиты") need 510-590 px and the dock has about
380, so Qt elided them to "Мо... | С... | Итоги п...". Qt takes a tab's text from its
dock's window title, which the rest of the app needs in full (the dock's title bar, a
floating dock, View > Panels, the tab's tooltip), so the titles stay as they are and
the window's dock tab bars get a proxy style that, on a bar whose full titles do not
fit, sizes and draws each dock's short label instead, with a little less padding round
it ("Модули | Свойства | Итоги | Орбита | Карта | Порты": 356 px). A bar with room
keeps the full titles. These tab bars never elide: should even the short labels not
fit (a large system font), Qt's scroll arrows appear and every label stays whole.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOptionTab,
    QTabBar,
)

from .actions import N_


def tr(s: str) -> str:
    return QCoreApplication.translate("DockTabs", s)


SHORT = {  # dock object name -> the label of its tab
    "dock_modules": N_("Modules"),
    "dock_properties": N_("Properties"),
    "dock_totals": N_("Totals"),
    "dock_orbit": N_("Orbit"),
    "dock_orbit_map": N_("Map"),
    "dock_portmap": N_("Ports"),
}
PADDING = 0.6  # of the style's own space round a tab's text (24 px in Fusion)


class TabLabelStyle(QProxyStyle):
    """The window's style for its dock tab bars: on a crowded bar, a tab whose text is
    the title of a dock in SHORT is sized and drawn with the short label."""

    def __init__(self, window):
        # a fresh instance of the application's style: a proxy owns its base style
        super().__init__(QStyleFactory.create(QApplication.style().name()))
        self.window = window

    def label(self, title: str, bar: QTabBar | None = None) -> str:
        """What a tab with this title shows: its dock's short label when the full
        titles of `bar` do not fit side by side (or no bar is given)."""
        if bar is not None and not self.crowded(bar):
            return title
        try:
            for dock in list(self.window.docks.values()):
                key = SHORT.get(dock.objectName())
                if key is not None and dock.windowTitle() == title:
                    return tr(key)
        except RuntimeError:  # the window is being destroyed
            pass
        return title

    def crowded(self, bar: QTabBar) -> bool:
        """Whether the bar's full titles, each with its padding, overrun the bar."""
        fm = bar.fontMetrics()
        space = self.pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
        flags = Qt.TextFlag.TextShowMnemonic
        need = sum(
            fm.size(flags, bar.tabText(i)).width() + space for i in range(bar.count())
        )
        room = bar.height() if _vertical(bar.shape()) else bar.width()
        return need > room

    def pixelMetric(self, metric, option=None, widget=None):
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return round(value * PADDING)
        return value

    def sizeFromContents(self, ct, option, size, widget=None):
        if ct == QStyle.ContentsType.CT_TabBarTab and isinstance(widget, QTabBar):
            short = self.label(option.text, widget)
            if short != option.text:
                # QTabBar measured the full title: take its width back off
                fm = widget.fontMetrics()
                flags = Qt.TextFlag.TextShowMnemonic
                d = fm.size(flags, option.text).width() - fm.size(flags, short).width()
                if _vertical(option.shape):
                    size = QSize(size.width(), size.height() - d)
                else:
                    size = QSize(size.width() - d, size.height())
        return super().sizeFromContents(ct, option, size, widget)

    def drawControl(self, element, option, painter, widget=None):
        if element == QStyle.ControlElement.CE_TabBarTabLabel and isinstance(
            widget, QTabBar
        ):
            short = self.label(option.text, widget)
            if short != option.text:
                option = QStyleOptionTab(option)
                option.text = short
        super().drawControl(element, option, painter, widget)


def _vertical(shape) -> bool:
    s = QTabBar.Shape
    return shape in (
        s.RoundedWest,
        s.RoundedEast,
        s.TriangularWest,
        s.TriangularEast,
    )


class DockTabs(QObject):
    """Gives each tab bar the window makes for its docks (Qt makes them when docks are
    tabbed, also later, when the user drags one onto another) the short-label style."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.style = TabLabelStyle(window)
        self.style.setParent(self)
        for bar in window.findChildren(
            QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            self._adopt(bar)
        window.installEventFilter(self)

    def _adopt(self, bar: QTabBar) -> None:
        if bar.style() is not self.style:
            bar.setElideMode(Qt.TextElideMode.ElideNone)
            bar.setStyle(self.style)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.ChildPolished:
            child = event.child()
            if isinstance(child, QTabBar):
                self._adopt(child)
        return False


def install(window) -> DockTabs:
    return DockTabs(window)
