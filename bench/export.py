"""Benchmark: 3840x2160 and 7680x4320 pictures of the full ros-2024 station.

Floor, measured in the same run: one framebuffer of the full size, the same scene, no
anti-aliasing, no encoding (the renderer with one tile as big as the picture). The app's
path renders in 4096-pixel tiles, with 2x2 supersampling (4 samples per pixel) for "AA";
encoding to PNG is timed separately. Peak memory is the rise of VmHWM over the resident
size before each export (reset through /proc/self/clear_refs).

Goals: without AA at most 1.3x the floor; 4K with AA under 0.5 s; 8K with AA under 2 s;
8K peak memory under 1.2 GB above the app's idle size.

    xvfb-run -a .venv/bin/python bench/export.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.app import _configure_qt

_configure_qt()

from PySide6.QtWidgets import QApplication

from models3d.catalogue import load_plan, plan_paths
from models3d.imaging import PictureOptions, save_picture


def _status(key: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    return 0


def measure(fn):
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    base = _status("VmRSS")
    t = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t
    peak = max(0, _status("VmHWM") - base)
    return out, dt, peak


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    from ui.export.offscreen import StationRenderer

    plan = load_plan(plan_paths()["ros-2024"])
    r = StationRenderer(plan)
    r.set_phase(len(plan.phases) - 1)
    print(f"{'size':<10} {'what':<26} {'time s':>7} {'peak MB':>8} {'ratio':>6}  goal")
    tmp = Path(tempfile.mkdtemp())
    for w, h in ((3840, 2160), (7680, 4320)):
        r.fit(w, h)
        r.picture(640, 360)  # warm
        rows = {}
        for name, fn in (
            (
                "floor: one FBO, no AA",
                lambda: r.view.render(w, h, 1, False, tile=16384),
            ),
            ("export, no AA", lambda: r.picture(w, h, 1)),
            ("export, AA (2x2 SSAA)", lambda: r.picture(w, h, 2)),
        ):
            times, peaks = [], []
            for _ in range(args.rounds):
                px, dt, peak = measure(fn)
                times.append(dt)
                peaks.append(peak)
            rows[name] = (statistics.median(times), max(peaks), px)
        floor = rows["floor: one FBO, no AA"][0]
        goals = {
            "export, no AA": lambda t, m: (
                f"<= 1.3x floor: {'met' if t / floor <= 1.3 else 'MISSED'}"
            ),
            "export, AA (2x2 SSAA)": lambda t, m: (
                f"< {0.5 if w == 3840 else 2.0} s: "
                f"{'met' if t < (0.5 if w == 3840 else 2.0) else 'MISSED'}"
                + (
                    f"; < 1.2 GB: {'met' if m < 1.2e9 else 'MISSED'}"
                    if w == 7680
                    else ""
                )
            ),
        }
        for name, (t, m, _px) in rows.items():
            goal = goals.get(name, lambda *_: "")(t, m)
            print(
                f"{w}x{h:<5} {name:<26} {t:>7.3f} {m / 2**20:>8.0f} {t / floor:>6.2f}  {goal}"
            )
        px = rows["export, AA (2x2 SSAA)"][2]
        _, dt, peak = measure(
            lambda: save_picture(px, tmp / f"b{w}.png", PictureOptions(w, h))
        )
        print(f"{w}x{h:<5} {'PNG encode + write':<26} {dt:>7.3f} {peak / 2**20:>8.0f}")
    r.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
