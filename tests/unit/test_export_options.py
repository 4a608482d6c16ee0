"""The export command's camera, look and timing options without rendering: parsing,
camera files, one-line errors with exit code 2, and --out as a folder (3D files need
no display)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys

import pytest

from models3d.camera_file import SavedCamera, read_camera, write_camera
from models3d.catalogue import load_plan
from models3d.errors import UsageError
from models3d.export_options import (
    ShotRequest,
    in_folder,
    parse_background,
    parse_colour,
    parse_highlight,
)
from tests.conftest import PLANS, ROOT


def cli(*args, cwd=ROOT):
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("text", "rgb"),
    [
        ("#203040", (32, 48, 64)),
        ("#fff", (255, 255, 255)),
        ("10,20,30", (10, 20, 30)),
        ("10, 20, 30", (10, 20, 30)),
        ("Black", (0, 0, 0)),
        ("grey", (128, 128, 128)),
    ],
)
def test_colours(text, rgb):
    assert parse_colour(text) == rgb


@pytest.mark.parametrize("text", ["pink", "#12345", "256,0,0", "1,2", "", "#ggg"])
def test_bad_colours(text):
    with pytest.raises(UsageError, match="--background"):
        parse_colour(text)


def test_backgrounds():
    assert parse_background(None) == "sky"
    assert parse_background("Sky") == "sky"
    assert parse_background("transparent") == "transparent"
    assert parse_background(" Earth ") == "earth"
    assert parse_background("#000000") == (0, 0, 0)


def test_highlight_checks_every_module():
    plan = load_plan(PLANS / "ros-2024.toml")
    assert parse_highlight("nem, bm,nem", plan) == ("nem", "bm")
    with pytest.raises(UsageError, match="not a module of ros-2024"):
        parse_highlight("nem,zz", plan)


def test_a_camera_file_round_trips_exactly(tmp_path):
    cam = SavedCamera(
        (1.0 / 3, -2.5, 1e-9), 84.123456789, 28.0, -55.5, 60.0, "ros-2024", 7
    )
    path = write_camera(tmp_path / "a.camera.json", cam)
    assert read_camera(path) == cam
    doc = json.loads(path.read_text())
    assert doc["format"] == "ross-explorer-camera"
    assert doc["version"] == 1


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{", "not JSON"),
        ("[]", "not a JSON object"),
        ('{"format": "x"}', "not a camera file"),
        ('{"format": "ross-explorer-camera", "version": 2}', "version 2"),
        (
            '{"format": "ross-explorer-camera", "version": 1, "center": [0, 0, 0], '
            '"distance": 5, "elevation": 0, "azimuth": 0, "zoom": 2}',
            "unknown key 'zoom'",
        ),
        (
            '{"format": "ross-explorer-camera", "version": 1, "center": [0, 0], '
            '"distance": 5, "elevation": 0, "azimuth": 0}',
            "three numbers",
        ),
        (
            '{"format": "ross-explorer-camera", "version": 1, "center": [0, 0, NaN], '
            '"distance": 5, "elevation": 0, "azimuth": 0}',
            "outside",
        ),
        (
            '{"format": "ross-explorer-camera", "version": 1, "center": [0, 0, 0], '
            '"distance": 5, "elevation": 95, "azimuth": 0}',
            "'elevation' 95",
        ),
        (
            '{"format": "ross-explorer-camera", "version": 1, "center": [0, 0, 0], '
            '"distance": true, "elevation": 0, "azimuth": 0}',
            "'distance' is not a number",
        ),
    ],
)
def test_broken_camera_files_are_one_line(tmp_path, content, problem):
    path = tmp_path / "c.json"
    path.write_text(content)
    with pytest.raises(UsageError) as exc:
        read_camera(path)
    assert problem in str(exc.value)
    assert str(path) in str(exc.value)
    assert "\n" not in str(exc.value)


def test_shot_defaults():
    assert ShotRequest().default
    assert not ShotRequest(view="top").default
    assert not math.isnan(ShotRequest(zoom=2).zoom)


BAD = [
    (("--view", "back"), "--view 'back'"),
    (("--azimuth", "east"), "--azimuth 'east': not a number"),
    (("--elevation", "91"), "--elevation '91': must be between -90 and 90"),
    (("--elevation", "nan"), "--elevation 'nan'"),
    (("--distance", "-3"), "--distance '-3'"),
    (("--zoom", "0"), "--zoom '0'"),
    (("--distance", "30", "--zoom", "2"), "give one of them"),
    (("--target", "zz"), "--target 'zz': not a module of ros-2024"),
    (("--phase", "1", "--target", "bm"), "not at the station in phase 1"),
    (("--highlight", "nem,,bm"), "an empty module id"),
    (("--background", "pinkish"), "--background 'pinkish'"),
    (("--transparent", "--background", "#000"), "give one of them"),
    (("--transparent", "--background", "earth"), "--background earth: give one of"),
    (("--quality", "ultra"), "--quality 'ultra': use one of standard, press"),
    (("--lang", "de"), "--lang 'de': use one of en, ru"),
    (("--camera", "{tmp}/none.json"), "cannot read the camera file"),
    (("--camera", "{tmp}/bad.json"), "not JSON"),
    (("--camera", "{tmp}/bad.json", "--view", "top"), "leave out --view"),
    (("--fps", "0"), "--fps '0'"),
    (("--fps", "1e9"), "--fps '1e9'"),
    (("--hold", "-1"), "--hold '-1'"),
    (("--dock-seconds", "inf"), "--dock-seconds 'inf'"),
]


@pytest.mark.parametrize(("args", "text"), BAD)
def test_bad_values_are_one_line_and_exit_2(tmp_path, args, text):
    (tmp_path / "bad.json").write_text("{")
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(tmp=tmp_path) for a in args]
    res = cli("export", "--plan", "ros-2024", "--out", str(out / "x.png"), *args)
    assert res.returncode == 2, res.stdout + res.stderr
    assert res.stderr.count("\n") == 1, res.stderr
    assert text in res.stderr, res.stderr
    assert not list(out.iterdir())


def test_out_may_be_a_folder(tmp_path):
    one = cli(
        "export",
        "--plan",
        "tiangong",
        "--phase",
        "2",
        "--format",
        "glb",
        "--out",
        str(tmp_path),
    )
    assert one.returncode == 0, one.stderr
    assert (tmp_path / "tiangong_02.glb").is_file()
    series = cli(
        "export",
        "--plan",
        "tiangong",
        "--phase",
        "all",
        "--format",
        "stl",
        "--out",
        str(tmp_path),
    )
    assert series.returncode == 0, series.stderr
    assert sorted(p.name for p in tmp_path.glob("*.stl")) == [
        f"tiangong_{i:02d}.stl" for i in range(1, 6)
    ]


def test_a_folder_named_like_a_file_is_still_refused_unless_it_ends_in_a_slash(
    tmp_path,
):
    odd = tmp_path / "pictures.glb"
    odd.mkdir()
    res = cli("export", "--plan", "tiangong", "--out", str(odd))
    assert res.returncode == 2
    assert "folder" in res.stderr
    res = cli("export", "--plan", "tiangong", "--format", "glb", "--out", f"{odd}/")
    assert res.returncode == 0, res.stderr
    assert (odd / "tiangong_05.glb").is_file()


def test_folder_names():
    plan = load_plan(PLANS / "mir.toml")
    from pathlib import Path

    folder = Path("/x")
    assert in_folder(folder, plan, "png", [2]) == folder / "mir_03.png"
    assert in_folder(folder, plan, "png", list(range(14))) == folder / "mir.png"
    assert in_folder(folder, plan, "gif", list(range(14))) == folder / "mir.gif"


def test_export_help_lists_the_options():
    res = cli("export", "--help")
    for option in (
        "--view",
        "--azimuth",
        "--elevation",
        "--distance",
        "--zoom",
        "--target",
        "--camera",
        "--background",
        "--quality",
        "--labels",
        "--scale-bar",
        "--human",
        "--iss",
        "--highlight",
        "--fps",
        "--hold",
        "--dock-seconds",
    ):
        assert option in res.stdout
