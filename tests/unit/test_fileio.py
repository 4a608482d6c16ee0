"""models3d.fileio, in process: bounded reads of regular files only, text decoding,
printable names, destination checks, all-or-nothing file sets with roll-back, the
temp-file registry and signals, encoder verification; and the streamed GIF writer."""

from __future__ import annotations

import errno
import os
import signal
import stat
import tracemalloc

import numpy as np
import pytest

from models3d import fileio
from models3d.errors import ExportError, UsageError
from models3d.fileio import writing
from models3d.gifwriter import GifStream, check_gif

# ----------------------------------------------------------------------------- reading


def test_read_regular_reads_files_within_the_bound(tmp_path):
    p = tmp_path / "a.toml"
    p.write_bytes(b"x" * 100)
    assert fileio.read_regular(p, 100) == b"x" * 100
    with pytest.raises(fileio.FileRefused, match="at most 99 bytes"):
        fileio.read_regular(p, 99)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: os.mkfifo(p), "FIFO"),
        (lambda p: p.mkdir(), "folder"),
        (lambda p: p.symlink_to("/dev/zero"), "character device"),
        (lambda p: p.symlink_to(p.parent / "nothing"), "does not exist"),
        (lambda p: os.truncate(p, 3 * 2**30) if p.touch() is None else None, "3.0 GiB"),
    ],
)
def test_read_regular_refuses_before_reading(tmp_path, make, words):
    p = tmp_path / "input"
    make(p)
    with pytest.raises(fileio.FileRefused, match=words) as info:
        fileio.read_regular(p, 2**20, "plan file")
    assert str(info.value).startswith(str(p) + ":")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"caf\xc3\xa9", "café"),
        (b"\xef\xbb\xbfcaf\xc3\xa9", "café"),
        ("жук".encode("utf-16"), "жук"),
        (b"caf\xe9 \x93q\x94", "café “q”"),
        (b"\x81\x8d\x8f\x90\x9d", "\x81\x8d\x8f\x90\x9d"),
    ],
)
def test_decode_text_never_fails(data, text):
    assert fileio.decode_text(data) == text


def test_printable_escapes_controls_and_raw_bytes():
    assert fileio.printable("a\x1b[2Jb\n\x9b\x07") == "a\\x1b[2Jb\\n\\x9b\\x07"
    assert fileio.printable(os.fsdecode(b"caf\xe9")) == "caf\\xe9"
    assert fileio.printable("Жук ✓") == "Жук ✓"
    fileio.printable(os.fsdecode(b"\xff")).encode("utf-8")  # strict: no surrogate


def test_expand_path():
    assert fileio.expand_path("~root/x") == fileio.expand_path("/root/x")
    for bad, words in (
        ("~nosuchuser-r11/x", "unknown"),
        ("", "empty"),
        ("a\0b", "NUL"),
    ):
        with pytest.raises(UsageError, match=words):
            fileio.expand_path(bad)


# ------------------------------------------------------------------------ destinations


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: os.mkfifo(p), "is a FIFO"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: p.symlink_to("/dev/null"), "link to a character device"),
        (lambda p: p.symlink_to(p.parent / "gone"), "link to nothing"),
    ],
)
def test_special_destinations_are_refused(tmp_path, make, words):
    p = tmp_path / "out.png"
    make(p)
    with pytest.raises(ExportError, match=words):
        fileio.check_destination(p)
    with pytest.raises(ExportError, match=r"regular file|nothing"):
        fileio.atomic_write(p, lambda tmp: None)
    assert os.path.lexists(p)


def test_dev_null_is_refused():
    with pytest.raises(ExportError, match="character device"):
        fileio.check_destination(fileio.expand_path("/dev/null"))


def test_a_link_to_a_file_resolves_to_the_file(tmp_path):
    (tmp_path / "real.png").write_bytes(b"old")
    (tmp_path / "link.png").symlink_to(tmp_path / "real.png")
    fileio.atomic_write(tmp_path / "link.png", _write(b"new"))
    assert (tmp_path / "link.png").is_symlink()
    assert (tmp_path / "real.png").read_bytes() == b"new"


@pytest.mark.parametrize("size", [251, 252, 253, 254, 255])
def test_every_legal_name_can_be_written(tmp_path, size):
    p = tmp_path / ("n" * (size - 4) + ".png")
    tmp = fileio.temp_beside(p)
    assert len(os.fsencode(tmp.name)) <= 255
    fileio.discard(tmp)
    fileio.atomic_write(p, _write(b"ok"))
    assert p.read_bytes() == b"ok"


