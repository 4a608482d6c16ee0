"""The station view: a pyqtgraph GLViewWidget with the project's camera and picking.

Mouse: left-drag orbits, right- or middle-drag (or Shift+left) pans, the wheel zooms
towards the cursor, a click selects the module under the cursor (exact ray cast), hovering
highlights. Keys: F fit all, Shift+F fit selected, 1 front, 3 side, 7 top, 9 (or 0) iso,
+/- zoom, Esc clear the selection. Camera moves are animated.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph.opengl as gl
from PySide6.QtCore import QEasingCurve, QPointF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QMatrix4x4, QVector3D

from .items import SkyItem

PRESETS = {  # key: (elevation, azimuth) in pyqtgraph's euler convention
    "front": (0.0, 0.0),  # from +X, looking aft
    "side": (0.0, -90.0),  # from -Y (starboard)
    "top": (89.9, -90.0),  # from +Z, +X pointing up the screen
    "iso": (28.0, -55.0),
}
CLICK_SLOP = 4.0  # pixels a press may move and still count as a click


class StationView(gl.GLViewWidget):
    selection_changed = Signal(object)  # module id or None
    hover_changed = Signal(object)
    camera_changed = Signal()
    interaction_started = Signal()  # the user grabbed the camera: skip animations

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("station_view")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sky = SkyItem()
        self.addItem(self.sky)
        self.scene_center = np.zeros(3)
        self.scene_radius = 20.0
        self.picker = None  # callable(origin, direction) -> module id | None
        self.fitter = None  # callable(module id | None) -> world points to frame
        self._press: QPointF | None = None
        self._dragged = False
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(380)
        self._anim.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._anim.valueChanged.connect(self._on_anim_value)
        self._anim_from = self._anim_to = None
        self.animate = True
        self.before_paint = None  # callable run with the context current, before drawing
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

    # ---- projection with a depth range fitted to the scene -----------------------

    def projectionMatrix(self, region, viewport):
        x0, y0, w, h = viewport
        cam = np.array(self.cameraPosition())
        d = float(np.linalg.norm(cam - self.scene_center))
        r = self.scene_radius
        near = max(d - 1.2 * r, d * 0.002, 0.01)
        far = d + 1.2 * r + 1.0
        fov = self.opts["fov"]
        rr = near * math.tan(0.5 * math.radians(fov))
        t = rr * h / w
        left = rr * ((region[0] - x0) * (2.0 / w) - 1)
        right = rr * ((region[0] + region[2] - x0) * (2.0 / w) - 1)
        bottom = t * ((region[1] - y0) * (2.0 / h) - 1)
        top = t * ((region[1] + region[3] - y0) * (2.0 / h) - 1)
        tr = QMatrix4x4()
        tr.frustum(left, right, bottom, top, near, far)
        return tr

    def set_scene_sphere(self, center, radius: float) -> None:
        self.scene_center = np.asarray(center, dtype=np.float64)
        self.scene_radius = max(float(radius), 1.0)

    # ---- rays ----------------------------------------------------------------------

    def ray(self, x: float, y: float) -> tuple[np.ndarray, np.ndarray]:
        """World-space origin and direction of the ray under a widget point."""
        w, h = max(self.width(), 1), max(self.height(), 1)
        vp = (0, 0, w, h)
        m = self.projectionMatrix(vp, vp) * self.viewMatrix()
        inv = np.linalg.inv(np.array(m.data(), dtype=np.float64).reshape(4, 4).T)
        ndc = np.array([2.0 * x / w - 1.0, 1.0 - 2.0 * y / h])
        p0 = inv @ np.array([ndc[0], ndc[1], -1.0, 1.0])
        p1 = inv @ np.array([ndc[0], ndc[1], 1.0, 1.0])
        p0, p1 = p0[:3] / p0[3], p1[:3] / p1[3]
        d = p1 - p0
        return p0, d / np.linalg.norm(d)

    def project(self, point) -> tuple[float, float]:
        """Widget coordinates of a world point."""
        w, h = max(self.width(), 1), max(self.height(), 1)
        vp = (0, 0, w, h)
        m = self.projectionMatrix(vp, vp) * self.viewMatrix()
        mm = np.array(m.data(), dtype=np.float64).reshape(4, 4).T
        p = mm @ np.r_[np.asarray(point, dtype=np.float64), 1.0]
        p = p[:3] / p[3]
        return (p[0] + 1) * w / 2, (1 - p[1]) * h / 2

    def pick_at(self, x: float, y: float):
        if self.picker is None:
            return None
        origin, direction = self.ray(x, y)
        return self.picker(origin, direction)

    # ---- camera --------------------------------------------------------------------

    def camera_state(self) -> tuple:
        c = self.opts["center"]
        return (np.array([c.x(), c.y(), c.z()]), float(self.opts["distance"]),
                float(self.opts["elevation"]), float(self.opts["azimuth"]))

    def set_camera(self, center=None, distance=None, elevation=None, azimuth=None,
                   animate: bool | None = None) -> None:
        cur = self.camera_state()
        target = (
            cur[0] if center is None else np.asarray(center, dtype=np.float64),
            cur[1] if distance is None else self._clamp_distance(distance),
            cur[2] if elevation is None else float(np.clip(elevation, -89.9, 89.9)),
            cur[3] if azimuth is None else float(azimuth),
        )
        # turn the short way round
        da = (target[3] - cur[3] + 180.0) % 360.0 - 180.0
        target = (*target[:3], cur[3] + da)
        if animate is None:
            animate = self.animate
        self._anim.stop()
        if not animate or not self.isVisible():
            self._apply(target)
            return
        self._anim_from, self._anim_to = cur, target
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
        self._apply((a[0] + (b[0] - a[0]) * t, dist, a[2] + (b[2] - a[2]) * t,
                     a[3] + (b[3] - a[3]) * t))

    def _apply(self, cam) -> None:
        center, distance, elevation, azimuth = cam
        self.opts["center"] = QVector3D(*map(float, center))
        self.opts["distance"] = float(distance)
        self.opts["elevation"] = float(elevation)
        self.opts["azimuth"] = float(azimuth)
        self.update()
        self.camera_changed.emit()

    def _clamp_distance(self, d: float) -> float:
        r = self.scene_radius
        return float(np.clip(d, 0.02 * r + 0.5, 40.0 * r))

    def is_animating(self) -> bool:
        return self._anim.state() == QVariantAnimation.State.Running

    def fit(self, points: np.ndarray, elevation=None, azimuth=None, margin=1.06,
            animate: bool | None = None) -> None:
        """Frame world points from the given (or current) angles."""
        _, _, el, az = self.camera_state()
        el = el if elevation is None else elevation
        az = az if azimuth is None else azimuth
        center = (points.min(axis=0) + points.max(axis=0)) / 2
        rot = _view_rotation(el, az)
        cam = (points - center) @ rot.T
        tan_h = math.tan(math.radians(float(self.opts["fov"])) / 2)
        tan_v = tan_h * max(self.height(), 1) / max(self.width(), 1)
        need = np.maximum(cam[:, 2] + np.abs(cam[:, 0]) / tan_h,
                          cam[:, 2] + np.abs(cam[:, 1]) / tan_v)
        distance = max(float(need.max()) * margin, 1.0)
        self.set_camera(center, distance, el, az, animate=animate)

    def fit_all(self, animate=None, **kw) -> None:
        if self.fitter is not None:
            pts = self.fitter(None)
            if pts is not None and len(pts):
                self.fit(pts, animate=animate, **kw)

    def fit_selected(self, module_id, animate=None) -> None:
        if self.fitter is not None and module_id is not None:
            pts = self.fitter(module_id)
            if pts is not None and len(pts):
                self.fit(pts, margin=1.6, animate=animate)

    def view_preset(self, name: str, animate=None) -> None:
        el, az = PRESETS[name]
        self.fit_all(animate=animate, elevation=el, azimuth=az)

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
        if self._press is not None and (pos - self._press).manhattanLength() > CLICK_SLOP:
            self._dragged = True
        diff = pos - self.mousePos
        self.mousePos = pos
        if not self._dragged:
            return
        pan = (ev.buttons() & (Qt.MouseButton.RightButton | Qt.MouseButton.MiddleButton)) \
            or (ev.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if pan:
            self.pan(diff.x(), diff.y(), 0, relative="view")
        else:
            self.orbit(-diff.x() * 0.5, diff.y() * 0.5)
            self.opts["elevation"] = float(np.clip(self.opts["elevation"], -89.9, 89.9))
        self.camera_changed.emit()

    def mouseReleaseEvent(self, ev):
        if (ev.button() == Qt.MouseButton.LeftButton and self._press is not None
                and not self._dragged):
            pos = ev.position()
            self.selection_changed.emit(self.pick_at(pos.x(), pos.y()))
        self._press = None
        self._dragged = False

    def wheelEvent(self, ev):
        self.interaction_started.emit()
        delta = ev.angleDelta().y() or ev.angleDelta().x()
        self.zoom_at(ev.position().x(), ev.position().y(), 0.999 ** delta)

    def zoom_at(self, x: float, y: float, factor: float) -> None:
        """Zoom by `factor` keeping the point under (x, y) on the focal plane fixed."""
        center, dist, el, az = self.camera_state()
        new_dist = self._clamp_distance(dist * factor)
        factor = new_dist / dist
        origin, direction = self.ray(x, y)
        cam = np.array(self.cameraPosition())
        forward = center - cam
        forward /= np.linalg.norm(forward)
        denom = float(np.dot(direction, forward))
        if denom > 1e-6:
            target = origin + direction * (float(np.dot(center - origin, forward)) / denom)
            center = center + (target - center) * (1.0 - factor)
        self.set_camera(center, new_dist, animate=False)

    def keyPressEvent(self, ev):
        key, mods = ev.key(), ev.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        k = Qt.Key
        if key == k.Key_F and shift:
            self.fit_selected(getattr(self, "selected", None))
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
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()


def _view_rotation(elevation: float, azimuth: float) -> np.ndarray:
    """World-to-camera rotation for pyqtgraph's euler camera."""
    tr = QMatrix4x4()
    tr.rotate(elevation - 90, 1, 0, 0)
    tr.rotate(azimuth + 90, 0, 0, -1)
    return np.array(tr.data(), dtype=np.float64).reshape(4, 4).T[:3, :3]
