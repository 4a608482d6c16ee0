"""Benchmark (issue 15): press stills of the full station; the app beside f3d.

1. What a user runs: `main.py export` in a subprocess, wall clock. An 8K (7680x4320)
   press still (`--quality press` when `export --help` lists it, `--ssaa 2`) against
   the floor of the same run, the 1920x1080 standard still; goal: under 60 s. Through
   the X display the script runs under (xvfb-run, as `make bench`) and through the
   headless EGL route (no DISPLAY, QT_QPA_PLATFORM=offscreen). The CLI's start-up (a
   64x36 picture) is measured too, and the peak resident size of each export.
2. The app's own GLB of the same station rendered by f3d (PyPI `f3d`, bench only) at
   1920x1080: its library defaults, and with SSAO + tone mapping + FXAA; beside the
   app's picture of the same size from a warm renderer (in-process, as the app's export
   jobs make it). Times per picture are medians of repeats with the engine start, the
   file load and the first picture (shaders, uploads) reported apart. Floor: f3d's
   default picture. f3d and the app each run in a worker process of their own, so their
   OpenGL libraries (VTK's EGL, Qt's GLX) never share one process.
3. Pictures under out/bench/: press_side_by_side.png (top row: each renderer's own
   framing; bottom row: f3d placed at the app's camera), the 8K still with a
   downscaled copy and a 100 % crop.

    xvfb-run -a -s "-screen 0 1920x1200x24" .venv/bin/python bench/press.py [--quick]

Machine noise (2 shared cores) hits every row; compare ratios within one run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "out" / "bench"
PLAN = "ros-2024"
GOAL_S = 60.0
SSAO = {  # f3d 4.0 option names, checked against engine.options at run time
    "render.effect.ambient_occlusion": True,
    "render.effect.tone_mapping": True,
    "render.effect.antialiasing.enable": True,  # f3d >= 3.1 has it, 4.0 has not
    "render.effect.antialiasing.mode": "fxaa",
}


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def timed(draw, repeats: int):
    """(seconds of the first call, seconds of each of `repeats` more, last result)."""
    spans, out = [], None
    for _ in range(repeats + 1):
        t = time.perf_counter()
        out = draw()
        spans.append(time.perf_counter() - t)
    return spans[0], spans[1:], out


def cli(args: list[str], env: dict) -> tuple[float, int, int, str]:
    """(wall seconds, exit status, peak resident bytes, last output line) of one
    `main.py export`; wait4 gives this child's own peak, not the largest child's."""
    cmd = [sys.executable, str(ROOT / "main.py"), "export", *args]
    with tempfile.TemporaryFile() as log:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=log)
        _pid, status, usage = os.wait4(proc.pid, 0)
        dt = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        lines = log.read().decode(errors="replace").strip().splitlines()
    return dt, proc.returncode, usage.ru_maxrss * 1024, (lines or [""])[-1]


def routes() -> list[tuple[str, dict | None, str]]:
    """(name, environment or None when unusable, note) of the two ways to render."""
    x_env = dict(os.environ)
    x_note = "" if x_env.get("DISPLAY") else "no DISPLAY: run the script under xvfb-run"
    egl = {
        k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")
    }
    egl["QT_QPA_PLATFORM"] = "offscreen"
    return [("X (xvfb)", None if x_note else x_env, x_note), ("headless EGL", egl, "")]


def press_supported() -> bool:
    cmd = [sys.executable, str(ROOT / "main.py"), "export", "--help"]
    text = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    return "--quality" in text and "press" in text


def lit_share(img) -> float:
    """Share of bright pixels: the station's; the sky's stars are a few points."""
    return float((np.asarray(img.convert("L")) > 90).mean())


def part_cli(a, press: bool) -> list[str]:
    (pw, ph), (fw, fh) = a.press_size, a.floor_size
    common = ["--plan", PLAN, "--phase", "final"]
    press_args = [*common, "--size", f"{pw}x{ph}", "--ssaa", str(a.ssaa)]
    press_args += ["--quality", "press"] if press else []
    print(f"\n1. main.py export, wall clock (plan {PLAN}, final phase)")
    print(f"   press still: export {' '.join(press_args)} --out ...")
    if not press:
        print("   NOTE: export --help lists no --quality press: ran without it")
    failures, floors, big_file = [], {}, None
    with tempfile.TemporaryDirectory(prefix="press_") as tmp_dir:
        for name, env, note in routes():
            if env is None:
                print(f"   {name}: skipped ({note})")
                continue
            tmp = Path(tmp_dir) / name.split()[0]
            tmp.mkdir()
            start, rc, _, last = cli(
                [*common, "--size", "64x36", "--out", str(tmp / "s.png")], env
            )
            if rc:
                print(f"   {name}: the export fails here: {last}")
                failures.append(name)
                continue
            big = OUT / f"press_{pw}x{ph}.png" if big_file is None else tmp / "big.png"
            floor_t, floor_rss, press_run = [], 0, None
            for k in range(a.cli_rounds):
                floor_png = tmp / f"f{k}.png"
                dt, rc, rss, last = cli(
                    [*common, "--size", f"{fw}x{fh}", "--out", str(floor_png)], env
                )
                floor_t.append(dt)
                floor_rss = max(floor_rss, rss)
                if k == a.cli_rounds // 2:  # the press still between floor runs
                    press_run = cli([*press_args, "--out", str(big)], env)
            floors[name] = _rgb(floor_png)
            if lit_share(floors[name]) < 0.01:
                print(f"   {name}: WARNING: the floor picture shows no station")
                failures.append(name)
            fl = median(floor_t)
            print(
                f"   {name}: start-up (64x36 picture) {start:.2f} s; floor {fw}x{fh} "
                f"standard {fl:.2f} s (median of {a.cli_rounds}), peak "
                f"{floor_rss / 2**20:.0f} MB"
            )
            press_t, rc, press_rss, last = press_run
            if rc:
                print(f"   {name}: press still failed: {last}")
                failures.append(name)
                continue
            goal = ""
            if (pw, ph) == (7680, 4320):
                met = "met" if press_t < GOAL_S else "MISSED"
                goal = f"; goal: under {GOAL_S:.0f} s: {met}"
            print(
                f"   {name}: press {pw}x{ph} ssaa {a.ssaa} {press_t:.2f} s, ratio to "
                f"floor {press_t / fl:.1f}, peak {press_rss / 2**20:.0f} MB{goal}"
            )
            big_file = big_file or big
    if len(floors) == 2:
        x, e = (np.asarray(im, dtype=int) for im in floors.values())
        diff = int(np.abs(x - e).max()) if x.shape == e.shape else -1
        print(f"   X and EGL floor pictures: largest channel difference {diff}")
    if big_file is not None and lit_share(_look_copies(big_file)) < 0.01:
        print("   WARNING: the press still shows no station (all sky)")
        failures.append("press still")
    return failures


def _rgb(path: Path):
    from PIL import Image

    with Image.open(path) as im:
        return im.convert("RGB")


def _save(img, path: Path) -> None:
    from models3d.imaging import atomic_write

    atomic_write(path, lambda tmp: img.save(tmp, format="PNG", compress_level=3))


def _font(px: int):
    from PIL import ImageFont

    try:  # DejaVu Sans from the system (fonts-dejavu-core), as picture captions
        return ImageFont.truetype("DejaVuSans.ttf", px)
    except OSError:
        return ImageFont.load_default(size=px)


def _look_copies(big: Path):
    """A 1920-wide copy of the whole still and a 1920x1080 crop at full resolution."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = None
    img = _rgb(big)
    w, h = img.size
    small = img.resize((1920, round(1920 * h / w)), Image.Resampling.LANCZOS)
    _save(small, big.with_name(big.stem + "_small.png"))
    cx, cy = w // 2, h // 2
    crop = img.crop((cx - 960, cy - 540, cx + 960, cy + 540)) if w > 1920 else img
    _save(crop, big.with_name(big.stem + "_crop100.png"))
    print(f"   still: {big.relative_to(ROOT)} (+ _small.png, _crop100.png)")
    return small


