"""Signals: SIGINT and SIGTERM during an export or an import end the real process with
exit code 130 or 143 and one line, no traceback, no temporary file left, no earlier
file touched, and no encoder or reader process left running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

from .conftest import BOUND, Snapshot

SIGNALS = {"SIGINT": (signal.SIGINT, 130), "SIGTERM": (signal.SIGTERM, 143)}


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if text.encode() in cmd:
            found.append(int(pid))
    return found


def interrupt_when(args: list[str], ready, signum: int, env=None, grace: float = 0.0):
    """Start main.py, wait until ready() (at most BOUND s), send `signum`, and return
    (exit code, stderr)."""
    proc = subprocess.Popen(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    deadline = time.monotonic() + BOUND
    try:
        while not ready(proc.pid):
            if proc.poll() is not None:
                pytest.fail(f"finished before the signal: {proc.stderr.read()!r}")
            if time.monotonic() > deadline:
                pytest.fail("never got to the point of the signal")
            time.sleep(0.01)
        time.sleep(grace)
        proc.send_signal(signum)
        code = proc.wait(BOUND)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return code, proc.stderr.read().decode("utf-8", "replace")


def _part_in(folder: Path):
    return lambda _pid: any(".part" in n for n in os.listdir(folder))


def _children(pid: int, text: str) -> set[int]:
    """Processes started by `pid` whose command line holds `text`."""
    found = set()
    for child in _processes_mentioning(text):
        try:
            stat_line = Path(f"/proc/{child}/stat").read_text()
        except OSError:
            continue
        if int(stat_line.rsplit(")", 1)[1].split()[1]) == pid:
            found.add(child)
    return found


def _check(code: int, err: str, expected: int) -> None:
    assert "Traceback" not in err, err
    assert code == expected, (code, err)
    assert len(err.strip().splitlines()) == 1, err
    assert "interrupted" in err


@pytest.mark.parametrize("sig", sorted(SIGNALS))
def test_a_signal_during_a_3d_series(sig, tmp_path):
    signum, expected = SIGNALS[sig]
    (tmp_path / "s_01.obj").write_text("the user's file")
    snap = Snapshot(tmp_path)
    code, err = interrupt_when(
        ["export", "--plan", "iss", "--phase", "all", "--out", str(tmp_path / "s.obj")],
        _part_in(tmp_path),
        signum,
        env={"DISPLAY": ""},
    )
    _check(code, err, expected)
    snap.assert_unchanged()


@pytest.mark.gl
@pytest.mark.parametrize("sig", sorted(SIGNALS))
@pytest.mark.parametrize("fmt", ["mp4", "gif", "png"])
def test_a_signal_during_a_rendered_export(sig, fmt, tmp_path, gl_display):
    signum, expected = SIGNALS[sig]
    work = tmp_path / "work"
    work.mkdir()
    (work / "a_01.png").write_bytes(b"the user's picture")
    snap = Snapshot(work)
    args = [
        "export",
        "--plan",
        "ros-2024",
        "--size",
        "640x360",
        "--out",
        str(work / f"a.{fmt}"),
    ]
    if fmt == "png":
        args += ["--phase", "all", "--ssaa", "2"]
    # animations: the temporary file exists from the start; a moment later ffmpeg or
    # the GIF stream is busy with frames
    code, err = interrupt_when(
        args, _part_in(work), signum, grace=0.0 if fmt == "png" else 0.5
    )
    _check(code, err, expected)
    snap.assert_unchanged()
    assert not _processes_mentioning(str(work)), "an encoder was left running"


def _slow_model(path: Path) -> None:
    """A valid glTF whose reading takes a few seconds: 20,000 placed meshes."""
    import base64
    import json

    import numpy as np

    pos = np.array([[0, 0, 0], [1, 0, 0], [0, 1, 0]], np.float32).tobytes()
    n = 20_000
    nodes = [
        {"children": [i + 1], "translation": [1, 0, 0], "mesh": 0} for i in range(n - 1)
    ] + [{"mesh": 0}]
    path.write_text(
        json.dumps(
            {
                "asset": {"version": "2.0"},
                "buffers": [
                    {
                        "uri": "data:application/octet-stream;base64,"
                        + base64.b64encode(pos).decode(),
                        "byteLength": 36,
                    }
                ],
                "bufferViews": [{"buffer": 0, "byteLength": 36}],
                "accessors": [
                    {
                        "bufferView": 0,
                        "componentType": 5126,
                        "count": 3,
                        "type": "VEC3",
                        "max": [1, 1, 0],
                        "min": [0, 0, 0],
                    }
                ],
                "meshes": [{"primitives": [{"attributes": {"POSITION": 0}}]}],
                "nodes": nodes,
                "scenes": [{"nodes": [0]}],
                "scene": 0,
            }
        )
    )


@pytest.mark.parametrize("sig", sorted(SIGNALS))
def test_a_signal_during_an_import_stops_the_reader_too(sig, tmp_path):
    signum, expected = SIGNALS[sig]
    model = tmp_path / "slow.gltf"
    _slow_model(model)
    workers: set[int] = set()

    def reading(pid: int) -> bool:
        workers.update(_children(pid, "models3d._import_worker"))
        return bool(workers)

    code, err = interrupt_when(["inspect", str(model)], reading, signum, grace=0.3)
    _check(code, err, expected)
    assert workers
    alive = [
        w
        for w in workers
        if Path(f"/proc/{w}").exists()
        and "Z" not in Path(f"/proc/{w}/stat").read_text().rsplit(")", 1)[1][:3]
    ]
    assert not alive, "the reader was left running"
