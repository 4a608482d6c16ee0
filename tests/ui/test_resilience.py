"""The app keeps running and keeps its state: unexpected errors are logged and shown,
a settings file that is a FIFO does not hang start-up, closing during an export leaves
nothing behind."""

from __future__ import annotations

import os
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

pytestmark = pytest.mark.gl


@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_is_logged_shown_and_survived(
    window, qtbot, tmp_path, monkeypatch
):
    from ui import crash

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", crash._hook)
    win = window("ros-2024", phase=2)

    def boom():
        raise RuntimeError("a bug nobody expected")

    QTimer.singleShot(0, boom)
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QMessageBox) and w.isVisible()
            for w in QApplication.topLevelWidgets()
        ),
        timeout=5000,
    )
    box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox))
    assert "a bug nobody expected" in box.text()
    log = crash.log_path()
    assert log.is_file()
    assert "Traceback" in log.read_text()
    box.close()
    # the app goes on, in the same state
    assert win.isVisible()
    assert win.model.phase == 2
    win.model.step(1)
    assert win.model.phase == 3


def test_a_fifo_where_the_settings_file_should_be_does_not_hang(
    tmp_path, monkeypatch, windows
):
    from ui import settings as settings_mod

    fifo = tmp_path / "settings.ini"
    os.mkfifo(fifo)
    monkeypatch.setenv("ROSS_EXPLORER_SETTINGS", str(fifo))
    monkeypatch.setattr(settings_mod, "_refused", {})
    win = windows("ros-2024", restore=True)
    assert (
        "FIFO" in settings_mod.settings_problem()
        or "fifo" in settings_mod.settings_problem().lower()
    )
    assert "this run only" in win.statusBar().full_message
    win.close()  # saving goes to the private file, not into the FIFO
    assert fifo.exists()
    assert not fifo.is_file()


def test_closing_the_window_during_an_export_keeps_nothing(window, qtbot, tmp_path):
    from ui.export.jobs import ExportRequest

    win = window("ros-2024")
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "series.png"
    req = ExportRequest(
        win.model.plan, list(range(win.model.phase_count)), out, "png", 3840, 2160, 2
    )
    runner = win.exports.start(req)
    # one picture of the series is written (to a temporary name) when the window closes
    qtbot.waitUntil(
        lambda: runner.progress.value() >= 1 or runner.finished, timeout=60000
    )
    assert not runner.finished, "the export ended before the window could close"
    win.close()
    assert runner.finished
    assert not list(folder.iterdir()), list(folder.iterdir())


def test_settings_values_of_the_wrong_shape_do_not_stop_the_start(tmp_path, gl_display):
    import subprocess

    from tests.conftest import ROOT

    ini = tmp_path / "settings.ini"
    ini.write_text("[General]\nmode=1, 2\nlabels=maybe\nlanguage=en, ru\nphase=x\n")
    env = dict(os.environ, ROSS_EXPLORER_SETTINGS=str(ini))
    run = subprocess.run(
        [sys.executable, "main.py", "--quit-after-first-frame"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "first frame" in run.stdout
    assert "Traceback" not in run.stderr
