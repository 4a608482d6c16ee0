"""Benchmark: hover picking and drawing of imported models.

Picking: a hover pick (one ray, the nearest hit) over NASA's ISS model (174,440
triangles), through the app's cached bounding-volume index, against two floors measured
in the same run: the app's former way (triangle arrays gathered on every call, every
triangle tested) and the best index-free way (arrays prepared once, one vectorised pass
over every triangle). Rays aim at 200 random points of the model's box.

Drawing: a model of 200,000 parts (one small quad each, eight colours) drawn by the
app's ImportedItem, against the same triangles in one built-in-module buffer (a
ModuleItem: one draw call), frame time at 1280x720.

    .venv/bin/python bench/picking.py                # picking only
    xvfb-run -a .venv/bin/python bench/picking.py --draw
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MODEL = ROOT.parent / "shared" / "testdata" / "external" / "nasa_iss.glb"

from models3d.geometry import ModuleMeshes
from models3d.picking import (
    _moller_trumbore,
    pick,
    ray_triangles,
    triangle_index,
)
from models3d.primitives import Part


def _old_pick(origin, direction, meshes: ModuleMeshes) -> float:
    best = np.inf
    for part in meshes.parts.values():
        tri = part.vertices[part.faces].astype(np.float64)
        t = ray_triangles(origin, direction, tri[:, 0], tri[:, 1], tri[:, 2])
        best = min(best, float(t.min()))
    return best


def bench_picking(rounds: int) -> None:
    from models3d.importer import Placement, load_model, place

    model = load_model(MODEL)
    meshes = place(model, "m", Placement("units", "m", "+x"))[0]
    n = meshes.triangle_count
    t0 = time.perf_counter()
    index = triangle_index(meshes)
    build = time.perf_counter() - t0
    v0, e1, e2 = index.v0, index.e1, index.e2
    lo, hi = meshes.bounds()
    rng = np.random.default_rng(1)
    targets = lo + rng.random((200, 3)) * (hi - lo)
    origin = hi + (hi - lo)
    rays = [(origin, (t - origin) / np.linalg.norm(t - origin)) for t in targets]
    eye = {"m": np.eye(4)}
    app, old, floor = [], [], []
    hits = 0
    for _ in range(rounds):
        for o, d in rays:
            a = time.perf_counter()
            h = pick(o, d, {"m": meshes}, eye, ["m"])
            app.append(time.perf_counter() - a)
            a = time.perf_counter()
            t_floor = float(_moller_trumbore(o, d, v0, e1, e2).min())
            floor.append(time.perf_counter() - a)
            hits += h is not None
            if h is not None:
                assert abs(h.distance - t_floor) < 1e-6
        for o, d in rays[:20]:  # the old way is slow: a sample is enough
            a = time.perf_counter()
            _old_pick(o, d, meshes)
            old.append(time.perf_counter() - a)
    ms = lambda xs: statistics.median(xs) * 1000  # noqa: E731
    print(
        f"hover pick over {n:,} triangles ({MODEL.name}), {len(app)} rays, "
        f"{hits} hits; index built once in {build * 1000:.0f} ms"
    )
    print(
        f"  app (cached index)           {ms(app):7.2f} ms median, "
        f"p95 {np.percentile(app, 95) * 1000:.2f} ms   goal < 5 ms"
    )
    print(
        f"  floor (prepared arrays, all) {ms(floor):7.2f} ms   ratio app/floor "
        f"{ms(app) / ms(floor):.3f}"
    )
    print(
        f"  former (arrays per call)     {ms(old):7.2f} ms   ratio app/former "
        f"{ms(app) / ms(old):.3f}"
    )


def _many_parts(count: int) -> tuple[ModuleMeshes, dict, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2)
    side = int(np.ceil(np.sqrt(count)))
    parts, colors = {}, {}
    all_v, all_f = [], []
    for i in range(count):
        x, y = (i % side) * 0.3, (i // side) * 0.3
        z = float(rng.random()) * 0.2
        v = np.array(
            [[x, y, z], [x + 0.25, y, z], [x + 0.25, y + 0.25, z], [x, y + 0.25, z]],
            dtype=np.float32,
        )
        f = np.array([[0, 1, 2], [0, 2, 3]], dtype=np.uint32)
        nrm = np.tile(np.array([0, 0, 1], dtype=np.float32), (4, 1))
        parts[f"import:{i}"] = Part(f"import:{i}", v, nrm, f)
        colors[f"import:{i}"] = ((i % 8) / 8, 0.5, 0.8, 1.0)
        all_f.append(f + 4 * i)
        all_v.append(v)
    return (
        ModuleMeshes("many", parts),
        colors,
        np.concatenate(all_v),
        np.concatenate(all_f),
    )


def bench_drawing(rounds: int) -> None:
    from ui.app import _configure_qt

    _configure_qt()
    from PySide6.QtWidgets import QApplication

    from ui.viewport.items import ImportedItem, ModuleItem
    from ui.viewport.view import StationView

    qapp = QApplication.instance() or QApplication([])
    meshes, colors, v, f = _many_parts(200_000)
    nrm = np.tile(np.array([0, 0, 1], dtype=np.float32), (len(v), 1))
    one = ModuleMeshes("one", {"hull": Part("hull", v, nrm, f)})
    view = StationView()
    view.resize(1280, 720)
    view.show()
    qapp.processEvents()
    items = {"app": ImportedItem(meshes, colors, {}), "floor": ModuleItem(one)}
    for item in items.values():
        view.addItem(item)
    view.set_camera(np.array([270.0, 270.0, 0.0]), 900.0, 45.0, 30.0, animate=False)
    times: dict[str, list[float]] = {"app": [], "floor": []}
    for r in range(rounds):
        for name in ("app", "floor") if r % 2 == 0 else ("floor", "app"):
            for k, item in items.items():
                item.setVisible(k == name)
            view.grabFramebuffer()  # upload and warm
            a = time.perf_counter()
            for _ in range(3):
                view.grabFramebuffer()
            times[name].append((time.perf_counter() - a) / 3)
    app, floor = statistics.median(times["app"]), statistics.median(times["floor"])
    print(
        f"200,000-part model ({meshes.triangle_count:,} triangles) at 1280x720: "
        f"{items['app'].draw_calls} draw call(s)"
    )
    print(f"  app (ImportedItem)    {app * 1000:7.1f} ms per frame")
    print(
        f"  floor (one buffer)    {floor * 1000:7.1f} ms   ratio {app / floor:.2f}  "
        "goal <= 1.5"
    )
    view.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--draw", action="store_true", help="also the drawing benchmark")
    args = ap.parse_args()
    bench_picking(args.rounds)
    if args.draw:
        bench_drawing(max(4, args.rounds * 2))


if __name__ == "__main__":
    main()
