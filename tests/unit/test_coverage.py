"""Areas and coverage shares: known answers on the sphere and the ellipsoid, and the
Russia outline against an independent method (shapely clipping, pyproj's geodesic
area)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from models3d import coverage
from models3d.coverage import (
    MEAN_SPHERE,
    WGS84,
    Ellipsoid,
    Outline,
    area_km2,
    band_shares,
    widened_limit_deg,
)
from models3d.orbit import Orbit, max_latitude_deg
from tests.conftest import ROOT

GLOBE = Outline(
    "globe",
    ((np.array([[-180, -90], [180, -90], [180, 90], [-180, 90]], dtype=float),),),
)


@pytest.mark.parametrize("inclination", [0.0, 28.5, 51.6, 90.0, 97.0, 140.0])
def test_share_of_the_sphere_between_plus_minus_i_is_sin_i(inclination):
    top = max_latitude_deg(inclination)
    share, _ = band_shares(top, (), outline=GLOBE, ellipsoid=MEAN_SPHERE)
    assert share == pytest.approx(math.sin(math.radians(top)), abs=1e-12)


def test_whole_areas_of_sphere_and_wgs84():
    r = MEAN_SPHERE.a_km
    assert area_km2(GLOBE, ellipsoid=MEAN_SPHERE) == pytest.approx(4 * math.pi * r * r)
    # WGS 84's surface: 510,065,621.7 km^2 (NIMA TR8350.2, table 3.5: 5.10065622e14 m^2)
    assert area_km2(GLOBE) == pytest.approx(510_065_621.7, abs=1.0)
    assert WGS84.area_km2 == pytest.approx(510_065_621.7, abs=1.0)


def test_rectangle_and_cap_on_the_sphere_and_winding_and_holes():
    r = 6371.0
    sphere = Ellipsoid(r, 0.0)
    rect = np.array([[10, 20], [40, 20], [40, 50], [10, 50]], dtype=float)
    expect = (
        r
        * r
        * math.radians(30)
        * (math.sin(math.radians(50)) - math.sin(math.radians(20)))
    )
    for ring in (rect, rect[::-1]):  # either winding
        assert area_km2(Outline("r", ((ring,),)), ellipsoid=sphere) == pytest.approx(
            expect, rel=1e-12
        )
    # the band |lat| <= 35 cuts the rectangle at 35
    part = (
        r
        * r
        * math.radians(30)
        * (math.sin(math.radians(35)) - math.sin(math.radians(20)))
    )
    assert area_km2(Outline("r", ((rect,),)), 35.0, sphere) == pytest.approx(part)
    hole = np.array([[20, 30], [30, 30], [30, 40], [20, 40]], dtype=float)
    hole_area = (
        r
        * r
        * math.radians(10)
        * (math.sin(math.radians(40)) - math.sin(math.radians(30)))
    )
    holed = Outline("h", ((rect, hole),))
    assert area_km2(holed, ellipsoid=sphere) == pytest.approx(expect - hole_area)
    # a polar cap as a ring along the parallel 80 N, closed over the pole
    lon = np.linspace(-180, 180, 721)
    cap = np.column_stack([np.r_[lon, 180, -180], np.r_[np.full(721, 80.0), 90, 90]])
    assert area_km2(Outline("c", ((cap,),)), ellipsoid=sphere) == pytest.approx(
        2 * math.pi * r * r * (1 - math.sin(math.radians(80))), rel=1e-9
    )


def test_meridian_arcs_and_widened_bands():
    # WGS 84's quarter meridian: 10,001.965729 km
    assert WGS84.meridian_arc_km(90.0) == pytest.approx(10_001.965729, abs=1e-5)
    assert WGS84.latitude_at_arc(WGS84.meridian_arc_km(51.776)) == pytest.approx(51.776)
    r = MEAN_SPHERE.a_km
    for lat, d in ((51.6, 500.0), (0.0, 1500.0), (83.0, 700.0)):
        expect = min(90.0, lat + math.degrees(d / r))
        assert widened_limit_deg(lat, d, MEAN_SPHERE) == pytest.approx(expect)
    # a degree of latitude is longer near the pole on the flattened Earth
    assert widened_limit_deg(60.0, 500.0) < widened_limit_deg(0.0, 500.0) + 60.0


def reference_share(limit_deg: float) -> float:
    """Russia's area inside |lat| <= limit by shapely clipping and pyproj's geodesic
    (Karney) area: a method that shares no code with models3d.coverage."""
    import pyproj
    import shapely
    from shapely.geometry import box, shape

    doc = json.loads(coverage.RUSSIA_FILE.read_text(encoding="utf-8"))
    russia = shape(doc["features"][0]["geometry"])
    # cut along parallels: densified so pyproj's geodesic edges follow the parallel
    band = shapely.segmentize(box(-180, -limit_deg, 180, limit_deg), 0.05)
    geod = pyproj.Geod(ellps="WGS84")
    whole = abs(geod.geometry_area_perimeter(shapely.segmentize(russia, 0.1))[0])
    part = abs(
        geod.geometry_area_perimeter(
            shapely.segmentize(russia.intersection(band), 0.1)
        )[0]
    )
    return part / whole


def test_russia_area_matches_pyproj():
    import pyproj
    import shapely
    from shapely.geometry import shape

    doc = json.loads(coverage.RUSSIA_FILE.read_text(encoding="utf-8"))
    geom = shapely.segmentize(shape(doc["features"][0]["geometry"]), 0.1)
    ref = abs(pyproj.Geod(ellps="WGS84").geometry_area_perimeter(geom)[0]) / 1e6
    ours = area_km2(coverage.russia())
    assert ours == pytest.approx(ref, rel=1e-4)
    assert 16.9e6 < ours < 17.1e6


def test_russia_shares_for_51_6_degrees():
    top = Orbit(51.6, 400).max_geodetic_latitude_deg()
    overflown, within = band_shares(top)
    assert overflown == pytest.approx(reference_share(top), abs=1e-3)
    for d, share in within.items():
        limit = widened_limit_deg(top, float(d))
        assert share == pytest.approx(reference_share(limit), abs=1e-3)
    # what the numbers say: about a ninth overflown, three quarters within 1500 km
    assert 0.10 < overflown < 0.13
    assert 0.70 < within["1500"] < 0.76
    assert overflown < within["500"] < within["1000"] < within["1500"] < 1


@pytest.mark.parametrize("inclination", [96.8, 97.0])
def test_russia_is_all_overflown_from_a_near_polar_orbit(inclination):
    top = Orbit(inclination, 400).max_geodetic_latitude_deg()
    # Russia's northernmost land (Franz Josef Land) is at 81.85 N
    northmost = max(r[:, 1].max() for r in coverage.russia().rings)
    assert northmost == pytest.approx(81.85, abs=0.01)
    assert top > northmost
    overflown, within = band_shares(top)
    assert overflown == 1.0
    assert set(within.values()) == {1.0}


def test_outline_files_and_readme_agree():
    readme = (ROOT / "assets" / "geo" / "README.md").read_text(encoding="utf-8")
    for path in (coverage.RUSSIA_FILE, coverage.LAND_FILE):
        doc = json.loads(path.read_text(encoding="utf-8"))
        source = doc["features"][0]["properties"]["source"]
        assert "Natural Earth 4.1.0" in source
        assert "world-atlas 2.0.2" in source
        assert path.name in readme
        for poly in doc["features"][0]["geometry"]["coordinates"]:
            for ring in poly:
                lon = np.asarray(ring)[:, 0]
                assert lon.min() >= -180
                assert lon.max() <= 180
    assert "Natural Earth **4.1.0**" in readme
    assert "world-atlas 2.0.2" in readme
    assert "Crimea" in readme
    assert "Kuril" in readme
    assert coverage.russia().name.startswith("Natural Earth 4.1.0")
