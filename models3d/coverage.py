"""Areas of map outlines on the ellipsoid, and the share a latitude band covers.

Owns the vendored Natural Earth outlines (assets/geo/, see its README) and the area
method behind `orbit --json`'s coverage shares:

- Area: each polygon edge is taken as a straight line in longitude and latitude (as GIS
  software draws the data), densified to 0.1 degree, mapped to the cylindrical
  equal-area projection of the WGS 84 ellipsoid (x = longitude, y = q(latitude), the
  authalic function of Snyder, *Map Projections: A Working Manual*, eq. 3-12), where an
  area is (a^2 / 2) times the planar area. A latitude band is a horizontal strip there,
  and Green's theorem gives the part of a polygon inside the strip as the integral of
  x dy along its edges clipped to the strip (the strip's own edges add nothing, dy = 0).
- Distance to a band |lat| <= L: the shortest path from a point to a parallel runs
  along the meridian, so the points within d km of the band are |lat| <= L', where the
  meridian arc from L to L' is d (Gauss-Legendre quadrature of the meridian radius).
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import UsageError
from .orbit import FLATTENING, RE_KM
from .resources import asset

GEO_DIR = asset("geo")
RUSSIA_FILE = GEO_DIR / "russia_50m.geojson"
LAND_FILE = GEO_DIR / "land_110m.geojson"
RUSSIA_OUTLINE_NAME = "Natural Earth 4.1.0 admin 0 countries 1:50m: Russia (de facto)"
DENSIFY_DEG = 0.1
_GAUSS = np.polynomial.legendre.leggauss(48)


@dataclass(frozen=True)
class Ellipsoid:
    """An ellipsoid of revolution (flattening 0 is a sphere)."""

    a_km: float
    flattening: float

    @property
    def e(self) -> float:
        return math.sqrt(self.flattening * (2 - self.flattening))

    def q(self, lat_deg) -> np.ndarray:
        """Snyder's q: the area from the equator to a latitude is a^2/2 * q per radian
        of longitude; 2 sin(lat) on a sphere."""
        s = np.sin(np.radians(np.asarray(lat_deg, dtype=float)))
        e = self.e
        if e < 1e-12:
            return 2 * s
        one = 1 - e * e
        return one * (
            s / (1 - e * e * s * s) - np.log((1 - e * s) / (1 + e * s)) / (2 * e)
        )

    @property
    def area_km2(self) -> float:
        return 2 * math.pi * self.a_km**2 * float(self.q(90.0))

    def meridian_arc_km(self, lat_deg: float) -> float:
        """Distance along a meridian from the equator to a latitude."""
        phi = math.radians(lat_deg)
        nodes, weights = _GAUSS
        x = 0.5 * phi * (nodes + 1)
        e2 = self.e**2
        radius = self.a_km * (1 - e2) / (1 - e2 * np.sin(x) ** 2) ** 1.5
        return float(0.5 * phi * np.sum(weights * radius))

    def latitude_at_arc(self, arc_km: float) -> float:
        """The latitude (deg) whose meridian arc from the equator is arc_km (capped)."""
        quarter = self.meridian_arc_km(90.0)
        if arc_km >= quarter:
            return 90.0
        lat = math.degrees(arc_km / self.a_km)
        for _ in range(20):  # Newton: d(arc)/d(lat) is the meridian radius
            e2 = self.e**2
            s = math.sin(math.radians(lat))
            radius = self.a_km * (1 - e2) / (1 - e2 * s * s) ** 1.5
            step = math.degrees((arc_km - self.meridian_arc_km(lat)) / radius)
            lat += step
            if abs(step) < 1e-12:
                break
        return min(90.0, lat)


WGS84 = Ellipsoid(RE_KM, FLATTENING)
MEAN_SPHERE = Ellipsoid(6371.0088, 0.0)  # IUGG mean radius R1


@dataclass(frozen=True)
class Outline:
    """Polygons (each a list of rings: (n, 2) arrays of lon, lat in deg; the first is
    the outer ring) with the outline's name."""

    name: str
    polygons: tuple[tuple[np.ndarray, ...], ...]
    # rings densified and projected, per ellipsoid: an area is then one numpy pass
    _projected: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def rings(self) -> list[np.ndarray]:
        return [r for poly in self.polygons for r in poly]


