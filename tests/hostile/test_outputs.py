"""Nothing lost: special files at the destination, names at the file system's limits,
a full disk, series written all-or-nothing, and encoders that fail quietly.

Destination checks come before any rendering, so every format is covered without a
display; the full-disk and encoder cases of pictures and animations render (gl)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from .conftest import (
    Snapshot,
    assert_ok,
    assert_refused,
    cli,
    fill,
    gen_special_input,
)

FORMATS = ["png", "jpg", "webp", "gif", "mp4", "glb", "obj", "stl"]
DEST_KINDS = {
    "fifo": "FIFO",
    "folder": "folder",
    "socket": "socket",
    "dangling_link": "symbolic link to nothing",
    "link_to_fifo": "symbolic link to a FIFO",
    "link_to_zero": "symbolic link to a character device",
}


@pytest.mark.parametrize("kind", sorted(DEST_KINDS))
@pytest.mark.parametrize("fmt", FORMATS)
def test_special_destinations_are_refused_and_left_alone(fmt, kind, short_tmp):
    dest = gen_special_input(kind, short_tmp, f".{fmt}")
    snap = Snapshot(short_tmp)
    res = cli(
        "export",
        "--plan",
        "tiangong",
        "--size",
        "64x64",
        "--out",
        str(dest),
        env={"DISPLAY": None},
    )
    assert_refused(res, str(dest), DEST_KINDS[kind])
    snap.assert_unchanged()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_device_is_never_replaced(fmt):
    """As root, --out /dev/null once replaced the device with a regular file."""
    before = os.stat("/dev/null")
    res = cli(
        "export",
        "--plan",
        "tiangong",
        "--format",
        fmt,
        "--size",
        "64x64",
        "--out",
        "/dev/null",
        env={"DISPLAY": None},
    )
    assert_refused(res, "/dev/null", "character device")
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert after.st_rdev == before.st_rdev


def test_a_link_to_a_regular_file_is_written_through(tmp_path):
    real = tmp_path / "real.stl"
    real.write_bytes(b"old")
    link = tmp_path / "link.stl"
    link.symlink_to(real)
    res = cli("export", "--plan", "tiangong", "--out", str(link), env={"DISPLAY": None})
    assert_ok(res)
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.stat().st_size > 1000  # the station, not "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.stl", "real.stl"]


# ----------------------------------------------------------------------------- names


def gen_long_names(folder: Path) -> list[tuple[Path, bool]]:
    """(output path, legal) for names of 251 to 256 bytes, some multi-byte."""
    cases = []
    for size in range(251, 257):
        cases.append((folder / ("n" * (size - 4) + ".stl"), size <= 255))
    # 'ж' is two bytes in UTF-8: 127 of them + ".stl" is 258 bytes, 125 is 254
    cases.append((folder / ("ж" * 125 + ".stl"), True))
    cases.append((folder / ("ж" * 127 + ".stl"), False))
    return cases


@pytest.mark.parametrize("index", range(8))
def test_names_up_to_the_limit_work_and_longer_ones_are_refused(index, tmp_path):
    path, legal = gen_long_names(tmp_path)[index]
    snap = Snapshot(tmp_path)
    res = cli("export", "--plan", "tiangong", "--out", str(path), env={"DISPLAY": None})
    if legal:
        assert_ok(res)
        snap.assert_only({path})
        assert path.exists()
    else:
        assert_refused(res, "bytes", "at most 255")
        snap.assert_unchanged()


def test_a_series_whose_numbered_names_are_too_long_is_refused(tmp_path):
    out = tmp_path / ("s" * 249 + ".stl")  # legal, but s..._01.stl is 256 bytes
    res = cli(
        "export",
        "--plan",
        "tiangong",
        "--phase",
        "all",
        "--out",
        str(out),
        env={"DISPLAY": None},
    )
    assert_refused(res, "256 bytes")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    "name",
    [b"caf\xe9.stl", b"bell\x07and\x1b[31mred.stl", b"new\nline.stl", b"\xff\xfe.stl"],
)
def test_odd_names_are_written_and_printed_escaped(name, tmp_path):
    out = os.fsencode(tmp_path) + b"/" + name
    res = cli(
        "export",
        "--plan",
        "tiangong",
        "--out",
        out,
        env={"DISPLAY": None, "PYTHONIOENCODING": "utf-8:strict"},
    )
    assert_ok(res)
    assert os.path.exists(out)
    text = res.stdout.decode("utf-8")  # strict: it must be valid UTF-8
    assert not any(ch in text for ch in "\x07\x1b"), text
    assert text.count("\n") == 1, text
    assert "wrote " in text


@pytest.mark.parametrize(
    "out", ["~nosuchuser/x.stl", "", "~/../../nonexistent-dir/x.stl"]
)
def test_unusable_output_paths_are_one_line(out):
    res = cli("export", "--plan", "tiangong", "--out", out, env={"DISPLAY": None})
    assert_refused(res)
    assert len(res.err.strip().splitlines()) == 1, res.err


# ------------------------------------------------------------------------ full disk


SCENE_CASES = [
    ("stl", False),
    ("glb", False),
    ("obj", False),
    ("stl", True),
    ("obj", True),
]


@pytest.mark.parametrize(("fmt", "series"), SCENE_CASES)
def test_a_full_disk_leaves_nothing_and_replaces_nothing(fmt, series, full_disk):
    folder, env, wrapper = full_disk
    out = folder / f"station.{fmt}"
    # a user's earlier files: the target (and its MTL, or numbered files of a series)
    olds = (
        [out, out.with_suffix(".mtl")]
        if not series
        else [folder / f"station_0{i}.{fmt}" for i in (1, 2)]
    )
    for p in olds:
        p.write_bytes(b"the user's good file\n")
    # leave room for some files of a series, so that it fails part-way through
    fill(folder, leave=400_000 if series else 0)
    snap = Snapshot(folder)
    res = cli(
        "export",
        "--plan",
        "mir",
        "--phase",
        "all" if series else "final",
        "--out",
        str(out),
        env={"DISPLAY": None, **env},
        wrapper=wrapper,
    )
    assert_refused(res, "disk is full")
    snap.assert_unchanged()


@pytest.mark.gl
@pytest.mark.parametrize("fmt", ["png", "gif", "mp4"])
def test_a_full_disk_fails_pictures_and_animations_cleanly(fmt, full_disk, gl_display):
    folder, env, wrapper = full_disk
    out = folder / f"station.{fmt}"
    out.write_bytes(b"the user's good file\n")
    fill(folder)
    snap = Snapshot(folder)
    res = cli(
        "export",
        "--plan",
        "tiangong",
        "--size",
        "320x180",
        "--out",
        str(out),
        env=env,
        wrapper=wrapper,
    )
    assert_refused(res, "disk is full")
    snap.assert_unchanged()


# --------------------------------------------------------------------------- series


def test_stale_numbered_files_are_kept_and_named(tmp_path):
    """Policy: a series replaces its own numbered names only when all are written;
    numbered files beyond it (an earlier, longer series) are kept, and named."""
    stale = tmp_path / "s_99.stl"
    stale.write_bytes(b"from an earlier export")
    res = cli(
        "export",
        "--plan",
        "tiangong",
        "--phase",
        "all",
        "--out",
        str(tmp_path / "s.stl"),
        env={"DISPLAY": None},
    )
    assert_ok(res)
    assert stale.read_bytes() == b"from an earlier export"
    assert "s_99.stl" in res.err
    assert "left" in res.err


def test_replaced_files_are_named(tmp_path):
    out = tmp_path / "s.glb"
    out.write_bytes(b"old")
    res = cli("export", "--plan", "tiangong", "--out", str(out), env={"DISPLAY": None})
    assert_ok(res)
    assert "replaced" in res.out


# ------------------------------------------------------------------------- encoders

FAKE_FFMPEG = """#!{python}
import os, sys
args = sys.argv[1:]
if "rawvideo" not in args:  # a read-back: the real ffmpeg
    os.execv({real!r}, [{real!r}, *args])
