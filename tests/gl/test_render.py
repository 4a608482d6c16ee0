"""Real OpenGL renders of the station: not blank, right colours, growing with each phase."""

from __future__ import annotations

import numpy as np
import pytest

from models3d.materials import MATERIALS
from tests.conftest import BUNDLED
from tests.gl.conftest import grab, station_mask

pytestmark = pytest.mark.gl  # a real OpenGL context (Xvfb in CI)


def _hue_pixels(img: np.ndarray, rgb) -> int:
    """Pixels in the hue family of a material (lighting scales brightness)."""
    px = img.reshape(-1, 3).astype(float)
    lit = px[px.sum(axis=1) > 40]
    c = np.asarray(rgb, dtype=float)
    c = c / np.linalg.norm(c)
    cos = (lit @ c) / np.linalg.norm(lit, axis=1)
    return int((cos > 0.985).sum())


@pytest.mark.parametrize("plan_id", BUNDLED)
def test_each_phase_renders_and_coverage_grows(make_window, qtbot, plan_id):
    win = make_window(plan_id)
    view, scene = win.view, win.scene
    coverage = []
    for i in range(len(win.model.plan.phases)):
        win.model.set_phase(i)
        img = grab(view)
        assert img.std() > 3, f"phase {i + 1} rendered a blank picture"
        coverage.append(station_mask(view, scene, img).mean())
    assert coverage[0] > 0.003, coverage
    for i in range(1, len(coverage)):
        st = scene.model.station.snapshots[i]
        if st.added and not st.removed:
            assert coverage[i] > coverage[i - 1], (plan_id, i, coverage)


def test_final_station_shows_its_materials(make_window):
    win = make_window("ros-2024")
    img = grab(win.view)
    assert _hue_pixels(img, MATERIALS["solar"].color) > 500, "no dark-blue solar cells"
    assert _hue_pixels(img, MATERIALS["gold"].color) > 60, "no gold foil"
    px = img.reshape(-1, 3).astype(int)
    white = (px.min(axis=1) > 170) & (px.max(axis=1) - px.min(axis=1) < 40)
    assert white.sum() > 2000, "no white hulls"


@pytest.mark.parametrize("preset", ["iso", "front", "side", "top"])
def test_fit_all_puts_the_whole_station_in_the_frame(make_window, preset):
    win = make_window("ros-2024")
    win.view.view_preset(preset, animate=False)
    mask = station_mask(win.view, win.scene, grab(win.view))
    assert mask.any()
    assert not mask[0].any()
    assert not mask[-1].any()
    assert not mask[:, 0].any()
    assert not mask[:, -1].any()
    ys, xs = np.nonzero(mask)
    assert (np.ptp(xs) > 0.6 * mask.shape[1]) or (np.ptp(ys) > 0.6 * mask.shape[0])


@pytest.mark.parametrize("mode", ["solid", "wireframe", "xray"])
def test_display_modes_render_and_differ(make_window, mode):
    win = make_window("ros-2024")
    solid = grab(win.view)
    win.model.set_mode(mode)
    img = grab(win.view)
    assert station_mask(win.view, win.scene, img).mean() > 0.01
    if mode == "solid":
        assert np.array_equal(img, solid)
    else:
        assert (
            np.abs(img.astype(int) - solid.astype(int)).sum(axis=2).astype(bool).mean()
            > 0.005
        )
    if mode == "xray":
        # translucent hulls: white areas darken towards the sky
        assert img.astype(int).sum() < solid.astype(int).sum()


def test_selected_module_is_tinted_in_every_mode(make_window):
    win = make_window("ros-2024")
    for mode in ("solid", "wireframe", "xray"):
        win.model.set_mode(mode)
        before = grab(win.view)
        win.model.select("bm")
        after = grab(win.view)
        changed = np.abs(after.astype(int) - before.astype(int)).sum(axis=2) > 30
        assert changed.mean() > 0.005, mode
        # the tint is amber: changed pixels gain red over blue
        d = after.astype(int) - before.astype(int)
        assert (d[changed][:, 0] - d[changed][:, 2]).mean() > 0, mode
        win.model.select(None)


def test_antialiasing_setting_recreates_the_view_and_keeps_the_state(
    make_window, qtbot
):
    win = make_window("ros-2024")
    assert win.view.software_renderer  # llvmpipe here: MSAA stays off by default
    assert win.view.requested_samples == 0
    win.model.select("bm")
    win.model.set_mode("wireframe")
    win.view.view_preset("front", animate=False)
    camera = win.view.camera_state()
    plain = grab(win.view)
    win.model.set_option("antialiasing", True)
    qtbot.waitExposed(win.view)
    qtbot.wait(20)
    smooth = grab(win.view)
    assert win.view.requested_samples == 4
    assert win.model.selected == "bm"
    assert win.model.mode == "wireframe"
    assert np.allclose(win.view.camera_state()[0], camera[0])
    assert win.view.camera_state()[1:] == pytest.approx(camera[1:])
    # smoother edges: more distinct colours along silhouettes
    assert len(np.unique(smooth.reshape(-1, 3), axis=0)) > len(
        np.unique(plain.reshape(-1, 3), axis=0)
    )
    win.model.set_option("antialiasing", False)
    qtbot.wait(20)
    assert win.view.requested_samples == 0
    assert grab(win.view).std() > 3


@pytest.mark.parametrize("mode", ["wireframe", "xray"])
def test_translucent_modes_keep_the_framebuffer_opaque(make_window, mode):
    """Blending must not lower the framebuffer's alpha: Qt composes the widget with
    premultiplied alpha, and a lower alpha turns the colours (cyan lines came out red)."""
    win = make_window("ros-2024")
    win.model.set_mode(mode)
    win.model.select("uum")
    img = win.view.grabFramebuffer().convertToFormat(
        win.view.grabFramebuffer().Format.Format_ARGB32
    )
    h, w = img.height(), img.width()
    arr = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * h)
    alpha = arr.reshape(h, img.bytesPerLine())[:, : w * 4].reshape(h, w, 4)[:, :, 3]
    assert alpha.min() == 255