def outline_from_geojson(path: Path, name: str) -> Outline:
    """Every Polygon and MultiPolygon of a GeoJSON file as one outline."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read the outline: {exc}") from exc
    geoms = (
        [f["geometry"] for f in doc.get("features", [])] if "features" in doc else [doc]
    )
    polygons = []
    for g in geoms:
        parts = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for part in parts:
            polygons.append(tuple(np.asarray(r, dtype=float)[:, :2] for r in part))
    return Outline(name, tuple(polygons))


@functools.cache
def russia() -> Outline:
    return outline_from_geojson(RUSSIA_FILE, RUSSIA_OUTLINE_NAME)


@functools.cache
def world_land() -> Outline:
    return outline_from_geojson(LAND_FILE, "Natural Earth 4.1.0 land 1:110m")


def densify(ring: np.ndarray, step_deg: float = DENSIFY_DEG) -> np.ndarray:
    """A closed ring with points added so no edge is longer than step_deg in lon or lat
    (straight in lon/lat). The result is closed (last point = first)."""
    ring = np.asarray(ring, dtype=float)
    if not np.array_equal(ring[0], ring[-1]):
        ring = np.vstack([ring, ring[:1]])
    start, delta = ring[:-1], np.diff(ring, axis=0)
    pieces = np.maximum(1, np.ceil(np.abs(delta).max(axis=1) / step_deg)).astype(int)
    edge = np.repeat(np.arange(len(start)), pieces)
    offset = np.arange(len(edge)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    frac = (offset / pieces[edge])[:, None]
    return np.vstack([start[edge] + frac * delta[edge], ring[-1:]])


def _strip_integral(x: np.ndarray, y: np.ndarray, lo: float, hi: float) -> float:
    """The integral of x dy along a closed polyline, clipped to lo <= y <= hi."""
    x1, x2, y1, y2 = x[:-1], x[1:], y[:-1], y[1:]
    ya, yb = np.clip(y1, lo, hi), np.clip(y2, lo, hi)
    dy = y2 - y1
    moving = dy != 0
    safe = np.where(moving, dy, 1.0)
    xa = x1 + (ya - y1) * (x2 - x1) / safe
    xb = x1 + (yb - y1) * (x2 - x1) / safe
    return float(np.sum(np.where(moving, 0.5 * (yb - ya) * (xa + xb), 0.0)))


def area_km2(
    outline: Outline, lat_limit_deg: float = 90.0, ellipsoid: Ellipsoid = WGS84
) -> float:
    """The area of the outline's part with |latitude| <= lat_limit_deg."""
    limit = float(ellipsoid.q(min(90.0, max(0.0, lat_limit_deg))))
    total = 0.0
    for outer, x, y in _projected(outline, ellipsoid):
        # clipping keeps a ring's winding, so its sign is the ring's: the outer ring
        # adds and holes take away, whatever way the file winds them
        part = abs(_strip_integral(x, y, -limit, limit))
        total += part if outer else -part
    return 0.5 * ellipsoid.a_km**2 * total


def _projected(outline: Outline, ellipsoid: Ellipsoid) -> list:
    """(is outer ring, x, y) per ring in the cylindrical equal-area projection."""
    found = outline._projected.get(ellipsoid)
    if found is None:
        found = []
        for poly in outline.polygons:
            for k, ring in enumerate(poly):
                dense = densify(ring)
                found.append(
                    (k == 0, np.radians(dense[:, 0]), ellipsoid.q(dense[:, 1]))
                )
        outline._projected[ellipsoid] = found
    return found


def widened_limit_deg(
    lat_deg: float, distance_km: float, ellipsoid: Ellipsoid = WGS84
) -> float:
    """The latitude bounding the points within distance_km of the band |lat| <= lat_deg
    (along the meridian; 90 when the widened band covers the pole)."""
    return ellipsoid.latitude_at_arc(ellipsoid.meridian_arc_km(lat_deg) + distance_km)


def band_shares(
    lat_deg: float,
    distances_km=(500, 1000, 1500),
    outline: Outline | None = None,
    ellipsoid: Ellipsoid = WGS84,
) -> tuple[float, dict[str, float]]:
    """The share (0-1) of the outline's area inside |lat| <= lat_deg, and inside that
    band widened by each distance (keys are the distances as text)."""
    outline = outline or russia()
    total = area_km2(outline, 90.0, ellipsoid)
    inside = area_km2(outline, lat_deg, ellipsoid) / total
    within = {
        f"{d:g}": area_km2(outline, widened_limit_deg(lat_deg, d, ellipsoid), ellipsoid)
        / total
        for d in distances_km
    }
    return inside, within
