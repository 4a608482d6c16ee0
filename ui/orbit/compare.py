"""The compare window's orbits: the two sides' plans on two globes with one clock and
one camera (turning the left globe turns the right one the same way)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from models3d.viewer_model import ViewerModel

from .clock import OrbitClock
from .panel import OrbitPanel
from .timebar import TimeBar


def tr(s: str) -> str:
    return QCoreApplication.translate("orbit", s)


class OrbitPair(QWidget):
    def __init__(self, left: ViewerModel, right: ViewerModel, parent=None):
        super().__init__(parent)
        self.setObjectName("compare_orbits")
        self.clock = OrbitClock(self)
        self.left = OrbitPanel(left, self.clock, timebar=False)
        self.right = OrbitPanel(right, self.clock, timebar=False)
        split = QSplitter()
        split.addWidget(self.left)
        split.addWidget(self.right)
        self.timebar = TimeBar(self.clock)
        bottom = QHBoxLayout()
        bottom.addWidget(self.timebar, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(split, 1)
        lay.addLayout(bottom)
        self.left.view.camera_changed.connect(self._sync_camera)

    def _sync_camera(self) -> None:
        if not self.left.view.user_moved:
            return  # the left globe framing itself: the right one frames itself too
        _, dist, el, az = self.left.view.camera_state()
        self.right.view.user_moved = True
        self.right.view.set_camera(distance=dist, elevation=el, azimuth=az)

    def close_gl(self) -> None:
        self.clock.set_playing(False)
        for panel in (self.left, self.right):
            panel.close_gl()
