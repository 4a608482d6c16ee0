"""Settings survive a restart, --reset-settings forgets them, translations are complete."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QSettings

from models3d.catalogue import load_plan
from tests.conftest import PLANS, ROOT

pytestmark = pytest.mark.gl  # a real OpenGL context (Xvfb in CI)


def test_settings_round_trip(window, qtbot, isolated_settings):
    win = window("ros-2024")
    mir = load_plan(PLANS / "mir.toml")
    win.model.set_plan(mir, 2)
    win.model.set_mode("xray")
    win.commands["labels"].setChecked(True)
    win.docks["totals"].hide()
    win.resize(1300, 850)
    win.close()
    s = QSettings(str(isolated_settings), QSettings.Format.IniFormat)
    assert s.value("plan") == "mir"
    assert int(s.value("phase")) == 2
    assert s.value("mode") == "xray"

    again = window("mir", phase=2, restore=True)
    assert again.model.mode == "xray"
    assert again.model.mode == "xray"
    assert again.commands["labels"].isChecked()
    assert again.model.labels
    assert not again.docks["totals"].isVisible()
    assert again.size().width() == 1300


def test_cli_reopens_the_last_plan_and_reset_forgets_it(isolated_settings, gl_display):
    s = QSettings(str(isolated_settings), QSettings.Format.IniFormat)
    s.setValue("plan", "tiangong")
    s.setValue("phase", 1)
    s.sync()
    env = dict(os.environ, ROSS_EXPLORER_SETTINGS=str(isolated_settings))
    res = subprocess.run(
        [sys.executable, "main.py", "--quit-after-first-frame"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert "tiangong phase 2" in res.stdout
    res = subprocess.run(
        [sys.executable, "main.py", "--reset-settings", "--quit-after-first-frame"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert "settings reset" in res.stdout
    assert "ros-2024 phase 7" in res.stdout


def test_a_broken_remembered_plan_falls_back_to_the_default(
    isolated_settings, gl_display, tmp_path
):
    bad = tmp_path / "gone.toml"
    s = QSettings(str(isolated_settings), QSettings.Format.IniFormat)
    s.setValue("plan", str(bad))
    s.sync()
    env = dict(os.environ, ROSS_EXPLORER_SETTINGS=str(isolated_settings))
    res = subprocess.run(
        [sys.executable, "main.py", "--quit-after-first-frame"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert "could not be opened" in res.stderr
    assert "ros-2024 phase 7" in res.stdout


def test_every_interface_string_has_a_russian_translation():
    res = subprocess.run(
        [sys.executable, "tools/i18n_update.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stdout


def test_compiled_translation_is_built_and_loads(qapp):
    from ui import i18n

    qm = ROOT / "assets" / "translations" / "ross_ru.qm"
    assert qm.exists(), "make builds ross_ru.qm from ross_ru.ts"
    try:
        assert i18n.install(qapp, "ru") == "ru"
        from PySide6.QtCore import QCoreApplication

        assert QCoreApplication.translate("MainWindow", "&File") == "&Файл"
    finally:
        i18n.install(qapp, "en")
