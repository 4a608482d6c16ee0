"""Benchmark: the Qt-free orbit numbers, against a numpy floor measured in the same run.

What the orbit view and the map panel ask for while a user scrubs time or changes the
orbit: the summary (coverage areas, beta envelope), 24 h of ground track, a day of
eclipse entries and exits, the station's light at one moment, and the --map picture.
Floor: numpy's sin and cos over the same number of samples as 24 h of track (the least
any propagator must compute). Prints a table; asserts nothing (the machine is shared).

    .venv/bin/python bench/orbit.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np

from models3d import sunlight
from models3d.orbit import Orbit
from models3d.orbit_map import render_map
from models3d.orbit_report import OrbitParams, orbit_summary

DAY = dt.date(2026, 1, 1)


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) if repeat < 5 else statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    repeat = ap.parse_args().repeat
    orbit = Orbit(51.6, 400, DAY)
    samples = 86400 // 20 + 1
    angles = np.linspace(0, 100, samples)

    def floor():
        return np.sin(angles) * np.cos(angles)

    t0 = time.perf_counter()
    orbit_summary(OrbitParams(96.8, 400), DAY)  # first call: reads and projects Russia
    cold = time.perf_counter() - t0
    rows = [
        ("floor: sin*cos of 24 h of samples", best(floor, repeat * 20)),
        ("orbit_summary, first call", cold),
        (
            "orbit_summary",
            best(lambda: orbit_summary(OrbitParams(51.6, 400), DAY), repeat),
        ),
        (
            "ground track, 24 h at 20 s",
            best(lambda: orbit.ground_track(0, 86400, 20), repeat * 4),
        ),
        ("eclipses, 24 h", best(lambda: sunlight.eclipses(orbit, 0, 86400), repeat)),
        (
            "station light, one moment",
            best(lambda: sunlight.station_light(orbit, 1e3), repeat * 20),
        ),
        (
            "terminator, 361 points",
            best(lambda: sunlight.terminator(orbit.epoch), repeat * 20),
        ),
        (
            "map picture 1600x800",
            best(lambda: render_map(OrbitParams(51.6, 400), DAY), max(1, repeat // 2)),
        ),
    ]
    base = rows[0][1]
    print(f"{'what':<38}{'ms':>10}{'x floor':>10}")
    for name, secs in rows:
        print(f"{name:<38}{secs * 1e3:>10.2f}{secs / base:>10.0f}")


if __name__ == "__main__":
    main()
