"""A circular orbit around an oblate Earth: time, frames, J2 drift and ground tracks.

Owns the orbit model the orbit view, the map and `orbit --json` share: a circular orbit
of a given inclination and altitude whose node and argument of latitude move at the
first-order secular J2 rates (the textbook formulas, e.g. Vallado, *Fundamentals of
Astrodynamics and Applications*, 4th ed., eq. 9-41), plus the time scales and frames
it is drawn in.

Frames: ECI is the Earth's true equator and equinox of date (the frame the Sun's
apparent position comes in, `models3d.sunlight`); ECEF turns with the Earth by the
apparent sidereal time. Distances are km, angles degrees unless a name says rad.
UT1 is taken as UTC (under 0.9 s, 0.004 degree of Earth rotation).
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
from dataclasses import dataclass, field

import numpy as np

# WGS 84 (NIMA TR8350.2): equatorial radius and flattening; EGM96 mu and J2.
MU_KM3_S2 = 398600.4418
RE_KM = 6378.137
FLATTENING = 1 / 298.257223563
J2 = 1.08262668e-3
EARTH_ROTATION_RAD_S = 7.2921150e-5  # sidereal, IERS conventions
TROPICAL_YEAR_DAYS = 365.2421897
# A sun-synchronous node follows the mean Sun: one turn per tropical year.
SUN_SYNC_NODE_RATE_RAD_S = 2 * math.pi / (TROPICAL_YEAR_DAYS * 86400.0)
JD_J2000 = 2451545.0
_UNIX_EPOCH_JD = 2440587.5

MIN_ALTITUDE_KM = 100.0
MAX_ALTITUDE_KM = 50000.0


# ---------------------------------------------------------------- time


def utc(t: _dt.datetime | _dt.date) -> _dt.datetime:
    """A time as an aware UTC datetime; a date is its 00:00 UTC, a naive time is UTC."""
    if not isinstance(t, _dt.datetime):
        t = _dt.datetime(t.year, t.month, t.day)
    if t.tzinfo is None:
        return t.replace(tzinfo=_dt.UTC)
    return t.astimezone(_dt.UTC)


def julian_date(t: _dt.datetime | _dt.date) -> float:
    """The Julian date (UTC) of a time."""
    return _UNIX_EPOCH_JD + utc(t).timestamp() / 86400.0


def _nutation_terms(jd):
    """The obliquity of date and the nutation in longitude (deg), Meeus ch. 22/25."""
    t = (np.asarray(jd, dtype=float) - JD_J2000) / 36525.0
    node = np.radians(125.04 - 1934.136 * t)  # the Moon's ascending node
    eps0 = (
        23.0
        + 26.0 / 60.0
        + (21.448 - 46.8150 * t - 0.00059 * t**2 + 0.001813 * t**3) / 3600.0
    )
    # Meeus 25.8: the largest term of each series, enough for 0.001 degree
    return eps0 + 0.00256 * np.cos(node), -0.00478 * np.sin(node)


def sidereal_angle_rad(jd) -> np.ndarray:
    """Greenwich apparent sidereal time (rad) at Julian dates (UT1 taken as UTC).

    Mean sidereal time by the IAU 1982 expression (Meeus eq. 12.4) plus the equation
    of the equinoxes (nutation in longitude times cos of the obliquity)."""
    jd = np.asarray(jd, dtype=float)
    d = jd - JD_J2000
    t = d / 36525.0
    gmst = 280.46061837 + 360.98564736629 * d + 0.000387933 * t**2 - t**3 / 38710000.0
    eps, dpsi = _nutation_terms(jd)
    return np.radians(np.mod(gmst + dpsi * np.cos(np.radians(eps)), 360.0))


def eci_to_ecef(vec: np.ndarray, jd) -> np.ndarray:
    """ECI vectors (..., 3) at Julian dates (broadcast) in the Earth's turning frame."""
    theta = sidereal_angle_rad(jd)
    c, s = np.cos(theta), np.sin(theta)
    vec = np.asarray(vec, dtype=float)
    x, y, z = vec[..., 0], vec[..., 1], vec[..., 2]
    return np.stack(np.broadcast_arrays(c * x + s * y, -s * x + c * y, z), axis=-1)


