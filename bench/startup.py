"""Benchmark: process start to the first frame of the full window.

Floor, measured in the same run with runs interleaved: a script that imports PySide6 and
pyqtgraph.opengl and shows an empty GLViewWidget, quitting at its first frame.
Goal: ratio at most 1.5.

    xvfb-run -a -s "-screen 0 1920x1200x24" .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOOR = r"""
import os, sys, time
from PySide6.QtWidgets import QApplication
import pyqtgraph.opengl as gl
app = QApplication(sys.argv[:1])
w = gl.GLViewWidget()
w.resize(1280, 800)
w.frameSwapped.connect(lambda: (print("first frame", flush=True), os._exit(0)))
w.show()
app.exec()
"""


def timed(cmd, env) -> float:
    t = time.perf_counter()
    res = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    dt = time.perf_counter() - t
    if res.returncode != 0 or "first frame" not in res.stdout:
        raise SystemExit(f"{cmd[1:]} failed: {res.stderr[-800:]}")
    return dt


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    fd, settings_path = tempfile.mkstemp(suffix=".ini")
    os.close(fd)
    env = dict(os.environ, ROSS_EXPLORER_SETTINGS=settings_path)
    app_cmd = [sys.executable, "main.py", "--quit-after-first-frame"]
    floor_cmd = [sys.executable, "-c", FLOOR]
    for cmd in (app_cmd, floor_cmd):  # warm the file cache
        timed(cmd, env)
    app_t, floor_t = [], []
    for i in range(args.runs):
        pair = (app_cmd, floor_cmd) if i % 2 == 0 else (floor_cmd, app_cmd)
        for cmd in pair:
            (app_t if cmd is app_cmd else floor_t).append(timed(cmd, env))
    os.unlink(settings_path)
    a, f = statistics.median(app_t), statistics.median(floor_t)
    ratios = [x / y for x, y in zip(app_t, floor_t, strict=False)]
    print(f"process start -> first frame, median of {args.runs} interleaved runs")
    print(
        f"  app (full window, default plan, final phase): {a * 1000:.0f} ms "
        f"({min(app_t) * 1000:.0f}–{max(app_t) * 1000:.0f})"
    )
    print(
        f"  floor (PySide6 + pyqtgraph.opengl, empty GLViewWidget): {f * 1000:.0f} ms "
        f"({min(floor_t) * 1000:.0f}–{max(floor_t) * 1000:.0f})"
    )
    print(
        f"  ratio {a / f:.2f} (paired median {statistics.median(ratios):.2f}); "
        f"goal <= 1.5"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
