"""The station view: a pyqtgraph GLViewWidget with the project's camera and picking.

Mouse: left-drag orbits, right- or middle-drag (or Shift+left) pans, the wheel zooms
towards the cursor, a click selects the module under the cursor (exact ray cast), hovering
highlights. Keys: F fit all, Shift+F fit selected, 1 front, 3 side, 7 top, 9 (or 0) iso,
Ctrl+arrows orbit, Shift+arrows pan, +/- zoom, Esc clear the selection. Camera moves are animated.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph.opengl as gl
from PySide6.QtCore import QEasingCurve, QPointF, Qt, QVariantAnimation, Signal

from .camera import PRESETS, CameraMixin  # noqa: F401 - PRESETS re-exported
from .items import SkyItem

CLICK_SLOP = 4.0
ARROWS = {
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, 1),
    Qt.Key.Key_Down: (0, -1),
}  # pixels a press may move and still count as a click


class StationView(CameraMixin, gl.GLViewWidget):
    selection_changed = Signal(object)  # module id or None
    hover_changed = Signal(object)
    camera_changed = Signal()
    interaction_started = Signal()  # the user grabbed the camera: skip animations
    context_requested = Signal(object, object)  # module id or None, global QPoint
    model = None  # the ViewerModel shown (set by the scene that syncs this view)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("station_view")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sky = SkyItem()
        self.addItem(self.sky)
        self._press: QPointF | None = None
        self._dragged = False
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(380)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(self._on_anim_value)
        self._anim_from = self._anim_to = None
        self.animate = True
        self.before_paint = (
            None  # callable run with the context current, before drawing
        )
        self.gl_cleanup = None  # callable run with the context current before it dies

    # ---- GL life cycle ---------------------------------------------------------------

    def initializeGL(self):
        super().initializeGL()
        self.context().aboutToBeDestroyed.connect(self._on_context_destroyed)
        from OpenGL import GL

        self.renderer = (GL.glGetString(GL.GL_RENDERER) or b"").decode(errors="replace")

    renderer = ""

    @property
    def software_renderer(self) -> bool:
        r = self.renderer.lower()
        return any(s in r for s in ("llvmpipe", "softpipe", "swiftshader", "software"))

    def paintGL(self):
        if self.before_paint is not None:
            self.before_paint()
        super().paintGL()

    def _on_context_destroyed(self):
        if self.gl_cleanup is not None:
            self.makeCurrent()
            try:
                self.gl_cleanup()
            finally:
                self.doneCurrent()

    # ---- animated camera ------------------------------------------------------------

    def _go(self, current, target, animate) -> None:
        if animate is None:
            animate = self.animate
        self._anim.stop()
        if not animate or not self.isVisible():
            self._apply(target)
            return
        self._anim_from, self._anim_to = current, target
        self._anim.setStartValue(0.0)
        self._anim.setEndValue(1.0)
        self._anim.start()

    def _on_anim_value(self, t) -> None:
        a, b = self._anim_from, self._anim_to
        if a is None:
            return
        t = float(t)
        # interpolate distance geometrically so zooms feel even
        dist = a[1] * (b[1] / a[1]) ** t
        self._apply(
            (
                a[0] + (b[0] - a[0]) * t,
                dist,
                a[2] + (b[2] - a[2]) * t,
                a[3] + (b[3] - a[3]) * t,
            )
        )

    def is_animating(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    # ---- input ---------------------------------------------------------------------

    def mousePressEvent(self, ev):
        self.interaction_started.emit()
        self._press = ev.position()
        self._dragged = False
        self.mousePos = ev.position()
        self._anim.stop()

    def mouseMoveEvent(self, ev):
        pos = ev.position()
        if ev.buttons() == Qt.MouseButton.NoButton:
            self.hover_changed.emit(self.pick_at(pos.x(), pos.y()))
            return
        if (
            self._press is not None
            and (pos - self._press).manhattanLength() > CLICK_SLOP
        ):
            self._dragged = True
        diff = pos - self.mousePos
        self.mousePos = pos
        if not self._dragged:
            return
        pan = (
            ev.buttons() & (Qt.MouseButton.RightButton | Qt.MouseButton.MiddleButton)
        ) or (ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if pan:
            self.pan(diff.x(), diff.y(), 0, relative="view")
        else:
            self.orbit(-diff.x() * 0.5, diff.y() * 0.5)
            self.opts["elevation"] = float(np.clip(self.opts["elevation"], -89.9, 89.9))
        self.camera_changed.emit()

    def mouseReleaseEvent(self, ev):
        if (
            ev.button() == Qt.MouseButton.LeftButton
            and self._press is not None
            and not self._dragged
        ):
            pos = ev.position()
            self.selection_changed.emit(self.pick_at(pos.x(), pos.y()))
        elif (
            ev.button() == Qt.MouseButton.RightButton
            and self._press is not None
            and not self._dragged
        ):  # a right click, not a pan: the context menu
            pos = ev.position()
            self.context_requested.emit(
                self.pick_at(pos.x(), pos.y()), ev.globalPosition().toPoint()
            )
        self._press = None
        self._dragged = False

    def wheelEvent(self, ev):
        self.interaction_started.emit()
        delta = ev.angleDelta().y() or ev.angleDelta().x()
        self.zoom_at(ev.position().x(), ev.position().y(), 0.999**delta)

    def zoom_at(self, x: float, y: float, factor: float) -> None:
        """Zoom by `factor` keeping the point under (x, y) on the focal plane fixed."""
        center, dist, _el, _az = self.camera_state()
        new_dist = self._clamp_distance(dist * factor)
        factor = new_dist / dist
        origin, direction = self.ray(x, y)
        cam = np.array(self.cameraPosition())
        forward = center - cam
        forward /= np.linalg.norm(forward)
        denom = float(np.dot(direction, forward))
        if denom > 1e-6:
            target = origin + direction * (
                float(np.dot(center - origin, forward)) / denom
            )
            center = center + (target - center) * (1.0 - factor)
        self.set_camera(center, new_dist, animate=False)

    def keyPressEvent(self, ev):
        key, mods = ev.key(), ev.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        k = Qt.Key
        if key == k.Key_F and shift:
            self.fit_selected(self.model.selected if self.model is not None else None)
        elif key == k.Key_F:
            self.fit_all()
        elif key == k.Key_1:
            self.view_preset("front")
        elif key == k.Key_3:
            self.view_preset("side")
        elif key == k.Key_7:
            self.view_preset("top")
        elif key in (k.Key_9, k.Key_0):
            self.view_preset("iso")
        elif key in (k.Key_Plus, k.Key_Equal):
            self.zoom_at(self.width() / 2, self.height() / 2, 0.8)
        elif key == k.Key_Minus:
            self.zoom_at(self.width() / 2, self.height() / 2, 1.25)
        elif key == k.Key_Escape:
            self.selection_changed.emit(None)
        elif key in ARROWS and mods & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        ):
            dx, dy = ARROWS[key]
            if shift:  # pan by a tenth of the view
                step = self.width() / 10
                self.pan(-dx * step, -dy * step, 0, relative="view")
            else:  # orbit by 5 degrees
                self.orbit(-dx * 5.0, -dy * 5.0)
                self.opts["elevation"] = float(
                    np.clip(self.opts["elevation"], -89.9, 89.9)
                )
            self.camera_changed.emit()
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()
