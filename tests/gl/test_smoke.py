"""The app starts as the README says, draws its first frame and quits."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.gl  # a real OpenGL context (Xvfb in CI)


def test_main_draws_a_first_frame_and_quits(gl_display):
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=gl_display)
    res = subprocess.run(
        [sys.executable, "main.py", "--quit-after-first-frame"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert "first frame after" in res.stdout
    assert "ros-2024 phase 7" in res.stdout  # the default plan's final phase


def test_bad_plan_fails_before_any_window(gl_display):
    res = subprocess.run(
        [sys.executable, "main.py", "--plan", "nope"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 2
    assert "neither a plan id" in res.stderr
