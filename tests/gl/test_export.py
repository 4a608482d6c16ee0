"""Exports: sizes, alpha, GUI = CLI pixels, series, animations, 3D files, clean failures."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from models3d.catalogue import load_plan
from tests.conftest import PLANS, ROOT

SPACE = np.array([6, 9, 20])


def cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "main.py", "export", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env=env or dict(os.environ),
    )


def station_fraction(img: np.ndarray) -> float:
    """Share of pixels clearly brighter than the sky gradient (stars are too few)."""
    rgb = img[..., :3].astype(int)
    return float((rgb.sum(axis=2) > 120).mean())


def test_cli_picture_has_the_size_and_shows_the_station(tmp_path, gl_display):
    out = tmp_path / "station.png"
    res = cli(
        "--plan",
        "ros-2024",
        "--phase",
        "final",
        "--size",
        "1280x720",
        "--ssaa",
        "2",
        "--out",
        str(out),
    )
    assert res.returncode == 0, res.stderr
    assert f"wrote {out}" in res.stdout
    img = np.asarray(Image.open(out))
    assert img.shape == (720, 1280, 3)
    assert 0.04 < station_fraction(img) < 0.8
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)  # not left private by mkstemp


def test_transparent_export_has_clear_corners_and_an_opaque_station(
    tmp_path, gl_display
):
    out = tmp_path / "t.png"
    res = cli(
        "--plan", "ros-2024", "--size", "800x450", "--transparent", "--out", str(out)
    )
    assert res.returncode == 0, res.stderr
    img = np.asarray(Image.open(out))
    assert img.shape == (450, 800, 4)
    for corner in (img[0, 0], img[0, -1], img[-1, 0], img[-1, -1]):
        assert corner[3] == 0
    assert (img[..., 3] == 255).mean() > 0.03  # the station is opaque
    assert (img[..., 3] == 0).mean() > 0.5


@pytest.mark.parametrize(
    ("route", "look"),
    [
        ("xvfb", {}),
        ("headless", {}),
        ("xvfb", {"background": "earth", "quality": "press"}),
    ],
)
def test_gui_and_cli_give_the_same_pixels(tmp_path, qtbot, gl_display, route, look):
    """The command line under Xvfb (Qt's GLX context) and with no X server at all
    (surfaceless EGL, ui/export/egl.py) draw exactly the app's pixels, also with the
    Earth below and press quality."""
    from ui.export.jobs import ExportRequest
    from ui.main_window import MainWindow

    out_cli = tmp_path / "cli.png"
    env = dict(os.environ)
    if route == "headless":
        env.pop("DISPLAY")
        env.pop("QT_QPA_PLATFORM", None)
    res = cli(
        "--plan",
        "tiangong",
        "--phase",
        "3",
        "--size",
        "640x400",
        "--ssaa",
        "2",
        "--out",
        str(out_cli),
        *(a for k, v in look.items() for a in (f"--{k}", v)),
        env=env,
    )
    assert res.returncode == 0, res.stderr
    plan = load_plan(PLANS / "tiangong.toml")
    win = MainWindow(plan, 2)
    qtbot.addWidget(win)
    win.show()
    out_gui = tmp_path / "gui.png"
    runner = win.exports.start(
        ExportRequest(plan, [2], out_gui, "png", 640, 400, 2, **look)
    )
    qtbot.waitUntil(lambda: runner.finished, timeout=20000)
    a = np.asarray(Image.open(out_cli)).astype(int)
    b = np.asarray(Image.open(out_gui)).astype(int)
    assert a.shape == b.shape
    assert np.abs(a - b).max() == 0
    assert str(out_gui) in win.statusBar().currentMessage()


def test_every_phase_gives_one_file_and_coverage_grows(tmp_path, gl_display):
    out = tmp_path / "mir.png"
    res = cli("--plan", "mir", "--phase", "all", "--size", "480x270", "--out", str(out))
    assert res.returncode == 0, res.stderr
    files = sorted(tmp_path.glob("mir_*.png"))
    plan = load_plan(PLANS / "mir.toml")
    count = len(plan.phases)
    assert [f.name for f in files] == [f"mir_{i:02d}.png" for i in range(1, count + 1)]
    cover = [station_fraction(np.asarray(Image.open(f))) for f in files]
    # a phase that only moves a module to another port need not cover more
    grows = [i for i in range(1, count) if plan.station.changes(i - 1, i).added]
    assert all(cover[i] > cover[i - 1] for i in grows), cover


def test_gif_and_mp4_hold_the_whole_assembly(tmp_path, gl_display):
    from ui.export.jobs import ANIMATION_FPS, STEP_SECONDS

    gif, mp4 = tmp_path / "a.gif", tmp_path / "a.mp4"
    assert (
        cli("--plan", "tiangong", "--size", "320x180", "--out", str(gif)).returncode
        == 0
    )
    with Image.open(gif) as im:
        n = im.n_frames
        assert im.size == (320, 180)
    phases = len(load_plan(PLANS / "tiangong.toml").phases)
    steps = int(STEP_SECONDS * ANIMATION_FPS)
    # at least a frame per phase plus the docking animations between them (GIF merges
    # the identical frames of a phase held still into one longer frame)
    assert n >= phases + (phases - 1) * (steps // 2)
    res = cli("--plan", "tiangong", "--size", "320x180", "--out", str(mp4))
    assert res.returncode == 0, res.stderr
    import imageio_ffmpeg

    from ui.export.jobs import ExportRequest, animation_frame_count

    frames, secs = imageio_ffmpeg.count_frames_and_secs(str(mp4))
    plan = load_plan(PLANS / "tiangong.toml")
    expected = animation_frame_count(
        ExportRequest(plan, list(range(phases)), mp4, "mp4")
    )
    assert frames == expected
    assert secs > 2
    assert mp4.read_bytes()[4:8] == b"ftyp"
    assert not list(tmp_path.glob("*.part*"))


def test_3d_exports_read_back(tmp_path, gl_display):
    import trimesh

    from models3d.axes import Y_UP_FROM_APP

    plan = load_plan(PLANS / "ros-2024.toml")
    for fmt in ("glb", "obj", "stl"):
        out = tmp_path / f"station.{fmt}"
        res = cli("--plan", "ros-2024", "--phase", "final", "--out", str(out))
        assert res.returncode == 0, res.stderr
    scene = trimesh.load(tmp_path / "station.glb")
    nodes = set(scene.graph.nodes)
    for mid in plan.station.snapshots[-1].modules:
        assert f"{mid} ({plan.modules[mid].name['en']})" in nodes
    assert any(n.endswith(":solar") for n in nodes)
    assert (tmp_path / "station.mtl").exists()
    obj = trimesh.load(tmp_path / "station.obj")
    stl = trimesh.load(tmp_path / "station.stl")
    for loaded in (scene, obj, stl):
        lo, hi = loaded.bounds
        assert np.all(hi - lo > 15)  # metres: the station, not a unit cube
    # GLB and OBJ are +Y up, STL keeps the app's +Z up (models3d.axes)
    corners = np.array(np.meshgrid(*stl.bounds.T)).reshape(3, -1).T @ Y_UP_FROM_APP.T
    y_up = np.stack([corners.min(axis=0), corners.max(axis=0)])
    assert np.allclose(scene.bounds, y_up, atol=1e-3)
    assert np.allclose(obj.bounds, y_up, atol=1e-3)


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (("--size", "99999x99999"), "outside 16–16384"),
        (("--size", "big"), "not WIDTHxHEIGHT"),
        (("--phase", "42"), "out of range"),
        (("--format", "bmp"), "invalid choice"),
        (("--transparent", "--format", "jpg"), "JPEG cannot store transparency"),
    ],
)
def test_bad_export_arguments_exit_2(tmp_path, gl_display, args, text):
    out = tmp_path / "x.png"
    res = cli("--plan", "ros-2024", "--out", str(out), *args)
    assert res.returncode == 2, res.stdout
    assert text in res.stderr
    assert "Traceback" not in res.stderr
    assert not list(tmp_path.iterdir())


def test_unwritable_or_missing_folders_are_refused(tmp_path, gl_display):
    res = cli("--plan", "ros-2024", "--out", str(tmp_path / "nope" / "x.png"))
    assert res.returncode == 2
    assert "does not exist" in res.stderr
    res = cli("--plan", "ros-2024", "--out", "/proc/ross-explorer-test.png")
    assert res.returncode == 2
    assert "/proc/ross-explorer-test.png" in res.stderr
    assert "Traceback" not in res.stderr


def test_a_full_disk_leaves_no_partial_file(tmp_path, monkeypatch):
    from models3d import imaging

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", full)
    px = np.zeros((32, 32, 4), dtype=np.uint8)
    with pytest.raises(imaging.ExportError, match="disk is full"):
        imaging.save_picture(px, tmp_path / "a.png", imaging.PictureOptions(32, 32))
    assert not list(tmp_path.iterdir())


def test_sizes_beyond_memory_are_refused_with_the_figure(monkeypatch):
    from models3d import imaging

    monkeypatch.setattr(imaging, "available_memory", lambda: 512 * 2**20)
    with pytest.raises(imaging.ExportError, match=r"needs about .* GiB .* 0\.5 GiB"):
        imaging.check_picture(imaging.PictureOptions(16384, 16384))


def test_tiles_join_without_seams(qapp, gl_display):
    from ui.export.offscreen import StationRenderer

    r = StationRenderer(load_plan(PLANS / "ros-2024.toml"))
    try:
        r.set_phase(6)
        r.fit(1000, 600)
        whole = r.view.render(1000, 600, 1, False, tile=4096)
        tiled = r.view.render(1000, 600, 1, False, tile=256)
        diff = np.abs(whole.astype(int) - tiled.astype(int)).max(axis=2)
        # 12 tiles meet along 2,800 pixels of seams; the gradient and shading agree
        # everywhere, and at most a handful of edge pixels or star points on a seam
        # rasterise differently
        assert (diff > 2).sum() <= 10, int((diff > 2).sum())
    finally:
        r.close()


def test_the_largest_size_gives_a_correct_picture(qapp, gl_display):
    from ui.export.offscreen import StationRenderer

    r = StationRenderer(load_plan(PLANS / "ros-2024.toml"))
    try:
        r.set_phase(6)
        r.fit(16384, 9216)
        big = r.picture(16384, 9216, 1)
        assert big.shape == (9216, 16384, 4)
        small = r.picture(512, 288, 1)
        frac_big = station_fraction(big[::32, ::32])
        frac_small = station_fraction(small)
        assert frac_big > 0.04  # not blank
        assert frac_big == pytest.approx(frac_small, rel=0.2)
        del big
    finally:
        r.close()


def test_quick_screenshot_saves_the_view(tmp_path, qtbot, gl_display):
    from ui.main_window import MainWindow

    win = MainWindow(load_plan(PLANS / "mir.toml"), None)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    path = Path(win.exports.quick_screenshot(str(tmp_path)))
    final = len(win.model.plan.phases)
    assert path.parent == tmp_path
    assert path.name.startswith(f"mir_phase{final:02d}_")
    img = Image.open(path)
    dpr = win.view.devicePixelRatioF()
    assert img.size == (int(win.view.width() * dpr), int(win.view.height() * dpr))
    assert str(path) in win.statusBar().currentMessage()


def test_cancelled_export_keeps_nothing_and_the_app_runs_on(
    tmp_path, qtbot, gl_display
):
    from ui.export.jobs import ExportRequest
    from ui.main_window import MainWindow

    plan = load_plan(PLANS / "ros-2024.toml")
    win = MainWindow(plan, None)
    qtbot.addWidget(win)
    win.show()
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "anim.gif"
    runner = win.exports.start(
        ExportRequest(plan, list(range(7)), out, "gif", 320, 180)
    )
    qtbot.waitUntil(lambda: runner.progress.value() > 3, timeout=20000)
    runner.cancel()
    assert runner.finished
    assert not list(tmp_path.iterdir())
    assert "cancelled" in win.statusBar().currentMessage()
    win.model.set_phase(2)  # still alive
    assert win.model.phase == 2


def test_gui_export_failure_is_reported_and_state_kept(tmp_path, qtbot, gl_display):
    from ui.export.jobs import ExportRequest
    from ui.main_window import MainWindow

    plan = load_plan(PLANS / "ros-2024.toml")
    win = MainWindow(plan, 3)
    qtbot.addWidget(win)
    win.show()
    runner = win.exports.start(
        ExportRequest(plan, [3], tmp_path / "no" / "x.png", "png", 640, 360)
    )
    qtbot.waitUntil(lambda: runner.finished, timeout=10000)
    assert "does not exist" in win.statusBar().currentMessage()
    assert win.model.phase == 3
    assert win.model.plan.id == "ros-2024"


def test_scale_bar_and_figures_are_drawn_only_when_asked(tmp_path, gl_display):
    """Pictures start clean; --scale-bar draws the bar in the lower left corner only,
    --human and --iss add the figures and their captions."""
    pictures = {}
    for name, extra in (
        ("plain", ()),
        ("bar", ("--scale-bar",)),
        ("figures", ("--human", "--iss")),
        ("captioned", ("--scale-bar", "--caption", "--lang", "ru")),
    ):
        out = tmp_path / f"{name}.png"
        res = cli("--plan", "mir", "--size", "640x360", "--out", str(out), *extra)
        assert res.returncode == 0, res.stderr
        pictures[name] = np.asarray(Image.open(out))[..., :3].astype(int)
    changed = np.abs(pictures["bar"] - pictures["plain"]).sum(axis=2) > 60
    ys, xs = np.nonzero(changed)
    assert changed.sum() > 150, changed.sum()  # a bar, its ticks and its length
    assert ys.min() > 360 * 0.8, ys.min()  # bottom
    assert xs.max() < 640 * 0.4, xs.max()  # left
    figures = np.abs(pictures["figures"] - pictures["plain"]).sum(axis=2) > 60
    assert figures.mean() > 0.02  # the ISS outline beside the station
    # with a caption (bottom left) the bar moves to the bottom right, clear of it
    moved = np.abs(pictures["captioned"] - pictures["plain"]).sum(axis=2) > 60
    assert moved[int(360 * 0.8) :, int(640 * 0.75) :].sum() > 100
    assert moved[: int(360 * 0.7)].sum() == 0  # caption and bar: the bottom only


def test_quick_screenshot_keeps_the_views_scale_bar(tmp_path, qtbot, gl_display):
    from ui.main_window import MainWindow

    win = MainWindow(load_plan(PLANS / "mir.toml"), None)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert win.model.overlays["scale_bar"]  # on in the view by default
    shots = {}
    for on in (True, False):
        win.model.set_overlay("scale_bar", on)
        folder = tmp_path / str(on)
        folder.mkdir()
        path = win.exports.quick_screenshot(str(folder))
        shots[on] = np.asarray(Image.open(path))[..., :3].astype(int)
    changed = np.abs(shots[True] - shots[False]).sum(axis=2) > 60
    h, w = changed.shape
    ys, xs = np.nonzero(changed)
    assert changed.sum() > 100
    assert ys.min() > h * 0.7, ys.min()
    assert xs.max() < w * 0.4, xs.max()


def test_a_picture_of_an_early_phase_keeps_its_person_close(tmp_path, gl_display):
    """The person stands beside the phase shown, not beside the final station."""
    pictures = {}
    for name, extra in (("plain", ()), ("human", ("--human",))):
        out = tmp_path / f"{name}.png"
        res = cli(
            "--plan", "ros-2024", "--phase", "1", "--size", "640x360",
            "--out", str(out), *extra,
        )  # fmt: skip
        assert res.returncode == 0, res.stderr
        pictures[name] = np.asarray(Image.open(out))[..., :3].astype(int)
    station = pictures["plain"].sum(axis=2) > 200
    ys, xs = np.nonzero(station)
    person = np.abs(pictures["human"] - pictures["plain"]).sum(axis=2) > 60
    py, px = np.nonzero(person)
    assert len(py) > 5  # drawn
    # (placed for every phase it stood by the final station: off the right edge)
    assert not person[:, int(640 * 0.85) :].any()
    # within a fifth of the picture of the station's own box
    assert px.max() < xs.max() + 128, (px.max(), xs.max())
    assert px.min() > xs.min() - 128, (px.min(), xs.min())
    assert py.max() < ys.max() + 72, (py.max(), ys.max())
