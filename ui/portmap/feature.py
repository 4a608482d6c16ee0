"""The port map feature of the main window (registered in ui.features): a dock with the
port map, a choice of the side it is seen from, and a one-line key. On a small screen
the dock is a tab beside the Properties dock; on a large one it sits under it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QComboBox, QDockWidget, QLabel, QVBoxLayout, QWidget

from .. import layout
from ..binding import Bindings
from .view import VIEWS, PortMapView, view_label


def tr(s: str) -> str:
    return QCoreApplication.translate("portmap", s)


SPECS = ()  # the dock's own toggle sits in View > Panels


class PortMapPanel(QWidget):
    """The map with its view chooser and key."""

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.setObjectName("port_map_panel")
        self.map = PortMapView(model)
        self.view_box = QComboBox()
        self.view_box.setObjectName("port_map_view")
        for v in VIEWS:
            self.view_box.addItem("", v)
        self.key = QLabel()
        self.key.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.view_box)
        lay.addWidget(self.map, 1)
        lay.addWidget(self.key)
        self.view_box.activated.connect(
            lambda i: self.map.set_view(self.view_box.itemData(i))
        )
        self.map.view_changed.connect(self._show_view)
        self.bindings = Bindings(self)
        self.bindings.connect(model.language_changed, self.retranslate)
        self._show_view(self.map.view)
        self.retranslate()

    def _show_view(self, view: str) -> None:
        self.view_box.setCurrentIndex(VIEWS.index(view))

    def retranslate(self, *_) -> None:
        for i, v in enumerate(VIEWS):
            self.view_box.setItemText(i, view_label(v))
        self.key.setText(
            tr(
                "Boxes: modules; dots: ports (filled: in use); lines join docked "
                "ports. Click a box to select its module."
            )
        )


class PortMapFeature(QObject):
    """What `install` adds to a window, reachable as window.features[__name__]."""

    def __init__(self, window):
        super().__init__(window)
        self.panel = PortMapPanel(window.model)
        dock = self.dock = QDockWidget(window)
        dock.setObjectName("dock_portmap")
        dock.setWidget(self.panel)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        anchor = window.docks.get("properties")
        if anchor is not None and layout.is_small(window):
            window.addDockWidget(right, dock)
            window.tabifyDockWidget(anchor, dock)
            anchor.raise_()
        else:
            # under the right-hand docks (a split beside a tabbed dock would tab it)
            window.addDockWidget(right, dock, Qt.Orientation.Vertical)
        window.docks["portmap"] = dock
        submenus = getattr(window, "submenus", None)
        if submenus is not None:
            submenus.panels.addAction(dock.toggleViewAction())
        self.bindings = Bindings(self)
        self.bindings.connect(window.model.language_changed, self.retranslate)
        self.retranslate()

    def retranslate(self, *_) -> None:
        self.dock.setWindowTitle(tr("Port map"))


def install(window) -> PortMapFeature:
    return PortMapFeature(window)