def ecef_to_geodetic(xyz: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """ECEF km -> WGS 84 geodetic latitude (deg), longitude (deg, -180..180), height.

    Bowring's method with three iterations: far below a millimetre for any point
    outside the Earth."""
    xyz = np.asarray(xyz, dtype=float)
    x, y, z = xyz[..., 0], xyz[..., 1], xyz[..., 2]
    e2 = FLATTENING * (2 - FLATTENING)
    p = np.hypot(x, y)
    lat = np.arctan2(z, p * (1 - e2))
    for _ in range(3):
        n = RE_KM / np.sqrt(1 - e2 * np.sin(lat) ** 2)
        lat = np.arctan2(z + e2 * n * np.sin(lat), p)
    n = RE_KM / np.sqrt(1 - e2 * np.sin(lat) ** 2)
    cos_lat = np.cos(lat)
    with np.errstate(divide="ignore", invalid="ignore"):
        height = np.where(
            np.abs(cos_lat) > 1e-9,
            p / np.where(cos_lat == 0, 1, cos_lat) - n,
            np.abs(z) - n * (1 - e2),
        )
    return np.degrees(lat), np.degrees(np.arctan2(y, x)), height


def geodetic_to_ecef(lat_deg, lon_deg, height_km=0.0) -> np.ndarray:
    """WGS 84 geodetic coordinates -> ECEF km (..., 3)."""
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    e2 = FLATTENING * (2 - FLATTENING)
    n = RE_KM / np.sqrt(1 - e2 * np.sin(lat) ** 2)
    h = np.asarray(height_km, dtype=float)
    return np.stack(
        np.broadcast_arrays(
            (n + h) * np.cos(lat) * np.cos(lon),
            (n + h) * np.cos(lat) * np.sin(lon),
            (n * (1 - e2) + h) * np.sin(lat),
        ),
        axis=-1,
    )


# ---------------------------------------------------------------- J2 rates


@dataclass(frozen=True)
class J2Rates:
    """Secular rates (rad/s) of a circular orbit's elements under J2."""

    mean_motion: float  # Keplerian, sqrt(mu / a^3)
    node: float  # right ascension of the ascending node
    perigee: float  # argument of perigee (defines the in-plane drift of u)
    mean_anomaly: float
    arg_latitude: float  # perigee + mean anomaly: the motion along the ring


def j2_rates(semi_major_km: float, inclination_deg: float) -> J2Rates:
    """First-order secular J2 rates for eccentricity 0 (Vallado eq. 9-41)."""
    n = math.sqrt(MU_KM3_S2 / semi_major_km**3)
    k = 1.5 * J2 * (RE_KM / semi_major_km) ** 2
    c = math.cos(math.radians(inclination_deg))
    node = -k * n * c
    perigee = 0.5 * k * n * (5 * c * c - 1)
    mean_anomaly = n * (1 + 0.5 * k * (3 * c * c - 1))
    return J2Rates(n, node, perigee, mean_anomaly, perigee + mean_anomaly)


def sun_synchronous_inclination(altitude_km: float) -> float | None:
    """The inclination (deg) whose node turns once a tropical year; None when none
    can (above about 5,980 km the J2 drift is too weak)."""
    a = RE_KM + altitude_km
    n = math.sqrt(MU_KM3_S2 / a**3)
    c = -SUN_SYNC_NODE_RATE_RAD_S / (1.5 * J2 * (RE_KM / a) ** 2 * n)
    if abs(c) > 1:
        return None
    return math.degrees(math.acos(c))


def max_latitude_deg(inclination_deg: float) -> float:
    """The highest geocentric latitude a circular orbit reaches (180 - i retrograde)."""
    return inclination_deg if inclination_deg <= 90 else 180.0 - inclination_deg


# ---------------------------------------------------------------- the orbit


@dataclass(frozen=True)
class Orbit:
    """A circular orbit: shape, plane at `epoch` and the station's place on it.

    `altitude_km` is above the equatorial radius (a = 6378.137 km + altitude).
    `raan_deg` is the node's right ascension and `arg_latitude_deg` the station's angle
    from the ascending node, both at `epoch` (UTC); both drift at the J2 rates."""

    inclination_deg: float
    altitude_km: float
    epoch: _dt.datetime = field(
        default_factory=lambda: _dt.datetime(2000, 1, 1, 12, tzinfo=_dt.UTC)
    )
    raan_deg: float = 0.0
    arg_latitude_deg: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "epoch", utc(self.epoch))

    @property
    def semi_major_km(self) -> float:
        return RE_KM + self.altitude_km

    @property
    def rates(self) -> J2Rates:
        return j2_rates(self.semi_major_km, self.inclination_deg)

    @property
    def epoch_jd(self) -> float:
        return julian_date(self.epoch)

    @property
    def nodal_period_s(self) -> float:
        """Time from one ascending node to the next (the J2 rates included)."""
        return 2 * math.pi / self.rates.arg_latitude

    @property
    def keplerian_period_s(self) -> float:
        return 2 * math.pi / self.rates.mean_motion

    @property
    def nodal_drift_deg_per_day(self) -> float:
        """Node drift per day of 86,400 s; negative (westward) for prograde orbits."""
        return math.degrees(self.rates.node) * 86400.0

    def seconds_at(self, t: _dt.datetime) -> float:
        """Seconds from the epoch to a time."""
        return (utc(t) - self.epoch).total_seconds()

    def jd(self, seconds) -> np.ndarray:
        return self.epoch_jd + np.asarray(seconds, dtype=float) / 86400.0

    def angles_rad(self, seconds) -> tuple[np.ndarray, np.ndarray]:
        """The node's right ascension and the argument of latitude (rad) at times."""
        s = np.asarray(seconds, dtype=float)
        r = self.rates
        raan = math.radians(self.raan_deg) + r.node * s
        u = math.radians(self.arg_latitude_deg) + r.arg_latitude * s
        return raan, u

    def plane_axes(self, seconds) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """ECI unit vectors (..., 3): towards the ascending node, 90 degrees on along
        the motion, and the orbit normal (angular momentum)."""
        raan, _ = self.angles_rad(seconds)
        ci, si = (f(math.radians(self.inclination_deg)) for f in (math.cos, math.sin))
        co, so = np.cos(raan), np.sin(raan)
        node = np.stack([co, so, np.zeros_like(co)], axis=-1)
        along = np.stack([-so * ci, co * ci, np.full_like(co, si)], axis=-1)
        normal = np.stack([so * si, -co * si, np.full_like(co, ci)], axis=-1)
        return node, along, normal

    def position_eci(self, seconds) -> np.ndarray:
        """The station's ECI position (km, shape (..., 3)) at seconds from the epoch."""
        node, along, _ = self.plane_axes(seconds)
        _, u = self.angles_rad(seconds)
        return self.semi_major_km * (
            np.cos(u)[..., None] * node + np.sin(u)[..., None] * along
        )

    def position_ecef(self, seconds) -> np.ndarray:
        return eci_to_ecef(self.position_eci(seconds), self.jd(seconds))

    def subpoint(self, seconds) -> tuple[np.ndarray, np.ndarray]:
        """Geodetic latitude and longitude (deg) of the point directly below (the
        point of the WGS 84 ellipsoid whose normal passes through the station)."""
        lat, lon, _ = ecef_to_geodetic(self.position_ecef(seconds))
        return lat, lon

    def ground_track(
        self, start_s: float, duration_s: float, step_s: float = 30.0
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Times (s from the epoch), latitudes and longitudes (deg) of the track."""
        count = max(2, math.ceil(duration_s / step_s) + 1)
        times = np.linspace(start_s, start_s + duration_s, count)
        lat, lon = self.subpoint(times)
        return times, lat, lon

    def ring(self, seconds: float, points: int = 256, frame: str = "eci") -> np.ndarray:
        """The orbit circle at one time as (points, 3) km, closed (last = first)."""
        node, along, _ = self.plane_axes(seconds)
        u = np.linspace(0, 2 * np.pi, points)
        ring = self.semi_major_km * (
            np.cos(u)[:, None] * node + np.sin(u)[:, None] * along
        )
        if frame == "ecef":
            return eci_to_ecef(ring, self.jd(seconds))
        if frame != "eci":
            raise ValueError(f"frame '{frame}' is not 'eci' or 'ecef'")
        return ring

    def max_geodetic_latitude_deg(self) -> float:
        """The highest geodetic latitude of the point below the station."""
        top = math.radians(max_latitude_deg(self.inclination_deg))
        xyz = self.semi_major_km * np.array([math.cos(top), 0.0, math.sin(top)])
        return float(ecef_to_geodetic(xyz)[0])


def split_at_antimeridian(lon: np.ndarray, *arrays: np.ndarray) -> list[tuple]:
    """Pieces of a track that do not jump across longitude +-180 (for drawing)."""
    lon = np.asarray(lon)
    cuts = np.nonzero(np.abs(np.diff(lon)) > 180.0)[0] + 1
    bounds = [0, *cuts.tolist(), len(lon)]
    return [
        (lon[a:b], *(arr[a:b] for arr in arrays))
        for a, b in itertools.pairwise(bounds)
        if b - a >= 2
    ]
