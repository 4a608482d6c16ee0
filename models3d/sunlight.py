"""The Sun as the station sees it: solar direction, terminator, beta angle, eclipses.

The Sun's apparent position comes from the low-precision series in Jean Meeus,
*Astronomical Algorithms*, 2nd ed., ch. 25 (the series NOAA's solar calculator uses):
about 0.01 degree over 1950-2050. The Earth's shadow is a cylinder of the equatorial
radius along the Sun line (no penumbra, no atmosphere), so an orbit of radius a at beta
angle b is in shadow for the fraction arccos(sqrt(1 - (R/a)^2) / cos b) / pi of a turn
(e.g. Wertz and Larson, *Space Mission Analysis and Design*, 3rd ed., sec. 5.1).
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass

import numpy as np

from .orbit import (
    RE_KM,
    Orbit,
    _nutation_terms,
    ecef_to_geodetic,
    eci_to_ecef,
    julian_date,
)

AU_KM = 149597870.7


def sun_apparent(jd) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The Sun's apparent right ascension and declination (deg, true equator and
    equinox of date) and distance (AU) at Julian dates (Meeus 25.2-25.8)."""
    jd = np.asarray(jd, dtype=float)
    t = (jd - 2451545.0) / 36525.0
    mean_lon = 280.46646 + 36000.76983 * t + 0.0003032 * t**2
    anomaly = np.radians(357.52911 + 35999.05029 * t - 0.0001537 * t**2)
    ecc = 0.016708634 - 0.000042037 * t - 0.0000001267 * t**2
    centre = (
        (1.914602 - 0.004817 * t - 0.000014 * t**2) * np.sin(anomaly)
        + (0.019993 - 0.000101 * t) * np.sin(2 * anomaly)
        + 0.000289 * np.sin(3 * anomaly)
    )
    true_anomaly = anomaly + np.radians(centre)
    distance = 1.000001018 * (1 - ecc**2) / (1 + ecc * np.cos(true_anomaly))
    eps, dpsi = _nutation_terms(jd)
    # apparent longitude: aberration (-20.5", the 0.00569) and nutation in longitude
    lam = np.radians(mean_lon + centre - 0.00569 + dpsi)
    eps = np.radians(eps)
    ra = np.degrees(np.arctan2(np.cos(eps) * np.sin(lam), np.cos(lam)))
    dec = np.degrees(np.arcsin(np.sin(eps) * np.sin(lam)))
    return np.mod(ra, 360.0), dec, distance


def sun_direction_eci(jd) -> np.ndarray:
    """Unit vectors (..., 3) from the Earth's centre to the Sun, ECI of date."""
    ra, dec, _ = sun_apparent(jd)
    ra, dec = np.radians(ra), np.radians(dec)
    return np.stack(
        [np.cos(dec) * np.cos(ra), np.cos(dec) * np.sin(ra), np.sin(dec)], axis=-1
    )


def sun_direction_ecef(jd) -> np.ndarray:
    return eci_to_ecef(sun_direction_eci(jd), jd)


def subsolar_point(t: _dt.datetime) -> tuple[float, float]:
    """Geodetic latitude and longitude (deg) where the Sun is overhead."""
    v = sun_direction_ecef(julian_date(t)) * AU_KM
    lat, lon, _ = ecef_to_geodetic(v)
    return float(lat), float(lon)


def terminator(t: _dt.datetime, points: int = 361) -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes (deg) of the day/night line: the great circle 90
    degrees from the point below the Sun (geocentric, no refraction), ordered by
    longitude from -180 to 180 so it draws as one line on a world map."""
    s = sun_direction_ecef(julian_date(t))
    lon = np.linspace(-180.0, 180.0, points)
    rl = np.radians(lon)
    # points (cos lat cos lon, cos lat sin lon, sin lat) with s . p = 0
    a = s[0] * np.cos(rl) + s[1] * np.sin(rl)
    lat = np.degrees(np.arctan2(-a, s[2]))
    lat = np.where(lat > 90, lat - 180, np.where(lat < -90, lat + 180, lat))
    return lat, lon


def beta_deg(orbit: Orbit, seconds) -> np.ndarray:
    """The beta angle (deg): the Sun's elevation above the orbit plane."""
    _, _, normal = orbit.plane_axes(seconds)
    s = sun_direction_eci(orbit.jd(seconds))
    return np.degrees(np.arcsin(np.clip(np.sum(normal * s, axis=-1), -1, 1)))


def beta_no_eclipse_deg(altitude_km: float) -> float:
    """Above this |beta| a circular orbit never enters the cylindrical shadow."""
    return math.degrees(math.asin(RE_KM / (RE_KM + altitude_km)))


def shadow_fraction(beta: float | np.ndarray, altitude_km: float) -> np.ndarray:
    """The fraction of a circular orbit in the cylindrical shadow at beta (deg)."""
    rho = RE_KM / (RE_KM + altitude_km)
    cos_b = np.cos(np.radians(np.asarray(beta, dtype=float)))
    ratio = np.sqrt(1 - rho * rho) / np.maximum(cos_b, 1e-12)
    return np.where(ratio < 1, np.arccos(np.minimum(ratio, 1.0)) / np.pi, 0.0)