while sys.stdin.buffer.read(1 << 16):
    pass
out = args[-1]
mode = {mode!r}
if mode == "garbage":
    open(out, "wb").write(b"not a video")
elif mode == "enospc":
    open(out, "wb").write(b"\\0" * 100)
    sys.stderr.write("[out] Error writing trailer: No space left on device\\n")
    sys.exit(1)
elif mode == "empty":
    open(out, "wb").close()
"""


@pytest.mark.gl
@pytest.mark.parametrize(
    ("mode", "needle"),
    [
        ("garbage", "does not read back"),
        ("enospc", "disk is full"),
        ("empty", "empty file"),
    ],
)
def test_an_encoder_that_fails_quietly_replaces_nothing(
    mode, needle, tmp_path, gl_display
):
    import imageio_ffmpeg

    fake = tmp_path / "fake_ffmpeg"
    fake.write_text(
        FAKE_FFMPEG.format(
            python=sys.executable, mode=mode, real=imageio_ffmpeg.get_ffmpeg_exe()
        )
    )
    fake.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    out = work / "a.mp4"
    out.write_bytes(b"the user's good video")
    snap = Snapshot(work)
    res = cli(
        "export",
        "--plan",
        "tiangong",
        "--size",
        "64x64",
        "--out",
        str(out),
        env={"IMAGEIO_FFMPEG_EXE": str(fake)},
    )
    assert_refused(res, "a.mp4", needle)
    snap.assert_unchanged()
