"""The globe view widget: a pyqtgraph GLViewWidget with the station view's camera
code (ui.viewport.camera), a starry sky and its own OrbitScene.

Left-drag turns the globe, the wheel zooms (never inside the Earth). GL resources
are freed when the widget's context goes; textures are shared with every other
globe (ui.orbit.items.SharedTextures)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph.opengl as gl
from PySide6.QtCore import Qt, Signal

from ..viewport.camera import CameraMixin
from ..viewport.items import SkyItem
from .scene import SCENE_RADIUS, OrbitScene

MIN_DISTANCE, MAX_DISTANCE = 1.35, 30.0


def framing(view, radius: float = 1.2) -> float:
    """Camera distance at which a sphere of `radius` round the origin fills the
    narrower side of the view."""
    tan_h = math.tan(math.radians(float(view.opts["fov"])) / 2)
    tan_v = tan_h / max(view.aspect(), 1e-6)
    return radius / math.sin(math.atan(min(tan_h, tan_v)))


def frame_camera(view, scene: OrbitScene) -> None:
    """The first view of a globe: from 75 degrees east of the Sun and 22 degrees up,
    so the day side, the terminator and part of the night side all show."""
    sun = scene.sun_direction() if scene.shown is not None else np.array([1.0, 0, 0])
    az = math.degrees(math.atan2(sun[1], sun[0])) + 75.0
    ring = scene.shown.orbit.semi_major_km / 6378.137 if scene.shown else 1.0
    view.set_camera(np.zeros(3), framing(view, 1.08 * ring), 22.0, az, animate=False)


class OrbitView(CameraMixin, gl.GLViewWidget):
    camera_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("orbit_view")
        self.setMinimumSize(160, 120)
        self.sky = SkyItem()
        self.addItem(self.sky)
        self.set_scene_sphere(np.zeros(3), SCENE_RADIUS)
        self.scene = OrbitScene(self)
        self.opts["distance"] = 4.0
        self.user_moved = False  # until the user turns or zooms, resizing reframes

    def initializeGL(self):
        super().initializeGL()
        self.context().aboutToBeDestroyed.connect(self._on_context_destroyed)

    def paintGL(self):
        self.scene.upload()
        super().paintGL()

    def _on_context_destroyed(self):
        self.makeCurrent()
        try:
            self.scene.release()
        finally:
            self.doneCurrent()

    def close_gl(self) -> None:
        """Free the GL resources now (the widget is going away)."""
        self.scene.close()

    def _clamp_distance(self, d: float) -> float:
        return float(np.clip(d, MIN_DISTANCE, MAX_DISTANCE))

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        if not self.user_moved and self.scene.shown is not None:
            frame_camera(self, self.scene)

    def mouseMoveEvent(self, ev):
        super().mouseMoveEvent(ev)
        self.opts["elevation"] = float(np.clip(self.opts["elevation"], -89.9, 89.9))
        if ev.buttons() != Qt.MouseButton.NoButton:
            self.user_moved = True
            self.camera_changed.emit()

    def wheelEvent(self, ev):
        delta = ev.angleDelta().y() or ev.angleDelta().x()
        self.user_moved = True
        self.set_camera(distance=self.opts["distance"] * 0.999**delta, animate=False)
