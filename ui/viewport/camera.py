"""Camera and projection shared by the on-screen view and the off-screen renderer.

Mixed into a pyqtgraph GLViewMixin host (`opts` holds centre, distance, elevation,
azimuth and the horizontal field of view). The depth range is fitted to the scene's
bounding sphere, and `region`/`viewport` follow pyqtgraph's convention, so a sub-region of
a large picture (a tile) gets exactly its share of the same frustum.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtGui import QMatrix4x4, QVector3D

PRESETS = {  # name: (elevation, azimuth) in pyqtgraph's euler convention
    "front": (0.0, 0.0),  # from +X, looking aft
    "side": (0.0, -90.0),  # from -Y (starboard)
    "top": (89.9, -90.0),  # from +Z, +X pointing up the picture
    "iso": (28.0, -55.0),
}


def view_rotation(elevation: float, azimuth: float) -> np.ndarray:
    """World-to-camera rotation of pyqtgraph's euler camera."""
    tr = QMatrix4x4()
    tr.rotate(elevation - 90, 1, 0, 0)
    tr.rotate(azimuth + 90, 0, 0, -1)
    return np.array(tr.data(), dtype=np.float64).reshape(4, 4).T[:3, :3]


def fit_distance(
    points: np.ndarray,
    center,
    elevation: float,
    azimuth: float,
    fov: float,
    aspect: float,
    margin: float = 1.06,
) -> float:
    """Camera distance at which every point lies inside the frustum."""
    cam = (points - center) @ view_rotation(elevation, azimuth).T
    tan_h = math.tan(math.radians(fov) / 2)
    tan_v = tan_h / max(aspect, 1e-6)
    need = np.maximum(
        cam[:, 2] + np.abs(cam[:, 0]) / tan_h, cam[:, 2] + np.abs(cam[:, 1]) / tan_v
    )
    return max(float(need.max()) * margin, 1.0)


class CameraMixin:
    scene_center = np.zeros(3)
    scene_radius = 20.0
    picker = None  # callable(origin, direction) -> module id | None
    fitter = None  # callable(module id | None) -> world points to frame
    last_region = None  # (region, viewport) of the latest projection

    # ---- projection --------------------------------------------------------------

    def projectionMatrix(self, region, viewport):
        self.last_region = (tuple(region), tuple(viewport))
        x0, y0, w, h = viewport
        cam = np.array(self.cameraPosition())
        d = float(np.linalg.norm(cam - self.scene_center))
        r = self.scene_radius
        near = max(d - 1.2 * r, d * 0.002, 0.01)
        far = d + 1.2 * r + 1.0
        rr = near * math.tan(0.5 * math.radians(self.opts["fov"]))
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

    def aspect(self) -> float:
        return max(self.width(), 1) / max(self.height(), 1)

    # ---- rays --------------------------------------------------------------------

    def _mvp(self) -> np.ndarray:
        w, h = max(self.width(), 1), max(self.height(), 1)
        m = self.projectionMatrix((0, 0, w, h), (0, 0, w, h)) * self.viewMatrix()
        return np.array(m.data(), dtype=np.float64).reshape(4, 4).T

    def ray(self, x: float, y: float) -> tuple[np.ndarray, np.ndarray]:
        """World-space origin and direction of the ray under a point (logical pixels)."""
        w, h = max(self.width(), 1), max(self.height(), 1)
        inv = np.linalg.inv(self._mvp())
        ndc = np.array([2.0 * x / w - 1.0, 1.0 - 2.0 * y / h])
        p0 = inv @ np.array([ndc[0], ndc[1], -1.0, 1.0])
        p1 = inv @ np.array([ndc[0], ndc[1], 1.0, 1.0])
        p0, p1 = p0[:3] / p0[3], p1[:3] / p1[3]
        d = p1 - p0
        return p0, d / np.linalg.norm(d)

    def project(self, point) -> tuple[float, float]:
        """Coordinates (logical pixels) of a world point."""
        w, h = max(self.width(), 1), max(self.height(), 1)
        p = self._mvp() @ np.r_[np.asarray(point, dtype=np.float64), 1.0]
        p = p[:3] / p[3]
        return (p[0] + 1) * w / 2, (1 - p[1]) * h / 2

    def pick_at(self, x: float, y: float):
        if self.picker is None:
            return None
        origin, direction = self.ray(x, y)
        return self.picker(origin, direction)

    # ---- camera ------------------------------------------------------------------

    def camera_state(self) -> tuple:
        c = self.opts["center"]
        return (
            np.array([c.x(), c.y(), c.z()]),
            float(self.opts["distance"]),
            float(self.opts["elevation"]),
            float(self.opts["azimuth"]),
        )

    def set_camera(
        self,
        center=None,
        distance=None,
        elevation=None,
        azimuth=None,
        animate: bool | None = None,
    ) -> None:
        cur = self.camera_state()
        target = (
            cur[0] if center is None else np.asarray(center, dtype=np.float64),
            cur[1] if distance is None else self._clamp_distance(distance),
            cur[2] if elevation is None else float(np.clip(elevation, -89.9, 89.9)),
            cur[3] if azimuth is None else float(azimuth),
        )
        # turn the short way round
        da = (target[3] - cur[3] + 180.0) % 360.0 - 180.0
        self._go(cur, (*target[:3], cur[3] + da), animate)

    def _go(self, current, target, animate) -> None:
        self._apply(target)

    def _apply(self, cam) -> None:
        center, distance, elevation, azimuth = cam
        self.opts["center"] = QVector3D(*map(float, center))
        self.opts["distance"] = float(distance)
        self.opts["elevation"] = float(elevation)
        self.opts["azimuth"] = float(azimuth)
        self.update()
        changed = getattr(self, "camera_changed", None)
        if changed is not None:
            changed.emit()

    def _clamp_distance(self, d: float) -> float:
        r = self.scene_radius
        return float(np.clip(d, 0.02 * r + 0.5, 40.0 * r))

    def fit(
        self,
        points: np.ndarray,
        elevation=None,
        azimuth=None,
        margin=1.06,
        animate: bool | None = None,
    ) -> None:
        """Frame world points from the given (or current) angles."""
        _, _, el, az = self.camera_state()
        el = el if elevation is None else elevation
        az = az if azimuth is None else azimuth
        center = (points.min(axis=0) + points.max(axis=0)) / 2
        distance = fit_distance(
            points, center, el, az, float(self.opts["fov"]), self.aspect(), margin
        )
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
