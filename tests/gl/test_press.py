"""Pictures for print (issue 15): the Earth's limb behind the station, the press-still
quality, and the cheaper station shader when there are no shadows to look up. The
command line draws the app's pixels with them too (tests/gl/test_export.py)."""

from __future__ import annotations

import numpy as np
import pytest

from models3d.catalogue import load_plan
from tests.conftest import PLANS

pytestmark = pytest.mark.gl


@pytest.fixture
def renderer(qapp, gl_display):
    from ui.export.offscreen import StationRenderer

    r = StationRenderer(load_plan(PLANS / "ros-2024.toml"))
    r.set_phase(len(r.plan.phases) - 1)
    yield r
    r.close()


def _rows(px: np.ndarray) -> np.ndarray:
    """Mean RGB of each row of a picture, as ints."""
    return px[..., :3].astype(int).mean(axis=1)


def test_the_earth_fills_the_lower_picture_under_a_dark_sky_and_a_blue_limb(renderer):
    w, h = 480, 270
    renderer.fit(w, h, "iso")
    px = renderer.picture(w, h, background="earth")
    rows = _rows(px)
    # from the iso view (28 degrees down) the horizon of an orbit 400 km up is about
    # 20 degrees below the eye: space in the top rows, the Earth below
    assert rows[:10].sum(axis=1).max() < 40, rows[:10]
    lower = rows[int(h * 0.75) :]
    assert lower.sum(axis=1).min() > 150, lower.sum(axis=1).min()
    assert (lower[:, 2] > lower[:, 0] + 20).all()  # oceans and air: bluer than red
    # the limb: going down the left edge, a bright blue band first, then the ground
    edge = px[:, :20, :3].astype(int).mean(axis=1)
    first = int(np.argmax(edge.sum(axis=1) > 120))
    assert 10 < first < h * 0.6, first
    assert edge[first, 2] > 2.5 * edge[first, 0], edge[first]  # blue air
    # the station stands in front of it: hiding it changes a good share of pixels
    renderer.model.set_hidden_modules(tuple(renderer.plan.modules))
    empty = renderer.picture(w, h, background="earth")
    changed = np.abs(px[..., :3].astype(int) - empty[..., :3]).sum(axis=2) > 40
    assert 0.05 < changed.mean() < 0.6, changed.mean()


def test_the_earth_is_lit_by_the_shadows_sun(renderer):
    w, h = 320, 180
    renderer.fit(w, h, "iso")
    day = renderer.picture(w, h, background="earth")
    renderer.scene.shadows.set_sun((0.0, 0.3, -1.0))  # the Sun below the Earth
    night = renderer.picture(w, h, background="earth")
    lower = slice(int(h * 0.75), None)
    assert night[lower, :, :3].mean() < 0.35 * day[lower, :, :3].mean()


def test_earth_tiles_join_without_seams(renderer):
    renderer.fit(900, 500, "iso")
    whole = renderer.view.render(900, 500, 1, False, tile=4096, background="earth")
    tiled = renderer.view.render(900, 500, 1, False, tile=256, background="earth")
    diff = np.abs(whole.astype(int) - tiled.astype(int)).max(axis=2)
    # 8 tiles meet along 2,000 pixels of seams: the ray of every pixel comes from the
    # tile's own projection, so the backdrop agrees; a few edge pixels may not
    assert (diff > 2).sum() <= 10, int((diff > 2).sum())


def test_press_quality_refines_the_shadows_and_nothing_else(renderer):
    from ui.viewport.shadows import QUALITY, ShadowMap

    w, h = 480, 270
    renderer.fit(w, h, "iso")
    standard = renderer.picture(w, h)
    before = ShadowMap.renders
    renderer.set_quality("press")
    press = renderer.picture(w, h)
    shadows = renderer.scene.shadows
    assert (shadows.size, shadows.taps) == QUALITY["press"] == (4096, 4)
    assert ShadowMap.renders == before + 1  # the finer map, drawn once
    renderer.picture(w, h)
    assert ShadowMap.renders == before + 1
    diff = np.abs(press[..., :3].astype(int) - standard[..., :3]).sum(axis=2)
    # shadow edges move by a texel or so; the lit and the shaded areas stay put
    assert 0 < (diff > 24).mean() < 0.02, (diff > 24).mean()
    renderer.scene.shadows.enabled = False
    flat_a = renderer.picture(w, h)
    renderer.set_quality("standard")
    flat_b = renderer.picture(w, h)
    assert np.array_equal(flat_a, flat_b)  # without shadows the quality changes nothing


def test_the_shadowless_shader_draws_the_same_unshadowed_station(renderer):
    """The "station" program (no shadow lookups) and "station_shadowed" agree
    wherever the Sun's light is not blocked."""
    w, h = 400, 225
    renderer.fit(w, h, "iso")
    shadows = renderer.scene.shadows
    shadows.enabled = False
    plain = renderer.picture(w, h)
    shadows.enabled = True
    shadowed = renderer.picture(w, h)
    item = next(iter(renderer.scene.items.values()))
    assert item.program_name() == "station_shadowed"
    diff = np.abs(plain[..., :3].astype(int) - shadowed[..., :3]).sum(axis=2)
    assert (diff == 0).mean() > 0.6  # everything lit and the sky: identical
    # shadowed pixels only get darker
    darker = plain[..., :3].astype(int).sum(axis=2) >= shadowed[..., :3].sum(axis=2) - 3
    assert darker.all()
