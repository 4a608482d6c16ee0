"""Benchmark: a 90 s guided tour exported at 1280x720, 30 frames a second.

The tour is the bundled July 2024 schedule (ros-2024), its steps scaled to 90 s: 2700
frames with docking animations, camera flights, highlights and plan changes. Floor,
measured in the same run: the picture export's own path for one 1280x720 picture of
the full station (StationRenderer.picture, no tour logic, no captions, no encoding),
repeated. Printed: the floor per frame, the tour's frames rendered alone (render +
tour state, first --sample frames) and the whole export to MP4 with burnt-in captions
and the WebVTT file, per frame and as ratios to the floor. Nothing is asserted.

    xvfb-run -a .venv/bin/python bench/tour.py [--seconds 90] [--sample 300]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.app import _configure_qt

_configure_qt()

from PySide6.QtWidgets import QApplication

from models3d.tour import Tour, TourTimeline, bundled_plans, bundled_tours

W, H, FPS = 1280, 720, 30


def scaled(tour: Tour, seconds: float) -> Tour:
    """The tour with every duration scaled so that it lasts `seconds`."""
    k = seconds / tour.duration
    steps = []
    for s in tour.steps:
        t = s.transition
        steps.append(
            replace(
                s,
                duration=s.duration * k,
                fly=None if s.fly is None else s.fly * k,
                transition=None if t is None else replace(t, duration=t.duration * k),
            )
        )
    return replace(tour, steps=tuple(steps))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=90.0)
    ap.add_argument(
        "--sample",
        type=int,
        default=300,
        help="frames rendered without encoding (default %(default)s)",
    )
    args = ap.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    from ui.export.offscreen import StationRenderer
    from ui.tours.export import TourExportRequest, tour_frames, tour_job

    tour = scaled(bundled_tours()["ros-2024"], args.seconds)
    plans = bundled_plans()
    plan = plans.get("ros-2024")

    # floor: the picture export's path, full station, same size
    r = StationRenderer(plan)
    r.set_phase(len(plan.phases) - 1)
    r.fit(W, H)
    r.picture(W, H)  # warm up: uploads, programs
    times = []
    for _ in range(60):
        t = time.perf_counter()
        r.picture(W, H)
        times.append(time.perf_counter() - t)
    r.close()
    del r
    floor = statistics.median(times)

    tmp = Path(tempfile.mkdtemp())
    timeline = TourTimeline(tour, plans, W / H)
    req = TourExportRequest(tour, tmp / "tour.mp4", W, H, FPS, True, "en")
    frames = tour_frames(replace(req, burn_captions=False), timeline)
    t0 = time.perf_counter()
    n = 0
    for _px, _ in frames:
        n += 1
        if n >= args.sample:
            break
    frames.close()
    render = (time.perf_counter() - t0) / n

    t0 = time.perf_counter()
    for _done, _total, _what in tour_job(req, plans):
        pass
    whole = time.perf_counter() - t0
    count = timeline.frame_count(FPS)
    per = whole / count
    size = (tmp / "tour.mp4").stat().st_size / 2**20

    print(
        f"tour: {tour.id}, {tour.duration:.0f} s, {len(tour.steps)} steps, "
        f"{count} frames at {W}x{H}, {FPS} fps"
    )
    print(f"{'what':<52} {'ms/frame':>9} {'ratio':>6}")
    print(
        f"{'floor: picture export, full station (median of 60)':<52} "
        f"{floor * 1000:9.1f} {1.0:6.2f}"
    )
    print(
        f"{f'tour frames, render + state only (first {n})':<52} "
        f"{render * 1000:9.1f} {render / floor:6.2f}"
    )
    print(
        f"{'tour export: MP4 + burnt captions + VTT, all frames':<52} "
        f"{per * 1000:9.1f} {per / floor:6.2f}"
    )
    print(
        f"whole export {whole:.1f} s for {tour.duration:.0f} s of video "
        f"({tour.duration / whole:.2f}x real time); MP4 {size:.1f} MiB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
