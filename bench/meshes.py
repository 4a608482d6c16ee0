"""Benchmark: building every module mesh of every plan, against a floor from trimesh.

Goal (issue: foundation): building every mesh of a plan takes under 0.5 s.
Floor, measured in the same run: trimesh's own primitives (cylinders) with the same total
triangle count, plus trimesh's vertex normals for them, i.e. what the library itself needs
to produce that much geometry. Prints a table; asserts nothing (the machine is shared).

    .venv/bin/python bench/meshes.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trimesh  # noqa: E402

from models3d import geometry  # noqa: E402
from models3d.catalogue import load_plan, plan_paths  # noqa: E402


def build_once(plan) -> tuple[float, int]:
    geometry.clear_cache()
    t = time.perf_counter()
    meshes = geometry.build_plan(plan)
    dt = time.perf_counter() - t
    return dt, sum(m.triangle_count for m in meshes.values())


def floor_once(triangles: int) -> float:
    # cylinders of 64 sections: 4 * 64 triangles each
    n = max(1, triangles // 256)
    t = time.perf_counter()
    parts = [trimesh.creation.cylinder(radius=2.0, height=8.0, sections=64)
             for _ in range(n)]
    merged = trimesh.util.concatenate(parts)
    merged.vertex_normals  # noqa: B018 - computing them is the point
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    print(f"{'plan':<10} {'load+check s':>12} {'build s':>9} {'floor s':>8} {'ratio':>6} "
          f"{'triangles':>10} {'final phase':>11}  goal < 0.5 s")
    for pid, path in plan_paths().items():
        t = time.perf_counter()
        plan = load_plan(path)
        load_s = time.perf_counter() - t
        builds, floors = [], []
        tris = 0
        for _ in range(args.repeat):
            dt, tris = build_once(plan)
            builds.append(dt)
            floors.append(floor_once(tris))
        b, f = statistics.median(builds), statistics.median(floors)
        final = plan.station[-1]
        final_tris = geometry.station_triangles(final, geometry.build_plan(plan))
        print(f"{pid:<10} {load_s:>12.3f} {b:>9.3f} {f:>8.3f} {b / f:>6.2f} {tris:>10,} "
              f"{final_tris:>11,}  {'met' if b < 0.5 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