def worker(kind: str, payload: dict) -> dict:
    cmd = [sys.executable, __file__, "--worker", kind, json.dumps(payload)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
    return {"error": f"{kind} worker exit {proc.returncode}: {' | '.join(tail)}"}


def app_worker(p: dict) -> dict:
    """The app's pictures from a warm renderer, one per quality, in-process; with the
    export jobs' own renderer (`_Job`: context, scene, framing and quality as an
    export makes them), so the figures follow the export path."""
    from dataclasses import fields

    from models3d.console import display_problem
    from ui.export.egl import headless_route

    problem = headless_route(display_problem())
    if problem:
        return {"error": problem}
    from ui.app import _configure_qt

    _configure_qt()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    from models3d.catalogue import load_plan, resolve_plan
    from models3d.imaging import PictureOptions, save_picture
    from ui.export.jobs import ExportRequest, _Job

    plan = load_plan(resolve_plan(PLAN))
    last = len(plan.phases) - 1
    w, h = p["size"]
    has_quality = "quality" in {f.name for f in fields(ExportRequest)}
    result: dict = {"quality_field": has_quality, "runs": {}}
    for quality in p["qualities"]:
        if quality != "standard" and not has_quality:
            continue
        extra = {"quality": quality} if has_quality else {}
        req = ExportRequest(plan, [last], OUT / "x.png", "png", w, h, 1, **extra)
        t = time.perf_counter()
        job = _Job(req)  # the export jobs' renderer: context, scene, quality
        job.frame_camera(last)
        start = time.perf_counter() - t
        first, times, px = timed(lambda: job.picture(last), p["repeats"])
        out = OUT / f"press_app_{quality}_{w}x{h}.png"
        save_picture(px, out, PictureOptions(w, h))
        view = job.renderer.view
        cam = view.cameraPosition()
        result["runs"][quality] = {
            "start": start,
            "first": first,
            "times": times,
            "picture": str(out),
            "triangles": int(job.renderer.scene.triangles()),
            "camera": {
                "position": [cam.x(), cam.y(), cam.z()],
                "center": [float(c) for c in view.camera_state()[0]],
                "hfov": float(view.opts["fov"]),
            },
        }
        job.close()
    return result


def f3d_worker(p: dict) -> dict:
    """f3d on the GLB: engine start, load, then per look and camera a first picture
    and timed repeats."""
    import f3d
    from PIL import Image

    from models3d.axes import Y_UP_FROM_APP

    f3d.Log.set_verbose_level(f3d.Log.VerboseLevel.ERROR)
    t = time.perf_counter()
    engine, errors = None, []
    for name, make in (
        ("EGL", f3d.Engine.create_egl),
        ("OSMesa", f3d.Engine.create_osmesa),
        ("window", lambda: f3d.Engine.create(True)),
    ):
        try:
            engine, context = make(), name
            break
        except Exception as exc:
            errors.append(f"{name}: {exc}")
    if engine is None:
        return {"error": "f3d has no off-screen context: " + "; ".join(errors)}
    start = time.perf_counter() - t
    w, h = p["size"]
    engine.window.size = (w, h)
    t = time.perf_counter()
    engine.scene.add(p["glb"])
    load = time.perf_counter() - t
    keys = set(engine.options.keys())
    ssao = {k: v for k, v in SSAO.items() if k in keys}
    looks = {"default": {k: engine.options[k] for k in ssao}, "ssao": ssao}
    cams = {"own": None}
    if p.get("camera"):
        c = p["camera"]
        # the app's camera in the GLB's +Y-up axes; VTK's view angle is vertical
        vfov = np.degrees(2 * np.arctan(np.tan(np.radians(c["hfov"]) / 2) * h / w))
        cams["app"] = (
            tuple(float(x) for x in Y_UP_FROM_APP @ c["position"]),
            tuple(float(x) for x in Y_UP_FROM_APP @ c["center"]),
            float(vfov),
        )
    runs = {}
    for cam_name, cam in cams.items():
        if cam is not None:
            camera = engine.window.camera
            camera.position, camera.focal_point, camera.view_angle = cam
            camera.view_up = (0.0, 1.0, 0.0)
        for look, opts in looks.items():
            engine.options.update(opts)
            first, times, img = timed(engine.window.render_to_image, p["repeats"])
            # render(): the frame alone, without render_to_image's picture pass
            draw = timed(engine.window.render, p["repeats"])[1]
            raw = np.frombuffer(img.content, dtype=np.uint8)
            rgb = raw.reshape(img.height, img.width, img.channel_count)[::-1, :, :3]
            out = OUT / f"press_f3d_{look}_{cam_name}_{w}x{h}.png"
            _save(Image.fromarray(np.ascontiguousarray(rgb)), out)
            runs[f"{look}/{cam_name}"] = {
                "first": first,
                "times": times,
                "draw": draw,
                "picture": str(out),
            }
    info = engine.scene.get_scene_info()
    return {
        "context": context,
        "start": start,
        "load": load,
        "ssao_options": {k: str(v) for k, v in ssao.items()},
        "missing_options": sorted(set(SSAO) - keys),
        "cells": int(info.number_of_cells),
        "runs": runs,
    }


def glb_triangles(path: Path) -> int:
    import trimesh

    scene = trimesh.load(str(path), force="scene")
    return sum(len(g.faces) for g in scene.dump() if hasattr(g, "faces"))


# (run key, picture label, framing) of the side-by-side sheet, in reading order: top
# row in each renderer's own framing, bottom row f3d at the app's camera and the app's
# press quality
PANELS = (
    ("f3d:default/own", "f3d default", "f3d's own"),
    ("f3d:ssao/own", "f3d SSAO+TM+FXAA", "f3d's own"),
    ("app:standard", "app standard", "app's iso fit"),
    ("f3d:default/app", "f3d default", "app's camera"),
    ("f3d:ssao/app", "f3d SSAO+TM+FXAA", "app's camera"),
    ("app:press", "app press", "app's iso fit"),
)


def part_compare(a, press: bool) -> None:
    w, h = a.compare_size
    print(f"\n2. the app's GLB in f3d beside the app's picture, {w}x{h}")
    qualities = ["standard", "press"] if press else ["standard"]
    app = worker("app", {"size": [w, h], "repeats": a.rounds, "qualities": qualities})
    if "error" in app:
        print(f"   app: {app['error']}")
        app = {"runs": {}}
    elif press and "press" not in app["runs"]:
        print("   NOTE: ExportRequest has no quality field yet: app press row skipped")
    std = app["runs"].get("standard")
    from models3d.catalogue import load_plan, resolve_plan
    from models3d.scene_export import export_scene

    plan = load_plan(resolve_plan(PLAN))
    with tempfile.TemporaryDirectory() as tmp:
        glb = Path(tmp) / f"{PLAN}.glb"
        t = time.perf_counter()
        export_scene(plan, len(plan.phases) - 1, glb)
        glb_s = time.perf_counter() - t
        tris, size_mb = glb_triangles(glb), glb.stat().st_size / 1e6
        payload = {"size": [w, h], "repeats": a.rounds, "glb": str(glb)}
        if std:
            payload["camera"] = std["camera"]
        f3d = worker("f3d", payload)
    print(f"   GLB: {tris:,} triangles, {size_mb:.1f} MB, written in {glb_s:.2f} s")
    if "error" in f3d:
        print(f"   f3d: {f3d['error']}")
        f3d = {"runs": {}}
    else:
        print(
            f"   f3d ({f3d['context']} context): engine start {f3d['start'] * 1e3:.0f}"
            f" ms, file load {f3d['load'] * 1e3:.0f} ms, {f3d['cells']:,} cells; "
            f"SSAO look: {f3d['ssao_options']}"
        )
        if f3d["missing_options"]:
            print(f"   (not in this f3d: {', '.join(f3d['missing_options'])})")
    if std:
        print(
            f"   app: renderer start {std['start'] * 1e3:.0f} ms (context, scene, "
            f"framing), {std['triangles']:,} triangles drawn"
        )
    runs = {f"f3d:{k}": r for k, r in f3d["runs"].items()}
    runs |= {f"app:{k}": r for k, r in app["runs"].items()}
    floor = (
        median(runs["f3d:default/own"]["times"]) if runs.get("f3d:default/own") else 0
    )
    print(
        f"\n   {'picture':<18} {'framing':<14} {'first ms':>8} {'ms/picture':>10} "
        f"{'ratio':>6} {'draw ms':>7}   median of {a.rounds}; floor: f3d default"
    )
    for key, label, framing in sorted(PANELS, key=lambda p: p[0].startswith("app")):
        if key in runs:
            t = median(runs[key]["times"])
            ratio = f"{t / floor:>6.2f}" if floor else "     -"
            draw = runs[key].get("draw")
            draw = f"{median(draw) * 1e3:>7.0f}" if draw else "      -"
            print(
                f"   {label:<18} {framing:<14} {runs[key]['first'] * 1e3:>8.0f} "
                f"{t * 1e3:>10.0f} {ratio} {draw}"
            )
    print("   (draw ms: f3d's render() alone, no picture read back)")
    tri_app = f"{std['triangles']:,}" if std else "?"
    print(f"   triangles: GLB {tris:,} (f3d draws these), app {tri_app}")
    side_by_side(runs, (w, h))


def side_by_side(runs: dict, size) -> None:
    """Two rows of three labelled panels into out/bench/press_side_by_side.png."""
    from PIL import Image, ImageDraw

    pw = min(960, size[0])
    ph, bar = round(pw * size[1] / size[0]), 34
    sheet = Image.new("RGB", (3 * pw, 2 * (ph + bar)), (24, 24, 24))
    draw = ImageDraw.Draw(sheet)
    font = _font(18)
    for n, (key, label, framing) in enumerate(PANELS):
        x, y = (n % 3) * pw, (n // 3) * (ph + bar)
        run = runs.get(key)
        took = f"{median(run['times']) * 1e3:.0f} ms/picture" if run else "not rendered"
        draw.text((x + 8, y + 7), f"{label}, {framing}: {took}", font=font, fill="#eee")
        if run:
            img = _rgb(Path(run["picture"])).resize((pw, ph), Image.Resampling.LANCZOS)
            sheet.paste(img, (x, y + bar))
    tag = "" if tuple(size) == (1920, 1080) else f"_{size[0]}x{size[1]}"  # --quick
    out = OUT / f"press_side_by_side{tag}.png"
    _save(sheet, out)
    print(f"   pictures side by side: {out.relative_to(ROOT)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, few repeats")
    ap.add_argument(
        "--rounds", type=int, help="repeats per picture (default 5, quick 2)"
    )
    ap.add_argument(
        "--ssaa", type=int, default=2, choices=(1, 2, 4), help="press still"
    )
    ap.add_argument("--skip-cli", action="store_true", help="only part 2")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if a.worker:
        kind, payload = a.worker
        res = (app_worker if kind == "app" else f3d_worker)(json.loads(payload))
        sys.stdout.write("RESULT " + json.dumps(res) + "\n")
        sys.stdout.flush()
        os._exit(0)  # leave GL teardown to the OS: this is a measurement process
    a.rounds = a.rounds or (2 if a.quick else 5)
    a.cli_rounds = 1 if a.quick else 3
    a.press_size = (1920, 1080) if a.quick else (7680, 4320)
    a.floor_size = (640, 360) if a.quick else (1920, 1080)
    a.compare_size = (640, 360) if a.quick else (1920, 1080)
    press = press_supported()
    print(
        f"bench/press.py{' --quick' if a.quick else ''}: {PLAN} final phase, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    failures = [] if a.skip_cli else part_cli(a, press)
    part_compare(a, press)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
