"""Exports with no X server (surfaceless EGL) and the camera and look options, checked
on pixels: the same pictures as under Xvfb, views and zoom that frame what they say,
plain backgrounds, highlighted modules, labels, animation timing, and a camera saved
from the app giving the app's own picture."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from models3d.catalogue import load_plan
from tests.conftest import PLANS, ROOT

pytestmark = pytest.mark.gl


def cli(*args, headless=True):
    env = dict(os.environ)
    if headless:
        env.pop("DISPLAY", None)
        env.pop("QT_QPA_PLATFORM", None)  # the tests' default is xcb
    res = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr
    return res


def picture(path) -> np.ndarray:
    return np.asarray(Image.open(path)).astype(int)


def covered(img: np.ndarray) -> float:
    """Share of pixels that are not the dark sky or a plain dark background."""
    return float((img[..., :3].sum(axis=2) > 120).mean())


@pytest.fixture
def egl():
    """Surfaceless EGL works on the test machines (Mesa); elsewhere the tests skip,
    except in CI."""
    res = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ui.export.egl import use_headless, "
            "headless_problem; use_headless(); print(headless_problem() or '')",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "DISPLAY"},
    )
    problem = res.stdout.strip() or (res.stderr.strip() if res.returncode else "")
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI=true but no headless EGL: {problem}")
        pytest.skip(f"no headless EGL here: {problem}")


def test_headless_and_xvfb_draw_the_same_labels_and_caption(tmp_path, gl_display, egl):
    args = (
        "--plan",
        "ros-2024",
        "--size",
        "800x450",
        "--labels",
        "--caption",
        "--view",
        "side",
        "--highlight",
        "bm",
    )
    cli(*args, "--out", str(tmp_path / "x.png"), headless=False)
    cli(*args, "--out", str(tmp_path / "h.png"))
    a, b = picture(tmp_path / "x.png"), picture(tmp_path / "h.png")
    assert a.shape == b.shape == (450, 800, 3)
    assert np.abs(a - b).max() == 0


def test_views_zoom_and_target_frame_what_they_say(tmp_path, egl):
    size = ("--plan", "ros-2024", "--size", "480x270")
    for name, extra in {
        "iso": (),
        "top": ("--view", "top"),
        "zoom": ("--zoom", "2"),
        "far": ("--zoom", "0.5"),
        "target": ("--target", "uum"),
        "angles": ("--azimuth", "-55", "--elevation", "28"),
    }.items():
        cli(*size, *extra, "--out", str(tmp_path / f"{name}.png"))
    img = {p.stem: picture(p) for p in tmp_path.glob("*.png")}
    assert np.abs(img["iso"] - img["top"]).max() > 0
    assert np.array_equal(img["iso"], img["angles"])  # the iso preset's own angles
    assert covered(img["zoom"]) > 1.5 * covered(img["iso"]) > 2 * covered(img["far"])
    assert covered(img["target"]) > covered(img["iso"])  # the small node fills more


def test_distance_is_metres_from_the_centre(tmp_path, egl):
    near, far = tmp_path / "near.png", tmp_path / "far.png"
    cli(
        "--plan",
        "tiangong",
        "--size",
        "320x180",
        "--distance",
        "40",
        "--out",
        str(near),
    )
    cli(
        "--plan",
        "tiangong",
        "--size",
        "320x180",
        "--distance",
        "160",
        "--out",
        str(far),
    )
    assert covered(picture(near)) > 4 * covered(picture(far))


def test_plain_background_and_highlight(tmp_path, egl):
    out, base = tmp_path / "h.png", tmp_path / "b.png"
    common = ("--plan", "ros-2024", "--size", "480x270", "--background", "#203040")
    cli(*common, "--out", str(base))
    cli(*common, "--highlight", "nem,bm", "--out", str(out))
    a, b = picture(base), picture(out)
    for img in (a, b):
        for corner in (img[0, 0], img[0, -1], img[-1, 0], img[-1, -1]):
            assert tuple(corner) == (32, 48, 64)  # exact, no stars, no gradient
    changed = np.abs(a - b).sum(axis=2) > 30
    assert changed.mean() > 0.01
    # the selection tint (ui.scene.SELECT_TINT) is orange: red up, blue down
    diff = (b - a)[changed].mean(axis=0)
    assert diff[0] > 0 > diff[2]


def test_animation_timing_options(tmp_path, egl):
    from ui.export.jobs import ExportRequest, animation_frame_count

    out = tmp_path / "a.mp4"
    cli(
        "--plan",
        "tiangong",
        "--size",
        "160x90",
        "--fps",
        "10",
        "--hold",
        "0.5",
        "--dock-seconds",
        "0.3",
        "--out",
        str(out),
    )
    import imageio_ffmpeg

    frames, secs = imageio_ffmpeg.count_frames_and_secs(str(out))
    plan = load_plan(PLANS / "tiangong.toml")
    req = ExportRequest(
        plan,
        list(range(len(plan.phases))),
        out,
        "mp4",
        fps=10,
        hold=0.5,
        dock_seconds=0.3,
    )
    assert frames == animation_frame_count(req) == 5 * 5 + 4 * 3
    assert abs(secs - frames / 10) < 0.2


def test_a_camera_saved_in_the_app_renders_the_apps_picture(
    tmp_path, qtbot, gl_display, egl
):
    from ui.camera_files import load_camera, save_camera
    from ui.export.jobs import ExportRequest
    from ui.main_window import MainWindow

    plan = load_plan(PLANS / "tiangong.toml")
    win = MainWindow(plan, 2)
    qtbot.addWidget(win)
    win.show()
    win.view.set_camera(np.array([2.0, 1.0, 0.5]), 37.5, 12.0, 70.0, animate=False)
    cam = tmp_path / "v.camera.json"
    assert save_camera(win, str(cam)) == str(cam)
    out_gui = tmp_path / "gui.png"
    runner = win.exports.start(
        ExportRequest(
            plan, [2], out_gui, "png", 400, 300, camera=win.view.camera_state()
        )
    )
    qtbot.waitUntil(lambda: runner.finished, timeout=20000)
    cli(
        "--plan",
        "tiangong",
        "--phase",
        "3",
        "--size",
        "400x300",
        "--camera",
        str(cam),
        "--out",
        str(tmp_path / "cli.png"),
    )
    assert np.abs(picture(out_gui) - picture(tmp_path / "cli.png")).max() == 0
    win.view.set_camera(None, 80.0, 40.0, 0.0, animate=False)
    win.view.animate = False  # the flight to a loaded camera is the view's setting
    assert load_camera(win, str(cam))
    center, distance, elevation, azimuth = win.view.camera_state()
    assert np.allclose(center, [2.0, 1.0, 0.5])
    assert distance == 37.5
    assert (elevation, azimuth % 360) == (12.0, 70.0)
