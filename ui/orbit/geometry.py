"""Vertex arrays and matrices of the globe view (numpy only, no GL).

Units: one Earth equatorial radius (6378.137 km). Earth-fixed points are drawn on a
sphere with the geodetic latitude taken as the sphere's latitude, as the textures are
mapped; the largest offset from the true point is 0.19 degree (at 45 degrees),
under two pixels on a globe 700 pixels wide.
"""

from __future__ import annotations

import math

import numpy as np

from models3d.orbit import RE_KM, Orbit

SURFACE = (
    1.004  # lines on the ground: above the tessellated sphere, below anything else
)


def unit_vectors(lat_deg, lon_deg, radius: float = 1.0) -> np.ndarray:
    """(..., 3) points on a sphere at latitudes and longitudes (degrees)."""
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    return radius * np.stack(
        [np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=-1
    )


def sphere(stacks: int = 64, slices: int = 128) -> tuple[np.ndarray, np.ndarray]:
    """A unit sphere as (vertices (n, 5): x, y, z, u, v; triangle indices (m, 3)).

    u runs with longitude from -180 (0) to 180 (1), v with latitude from -90 (0) to 90
    (1): the equirectangular image uploaded bottom row first. The seam column is
    doubled so u does not wrap inside a triangle."""
    lat = np.linspace(-90.0, 90.0, stacks + 1)
    lon = np.linspace(-180.0, 180.0, slices + 1)
    la, lo = np.meshgrid(lat, lon, indexing="ij")
    xyz = unit_vectors(la, lo)
    uv = np.stack([(lo + 180.0) / 360.0, (la + 90.0) / 180.0], axis=-1)
    verts = np.concatenate([xyz, uv], axis=-1).reshape(-1, 5).astype(np.float32)
    i, j = np.meshgrid(np.arange(stacks), np.arange(slices), indexing="ij")
    a = (i * (slices + 1) + j).ravel()
    b, c, d = a + 1, a + slices + 1, a + slices + 2
    # counter-clockwise seen from outside
    faces = np.concatenate([np.stack([a, b, d], 1), np.stack([a, d, c], 1)])
    return verts, faces.astype(np.uint32)


def circle(points: int = 256, radius: float = 1.0) -> np.ndarray:
    """A closed circle in the xy-plane, (points, 3)."""
    t = np.linspace(0.0, 2.0 * np.pi, points)
    return radius * np.stack([np.cos(t), np.sin(t), np.zeros_like(t)], axis=-1)


def strip_to_segments(points: np.ndarray) -> np.ndarray:
    """The segments (pairs of points) of a polyline, (2 * (n - 1), 3)."""
    points = np.asarray(points)
    return np.stack([points[:-1], points[1:]], axis=1).reshape(-1, points.shape[-1])


def with_colour(points: np.ndarray, rgba) -> np.ndarray:
    """Positions (n, 3) with one RGBA colour as (n, 7) float32 vertices."""
    colour = np.broadcast_to(np.asarray(rgba, dtype=np.float32), (len(points), 4))
    return np.hstack([np.asarray(points, dtype=np.float32), colour]).astype(np.float32)


def thin(ring: np.ndarray, min_step_deg: float) -> np.ndarray:
    """A ring (lon, lat) without the points closer than min_step_deg to the last one
    kept (first and last points stay): fewer segments, the same outline on screen."""
    ring = np.asarray(ring)
    keep = [0]
    for k in range(1, len(ring) - 1):
        if np.abs(ring[k] - ring[keep[-1]]).max() >= min_step_deg:
            keep.append(k)
    keep.append(len(ring) - 1)
    return ring[keep]


def outline_segments(rings, radius: float = SURFACE) -> np.ndarray:
    """Every ring of an outline (lon, lat arrays) as line segments on the sphere."""
    parts = [strip_to_segments(unit_vectors(r[:, 1], r[:, 0], radius)) for r in rings]
    return np.concatenate(parts) if parts else np.zeros((0, 3))


def parallel(lat_deg: float, points: int = 241, radius: float = SURFACE) -> np.ndarray:
    """A circle of latitude as a polyline."""
    lon = np.linspace(-180.0, 180.0, points)
    return unit_vectors(np.full_like(lon, lat_deg), lon, radius)


# ---- matrices (4x4, column vectors: world = M @ local) ----------------------------


def rot_z(angle_rad: float) -> np.ndarray:
    c, s = math.cos(angle_rad), math.sin(angle_rad)
    m = np.eye(4)
    m[:2, :2] = [[c, -s], [s, c]]
    return m


def rot_x(angle_rad: float) -> np.ndarray:
    c, s = math.cos(angle_rad), math.sin(angle_rad)
    m = np.eye(4)
    m[1:3, 1:3] = [[c, -s], [s, c]]
    return m


def translate(p) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = p
    return m


def scale(k: float) -> np.ndarray:
    m = np.eye(4)
    m[:3, :3] *= k
    return m


def basis_from_x(direction) -> np.ndarray:
    """A rotation taking +x to a unit direction (y and z completed right-handed)."""
    x = np.asarray(direction, dtype=float)
    x = x / np.linalg.norm(x)
    helper = np.array([0.0, 0.0, 1.0]) if abs(x[2]) < 0.9 else np.array([1.0, 0, 0])
    y = np.cross(helper, x)
    y /= np.linalg.norm(y)
    z = np.cross(x, y)
    m = np.eye(4)
    m[:3, :3] = np.stack([x, y, z], axis=1)
    return m


def ring_matrix(orbit: Orbit, seconds: float) -> np.ndarray:
    """The orbit circle (the unit circle in the xy-plane) in ECI at a time: turned to
    the node's right ascension, tilted by the inclination, scaled to the radius."""
    raan, _ = orbit.angles_rad(seconds)
    k = orbit.semi_major_km / RE_KM
    return rot_z(float(raan)) @ rot_x(math.radians(orbit.inclination_deg)) @ scale(k)
