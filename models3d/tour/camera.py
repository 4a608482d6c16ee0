"""The app's camera in numbers, without Qt: view presets, framing, clamping and the
interpolation between two keyframes.

These are the rules of `ui.viewport.camera.CameraMixin` (pyqtgraph's euler camera with
a 60-degree horizontal field of view), restated with numpy so a tour is resolved to
exact cameras with no window; tests/gl/test_tours.py checks that both agree. A camera
is (center, distance, elevation, azimuth): metres and degrees.
"""

from __future__ import annotations

import math

import numpy as np

FOV = 60.0  # pyqtgraph's default horizontal field of view, degrees
VIEW_ANGLES = {  # (elevation, azimuth) of the named views, as the app's keys 1 3 7 9
    "front": (0.0, 0.0),
    "side": (0.0, -90.0),
    "top": (89.9, -90.0),
    "iso": (28.0, -55.0),
}
STATION_MARGIN = 1.06  # fit all (F)
MODULE_MARGIN = 1.6  # fit selected (Shift+F)
MAX_ELEVATION = 89.9

CameraTuple = tuple[tuple[float, float, float], float, float, float]


def _rx(deg: float) -> np.ndarray:
    a = math.radians(deg)
    c, s = math.cos(a), math.sin(a)
    return np.array([[1.0, 0.0, 0.0], [0.0, c, -s], [0.0, s, c]])


def _rz(deg: float) -> np.ndarray:
    a = math.radians(deg)
    c, s = math.cos(a), math.sin(a)
    return np.array([[c, -s, 0.0], [s, c, 0.0], [0.0, 0.0, 1.0]])


def view_rotation(elevation: float, azimuth: float) -> np.ndarray:
    """World-to-camera rotation of pyqtgraph's euler camera: a turn about x by
    elevation - 90, after a turn about -z by azimuth + 90."""
    return _rx(elevation - 90.0) @ _rz(-(azimuth + 90.0))


def fit_distance(
    points: np.ndarray,
    center,
    elevation: float,
    azimuth: float,
    aspect: float,
    margin: float,
    fov: float = FOV,
) -> float:
    """Camera distance at which every point lies inside the frustum."""
    cam = (np.asarray(points, dtype=np.float64) - center) @ view_rotation(
        elevation, azimuth
    ).T
    tan_h = math.tan(math.radians(fov) / 2)
    tan_v = tan_h / max(aspect, 1e-6)
    need = np.maximum(
        cam[:, 2] + np.abs(cam[:, 0]) / tan_h, cam[:, 2] + np.abs(cam[:, 1]) / tan_v
    )
    return max(float(need.max()) * margin, 1.0)


def clamp_distance(distance: float, scene_radius: float) -> float:
    """The view's zoom limits for a station of this bounding radius."""
    r = max(float(scene_radius), 1.0)
    return float(np.clip(distance, 0.02 * r + 0.5, 40.0 * r))


def framed(
    points: np.ndarray,
    elevation: float,
    azimuth: float,
    aspect: float,
    margin: float,
    distance: float | None = None,
) -> CameraTuple:
    """The camera that frames `points` from these angles (at `distance` if given)."""
    pts = np.asarray(points, dtype=np.float64)
    center = (pts.min(axis=0) + pts.max(axis=0)) / 2
    if distance is None:
        distance = fit_distance(pts, center, elevation, azimuth, aspect, margin)
    return (
        (float(center[0]), float(center[1]), float(center[2])),
        float(distance),
        float(elevation),
        float(azimuth),
    )


def interpolate(a: CameraTuple, b: CameraTuple, s: float) -> CameraTuple:
    """The camera a fraction s of the way from a to b: the centre in a straight line,
    the distance geometrically (zooms feel even), elevation linearly, azimuth the short
    way round."""
    s = float(s)
    ca, cb = np.asarray(a[0]), np.asarray(b[0])
    c = ca + (cb - ca) * s
    center = (float(c[0]), float(c[1]), float(c[2]))
    distance = a[1] * (b[1] / a[1]) ** s
    elevation = a[2] + (b[2] - a[2]) * s
    turn = (b[3] - a[3] + 180.0) % 360.0 - 180.0
    return center, float(distance), float(elevation), float(a[3] + turn * s)
