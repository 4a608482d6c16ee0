"""The window on a laptop screen, a large one and a 2x HiDPI one (each in its own Xvfb):
it fits the screen, the 3D view keeps at least half of it, every panel is reachable and
no timeline label is cut or clipped at the window's edge."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from tests.conftest import BUNDLED, ROOT

pytestmark = pytest.mark.gl

SCREENS = [("1280x720", "1"), ("2560x1440", "1"), ("2560x1440", "2")]


@pytest.mark.parametrize(("size", "scale"), SCREENS)
def test_window_fits_the_screen(size, scale, tmp_path, gl_display):
    if shutil.which("xvfb-run") is None:
        pytest.fail("xvfb-run is missing (tools/system_packages.sh test installs it)")
    env = dict(
        os.environ,
        QT_SCALE_FACTOR=scale,
        QT_QPA_PLATFORM="xcb",
        ROSS_EXPLORER_SETTINGS=str(tmp_path / "s.ini"),
    )
    env.pop("DISPLAY", None)
    shot = tmp_path / "window.png"
    run = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            f"-screen 0 {size}x24",
            sys.executable,
            str(ROOT / "tests" / "ui" / "screen_probe.py"),
            ",".join(BUNDLED),
            str(shot),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    info = json.loads(run.stdout.strip().splitlines()[-1])
    sx, sy, sw, sh = info["screen"]
    fx, fy, fw, fh = info["frame"]
    assert sx <= fx, info
    assert sy <= fy, info
    assert fx + fw <= sx + sw, info
    assert fy + fh <= sy + sh, info
    vw, vh = info["view"]
    ww, wh = info["window"]
    assert vw * vh >= 0.5 * ww * wh, f"the 3D view has {vw * vh / (ww * wh):.0%}"
    assert all(info["docks_visible"].values()), info["docks_visible"]
    for pid, p in info["plans"].items():
        for left, right, elided in p["labels"]:
            assert left >= 0, (pid, left, right)
            assert right <= p["timeline_width"], (pid, left, right)
            if scale == "1" and size == "1280x720":
                assert not elided, f"{pid}: a phase name is cut at 1280 px"
    assert info["status_room"] + info["summary_width"] <= info["status_width"]
    img = np.asarray(Image.open(shot).convert("RGB"))
    assert img.std() > 10  # a real window, not one colour