def test_a_name_over_the_limit_is_refused_by_size(tmp_path):
    with pytest.raises(ExportError, match=r"256 bytes; .* at most 255"):
        fileio.check_destination(tmp_path / ("n" * 252 + ".png"))


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        fileio.check_destination(tmp_path / "no" / "x.png")


# --------------------------------------------------------------------------- file sets


def _write(data: bytes):
    def write(tmp):
        with open(tmp, "wb") as f:
            f.write(data)

    return write


def _full(tmp):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_set_renames_only_when_all_are_written(tmp_path):
    (tmp_path / "a.obj").write_bytes(b"old obj")
    (tmp_path / "a.mtl").write_bytes(b"old mtl")

    def export():
        with fileio.FileSet() as files:
            files.write(tmp_path / "a.mtl", _write(b"new mtl"))
            files.write(tmp_path / "a.obj", _full)
            files.commit()

    with pytest.raises(ExportError, match="disk is full"):
        export()
    assert (tmp_path / "a.obj").read_bytes() == b"old obj"
    assert (tmp_path / "a.mtl").read_bytes() == b"old mtl"
    assert sorted(os.listdir(tmp_path)) == ["a.mtl", "a.obj"]


def test_a_failed_rename_rolls_the_set_back(tmp_path, monkeypatch):
    for name in ("s_01.png", "s_02.png"):
        (tmp_path / name).write_bytes(b"old " + name.encode())
    real_replace = os.replace
    calls = []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 3:  # the third file of the set
            raise OSError(errno.EIO, "Input/output error")
        return real_replace(src, dst)

    monkeypatch.setattr(writing.os, "replace", replace)

    def export():
        with fileio.FileSet() as files:
            for i in (1, 2, 3):
                files.write(tmp_path / f"s_0{i}.png", _write(b"new"))
            files.commit()

    with pytest.raises(ExportError, match="Input/output error"):
        export()
    monkeypatch.undo()
    assert (tmp_path / "s_01.png").read_bytes() == b"old s_01.png"
    assert (tmp_path / "s_02.png").read_bytes() == b"old s_02.png"
    assert sorted(os.listdir(tmp_path)) == ["s_01.png", "s_02.png"]


def test_atomic_write_joins_the_current_set(tmp_path):
    files = fileio.FileSet()
    with files.current():
        fileio.atomic_write(tmp_path / "a.png", _write(b"a"))
    assert not (tmp_path / "a.png").exists()  # waits for the commit
    fileio.atomic_write(tmp_path / "b.png", _write(b"b"))  # outside: at once
    assert (tmp_path / "b.png").exists()
    assert files.commit() == [tmp_path / "a.png"]
    assert (tmp_path / "a.png").read_bytes() == b"a"


def test_a_closed_generator_leaves_nothing(tmp_path):
    def job():
        with fileio.FileSet() as files:
            files.write(tmp_path / "a.png", _write(b"a"))
            yield 1
            files.commit()

    gen = job()
    next(gen)
    assert len(os.listdir(tmp_path)) == 1  # the temporary file
    gen.close()
    assert os.listdir(tmp_path) == []


def test_modes_new_and_kept(tmp_path):
    fileio.atomic_write(tmp_path / "new.png", _write(b"x"))
    assert stat.S_IMODE((tmp_path / "new.png").stat().st_mode) == 0o666 & ~_umask()
    (tmp_path / "kept.png").write_bytes(b"x")
    os.chmod(tmp_path / "kept.png", 0o640)
    fileio.atomic_write(tmp_path / "kept.png", _write(b"y"))
    assert stat.S_IMODE((tmp_path / "kept.png").stat().st_mode) == 0o640


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_series_names_and_stale_members(tmp_path):
    out = tmp_path / "mir.png"
    assert fileio.numbered(out, 0, 7).name == "mir_01.png"
    assert fileio.numbered(out, 99, 120).name == "mir_100.png"
    for name in ("mir_01.png", "mir_08.png", "mir_x.png", "other_02.png"):
        (tmp_path / name).write_bytes(b"")
    stale = fileio.stale_numbered(out, [tmp_path / "mir_01.png"])
    assert [p.name for p in stale] == ["mir_08.png"]


# ----------------------------------------------------------------------------- signals


