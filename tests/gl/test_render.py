"""Real OpenGL renders of the station: not blank, right colours, growing with each phase."""

from __future__ import annotations

import numpy as np
import pytest

from models3d.materials import MATERIALS
from models3d.plan import load_plan
from tests.conftest import PLANS

BG = np.array([6, 9, 20])


def _grab(window) -> np.ndarray:
    img = window.view.grabFramebuffer().convertToFormat(
        window.view.grabFramebuffer().Format.Format_RGB888)
    w, h = img.width(), img.height()
    arr = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * h)
    return arr.reshape(h, img.bytesPerLine())[:, : w * 3].reshape(h, w, 3).copy()


def _coverage(img: np.ndarray) -> float:
    return float((np.abs(img.astype(int) - BG).sum(axis=2) > 24).mean())


def _has_colour(img: np.ndarray, rgb, tol=60) -> bool:
    """Some pixels in the hue family of a material (lighting scales brightness)."""
    px = img.reshape(-1, 3).astype(float)
    lit = px[px.sum(axis=1) > 30]
    c = np.asarray(rgb, dtype=float)
    c = c / np.linalg.norm(c)
    cos = (lit @ c) / np.linalg.norm(lit, axis=1)
    return (cos > 0.985).sum() > tol


@pytest.fixture
def window(qtbot, gl_display):
    from ui.main_window import MainWindow

    plan = load_plan(PLANS / "ros-2024.toml")
    win = MainWindow(plan, len(plan.phases) - 1)
    win.resize(1000, 700)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.scene.fit_camera()
    return win


def test_each_phase_renders_and_coverage_grows(window, qtbot):
    plan = window.plan
    coverage = []
    for i in range(len(plan.phases)):
        window.show_phase(i)
        qtbot.wait(20)
        img = _grab(window)
        assert img.std() > 3, f"phase {i + 1} rendered a blank picture"
        coverage.append(_coverage(img))
    assert coverage[0] > 0.005
    for i in range(1, len(coverage)):
        st = window.scene.states[i]
        if st.added and not st.removed:
            assert coverage[i] > coverage[i - 1], (i, coverage)
    assert coverage[-1] > 1.5 * coverage[0]


def test_final_station_shows_its_materials(window, qtbot):
    qtbot.wait(20)
    img = _grab(window)
    solar = MATERIALS["solar"].color
    gold = MATERIALS["gold"].color
    assert _has_colour(img, solar), "no dark-blue solar cells in the picture"
    assert _has_colour(img, gold), "no gold foil in the picture"
    # white hulls: bright, nearly grey pixels
    px = img.reshape(-1, 3).astype(int)
    white = (px.min(axis=1) > 170) & (px.max(axis=1) - px.min(axis=1) < 30)
    assert white.sum() > 500


def test_fit_puts_the_whole_station_in_the_frame(window, qtbot):
    qtbot.wait(20)
    img = _grab(window)
    mask = np.abs(img.astype(int) - BG).sum(axis=2) > 24
    assert not mask[0].any() and not mask[-1].any()
    assert not mask[:, 0].any() and not mask[:, -1].any()
    ys, xs = np.nonzero(mask)
    # and fills a good part of it
    assert (xs.max() - xs.min()) > 0.5 * img.shape[1] or \
        (ys.max() - ys.min()) > 0.5 * img.shape[0]
