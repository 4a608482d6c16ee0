"""Fixtures for real-OpenGL tests: a main window on a plan, framebuffer grabs."""

from __future__ import annotations

import numpy as np
import pytest

from models3d.catalogue import load_plan
from tests.conftest import PLANS


def grab(view) -> np.ndarray:
    """The view's framebuffer as an (h, w, 3) uint8 array."""
    img = view.grabFramebuffer()
    img = img.convertToFormat(img.Format.Format_RGB888)
    w, h = img.width(), img.height()
    arr = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * h)
    return arr.reshape(h, img.bytesPerLine())[:, : w * 3].reshape(h, w, 3).copy()


def station_mask(view, scene, img: np.ndarray) -> np.ndarray:
    """Pixels that differ from the same view with no module shown (stars off)."""
    phase = scene.phase
    for item in scene.items.values():
        item.setVisible(False)
    empty = grab(view)
    scene.show_phase(phase)
    return np.abs(img.astype(int) - empty.astype(int)).sum(axis=2) > 30


@pytest.fixture
def make_window(qtbot, gl_display):
    from ui.main_window import MainWindow

    def make(plan_id="ros-2024", phase="final", size=(1000, 700)):
        plan = load_plan(PLANS / f"{plan_id}.toml")
        win = MainWindow(plan, plan.phase_index(phase))
        # these tests are about the 3D view: give it the whole window
        for dock in win.docks.values():
            dock.hide()
        win.view.animate = False
        win.animate_docking = False
        win.view.sky.show_stars = False
        win.resize(*size)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        win.scene.fit_camera()
        qtbot.wait(10)
        return win

    return make
