"""The orbit in the window, on real OpenGL: the globe (Earth colours, day and night,
ring and station moving with time, textures uploaded once, plans switching), the
compare window's two orbits, "Sun from orbit" on the station, the map panel and the
orbit pictures."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from PIL import Image

from models3d import sunlight
from models3d.orbit_report import orbit_summary
from tests.gl.conftest import grab, station_mask

pytestmark = pytest.mark.gl  # a real OpenGL context (Xvfb in CI)

DATE = dt.date(2026, 3, 20)
FEATURE = "ui.orbit.feature"


def orbit_window(windows, plan_id="ros-2024", dock="orbit"):
    win = windows(plan_id, "final")
    feature = win.features[FEATURE]
    feature.clock.set_date(DATE)
    feature.clock.set_seconds(6 * 3600.0)
    feature.show_dock(dock)
    panel = feature.panel if dock == "orbit" else feature.map
    windows.qtbot.waitUntil(panel.showing)
    return win, feature


def frame(view) -> np.ndarray:
    return grab(view)


def patch(img: np.ndarray, view, point, r: int = 3) -> np.ndarray:
    """Mean colour of a few pixels round a world point (device pixels)."""
    x, y = view.project(point)
    k = view.devicePixelRatioF()
    x, y = int(x * k), int(y * k)
    return img[y - r : y + r + 1, x - r : x + r + 1].reshape(-1, 3).mean(axis=0)


def test_globe_shows_blue_oceans_and_a_dark_night_side(windows):
    _win, feature = orbit_window(windows)
    view, scene = feature.panel.view, feature.panel.view.scene
    img = frame(view)
    assert img.std() > 20, "the globe rendered a blank picture"
    px = img.reshape(-1, 3).astype(int)
    ocean = (px[:, 2] > px[:, 0] + 25) & (px[:, 2] > px[:, 1] + 5)
    assert ocean.mean() > 0.03, "no blue oceans"
    # points of the visible surface half-way to the Sun and half-way away from it
    cam = np.array(view.cameraPosition())
    cam /= np.linalg.norm(cam)
    sun = scene.sun_direction()
    day = (cam + sun) / np.linalg.norm(cam + sun)
    night = (cam - sun) / np.linalg.norm(cam - sun)
    lit, dark = patch(img, view, day).sum(), patch(img, view, night).sum()
    assert dark < 90, (lit, dark)
    assert lit > 3 * dark, (lit, dark)


def node(ring: np.ndarray) -> float:
    """The right ascension of a ring's ascending node from its normal
    (sin O sin i, -cos O sin i, cos i)."""
    n = np.cross(ring[0], ring[90])
    return float(np.arctan2(n[0], -n[1]))


def test_ring_and_station_move_when_time_advances(windows):
    _win, feature = orbit_window(windows)
    clock, view, scene = feature.clock, feature.panel.view, feature.panel.view.scene
    before, pos0, ring0 = frame(view), scene.station_position(), scene.ring_points()
    clock.set_seconds(clock.seconds + 600.0)
    after, pos1, ring1 = frame(view), scene.station_position(), scene.ring_points()
    orbit = scene.shown.orbit
    turned = np.degrees(np.arccos(pos0 @ pos1 / np.linalg.norm(pos0) ** 2))
    assert turned == pytest.approx(600.0 / orbit.nodal_period_s * 360.0, rel=0.02)
    assert np.abs(after.astype(int) - before.astype(int)).sum(axis=2).max() > 100
    # inertial frame: the ring turns only with the node's J2 drift
    assert np.degrees(node(ring1) - node(ring0)) == pytest.approx(
        np.degrees(orbit.rates.node) * 600.0, abs=1e-3
    )
    # turning with the Earth: the ring moves west by the Earth's rotation
    feature.panel.earth_fixed.setChecked(True)
    r0 = scene.ring_points()
    clock.set_seconds(clock.seconds + 3600.0)
    assert np.abs(scene.ring_points() - r0).max() > 0.2


def test_textures_are_uploaded_once_across_frames_and_plans(windows):
    from models3d.catalogue import load_plan, resolve_plan
    from ui.orbit.items import COUNTS

    win, feature = orbit_window(windows)
    view = feature.panel.view
    frame(view)
    textures, buffers = COUNTS.texture_uploads, COUNTS.buffer_uploads
    assert COUNTS.live_textures == 2  # the surface (day and night) and the mask
    for k in range(40):
        feature.clock.set_seconds(feature.clock.seconds + 97.0)
        if k % 8 == 0:
            frame(view)
        else:
            view.repaint()
    assert (COUNTS.texture_uploads, COUNTS.buffer_uploads) == (textures, buffers)
    win.model.set_plan(load_plan(resolve_plan("ros-2026")))
    frame(view)
    assert COUNTS.texture_uploads == textures
    # only the plan's own items: track, bands, two station markers, nadir line
    assert COUNTS.buffer_uploads - buffers == 5
    # the compare window's globes share the same textures
    win.show_compare()
    cmp = win._compare
    cmp.tabs.setCurrentWidget(cmp.orbits)
    windows.qtbot.waitUntil(cmp.orbits.left.showing)
    frame(cmp.orbits.left.view)
    assert COUNTS.texture_uploads == textures
    cmp.close()


def test_plan_switch_changes_the_ring_and_a_plan_without_orbit_says_so(windows):
    from models3d.catalogue import load_plan, resolve_plan

    win, feature = orbit_window(windows)
    panel, scene = feature.panel, feature.panel.view.scene

    def tilt() -> float:
        ring = scene.ring_points()
        return np.abs(ring[:, 2]).max() / np.linalg.norm(ring, axis=1).mean()

    assert tilt() == pytest.approx(np.sin(np.radians(96.8)), abs=2e-3)
    polar = frame(panel.view)
    win.model.set_plan(load_plan(resolve_plan("ros-2026")))
    assert tilt() == pytest.approx(np.sin(np.radians(51.6)), abs=2e-3)
    assert "51.6°" in panel.caption.text()
    assert "assumed" in panel.caption.text()
    assert np.abs(frame(panel.view).astype(int) - polar.astype(int)).sum() > 0
    win.model.set_plan(load_plan(resolve_plan("mir")))
    assert panel.stack.currentWidget() is panel.message
    assert "states no orbit" in panel.message.text()
    assert not win.commands["sun_from_orbit"].isEnabled()


def test_compare_window_shows_two_orbits(windows):
    win = windows("ros-2024", "final")
    win.show_compare()
    cmp = win._compare
    cmp.right.plan_box.setCurrentIndex(cmp.right.plan_box.findData("ros-2026"))
    cmp.tabs.setCurrentWidget(cmp.orbits)
    pair = cmp.orbits
    windows.qtbot.waitUntil(lambda: pair.left.showing() and pair.right.showing())
    tilts = []
    for panel in (pair.left, pair.right):
        img = frame(panel.view)
        assert img.std() > 20
        ring = panel.view.scene.ring_points()
        tilts.append(np.abs(ring[:, 2]).max() / np.linalg.norm(ring, axis=1).mean())
    assert tilts == pytest.approx(np.sin(np.radians([96.8, 51.6])), abs=2e-3)
    # one clock: both stations at the same moment; one camera
    pair.clock.set_seconds(1234.0)
    assert pair.left.view.scene.seconds == pair.right.view.scene.seconds == 1234.0
    pair.left.view.user_moved = True  # as a drag on the left globe does
    pair.left.view.set_camera(azimuth=33.0, animate=False)
    assert pair.right.view.camera_state()[3] == pytest.approx(33.0)
    cmp.close()


def _times(orbit):
    passes = sunlight.eclipses(orbit, 0.0, 86400.0)
    sunlit = 0.5 * (passes[1].exit_s + passes[2].entry_s)
    return sunlit, 0.5 * (passes[1].entry_s + passes[1].exit_s)


def test_sun_from_orbit_lights_the_station_and_eclipse_darkens_it(windows):
    win = windows("ros-2024", "final")
    for dock in win.docks.values():
        dock.hide()
    win.view.sky.show_stars = False
    feature = win.features[FEATURE]
    feature.clock.set_date(DATE)
    win.view.view_preset("iso", animate=False)
    studio = grab(win.view)
    mask = station_mask(win.view, win.scene, studio)
    orbit = feature.sunlight.cache.get(win.model.plan, DATE).orbit
    lit_t, dark_t = _times(orbit)
    feature.clock.set_seconds(lit_t)
    win.commands["sun_from_orbit"].trigger()
    assert feature.sunlight.on
    lit = grab(win.view)
    assert np.abs(lit.astype(int) - studio.astype(int))[mask].sum(axis=1).mean() > 8
    feature.clock.set_seconds(dark_t)
    dark = grab(win.view)
    assert dark[mask].mean() < 0.6 * lit[mask].mean()
    assert dark[mask].mean() > 8, "the eclipse fill keeps the station readable"
    # switched off, the studio light is back to the last bit
    win.commands["sun_from_orbit"].trigger()
    assert np.array_equal(grab(win.view), studio)


def test_pictures_of_the_sunlit_view_keep_its_light_shadows_and_ground(
    windows, tmp_path
):
    from ui.export.jobs import ExportRequest
    from ui.viewport.shadows import DEFAULT_SUN

    win = windows("ros-2024", "final")
    feature = win.features[FEATURE]
    feature.clock.set_date(DATE)
    orbit = feature.sunlight.cache.get(win.model.plan, DATE).orbit
    lit_t, dark_t = _times(orbit)
    feature.clock.set_seconds(lit_t)
    plan, last = win.model.plan, len(win.model.plan.phases) - 1

    def picture(name: str) -> np.ndarray:
        req = ExportRequest(
            plan, [last], tmp_path / name, "png", 320, 200, background="earth"
        )
        runner = win.exports.start(req)
        windows.qtbot.waitUntil(lambda: runner.finished, timeout=20000)
        return np.asarray(Image.open(tmp_path / name))[..., :3].astype(int)

    studio = picture("studio.png")
    win.commands["sun_from_orbit"].trigger()
    # the view's shadows fall from the orbit's Sun (a quarter-degree grid of it)
    sun = sunlight.station_light(orbit, lit_t).sun_local
    assert np.degrees(np.arccos(win.scene.shadows.sun @ sun)) < 0.3
    lit = picture("lit.png")
    feature.clock.set_seconds(dark_t)
    dark = picture("dark.png")
    win.commands["sun_from_orbit"].trigger()
    default = np.array(DEFAULT_SUN) / np.linalg.norm(DEFAULT_SUN)
    assert np.allclose(win.scene.shadows.sun, default)
    low = slice(150, None)  # the Earth under the station fills the lower rows
    assert np.abs(lit - studio).sum(axis=2).mean() > 10  # another light, another ground
    # in the Earth's shadow the station and the night side below are dark
    assert dark[low].mean() < 0.5 * lit[low].mean()
    assert dark.mean() < 0.6 * lit.mean()


def test_map_panel_shows_the_track_bands_and_numbers(windows):
    _win, feature = orbit_window(windows, "ros-2026", dock="orbit_map")
    panel = feature.map
    x, y = panel.track.getData()
    finite = np.isfinite(x)
    assert finite.sum() > 4000
    assert x[finite].min() < -170
    assert x[finite].max() > 170
    assert np.nanmax(np.abs(y)) == pytest.approx(51.8, abs=0.2)
    assert panel.table.rowCount() == 13
    assert panel.table.item(0, 1).text() == "51.60°"
    summary = orbit_summary(panel.shown().params, DATE)
    assert panel.method.toPlainText().endswith(summary["method"])
    img = grab_widget(panel.plot)
    track = np.abs(img.astype(int) - [20, 40, 110]).sum(axis=2) < 40
    assert track.mean() > 0.01, "no ground track drawn"
    zone = np.abs(img.astype(int) - [150, 24, 30]).sum(axis=2) < 40
    assert zone.any(), "no overflown band on Russia"


def grab_widget(widget) -> np.ndarray:
    img = widget.grab().toImage()
    img = img.convertToFormat(img.Format.Format_RGB888)
    w, h = img.width(), img.height()
    arr = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * h)
    return arr.reshape(h, img.bytesPerLine())[:, : w * 3].reshape(h, w, 3).copy()


def test_method_text_in_the_ui_is_the_reports(windows):
    from ui.orbit.map_panel import method_template

    _win, feature = orbit_window(windows, "ros-2026", dock="orbit_map")
    shown = feature.map.shown()
    assert method_template(shown) == orbit_summary(shown.params, DATE)["method"]


def test_orbit_pictures_export_globe_and_map(windows, tmp_path):
    from ui.export.jobs import run_job
    from ui.orbit.export import OrbitPictureRequest, make_job

    win, feature = orbit_window(windows)
    shown = feature.panel.shown()
    req = OrbitPictureRequest(
        "globe",
        win.model.plan,
        shown,
        6 * 3600.0,
        tmp_path / "globe.png",
        width=640,
        height=360,
        ssaa=2,
        caption=True,
    )
    run_job(make_job(req))
    img = np.asarray(Image.open(req.path).convert("RGB"))
    assert img.shape == (360, 640, 3)
    assert img.std() > 20
    px = img.reshape(-1, 3).astype(int)
    assert ((px[:, 2] > px[:, 0] + 25) & (px[:, 2] > px[:, 1] + 5)).mean() > 0.02
    req.path, req.transparent, req.caption = tmp_path / "t.png", True, False
    run_job(make_job(req))
    alpha = np.asarray(Image.open(req.path))[..., 3]
    assert alpha.min() == 0
    assert alpha.max() == 255
    req.what, req.path, req.width = "map", tmp_path / "map.jpg", 800
    req.fmt = "jpg"
    run_job(make_job(req))
    with Image.open(req.path) as m:
        assert m.format == "JPEG"
        assert m.width == 800
        assert m.height > 400
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "globe.png",
        "map.jpg",
        "t.png",
    ]


def test_orbit_panels_speak_russian(windows):
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    win, feature = orbit_window(windows, "ros-2026", dock="orbit_map")
    try:
        win.set_language("ru")
        if win.model.language != "ru":
            pytest.fail("no compiled Russian translation (make builds ross_ru.qm)")
        assert feature.docks["orbit"].windowTitle() == "Орбита"
        assert feature.docks["orbit_map"].windowTitle() == "Карта орбиты"
        assert feature.map.table.item(0, 0).text() == "Наклонение"
        assert feature.map.table.item(0, 1).text() == "51,60°"
        assert "Круговая орбита" in feature.map.method.toPlainText()
        feature.show_dock("orbit")
        windows.qtbot.waitUntil(feature.panel.showing)
        assert "Наклонение 51,6°" in feature.panel.caption.text()
        assert "виток" in feature.panel.light.text()
        assert win.commands["sun_from_orbit"].text() == "&Солнце с орбиты"
    finally:
        win.set_language("en")
        i18n.install(QApplication.instance(), "en")


def test_export_from_the_window_runs_with_progress_and_says_where(windows, tmp_path):
    from ui.orbit.export import OrbitPictureRequest

    win, feature = orbit_window(windows)
    req = OrbitPictureRequest(
        "map", win.model.plan, feature.panel.shown(), 0.0, tmp_path / "m.png", width=640
    )
    runner = feature.start_export(req)
    windows.qtbot.waitUntil(lambda: runner.finished, timeout=20000)
    assert (tmp_path / "m.png").is_file()
    assert "m.png" in win.statusBar().currentMessage()
    req.path = tmp_path / "missing" / "g.png"
    req.what = "globe"
    runner = feature.start_export(req)
    windows.qtbot.waitUntil(lambda: runner.finished, timeout=20000)
    assert not (tmp_path / "missing").exists()
    assert win.dialogs, "a failed export is reported"
