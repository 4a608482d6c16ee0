"""Benchmark: building every module mesh of every plan (with its baked ambient
occlusion), against a floor from trimesh; and the station AO of the final phase.

Goals (issues: foundation, 15): building every mesh of a plan takes under 0.5 s, AO
included; the full ros-2024 station has 100k-300k triangles.
Floor, measured in the same run: trimesh's own primitives (cylinders) with the same
total triangle count, plus trimesh's vertex normals for them, i.e. what the library
itself needs to produce that much geometry. Columns:
- build s: every mesh of the plan at full detail from nothing (caches cleared), AO in;
- geom s: the same without the AO bake (AO s is the difference);
- inter s: the interactive level of detail, AO in;
- station AO s: occlusion between the final phase's modules (lazy, off the build path).
Prints a table; asserts nothing (the machine is shared).

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

import trimesh

from models3d import ao, geometry
from models3d.catalogue import load_plan, plan_paths


def build_once(plan, detail: str = "full") -> tuple[float, int]:
    geometry.clear_cache()
    t = time.perf_counter()
    meshes = geometry.build_plan(plan, detail)
    dt = time.perf_counter() - t
    return dt, sum(m.triangle_count for m in meshes.values())


def geometry_once(plan) -> float:
    """The build with the AO bake switched off."""
    bake = geometry._ao.bake_module
    geometry._ao.bake_module = lambda parts: None
    try:
        return build_once(plan)[0]
    finally:
        geometry._ao.bake_module = bake


def floor_once(triangles: int) -> float:
    # cylinders of 64 sections: 4 * 64 triangles each
    n = max(1, triangles // 256)
    t = time.perf_counter()
    parts = [
        trimesh.creation.cylinder(radius=2.0, height=8.0, sections=64) for _ in range(n)
    ]
    merged = trimesh.util.concatenate(parts)
    merged.vertex_normals  # noqa: B018 - computing them is the point
    return time.perf_counter() - t


def station_once(plan) -> float:
    meshes = geometry.build_plan(plan)
    ao.clear_phases()  # the modules' grids stay, as in the app after a build
    t = time.perf_counter()
    ao.station_ao(meshes, plan.station[-1])
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    print(
        f"{'plan':<10} {'load s':>7} {'build s':>8} {'geom s':>7} {'AO s':>6} "
        f"{'inter s':>8} {'floor s':>8} {'ratio':>6} {'triangles':>10} "
        f"{'final full':>10} {'final inter':>11} {'station AO s':>12}  goal < 0.5 s"
    )
    for pid, path in plan_paths().items():
        t = time.perf_counter()
        plan = load_plan(path)
        load_s = time.perf_counter() - t
        builds, geoms, inters, floors, stations = [], [], [], [], []
        tris = 0
        for _ in range(args.repeat):
            dt, tris = build_once(plan)
            builds.append(dt)
            geoms.append(geometry_once(plan))
            inters.append(build_once(plan, "interactive")[0])
            floors.append(floor_once(tris))
            stations.append(station_once(plan))
        b, g, i, f, s = (
            statistics.median(x) for x in (builds, geoms, inters, floors, stations)
        )
        final = plan.station[-1]
        full_tris = geometry.station_triangles(final, geometry.build_plan(plan))
        fast_tris = geometry.station_triangles(
            final, geometry.build_plan(plan, "interactive")
        )
        print(
            f"{pid:<10} {load_s:>7.3f} {b:>8.3f} {g:>7.3f} {b - g:>6.3f} {i:>8.3f} "
            f"{f:>8.3f} {b / f:>6.2f} {tris:>10,} {full_tris:>10,} {fast_tris:>11,} "
            f"{s:>12.3f}  {'met' if b < 0.5 else 'MISSED'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
