"""Fixtures for the UI tests: a main window with isolated settings."""

from __future__ import annotations

import pytest

from models3d.catalogue import load_plan
from tests.conftest import PLANS


@pytest.fixture
def window(qtbot, gl_display):
    from ui.main_window import MainWindow

    def make(plan_id="ros-2024", phase=None, **kw):
        plan = load_plan(PLANS / f"{plan_id}.toml")
        win = MainWindow(plan, phase, **kw)
        win.view.animate = False
        win.animate_docking = False
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    return make