def test_a_signal_unwinds_through_the_set_and_the_registry(tmp_path):
    def export():
        with fileio.signals_raise(), fileio.FileSet() as files:
            files.write(tmp_path / "a.png", _write(b"a"))
            os.kill(os.getpid(), signal.SIGTERM)
            files.commit()

    with pytest.raises(fileio.Interrupted) as info:
        export()
    assert info.value.code == 143
    assert os.listdir(tmp_path) == []


def test_a_held_signal_is_raised_when_the_block_ends(tmp_path):
    seen = []

    def render():
        with fileio.signals_raise():
            with fileio.signals_held():
                try:
                    os.kill(os.getpid(), signal.SIGINT)
                    seen.append("not raised inside")
                except BaseException:  # what pyqtgraph's paint does with everything
                    seen.append("swallowed")
            seen.append("after the block")

    with pytest.raises(fileio.Interrupted):
        render()
    assert seen == ["not raised inside"]


def test_no_commit_after_a_signal(tmp_path):
    def export():
        with fileio.signals_raise(), fileio.FileSet() as files:
            files.write(tmp_path / "a.png", _write(b"a"))
            writing._HOLD[0] += 1  # as inside code that swallowed the raise
            try:
                os.kill(os.getpid(), signal.SIGTERM)
            finally:
                writing._HOLD[0] -= 1
            files.commit()  # the checkpoint in commit raises

    with pytest.raises(fileio.Interrupted):
        export()
    assert os.listdir(tmp_path) == []


def test_remove_temp_files(tmp_path):
    tmp = fileio.temp_beside(tmp_path / "x.png")
    assert tmp.exists()
    assert fileio.remove_temp_files() >= 1
    assert not tmp.exists()


# ---------------------------------------------------------------------------- encoders


@pytest.mark.parametrize(
    ("code", "stderr", "size", "problem", "words"),
    [
        (
            1,
            "[mp4] Error writing trailer: No space left on device",
            10,
            None,
            "disk is full",
        ),
        (1, "Unknown encoder 'libx264'", 10, None, r"exit status 1\): Unknown encoder"),
        (-9, "", 10, None, "killed by signal 9"),
        (0, "", 0, None, "empty file"),
        (0, "", 10, "moov atom not found", "does not read back: moov atom"),
    ],
)
def test_encoder_output_is_verified(tmp_path, code, stderr, size, problem, words):
    tmp = tmp_path / "t.mp4"
    tmp.write_bytes(b"\0" * size)
    with pytest.raises(ExportError, match=words):
        fileio.verify_encoded(
            tmp_path / "a.mp4", tmp, "ffmpeg", code, stderr, lambda p: problem
        )
    fileio.verify_encoded(
        tmp_path / "a.mp4", tmp, "ffmpeg", 0, "", lambda p: None
    ) if size else None


# ------------------------------------------------------------------------------- GIF


def _frames(n: int, w: int = 320, h: int = 180):
    base = np.zeros((h, w, 3), np.uint8)
    base[..., 2] = (np.arange(w) // 4 * 2)[None, :]  # 80 blues: within 255 colours
    for i in range(n):
        f = base.copy()
        f[40:80, (i * 7) % (w - 30) : (i * 7) % (w - 30) + 30] = (255, 200, 0)
        yield f
        if i % 5 == 0:
            yield f  # a still: merged into a longer frame


def test_gif_stream_round_trip(tmp_path):
    from PIL import Image

    frames = list(_frames(12))
    path = tmp_path / "a.gif"
    with open(path, "wb") as out:
        gif = GifStream(out, 320, 180, 50)
        for f in frames:
            gif.add(f)
        gif.close()
    assert check_gif(path, 320, 180, gif.frames) is None
    unique = [
        f
        for i, f in enumerate(frames)
        if i == 0 or not np.array_equal(f, frames[i - 1])
    ]
    with Image.open(path) as im:
        assert im.n_frames == len(unique) == gif.frames
        for k, f in enumerate(unique):
            im.seek(k)
            assert np.array_equal(np.asarray(im.convert("RGB")), f)
    data = path.read_bytes()
    path.write_bytes(data[:-40])
    assert "cut short" in check_gif(path, 320, 180, 1)


def test_gif_memory_does_not_grow_with_the_frames(tmp_path):
    def peak(n: int) -> int:
        tracemalloc.start()
        with open(tmp_path / f"{n}.gif", "wb") as out:
            gif = GifStream(out, 320, 180, 50)
            for f in _frames(n):
                gif.add(f)
            gif.close()
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    few, many = peak(10), peak(100)
    assert many < 1.5 * few, (few, many)  # streamed: not 10x for 10x the frames
