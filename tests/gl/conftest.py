"""Fixtures for real-OpenGL tests: a main window on a plan, framebuffer grabs."""

from __future__ import annotations

import numpy as np
import pytest

from tests.windows import windows  # noqa: F401 - the fixture


def grab(view) -> np.ndarray:
    """The view's framebuffer as an (h, w, 3) uint8 array."""
    img = view.grabFramebuffer()
    img = img.convertToFormat(img.Format.Format_RGB888)
    w, h = img.width(), img.height()
    arr = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.bytesPerLine() * h)
    return arr.reshape(h, img.bytesPerLine())[:, : w * 3].reshape(h, w, 3).copy()


def station_mask(view, scene, img: np.ndarray) -> np.ndarray:
    """Pixels that differ from the same view with no module shown (stars off)."""
    for item in scene.items.values():
        item.setVisible(False)
    empty = grab(view)
    scene._apply_current()
    return np.abs(img.astype(int) - empty.astype(int)).sum(axis=2) > 30


def pytest_configure(config):
    from ui.app import _configure_qt

    _configure_qt()


@pytest.fixture
def make_window(windows):  # noqa: F811 - uses the imported fixture
    def make(plan_id="ros-2024", phase="final", size=(1000, 700)):
        win = windows(plan_id, phase, show=False, size=size)
        # these tests are about the 3D view: give it the whole window
        for dock in win.docks.values():
            dock.hide()
        win.view.sky.show_stars = False
        win.show()
        windows.qtbot.waitExposed(win)
        win.view.view_preset("iso")
        windows.qtbot.wait(10)
        return win

    return make
