"""The orbit model against independent references: SGP4 (positions, node drift),
textbook J2 formulas, astropy's Sun (ERFA, offline), the cylinder-shadow formula; and
the `orbit` command's output and errors."""

from __future__ import annotations

import datetime as dt
import json
import math
import socket
import subprocess
import sys
import warnings
from types import SimpleNamespace

import numpy as np
import pytest

from models3d import sunlight
from models3d.figures import Figure
from models3d.orbit import (
    Orbit,
    ecef_to_geodetic,
    geodetic_to_ecef,
    julian_date,
    sidereal_angle_rad,
    sun_synchronous_inclination,
)
from models3d.orbit_cli import main as orbit_main
from models3d.orbit_report import OrbitParams, orbit_summary, plan_orbit_params
from tests.conftest import ROOT

EPOCH = dt.datetime(2026, 5, 1, 6, tzinfo=dt.UTC)
# textbook constants typed out again here, so the tests do not just echo the module
MU, RE, J2 = 398600.4418, 6378.137, 1.08262668e-3


def angle_deg(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    cos = np.sum(a * b, -1) / np.linalg.norm(a, axis=-1) / np.linalg.norm(b, axis=-1)
    return np.degrees(np.arccos(np.clip(cos, -1, 1)))


def sgp4_twin(orbit: Orbit):
    """An SGP4 satellite (WGS 84, no drag, eccentricity 0) with the same mean elements:
    its Kozai mean motion is adjusted until SGP4's Brouwer mean semi-major axis is the
    orbit's radius."""
    from sgp4.api import WGS84, Satrec

    n = orbit.rates.mean_motion * 60.0  # rad/min
    for _ in range(8):
        sat = Satrec()
        sat.sgp4init(
            WGS84,
            "i",
            1,
            orbit.epoch_jd - 2433281.5,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            math.radians(orbit.inclination_deg),
            math.radians(orbit.arg_latitude_deg),
            n,
            math.radians(orbit.raan_deg),
        )
        n *= (sat.a * sat.radiusearthkm / orbit.semi_major_km) ** 1.5
    return sat


@pytest.mark.parametrize("inclination", [51.6, 96.8, 97.0, 28.5])
def test_positions_follow_sgp4_over_three_orbits(inclination):
    orbit = Orbit(inclination, 400, EPOCH, raan_deg=40.0, arg_latitude_deg=10.0)
    sat = sgp4_twin(orbit)
    t = np.arange(0.0, 3 * orbit.nodal_period_s, 20.0)
    jd = orbit.epoch_jd + t / 86400.0
    err, r, _ = sat.sgp4_array(np.floor(jd), jd - np.floor(jd))
    assert not err.any()
    # SGP4 adds J2 short-period terms and the J3 forced eccentricity (about 0.1
    # degree); the secular motion must agree
    assert angle_deg(r, orbit.position_eci(t)).max() < 0.5


@pytest.mark.parametrize("inclination", [0.0, 51.6, 96.8, 140.0])
def test_node_drift_is_the_textbook_j2_rate_and_sgp4s(inclination):
    orbit = Orbit(inclination, 400, EPOCH)
    a = RE + 400
    n = math.sqrt(MU / a**3)
    textbook = -1.5 * n * J2 * (RE / a) ** 2 * math.cos(math.radians(inclination))
    assert orbit.nodal_drift_deg_per_day == pytest.approx(
        math.degrees(textbook) * 86400, rel=1e-9, abs=1e-12
    )
    sgp4_rate = math.degrees(sgp4_twin(orbit).nodedot) * 1440.0  # rad/min -> deg/day
    # SGP4 adds J4 and J2^2 terms: under 1 % of the J2 rate
    assert orbit.nodal_drift_deg_per_day == pytest.approx(sgp4_rate, rel=0.01, abs=1e-6)


def test_iss_like_orbit_has_the_known_period_and_drift():
    orbit = Orbit(51.6, 400, EPOCH)
    assert orbit.keplerian_period_s / 60 == pytest.approx(92.56, abs=0.01)
    assert orbit.nodal_period_s < orbit.keplerian_period_s  # J2 speeds prograde u
    assert orbit.nodal_drift_deg_per_day == pytest.approx(-5.0, abs=0.01)


def test_sun_synchronous_inclination():
    i = sun_synchronous_inclination(400)
    assert i == pytest.approx(97.03, abs=0.01)  # Wertz & Larson, SMAD, table 6-3
    rate = Orbit(i, 400, EPOCH).nodal_drift_deg_per_day
    assert rate == pytest.approx(360 / 365.2421897, rel=1e-9)
    assert sun_synchronous_inclination(800) == pytest.approx(98.6, abs=0.05)
    assert sun_synchronous_inclination(7000) is None


def test_geodetic_round_trip_and_max_latitude():
    lat, lon, h = (
        np.array([0.0, 45.0, -89.9, 51.6]),
        np.array([10, -170, 0, 179.9]),
        400,
    )
    back = ecef_to_geodetic(geodetic_to_ecef(lat, lon, h))
    assert np.allclose(back[0], lat, atol=1e-9)
    assert np.allclose(back[1], lon, atol=1e-9)
    assert np.allclose(back[2], h, atol=1e-6)
    orbit = Orbit(51.6, 400, EPOCH)
    _, track_lat, _ = orbit.ground_track(0, 86400, step_s=5)
    top = orbit.max_geodetic_latitude_deg()
    # the point below is 0.18 degree further north than the geocentric 51.6
    assert top == pytest.approx(51.776, abs=0.001)
    assert track_lat.max() == pytest.approx(top, abs=0.01)
    assert Orbit(97.0, 400).max_geodetic_latitude_deg() == pytest.approx(
        83.04, abs=0.01
    )


def test_track_steps_west_by_earth_rotation_each_orbit():
    gast = math.degrees(sidereal_angle_rad(julian_date(EPOCH)))
    orbit = Orbit(51.6, 400, EPOCH, raan_deg=gast)
    lat0, lon0 = orbit.subpoint(0.0)
    assert abs(lat0) < 1e-9
    assert abs(lon0) < 1e-6
    _, lat, lon = orbit.ground_track(0, 5 * orbit.nodal_period_s, step_s=1.0)
    up = np.nonzero((lat[:-1] < 0) & (lat[1:] >= 0))[0]
    nodes = lon[up] + (lon[up + 1] - lon[up]) * (-lat[up]) / (lat[up + 1] - lat[up])
    shift = np.mod(np.diff(nodes) + 180, 360) - 180
    rotation = 360.98564736629 / 86400.0 - orbit.nodal_drift_deg_per_day / 86400.0
    assert np.allclose(shift, -rotation * orbit.nodal_period_s, atol=0.01)


def test_ring_and_position_agree_in_both_frames():
    orbit = Orbit(96.8, 400, EPOCH, raan_deg=10, arg_latitude_deg=33)
    for frame, pos in (
        ("eci", orbit.position_eci(900.0)),
        ("ecef", orbit.position_ecef(900.0)),
    ):
        ring = orbit.ring(900.0, points=3601, frame=frame)
        assert np.allclose(np.linalg.norm(ring, axis=1), orbit.semi_major_km)
        assert np.linalg.norm(ring - pos, axis=1).min() < 6.0  # half a ring step
    with pytest.raises(ValueError, match="frame"):
        orbit.ring(0.0, frame="galactic")


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the test tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_sun_matches_astropy_over_a_century(no_network):
    """astropy's get_sun (ERFA's VSOP87-based epv00, no download) turned into the true
    equator and equinox of date: Meeus's series is good to 0.01 degree."""
    from astropy.coordinates import TETE, get_sun
    from astropy.time import Time
    from astropy.utils import iers

    iers.conf.auto_download = False
    rng = np.random.default_rng(14)
    days = rng.uniform(0, 100 * 365.25, 120)
    times = [
        dt.datetime(1950, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=float(d))
        for d in days
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # ERFA: "dubious year" past the leap seconds
        t = Time(times, scale="utc")
        t.delta_ut1_utc = 0.0  # TETE asks for UT1; the Sun's direction does not
        ref = get_sun(t).transform_to(TETE(obstime=t))
    ra, dec, dist = sunlight.sun_apparent(np.array([julian_date(x) for x in times]))

    def unit(ra_deg, dec_deg):
        ra_r, dec_r = np.radians(ra_deg), np.radians(dec_deg)
        return np.stack(
            [np.cos(dec_r) * np.cos(ra_r), np.cos(dec_r) * np.sin(ra_r), np.sin(dec_r)],
            -1,
        )

    sep = angle_deg(unit(ref.ra.deg, ref.dec.deg), unit(ra, dec))
    assert sep.max() < 0.05
    assert sep.mean() < 0.01
    assert np.allclose(dist, ref.distance.au, rtol=1e-4)


def test_subsolar_point_and_terminator_at_the_june_solstice():
    when = dt.datetime(2026, 6, 21, 8, 24, tzinfo=dt.UTC)  # the 2026 solstice
    lat, lon = sunlight.subsolar_point(when)
    assert lat == pytest.approx(23.436, abs=0.01)
    # 08:24 UTC is noon at 54 E by the mean Sun; the true Sun runs 1.6 minutes late
    # (equation of time), 0.4 degree further east
    assert lon == pytest.approx((12 - 8.4) * 15 + 0.4, abs=0.2)
    t_lat, t_lon = sunlight.terminator(when)
    s = sunlight.sun_direction_ecef(julian_date(when))
    p = np.stack(
        [
            np.cos(np.radians(t_lat)) * np.cos(np.radians(t_lon)),
            np.cos(np.radians(t_lat)) * np.sin(np.radians(t_lon)),
            np.sin(np.radians(t_lat)),
        ],
        -1,
    )
    assert np.abs(p @ s).max() < 1e-9
    assert t_lat.max() == pytest.approx(90 - 23.436, abs=0.02)


def raan_for_beta(orbit: Orbit, beta_zero: bool) -> float:
    s = sunlight.sun_direction_eci(orbit.epoch_jd)
    phi = math.atan2(s[1], s[0])
    rho = math.hypot(s[0], s[1])
    i = math.radians(orbit.inclination_deg)
    if beta_zero:  # normal . s = 0
        return math.degrees(phi + math.asin(-s[2] / (rho * math.tan(i))))
    return math.degrees(
        math.atan2(s[0], -s[1])
    )  # normal as close to the Sun as it gets


def test_eclipse_at_beta_zero_matches_the_cylinder_formula():
    base = Orbit(51.6, 400, EPOCH)
    orbit = Orbit(51.6, 400, EPOCH, raan_deg=raan_for_beta(base, True))
    assert abs(float(sunlight.beta_deg(orbit, 0.0))) < 1e-6
    passes = sunlight.eclipses(orbit, 0.0, 3 * orbit.nodal_period_s)
    whole = [p for p in passes if p.entry_s > 0 and p.exit_s < 3 * orbit.nodal_period_s]
    assert len(whole) >= 2
    rho = RE / (RE + 400)
    formula = math.acos(math.sqrt(1 - rho**2)) / math.pi * orbit.nodal_period_s / 60
    assert formula == pytest.approx(36.08, abs=0.01)
    assert float(sunlight.shadow_minutes(0.0, orbit)) == pytest.approx(formula)
    # beta drifts by a few hundredths of a degree in an orbit: seconds at most
    assert whole[0].minutes == pytest.approx(formula, abs=0.05)
    gaps = np.diff([p.entry_s for p in whole])
    assert np.allclose(gaps, orbit.nodal_period_s, atol=5.0)


def test_no_eclipse_above_the_no_eclipse_beta():
    # at the June solstice a 51.6-degree normal gets within 14.96 degrees of the Sun
    base = Orbit(51.6, 400, dt.datetime(2026, 6, 21, tzinfo=dt.UTC))
    orbit = Orbit(51.6, 400, base.epoch, raan_deg=raan_for_beta(base, False))
    beta = float(sunlight.beta_deg(orbit, 0.0))
    assert beta == pytest.approx(75.04, abs=0.05)
    assert sunlight.beta_no_eclipse_deg(400) == pytest.approx(70.22, abs=0.01)
    assert sunlight.eclipses(orbit, 0.0, 86400.0) == []
    assert float(sunlight.shadow_minutes(beta, orbit)) == 0.0


@pytest.mark.parametrize("inclination", [51.6, 97.0])
def test_beta_envelope_holds_every_node(inclination):
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    low, high = sunlight.beta_envelope_deg(inclination, start)
    seconds = np.arange(0, 365 * 86400, 86400.0)
    seen = []
    for raan in np.arange(0, 360, 2.5):
        seen.append(sunlight.beta_deg(Orbit(inclination, 400, start, raan), seconds))
    seen = np.concatenate(seen)
    # never outside; as close as a grid of 2.5-degree nodes and days gets
    assert low - 1e-6 <= seen.min() <= low + 1.5
    assert high - 1.5 <= seen.max() <= high + 1e-6
    if inclination == 51.6:
        assert (low, high) == pytest.approx((-75.04, 75.04), abs=0.01)


def fig(quantity, value, low=None, high=None, unit="deg"):
    low = value if low is None else low
    high = value if high is None else high
    return Figure(quantity, value, unit, low, high, ("S1",), "confirmed")


def test_plan_orbit_params_and_summary_of_a_plan():
    plan = SimpleNamespace(
        id="p",
        orbit={
            "inclination": fig("inclination", 96.8),
            "altitude": fig("altitude", 400, 300, 400, "km"),
        },
    )
    params = plan_orbit_params(plan)
    assert [(p.inclination_deg, p.altitude_km) for p in params] == [
        (96.8, 400),
        (96.8, 300),
    ]
    day = dt.date(2026, 1, 1)
    assert orbit_summary(plan, day) == orbit_summary(OrbitParams(96.8, 400), day)
    no_alt = SimpleNamespace(id="q", orbit={"inclination": fig("inclination", 51.6)})
    assert "no altitude" in orbit_summary(no_alt, day)["method"]
    assert orbit_summary(SimpleNamespace(id="mir", orbit={}), day) is None


def test_bundled_plans_carry_their_orbits():
    from models3d.orbit_report import load_plan

    day = dt.date(2026, 1, 1)
    assert orbit_summary(load_plan("ros-2024"), day)["inclination_deg"] == 96.8
    assert orbit_summary(load_plan("ros-2026"), day)["inclination_deg"] == 51.6


KEYS = {
    "inclination_deg",
    "altitude_km",
    "period_min",
    "nodal_drift_deg_per_day",
    "max_latitude_deg",
    "sun_synchronous_inclination_deg",
    "russia_overflown_share",
    "russia_within_km",
    "eclipse_max_min",
    "beta_no_eclipse_deg",
    "beta_range_deg",
    "outline",
    "method",
}


def test_orbit_json_has_exactly_the_keys():
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "models3d.orbit_cli",
            "--inclination",
            "51.6",
            "--altitude",
            "400",
            "--date",
            "2026-01-01",
            "--json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert set(out) == KEYS
    assert set(out["russia_within_km"]) == {"500", "1000", "1500"}
    shares = [out["russia_overflown_share"], *out["russia_within_km"].values()]
    assert all(0 <= s <= 1 for s in shares)
    assert shares == sorted(shares)
    assert out["period_min"] == pytest.approx(92.49, abs=0.01)
    assert out["beta_range_deg"] == pytest.approx([-75.04, 75.04], abs=0.01)
    assert out["eclipse_max_min"] == pytest.approx(36.08, abs=0.01)
    assert "Natural Earth 4.1.0" in out["outline"]


@pytest.mark.parametrize(
    "argv",
    [
        ["--inclination", "abc"],
        ["--inclination", "nan"],
        ["--inclination", "190"],
        ["--inclination", "51.6", "--altitude", "20"],
        ["--inclination", "51.6", "--date", "2026-13-01"],
        ["--inclination", "51.6", "--map", "out.jpg"],
        ["--inclination", "51.6", "--map", "/no/such/folder/map.png"],
        [],
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, capsys):
    assert orbit_main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert err.count("\n") == 1


def test_unknown_plan_exits_2(capsys):
    assert orbit_main(["--plan", "no-such-plan"]) == 2
    assert "no-such-plan" in capsys.readouterr().err


def test_map_is_written_whole(tmp_path, capsys):
    from PIL import Image

    from models3d.orbit_map import TRACK, ZONE_COLOURS

    path = tmp_path / "map.png"
    assert (
        orbit_main(
            ["--inclination", "51.6", "--date", "2026-01-01", "--map", str(path)]
        )
        == 0
    )
    assert "Russia within 500 km" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]  # no temporary left
    image = np.asarray(Image.open(path).convert("RGB"))
    assert image.shape[1] == 1600
    assert image.shape[0] > 800
    colours = {tuple(c) for c in image.reshape(-1, 3)[::7]}
    assert TRACK in colours
    assert ZONE_COLOURS[0] in colours
    assert ZONE_COLOURS[1] in colours


def test_earth_textures_are_small_equirectangular_jpegs():
    from PIL import Image

    for name, size in (
        ("day_2048.jpg", (2048, 1024)),
        ("night_2048.jpg", (2048, 1024)),
        ("day_4096.jpg", (4096, 2048)),  # the pictures' backdrop
    ):
        path = ROOT / "assets" / "earth" / name
        with Image.open(path) as im:
            assert im.format == "JPEG"
            assert im.size == size
        assert path.stat().st_size < 1.5 * 2**20


def test_station_light_follows_the_orbit():
    base = Orbit(51.6, 400, EPOCH)
    orbit = Orbit(51.6, 400, EPOCH, raan_deg=raan_for_beta(base, True))
    passes = sunlight.eclipses(orbit, 0.0, 2 * orbit.nodal_period_s)
    middle = 0.5 * (passes[0].entry_s + passes[0].exit_s)
    dark = sunlight.station_light(orbit, middle)
    assert dark.in_shadow
    # mid-shadow at beta 0: the Sun is straight below, behind the Earth
    assert dark.sun_local[2] == pytest.approx(-1.0, abs=1e-4)
    assert dark.sun_elevation_below_deg == pytest.approx(-90.0, abs=0.3)
    noon = sunlight.station_light(orbit, middle + orbit.nodal_period_s / 2)
    assert not noon.in_shadow
    assert noon.sun_local[2] == pytest.approx(1.0, abs=1e-3)
    # the node drifts 0.5 degree in 1.5 orbits: beta moves off 0 a little
    t_noon = middle + orbit.nodal_period_s / 2
    assert noon.beta_deg == pytest.approx(float(sunlight.beta_deg(orbit, t_noon)))
    assert abs(noon.beta_deg) < 0.5
    assert np.linalg.norm(noon.sun_local) == pytest.approx(1.0)


def test_station_light_turns_the_station_frame_into_the_earths():
    """`to_earth` (for the picture backdrop): a rotation whose up column points at the
    station from the Earth's centre and whose first column is the ground velocity's
    direction plus the Earth's turn."""
    orbit = Orbit(51.6, 400, EPOCH)
    for t in (0.0, 1234.0, 5000.0):
        m = sunlight.station_light(orbit, t).to_earth
        assert m @ m.T == pytest.approx(np.eye(3), abs=1e-9)
        assert np.linalg.det(m) == pytest.approx(1.0)
        pos = orbit.position_ecef(t)
        assert m[:, 2] == pytest.approx(pos / np.linalg.norm(pos), abs=1e-9)
        # a second on, the station has moved along +X of its frame (within the
        # Earth's turn: 0.46 km/s at the equator against 7.7 km/s)
        step = orbit.position_ecef(t + 1.0) - pos
        cos = (m[:, 0] @ step) / np.linalg.norm(step)
        assert cos > 0.99
