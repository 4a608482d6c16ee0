"""Figures for issue 11 ("nothing lost, nothing hung"), each beside a floor measured in
the same run:

- opening a chain plan of N modules over N phases, N = 50, 100, 200: a linear
  assembly gives time ratios near the size ratios (the floor is N = 50);
- reading glTF node chains 5,000 and 50,000 deep (flattened before trimesh);
- peak memory of a GIF export of a plan at a size: frames kept and saved at the end
  by Pillow (the old way) against frames streamed by models3d.gifwriter, each in its
  own process, with a process that only renders the same frames as the floor.

    .venv/bin/python bench/io_limits.py [--gif PLAN WxH]   (the GIF part needs a display
    or the EGL route; default: mir 1920x1080)
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def plan_times() -> None:
    from models3d.catalogue import load_plan
    from tests.hostile.test_inputs import gen_chain_plan

    base = None
    with tempfile.TemporaryDirectory() as d:
        for n in (50, 100, 200):
            path = Path(d) / f"chain{n}.toml"
            path.write_text(gen_chain_plan(n, n), encoding="utf-8")
            t = time.perf_counter()
            load_plan(path)
            secs = time.perf_counter() - t
            base = base or secs
            print(
                f"plan {n} modules x {n} phases: {secs:.2f} s "
                f"(x{secs / base:.1f} the 50x50 floor; size x{(n / 50) ** 2:.0f})"
            )


def gltf_times() -> None:
    from models3d.importer import load_model
    from tests.hostile.test_models import chain, gltf

    with tempfile.TemporaryDirectory() as d:
        for n in (5_000, 50_000):
            path = Path(d) / f"chain{n}.gltf"
            path.write_text(gltf(chain(n)))
            t = time.perf_counter()
            load_model(path)
            print(f"glTF node chain {n:,} deep: {time.perf_counter() - t:.2f} s")


def gif_child(mode: str, plan_id: str, width: int, height: int) -> None:
    """Runs in its own process: render every animation frame and encode it `mode`."""
    from PIL import Image

    from models3d.catalogue import load_plan, resolve_plan
    from models3d.gifwriter import GifStream
    from ui.app import _configure_qt

    _configure_qt()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    from ui.export.jobs import ExportRequest, _Job, animation_frames

    plan = load_plan(resolve_plan(plan_id))
    req = ExportRequest(
        plan, list(range(len(plan.phases))), Path("x.gif"), "gif", width, height
    )
    job = _Job(req)
    frames, t = [], time.perf_counter()
    with tempfile.TemporaryDirectory() as d, open(Path(d) / "a.gif", "wb") as out:
        gif = GifStream(out, width, height, 50) if mode == "stream" else None
        n = 0
        for frame, _phase in animation_frames(job, req):
            n += 1
            rgb = frame[..., :3]
            if mode == "stream":
                gif.add(rgb)
            elif mode == "keep":  # what jobs._gif did before issue 11
                frames.append(
                    Image.fromarray(rgb, "RGB").quantize(
                        colors=255,
                        method=Image.Quantize.MEDIANCUT,
                        dither=Image.Dither.NONE,
                    )
                )
        if mode == "stream":
            gif.close()
        elif mode == "keep":
            frames[0].save(
                out,
                format="GIF",
                save_all=True,
                append_images=frames[1:],
                duration=50,
                loop=0,
                disposal=1,
            )
    job.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        json.dumps(
            {
                "mode": mode,
                "frames": n,
                "peak": peak,
                "seconds": time.perf_counter() - t,
            }
        )
    )


def gif_memory(plan_id: str, width: int, height: int) -> None:
    results = {}
    for mode in ("render", "keep", "stream"):
        res = subprocess.run(
            [
                sys.executable,
                __file__,
                "--gif-child",
                mode,
                plan_id,
                str(width),
                str(height),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=3600,
        )
        if res.returncode:
            print(f"GIF {mode}: failed: {res.stderr.strip().splitlines()[-1:]}")
            return
        results[mode] = json.loads(res.stdout.strip().splitlines()[-1])
    floor = results["render"]["peak"]
    for mode, words in (
        ("render", "rendering only (floor)"),
        ("keep", "frames kept, saved at the end (before)"),
        ("stream", "frames streamed (now)"),
    ):
        r = results[mode]
        print(
            f"GIF {plan_id} {width}x{height}, {r['frames']} frames, {words}: peak "
            f"{r['peak'] / 2**20:,.0f} MiB (+{(r['peak'] - floor) / 2**20:,.0f} MiB "
            f"over the floor), {r['seconds']:.0f} s"
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--gif-child"]:
        gif_child(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
        sys.exit(0)
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    plan_times()
    gltf_times()
    if "--gif" in sys.argv:
        i = sys.argv.index("--gif")
        plan_id, size = (
            (sys.argv[i + 1], sys.argv[i + 2])
            if len(sys.argv) > i + 2
            else ("mir", "1920x1080")
        )
        w, h = (int(v) for v in size.split("x"))
        gif_memory(plan_id, w, h)
