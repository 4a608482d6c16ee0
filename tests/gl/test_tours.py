"""Tours in the app and in videos: the player (play, step, Esc restores everything),
the caption overlay and highlight tint, the editor's GUI -> file -> GUI round trip,
the Qt-free camera agreeing with the view's, deterministic video frames, the export
job (MP4, GIF, WebVTT, cancel) and the `tour` command's exit codes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from models3d.tour import (
    VIEW_ANGLES,
    Camera,
    Caption,
    Step,
    Text,
    Tour,
    TourTimeline,
    Transition,
    bundled_tours,
    write_tour,
)
from tests.conftest import ROOT
from tests.gl.conftest import grab

pytestmark = pytest.mark.gl  # a real OpenGL context (Xvfb in CI)

FEATURE = "ui.tours.feature"


def tiny_tour(seconds: float = 1.0) -> Tour:
    """Three short steps: a docking, a framed module with a highlight, another plan."""
    return Tour(
        "tiny",
        Text("Tiny", "Малая"),
        (
            Step(
                "ros-2024",
                "nem",
                seconds,
                Camera(view="iso"),
                caption=Caption(Text("NEM first", "Сначала НЭМ"), ("S46",)),
            ),
            Step(
                "ros-2024",
                "uum-shm",
                seconds,
                Camera(frame="uum", view="side"),
                transition=Transition("nem", seconds / 2),
                highlight=("uum", "shm"),
                caption=Caption(Text("Node & airlock", "Узел и шлюз"), ("S40",)),
            ),
            Step(
                "mir",
                "final",
                seconds,
                Camera(view="top", distance=120.0),
                fly=0.0,
                mode="wireframe",
            ),
        ),
    )


def _feature(win):
    return win.features[FEATURE]


def _window(windows, plan="mir", phase=3):
    win = windows(plan, phase, show=False, size=(900, 640))
    for dock in win.docks.values():
        dock.hide()
    win.show()
    windows.qtbot.waitExposed(win)
    return win


# ---- the player ----------------------------------------------------------------------


def test_tours_menu_lists_the_bundled_tours_and_commands(windows):
    win = _window(windows)
    f = _feature(win)
    assert set(f.tour_actions) == {"ross-2022", "ros-2024", "ros-2026", "compare"}
    names = {a.objectName() for a in win.commands.menus["tours"].actions()}
    for name in (
        "tour_play",
        "tour_prev",
        "tour_next",
        "tour_stop",
        "tour_open",
        "tour_editor",
        "tour_export",
    ):
        assert f"action_{name}" in names
    assert not win.commands["tour_stop"].isEnabled()  # Esc still clears the selection


def test_esc_leaves_the_tour_and_restores_the_app(windows, qtbot):
    from PySide6.QtCore import Qt

    win = _window(windows, "mir", 3)
    m = win.model
    m.set_mode("xray")
    m.set_hidden("kvant1", True)
    m.select("kvant2")
    win.view.set_camera(np.array([1.0, 2.0, 3.0]), 77.0, 12.0, 33.0, animate=False)
    before = (m.plan, m.phase, m.selected, m.hidden, m.mode, win.view.camera_state())
    f = _feature(win)
    f.play_tour(tiny_tour())
    assert win.commands["tour_stop"].isEnabled()
    qtbot.waitUntil(
        lambda: f.player.state is not None and f.player.state.step == 1, timeout=5000
    )
    assert m.plan.id == "ros-2024"
    assert f.player.overlay.visible()
    assert "Node &amp; airlock" in f.player.overlay.text()
    assert "TASS [S40]" in f.player.overlay.text()
    win.activateWindow()
    qtbot.waitActive(win)
    qtbot.keyClick(win.view, Qt.Key.Key_Escape)  # the shortcut of Tours > Leave
    assert not f.player.active
    after = (m.plan, m.phase, m.selected, m.hidden, m.mode, win.view.camera_state())
    assert after[:5] == before[:5]
    assert after[0] is before[0]  # the very plan object: imports stay as they were
    assert np.allclose(after[5][0], before[5][0])
    assert after[5][1:] == pytest.approx(before[5][1:])
    assert not f.player.overlay.visible()
    assert win.scene.interactive
    assert not win.commands["tour_stop"].isEnabled()


def test_play_pause_and_step(windows, qtbot):
    win = _window(windows, "ros-2024", 6)
    f = _feature(win)
    player = f.player
    f.play_tour(tiny_tour(2.0))
    assert player.playing
    win.commands["tour_play"].trigger()  # the checked action pauses
    assert not player.playing
    assert player.active
    t = player.time
    qtbot.wait(150)
    assert player.time == t
    win.commands["tour_next"].trigger()  # paused: plays the next step, then pauses
    assert player.playing
    assert player.state.step == 1
    qtbot.waitUntil(lambda: not player.playing, timeout=8000)
    assert player.time == pytest.approx(4.0)
    assert player.state.step == 1
    assert win.model.phase == 1  # the docking has settled on the step's phase
    player.step(1)
    qtbot.waitUntil(lambda: not player.playing, timeout=8000)
    assert player.state.plan == "mir"
    assert win.model.plan.id == "mir"
    assert win.model.mode == "wireframe"
    player.stop()
    assert win.model.plan.id == "ros-2024"
    assert win.model.phase == 6


def test_the_orbit_hook_fires_with_the_steps_flag(windows):
    win = _window(windows, "ros-2026", 6)
    f = _feature(win)
    seen = []
    f.player.orbit_requested.connect(seen.append)
    tour = bundled_tours()["ros-2026"]
    f.player.start(tour, at=tour.duration - 1, play=False)
    assert seen == [True]
    f.player.seek(1.0)
    assert seen == [True, False]
    f.player.stop()


def test_highlighted_modules_are_tinted_when_painted(windows, qtbot):
    from ui.tours.drive import HIGHLIGHT_TINT

    win = _window(windows, "ros-2024", 6)
    f = _feature(win)
    f.player.start(tiny_tour(), at=1.9, play=False)
    plain = grab(win.view)
    assert win.scene.items["uum"].tint == HIGHLIGHT_TINT
    assert win.scene.items["nem"].tint != HIGHLIGHT_TINT
    f.player.driver.highlighter.modules = ()
    win.scene._restyle()
    untinted = grab(win.view)
    assert np.abs(plain.astype(int) - untinted.astype(int)).sum(axis=2).max() > 40
    f.player.stop()
    grab(win.view)
    assert win.scene.items["uum"].tint != HIGHLIGHT_TINT


def test_the_qt_free_camera_agrees_with_the_view(windows):
    from models3d.tour.camera import view_rotation
    from ui.viewport.camera import PRESETS
    from ui.viewport.camera import view_rotation as qt_rotation

    assert VIEW_ANGLES == PRESETS
    for el, az in ((28.0, -55.0), (0.0, 0.0), (89.9, -90.0), (-40.0, 200.0)):
        assert np.allclose(view_rotation(el, az), qt_rotation(el, az), atol=1e-6)
    win = _window(windows, "ros-2024", 6)
    view = win.view
    tour = Tour(
        "c",
        Text("C", "К"),
        (
            Step("ros-2024", "final", 1.0, Camera(view="side")),
            Step("ros-2024", "bm", 1.0, Camera(frame="bm", view="iso")),
        ),
    )
    tl = TourTimeline(tour, aspect=view.width() / view.height())
    view.view_preset("side", animate=False)  # F with the side view's angles
    got, want = view.camera_state(), tl.steps[0].camera
    assert np.allclose(got[0], want[0])
    assert got[1:] == pytest.approx(want[1:])
    win.model.set_phase(4)
    view.set_camera(elevation=28.0, azimuth=-55.0, animate=False)
    view.fit_selected("bm", animate=False)  # Shift+F keeps the angles
    got, want = view.camera_state(), tl.steps[1].camera
    assert np.allclose(got[0], want[0])
    assert got[1:] == pytest.approx(want[1:])


# ---- the editor ----------------------------------------------------------------------


def test_editor_round_trips_a_tour_through_a_file(windows, tmp_path):
    win = _window(windows, "ros-2024", 4)
    f = _feature(win)
    editor = f.show_editor()
    tour = bundled_tours()["ros-2026"]
    editor.set_tour(tour)
    path = tmp_path / "a.tour.json"
    assert editor.save_to(str(path))
    again = type(editor)(win, f)
    assert again.open_path(str(path))
    assert again.tour() == tour
    assert again.list.count() == len(tour.steps)
    again.close()
    editor.close()


def test_editor_edits_survive_gui_file_gui(windows, tmp_path):
    win = _window(windows, "ros-2024", 4)
    m = win.model
    m.select("bm")
    win.view.set_camera(np.array([3.0, -1.0, 2.0]), 61.0, 17.0, -42.0, animate=False)
    f = _feature(win)
    editor = f.show_editor()
    editor.set_tour(tiny_tour())
    editor.list.setCurrentRow(0)
    editor.add_step()  # the window as it is: ros-2024, phase bm, the camera, bm lit
    assert editor.current() == 1
    new = editor.steps[1]
    assert (new.plan, new.phase, new.highlight) == ("ros-2024", "bm", ("bm",))
    assert new.camera == Camera.keyframe((3.0, -1.0, 2.0), 61.0, 17.0, -42.0)
    editor.caption_en.insertPlainText("The base module")
    editor.caption_ru.insertPlainText("Базовый модуль")  # QTest types ASCII only
    editor.sources.setText("S46, S48")
    editor._caption_edited()
    editor.easing.setCurrentIndex(editor.easing.findData("ease-out"))
    editor.duration.setValue(4.5)
    editor.move_step(1)  # now third
    editor.list.setCurrentRow(0)
    editor.mode.setCurrentIndex(editor.mode.findData("xray"))
    edited = editor.tour()
    assert edited.steps[2].caption == Caption(
        Text("The base module", "Базовый модуль"), ("S46", "S48")
    )
    assert edited.steps[2].easing == "ease-out"
    assert edited.steps[2].duration == 4.5
    assert edited.steps[0].mode == "xray"
    assert editor.check() == []
    path = tmp_path / "edited.tour.json"
    assert editor.save_to(str(path))
    fresh = type(editor)(win, f)
    assert fresh.open_path(str(path))
    assert fresh.tour() == edited
    fresh.list.setCurrentRow(2)
    assert fresh.caption_en.toPlainText() == "The base module"
    assert fresh.sources.text() == "S46, S48"
    assert fresh.easing.currentData() == "ease-out"
    assert fresh.duration.value() == 4.5
    fresh.list.setCurrentRow(0)
    assert fresh.mode.currentData() == "xray"
    # a problem is listed and nothing is written
    fresh.list.setCurrentRow(2)
    fresh.sources.setText("S999")
    fresh._caption_edited()
    bad = tmp_path / "bad.tour.json"
    assert not fresh.save_to(str(bad))
    assert not bad.exists()
    assert "unknown source id 'S999'" in fresh.problems.text()
    fresh.close()
    editor.close()


def test_editor_preview_plays_one_step(windows, qtbot):
    win = _window(windows, "ros-2024", 6)
    f = _feature(win)
    editor = f.show_editor()
    editor.set_tour(tiny_tour(1.0))
    editor.list.setCurrentRow(1)
    editor.preview_step()
    assert f.player.active
    assert f.player.playing
    qtbot.waitUntil(lambda: not f.player.playing, timeout=6000)
    assert f.player.time == pytest.approx(2.0)
    f.player.stop()
    editor.close()


# ---- video export --------------------------------------------------------------------


def _frame_hashes(tour, size=(96, 54), fps=4, burn=False):
    from ui.tours.export import TourExportRequest, tour_frames

    req = TourExportRequest(tour, Path("x.mp4"), size[0], size[1], fps, burn, "en")
    tl = TourTimeline(tour, aspect=size[0] / size[1])
    return [
        hashlib.sha256(np.ascontiguousarray(px).tobytes()).hexdigest()
        for px, _ in tour_frames(req, tl)
    ]


def test_the_same_tour_and_options_give_identical_frames(qapp, gl_display):
    tour = tiny_tour()
    a = _frame_hashes(tour, burn=True)
    b = _frame_hashes(tour, burn=True)
    assert len(a) == 12
    assert a == b
    assert len(set(a[4:8])) == 4  # the docking and the camera move: frames differ
    assert _frame_hashes(tour)[:4] != a[:4]  # the burnt captions are in the pixels


def test_export_writes_video_and_captions_as_a_set(tmp_path, qapp, gl_display):
    import imageio_ffmpeg

    from ui.tours.export import TourExportRequest, tour_job

    out = tmp_path / "tiny.mp4"
    req = TourExportRequest(tiny_tour(), out, 160, 90, 10, True, "ru")
    written = [w for *_, w in tour_job(req) if w != "frame"]
    assert written == [str(out), str(tmp_path / "tiny.vtt")]
    count, _secs = imageio_ffmpeg.count_frames_and_secs(str(out))
    assert count == 30
    vtt = (tmp_path / "tiny.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT")
    assert "00:00:01.000 --> 00:00:02.000\nУзел и шлюз\nИсточники: TASS [S40]" in vtt
    gif = tmp_path / "tiny.gif"
    written = [
        w
        for *_, w in tour_job(TourExportRequest(tiny_tour(), gif, 96, 54, 5))
        if w != "frame"
    ]
    assert written == [str(gif), str(tmp_path / "tiny.vtt")]
    from PIL import Image

    with Image.open(gif) as img:
        assert img.size == (96, 54)
        assert img.n_frames >= 5  # repeated frames are merged into longer ones
        total = 0
        for i in range(img.n_frames):
            img.seek(i)
            total += img.info["duration"]
        assert total == 3000  # 15 frames at 5 a second
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "tiny.gif",
        "tiny.mp4",
        "tiny.vtt",
    ]


def test_a_failed_export_leaves_nothing(tmp_path, qapp, gl_display, monkeypatch):
    from models3d.errors import ExportError
    from ui.tours import export

    def broken(*_a, **_k):
        yield 1, 2, "frame"
        raise ExportError("ffmpeg failed (exit status 1): the disk is full")

    monkeypatch.setattr("ui.export.jobs.encode_frames", broken)
    req = export.TourExportRequest(tiny_tour(), tmp_path / "v.mp4", 64, 36, 4)
    with pytest.raises(ExportError):
        list(export.tour_job(req))
    assert list(tmp_path.iterdir()) == []


def test_export_from_the_app_shows_progress_and_cancels(windows, tmp_path, qtbot):
    from ui.tours.export import TourExportRequest

    win = _window(windows, "ros-2024", 6)
    f = _feature(win)
    out = tmp_path / "out"
    out.mkdir()
    req = TourExportRequest(bundled_tours()["compare"], out / "c.mp4", 160, 90, 10)
    runner = f.start_export(req)
    qtbot.waitUntil(lambda: runner.progress.value() > 3, timeout=30000)
    runner.cancel()
    assert runner.finished
    assert list(out.iterdir()) == []
    assert "cancelled" in win.statusBar().currentMessage()
    dlg = f.show_export_dialog()
    assert dlg.path.text().endswith(".mp4")
    dlg.fmt.setCurrentIndex(dlg.fmt.findData("gif"))
    assert dlg.path.text().endswith(".gif")
    assert dlg.fps.value() == 15
    dlg.reject()


# ---- the command line ----------------------------------------------------------------


def _cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "ui.tours.export", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env or dict(os.environ),
    )


def test_cli_writes_the_video_and_captions(tmp_path, gl_display):
    tour = tmp_path / "tiny.tour.json"
    write_tour(tiny_tour(), tour)
    out = tmp_path / "v.mp4"
    res = _cli(
        "--tour",
        str(tour),
        "--out",
        str(out),
        "--size",
        "128x72",
        "--fps",
        "5",
        "--burn-captions",
        "--lang",
        "ru",
    )
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines() == [f"wrote {out}", f"wrote {tmp_path / 'v.vtt'}"]
    assert out.stat().st_size > 0


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["--tour", "no-such-tour"], "neither a bundled tour"),
        (["--tour", "compare", "--size", "big"], "--size 'big' is not WIDTHxHEIGHT"),
        (["--tour", "compare", "--size", "101x72"], "H.264 needs an even width"),
        (["--tour", "compare", "--fps", "0"], "--fps 0 is outside 1–120"),
        (["--tour", "compare", "--fps", "fast"], "--fps 'fast' is not a number"),
    ],
)
def test_cli_refuses_bad_input_with_exit_2(tmp_path, args, text, gl_display):
    res = _cli(*args, "--out", str(tmp_path / "v.mp4"))
    assert res.returncode == 2
    assert text in res.stderr
    assert "Traceback" not in res.stderr
    assert list(tmp_path.iterdir()) == []


def test_cli_refuses_other_formats_missing_folders_and_broken_tours(tmp_path):
    res = _cli("--tour", "compare", "--out", str(tmp_path / "v.avi"))
    assert res.returncode == 2
    assert ".mp4 or .gif" in res.stderr
    res = _cli("--tour", "compare", "--out", str(tmp_path / "no" / "v.mp4"))
    assert res.returncode == 2
    assert "does not exist" in res.stderr
    broken = tmp_path / "b.tour.json"
    broken.write_text(
        '{"schema": 1, "id": "b", "title": {"en": "B", "ru": "Б"}, '
        '"steps": [{"plan": "mir", "phase": 99, "duration": 1, '
        '"camera": {}}]}',
        encoding="utf-8",
    )
    res = _cli("--tour", str(broken), "--out", str(tmp_path / "v.mp4"))
    assert res.returncode == 2
    assert "steps[0].phase: phase 99 is out of range" in res.stderr
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    res = _cli("--tour", "compare", "--out", str(tmp_path / "v.mp4"), env=env)
    assert res.returncode == 2
    assert "no X display" in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.tour.json"]