def shadow_minutes(beta, orbit: Orbit) -> np.ndarray:
    """Minutes in shadow per orbit at beta (deg), for the orbit's nodal period."""
    return shadow_fraction(beta, orbit.altitude_km) * orbit.nodal_period_s / 60.0


def beta_envelope_deg(
    inclination_deg: float, start: _dt.datetime, days: float = 365.25, step_h=6.0
) -> tuple[float, float]:
    """The lowest and highest beta angle over `days` from `start` over every node.

    The plans give no node (for a sun-synchronous orbit: no local time of the node), so
    this is the range any node can reach. The orbit normal lies on a cone of half-angle
    i about the pole; the Sun at declination d is 90 - d from the pole; so at each time
    beta runs from 90 - min(90 - d + i, 270 + d - i) to 90 - |90 - d - i|."""
    jd0 = julian_date(start)
    jd = jd0 + np.arange(0.0, days * 24.0 + step_h, step_h) / 24.0
    _, dec, _ = sun_apparent(jd)
    polar = 90.0 - dec
    i = inclination_deg
    high = 90.0 - np.abs(polar - i)
    low = 90.0 - np.minimum(polar + i, 360.0 - polar - i)
    return float(low.min()), float(high.max())


@dataclass(frozen=True)
class Eclipse:
    """One pass through the Earth's shadow (seconds from the orbit's epoch)."""

    entry_s: float
    exit_s: float

    @property
    def minutes(self) -> float:
        return (self.exit_s - self.entry_s) / 60.0


def _shadow_margin(orbit: Orbit, seconds) -> np.ndarray:
    """Negative inside the cylindrical shadow: r.s/|r| + sqrt(1 - (R/|r|)^2)."""
    r = orbit.position_eci(seconds)
    s = sun_direction_eci(orbit.jd(seconds))
    norm = np.linalg.norm(r, axis=-1)
    return np.sum(r * s, axis=-1) / norm + np.sqrt(1 - (RE_KM / norm) ** 2)


def eclipses(
    orbit: Orbit, start_s: float, duration_s: float, step_s: float = 20.0
) -> list[Eclipse]:
    """Shadow entries and exits in a time span, each to well under a millisecond.

    Samples the shadow margin with the moving Sun and the drifting plane, then refines
    every sign change by bisection. A pass cut by the span's ends starts or ends
    there. The step must stay under the shortest pass (a few minutes near the
    no-eclipse beta)."""
    count = max(2, math.ceil(duration_s / step_s) + 1)
    times = np.linspace(start_s, start_s + duration_s, count)
    margin = _shadow_margin(orbit, times)
    inside = margin < 0
    edges = np.nonzero(inside[1:] != inside[:-1])[0]

    # bisect every bracket at once: 2^-30 of a 20 s step is far below a millisecond
    lo, hi = times[edges], times[edges + 1]
    lo_inside = inside[edges]
    for _ in range(30):
        mid = 0.5 * (lo + hi)
        same = (_shadow_margin(orbit, mid) < 0) == lo_inside
        lo, hi = np.where(same, mid, lo), np.where(same, hi, mid)
    crossings = zip((0.5 * (lo + hi)).tolist(), inside[edges + 1].tolist(), strict=True)
    out: list[Eclipse] = []
    entry = times[0] if inside[0] else None
    for when, entering in crossings:
        if entering:
            entry = when
        elif entry is not None:
            out.append(Eclipse(float(entry), float(when)))
            entry = None
    if entry is not None:
        out.append(Eclipse(float(entry), float(times[-1])))
    return out


@dataclass(frozen=True)
class StationLight:
    """How the Sun lights the station at one moment (for "Sun from orbit").

    `sun_local` is the unit vector to the Sun in the station's orbital frame: x along
    the velocity, y along the orbit normal, z up (away from the Earth's centre); the
    Earth is at -z. `sun_elevation_below_deg` is the Sun's elevation at the point below
    the station (positive: the Earth under it is in daylight). `to_earth` turns the
    orbital frame into the Earth-fixed one (ECEF): its columns are the velocity, the
    orbit normal and the up direction in ECEF, so a picture can show the ground that
    is really under the station then."""

    sun_local: np.ndarray
    in_shadow: bool
    beta_deg: float
    sun_elevation_below_deg: float
    to_earth: np.ndarray


def station_light(orbit: Orbit, seconds: float) -> StationLight:
    node, along, normal = orbit.plane_axes(seconds)
    _, u = orbit.angles_rad(seconds)
    up = np.cos(u) * node + np.sin(u) * along
    forward = -np.sin(u) * node + np.cos(u) * along
    s = sun_direction_eci(orbit.jd(seconds))
    local = np.array([forward @ s, normal @ s, up @ s])
    jd = orbit.jd(seconds)
    to_earth = np.column_stack([eci_to_ecef(v, jd) for v in (forward, normal, up)])
    return StationLight(
        sun_local=local / np.linalg.norm(local),
        in_shadow=bool(_shadow_margin(orbit, seconds) < 0),
        beta_deg=float(np.degrees(np.arcsin(np.clip(normal @ s, -1, 1)))),
        sun_elevation_below_deg=float(np.degrees(np.arcsin(np.clip(up @ s, -1, 1)))),
        to_earth=to_earth,
    )
