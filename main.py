"""ROSS Explorer: explore the planned Russian Orbital Station, module by module.

    python main.py                       open the app (default plan, final phase)
    python main.py --plan mir --phase 3  open the app on a plan and phase
    python main.py plans [--json]        list the bundled plans
    python main.py info --plan PLAN [--phase N] [--json]
                                         print a plan: modules, figures, sources, totals
    python main.py export --plan PLAN --phase N|all|final --size WxH [--ssaa K]
                          [--transparent] [--format png|jpg|tiff|webp|gif|mp4|glb|obj|stl]
                          --out PATH     pictures, animations and 3D files
    python main.py inspect FILE [--json] check a 3D model before importing it

PLAN is a bundled plan id (see `plans`) or the path of a plan file. Errors go to stderr
with exit code 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

DEFAULT_PLAN = "ros-2024"


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # exit code 2 with one clear line, as for other errors
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="Explore the planned Russian Orbital "
                     "Station: modules, figures with sources, assembly phases.")
    parser.add_argument("--plan", default=None,
                        help=f"plan id or plan file to open (default: the last one, or "
                        f"{DEFAULT_PLAN})")
    parser.add_argument("--phase", default=None,
                        help="phase number, phase id, 'first' or 'final' (default: the "
                        "last one shown, or final)")
    parser.add_argument("--lang", choices=("en", "ru"), default=None,
                        help="user-interface language (default: the system's)")
    parser.add_argument("--reset-settings", action="store_true",
                        help="forget window layout, last plan and display options")
    parser.add_argument("--quit-after-first-frame", action="store_true",
                        help="start, draw one frame, print its timing and quit (smoke test)")
    sub = parser.add_subparsers(dest="command")
    p_plans = sub.add_parser("plans", help="list the bundled plans")
    p_plans.add_argument("--json", action="store_true", help="print JSON")
    p_info = sub.add_parser("info", help="print a plan with its figures and sources")
    p_info.add_argument("--plan", required=True, help="plan id or path of a plan file")
    p_info.add_argument("--phase", help="only this phase: number, id, 'first' or 'final'")
    p_info.add_argument("--json", action="store_true", help="print JSON")
    p_exp = sub.add_parser(
        "export", help="export pictures, every phase, an animation or the 3D scene",
        description="Render without showing a window (needs an X display: use xvfb-run "
        "on a headless machine). Prints every file it writes.")
    p_exp.add_argument("--plan", required=True, help="plan id or path of a plan file")
    p_exp.add_argument("--phase", default="final",
                       help="phase number or id, 'first', 'final' (default) or 'all'")
    p_exp.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT in pixels "
                       "(default %(default)s, at most 16384 on a side)")
    p_exp.add_argument("--ssaa", type=int, default=1, choices=(1, 2, 4),
                       help="supersampling: render K times larger on each side, then "
                       "average down (2: 4 samples per pixel)")
    p_exp.add_argument("--transparent", action="store_true",
                       help="transparent background (PNG, TIFF, WebP)")
    p_exp.add_argument("--format", choices=("png", "jpg", "tiff", "webp", "gif", "mp4",
                                            "glb", "obj", "stl"),
                       help="file format (default: from the --out extension)")
    p_exp.add_argument("--mode", choices=("solid", "wireframe", "xray"), default="solid")
    p_exp.add_argument("--caption", action="store_true",
                       help="write plan, phase, date and a sources line on the picture")
    p_exp.add_argument("--out", required=True, help="output file (with --phase all, "
                       "pictures and 3D files get _01, _02 ... before the extension)")
    p_ins = sub.add_parser("inspect", help="check a 3D model file before importing it")
    p_ins.add_argument("file", help="a glTF/GLB, OBJ, STL or PLY file")
    p_ins.add_argument("--json", action="store_true", help="print JSON")
    for p in (p_plans, p_info, p_exp, p_ins):
        p.error = _Parser.error.__get__(p)
    return parser


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def _load(key: str):
    from models3d.catalogue import load_plan, resolve_plan

    return load_plan(resolve_plan(key))


def cmd_plans(args) -> int:
    from models3d.report import plans_listing

    rows = plans_listing()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"{r['id']:<11} {r['status']:<11} {r['date']:<10}  {r['phases']:>2} phases  "
              f"{r['title']}")
    return 0


def cmd_info(args) -> int:
    from models3d.report import plan_json, plan_text

    plan = _load(args.plan)
    phase = plan.phase_index(args.phase) if args.phase is not None else None
    if args.json:
        print(json.dumps(plan_json(plan, phase), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(plan_text(plan, phase))
    return 0


def _parse_size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"--size '{text}' is not WIDTHxHEIGHT (for example 3840x2160)")
    return w, h


def cmd_export(args) -> int:
    from pathlib import Path

    from models3d.imaging import ExportError, format_of

    plan = _load(args.plan)
    out = Path(args.out).expanduser()
    try:
        fmt = format_of(out, args.format)
        width, height = _parse_size(args.size)
    except (ExportError, ValueError) as exc:
        return _fail(str(exc))
    if args.phase == "all" or fmt in ("gif", "mp4"):
        phases = list(range(len(plan.phases)))
    else:
        phases = [plan.phase_index(args.phase)]
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "xcb":
        return _fail("export renders with OpenGL and needs an X display; on a headless "
                     "machine run it under xvfb-run")
    from ui.app import _configure_qt

    _configure_qt()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    from ui.export.jobs import ExportRequest, make_job, run_job

    req = ExportRequest(plan, phases, out, fmt, width, height, args.ssaa,
                        args.transparent, args.caption, args.mode)
    try:
        run_job(make_job(req), on_file=lambda p: print(f"wrote {p}", flush=True))
    except ExportError as exc:
        return _fail(str(exc))
    return 0


def cmd_inspect(args) -> int:
    from models3d.importer import ImportRefusedError, IsolatedLoader, info

    loader = IsolatedLoader(timeout=120)
    try:
        model = loader.load(args.file)
    except ImportRefusedError as exc:
        return _fail(str(exc))
    finally:
        loader.close()
    data = info(model)
    if args.json:
        print(json.dumps(data, indent=2))
        return 0
    ext = " × ".join(f"{x:.4g}" for x in data["extents"])
    print(f"{data['file']}")
    print(f"  format        {data['format'].upper()}")
    print(f"  triangles     {data['triangles']:,} (every scene instance placed)")
    print(f"  parts         {data['parts']} in {len(data['nodes'])} node(s)"
          + (f": {', '.join(data['nodes'][:6])}" + (" ..." if len(data["nodes"]) > 6
                                                     else "") if data["nodes"] else ""))
    print(f"  extents       {ext} (file units)")
    print(f"  textured      {data['textured_parts']} part(s)")
    print(f"  files read    {', '.join(data['textures_found']) or 'none besides the model'}")
    print(f"  not loaded    {'; '.join(data['textures_missing']) or 'nothing'}")
    for w in data["warnings"]:
        print(f"  warning       {w}")
    return 0


def cmd_gui(args) -> int:
    from models3d.plan import PlanError
    from ui.settings import reset_settings, settings

    if args.reset_settings:
        print(f"settings reset ({reset_settings()})")
    saved = settings()
    key = args.plan or saved.value("plan") or DEFAULT_PLAN
    try:
        plan = _load(key)  # fail before any window appears
    except (FileNotFoundError, PlanError) as exc:
        if args.plan:
            raise
        # the remembered plan is gone or broken: say so and open the default one
        print(f"warning: the last plan '{key}' could not be opened ({exc}); "
              f"opening {DEFAULT_PLAN}", file=sys.stderr)
        plan = _load(DEFAULT_PLAN)
    if args.phase is not None:
        phase = plan.phase_index(args.phase)
    else:
        remembered = saved.value("phase") if not args.plan and key == saved.value("plan") \
            else None
        try:
            phase = plan.phase_index(int(remembered) + 1) if remembered is not None \
                else None
        except (KeyError, ValueError, TypeError):
            phase = None
        phase = len(plan.phases) - 1 if phase is None else phase
    from ui.app import run

    return run(plan, phase, quit_after_first_frame=args.quit_after_first_frame,
               restore=not args.reset_settings, language=args.lang)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from models3d.plan import PlanError

    handler = {"plans": cmd_plans, "info": cmd_info, "export": cmd_export,
               "inspect": cmd_inspect}.get(
        args.command, cmd_gui)
    try:
        return handler(args)
    except PlanError as exc:
        return _fail(str(exc))
    except FileNotFoundError as exc:
        return _fail(str(exc))
    except KeyError as exc:
        return _fail(exc.args[0] if exc.args else str(exc))
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
