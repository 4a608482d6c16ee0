"""Check with an independent viewer: f3d's default view shows the exported GLB upright.

f3d (PyPI `f3d`, VTK inside) opens a glTF file +Y up and looks at it from +Z. The app
writes GLB files +Y up with the velocity axis on +X (models3d.axes), so f3d's first
picture must show the station broadside: as tall as its zenith-nadir extent, as wide as
its velocity-axis extent. A file written in the app's own +Z-up axes would show the
station from above instead: as tall as its port-starboard extent. The script renders
the full ros-2024 station, measures the silhouette's height/width in pixels and prints
it beside both expectations (the "floor" is the from-above ratio of the same station);
the picture is saved under out/bench/ for a look.

    .venv/bin/python bench/f3d_upright.py [--plan ros-2024]   (needs `pip install f3d`)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from models3d.catalogue import load_plan, resolve_plan
from models3d.scene_export import export_scene


def _engine():
    import f3d

    errors = []
    for make in (
        f3d.Engine.create_egl,
        f3d.Engine.create_osmesa,
        lambda: f3d.Engine.create(True),
    ):
        try:
            return make()
        except Exception as exc:
            errors.append(str(exc))
    raise SystemExit("f3d could not create an off-screen context: " + "; ".join(errors))


def silhouette_ratio(rgb: np.ndarray) -> float:
    """Height / width of the pixels that differ from the background colour."""
    background = np.median(rgb[:4, :4].reshape(-1, rgb.shape[2]), axis=0)
    mask = np.abs(rgb.astype(int) - background).sum(axis=2) > 30
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return (rows[-1] - rows[0] + 1) / (cols[-1] - cols[0] + 1)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plan", default="ros-2024")
    args = ap.parse_args()
    plan = load_plan(resolve_plan(args.plan))
    phase = len(plan.phases) - 1
    out_dir = ROOT / "out" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        glb = Path(tmp) / "station.glb"
        export_scene(plan, phase, glb)
        engine = _engine()
        engine.window.size = (1200, 900)
        engine.scene.add(str(glb))
        image = engine.window.render_to_image()
        picture = out_dir / f"f3d_{plan.id}.png"
        image.save(str(picture))
        camera = engine.window.camera
        up, pos, focal = camera.view_up, camera.position, camera.focal_point
    from PIL import Image

    rgb = np.asarray(Image.open(picture).convert("RGB"))
    ratio = silhouette_ratio(rgb)
    lo, hi = plan_bounds(plan, phase)
    side = (hi[2] - lo[2]) / (hi[0] - lo[0])  # zenith extent / velocity extent
    above = (hi[1] - lo[1]) / (hi[0] - lo[0])  # port-starboard / velocity: from above
    looks = np.subtract(focal, pos)
    print(
        f"f3d camera: up {tuple(round(x, 3) for x in up)}, looking along "
        f"{tuple(round(float(x), 3) for x in looks / np.linalg.norm(looks))}"
    )
    print(
        f"silhouette height/width {ratio:.2f}; upright side view {side:.2f}; "
        f"seen from above (floor, the old +Z-up file) {above:.2f}"
    )
    upright = abs(ratio - side) < abs(ratio - above)
    print(f"{'upright' if upright else 'NOT upright'}: picture {picture}")
    return 0 if upright else 1


def plan_bounds(plan, phase: int) -> tuple[np.ndarray, np.ndarray]:
    from models3d.geometry import build_plan

    meshes = build_plan(plan)
    snap = plan.station.snapshots[phase]
    pts = []
    for mid in snap.modules:
        t = snap.transforms[mid]
        for part in meshes[mid].parts.values():
            pts.append(part.vertices @ t[:3, :3].T + t[:3, 3])
    allp = np.concatenate(pts)
    return allp.min(axis=0), allp.max(axis=0)


if __name__ == "__main__":
    raise SystemExit(main())
