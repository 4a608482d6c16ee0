"""ROSS Explorer: explore the planned Russian Orbital Station, module by module.

    python main.py                       open the app (default plan, final phase)
    python main.py --plan mir --phase 3  open the app on a plan and phase
    python main.py plans [--json]        list the bundled plans
    python main.py info --plan PLAN [--phase N] [--json]
                                         print a plan: modules, figures, sources, totals
    python main.py export --plan PLAN --phase N|all|final --size WxH [--ssaa K]
                          [--transparent] [--format png|jpg|tiff|webp|gif|mp4|...]
                          --out PATH     pictures, animations and 3D (glb, obj, stl)
    python main.py inspect FILE [--json] check a 3D model before importing it
    python main.py orbit --plan PLAN [--json] [--map FILE]
                                         what the plan's orbit means, in numbers
    python main.py tour --tour ID|FILE --out FILE.mp4 [--size WxH] [--fps N]
                        [--burn-captions] [--lang en|ru]
                                         a guided tour as a video with WebVTT captions

PLAN is a bundled plan id (see `plans`) or the path of a plan file. Errors go to stderr
in one line (a broken plan file: one line per problem) with exit code 2; SIGINT and
SIGTERM end a command with exit code 130 or 143, removing every temporary file. Output
is printable: control characters and undecodable bytes of names are escaped. `plans`,
`info`, `inspect` and exports of 3D files never import Qt and need no display.
"""

from __future__ import annotations

import argparse
import os
import re
import sys

DEFAULT_PLAN = "ros-2024"
EX_SOFTWARE = 70  # an internal error (a bug), as in BSD sysexits
_SIZE = re.compile(r"([0-9]{1,9})[xX]([0-9]{1,9})")


from models3d.console import display_problem  # noqa: E402 - stdlib-only module
from models3d.console import err as _err  # noqa: E402
from models3d.console import fail as _fail  # noqa: E402
from models3d.console import is_stdout_error as _is_stdout_error  # noqa: E402
from models3d.console import load as _load  # noqa: E402
from models3d.console import out as _out  # noqa: E402
from models3d.console import out_json as _out_json  # noqa: E402
from models3d.console import phase_of as _phase  # noqa: E402
from models3d.console import standard_streams as _standard_streams  # noqa: E402
from models3d.console import stdout_failed as _stdout_failed  # noqa: E402


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # exit code 2 with one clear line, as for other errors
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="main.py",
        description="Explore the planned Russian Orbital "
        "Station: modules, figures with sources, assembly phases.",
    )
    parser.add_argument(
        "--plan",
        default=None,
        help=f"plan id or plan file to open (default: the last one, or {DEFAULT_PLAN})",
    )
    parser.add_argument(
        "--phase",
        default=None,
        help="phase number, phase id, 'first' or 'final' (default: the "
        "last one shown, or final)",
    )
    parser.add_argument(
        "--lang",
        choices=("en", "ru"),
        default=None,
        help="user-interface language (default: the system's)",
    )
    parser.add_argument(
        "--reset-settings",
        action="store_true",
        help="forget window layout, last plan and display options",
    )
    parser.add_argument(
        "--quit-after-first-frame",
        action="store_true",
        help="start, draw one frame, print its timing and quit (smoke test)",
    )
    from models3d import __version__

    parser.add_argument(
        "--version", action="version", version=f"ROSS Explorer {__version__}"
    )
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="add the app to the desktop's menu: entry, icons and metainfo in "
        "$XDG_DATA_HOME (default ~/.local/share)",
    )
    parser.add_argument(
        "--uninstall-desktop",
        action="store_true",
        help="remove exactly what --install-desktop wrote",
    )
    sub = parser.add_subparsers(dest="command")
    p_plans = sub.add_parser("plans", help="list the bundled plans")
    p_plans.add_argument("--json", action="store_true", help="print JSON")
    p_info = sub.add_parser("info", help="print a plan with its figures and sources")
    p_info.add_argument("--plan", required=True, help="plan id or path of a plan file")
    p_info.add_argument(
        "--phase", help="only this phase: number, id, 'first' or 'final'"
    )
    p_info.add_argument("--json", action="store_true", help="print JSON")
    p_info.add_argument(
        "--lang",
        choices=("en", "ru"),
        default="en",
        help="language of the text report (default: en)",
    )
    p_exp = sub.add_parser(
        "export",
        help="export pictures, every phase, an animation or the 3D scene",
        description="Render without showing a window; with no X display it renders "
        "through EGL (no Xvfb needed). Prints every file it writes.",
    )
    p_exp.add_argument("--plan", required=True, help="plan id or path of a plan file")
    p_exp.add_argument(
        "--phase",
        default="final",
        help="phase number or id, 'first', 'final' (default) or 'all'",
    )
    p_exp.add_argument(
        "--size",
        default="1920x1080",
        help="WIDTHxHEIGHT in pixels (default %(default)s, at most 16384 on a side)",
    )
    p_exp.add_argument(
        "--ssaa",
        type=int,
        default=1,
        choices=(1, 2, 4),
        help="supersampling: render K times larger on each side, then "
        "average down (2: 4 samples per pixel)",
    )
    p_exp.add_argument(
        "--transparent",
        action="store_true",
        help="transparent background (PNG, TIFF, WebP)",
    )
    p_exp.add_argument(
        "--format",
        choices=(
            "png",
            "jpg",
            "tiff",
            "webp",
            "gif",
            "mp4",
            "glb",
            "obj",
            "stl",
            "html",
        ),
        help="file format (default: from the --out extension)",
    )
    p_exp.add_argument(
        "--mode", choices=("solid", "wireframe", "xray"), default="solid"
    )
    p_exp.add_argument(
        "--caption",
        action="store_true",
        help="write plan, phase, date and a sources line on the picture",
    )
    p_exp.add_argument(
        "--out",
        required=True,
        help="output file (with --phase all, "
        "pictures and 3D files get _01, _02 ... before the extension), or an "
        "existing folder: <plan>_<phase>.<ext> inside it",
    )
    from models3d.export_options import add_arguments

    add_arguments(p_exp)  # camera, look and animation timing
    from models3d import orbit_cli
    from ui.tours import export as tour_cli  # imports no Qt until a tour is rendered

    orbit_cli.add_parser(sub)
    tour_cli.add_parser(sub)
    p_ins = sub.add_parser("inspect", help="check a 3D model file before importing it")
    p_ins.add_argument("file", help="a glTF/GLB, OBJ, STL or PLY file")
    p_ins.add_argument("--json", action="store_true", help="print JSON")
    for p in (p_plans, p_info, p_exp, p_ins):
        p.error = _Parser.error.__get__(p)
    return parser


def cmd_plans(args) -> int:
    from models3d.report import plans_listing

    rows = plans_listing()
    if args.json:
        _out_json(rows)
        return 0
    for r in rows:
        _out(
            f"{r['id']:<11} {r['status']:<11} {r['date']:<10}  "
            f"{r['phases']:>2} phases  {r['title']}\n"
        )
    return 0


def cmd_info(args) -> int:
    from models3d.report import plan_json, plan_text

    plan = _load(args.plan)
    phase = _phase(plan, args.phase) if args.phase is not None else None
    if args.json:
        _out_json(plan_json(plan, phase))
    else:
        _out(plan_text(plan, phase, lang=args.lang))
    return 0


def _parse_size(text: str) -> tuple[int, int]:
    from models3d.errors import UsageError

    m = _SIZE.fullmatch(text.strip())
    if not m:
        raise UsageError(
            f"--size '{text[:40]}' is not WIDTHxHEIGHT (for example 3840x2160)"
        )
    return int(m.group(1)), int(m.group(2))


def cmd_export(args) -> int:
    from pathlib import Path

    from models3d.export_options import in_folder, request_fields
    from models3d.fileio import (
        check_destination,
        check_interrupted,
        expand_path,
        printable,
        stale_numbered,
    )
    from models3d.imaging import SCENE_FORMATS, format_of

    plan = _load(args.plan)
    out = expand_path(args.out)
    if (args.format or out.suffix.lstrip(".").lower()) == "html":
        return _export_page(args, plan, out)  # one self-contained page, no OpenGL
    folder = _output_folder(out, args.out)
    fmt = (args.format or "png") if folder else format_of(out, args.format)
    width, height = _parse_size(args.size)
    if args.phase == "all" or fmt in ("gif", "mp4"):
        phases = list(range(len(plan.phases)))
    else:
        phases = [_phase(plan, args.phase)]
    if folder:
        out = in_folder(out, plan, fmt, phases)
    look = request_fields(args, plan, phases, fmt)  # one-line errors before rendering
    check_destination(out)  # before any rendering: /dev/null, a FIFO, a folder ...
    existed = {
        str(p)
        for p in _planned(out, fmt, phases, len(plan.phases))
        if os.path.lexists(p)
    }
    written: list[str] = []

    def on_file(path: str) -> None:
        written.append(path)
        note = " (replaced the earlier file)" if path in existed else ""
        _out(f"wrote {printable(path)}{note}\n")
        sys.stdout.flush()

    if fmt in SCENE_FORMATS:  # no Qt, no display
        from models3d.scene_job import scene_job

        job = scene_job(plan, phases, out, fmt)
    else:
        from ui.export.egl import headless_route

        # no usable X display: Qt's offscreen platform and a surfaceless EGL context
        problem = headless_route(display_problem())
        if problem:
            return _fail(f"export renders with OpenGL: {problem}")
        from ui.app import _configure_qt

        _configure_qt()
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
        from ui.export.jobs import ExportRequest, make_job

        job = make_job(
            ExportRequest(
                plan,
                phases,
                out,
                fmt,
                width,
                height,
                args.ssaa,
                caption=args.caption,
                mode=args.mode,
                **look,
            )
        )
    last = None
    for _done, _total, what in job:  # as ui.export.jobs.run_job, without importing ui
        check_interrupted()
        if what not in ("frame", last):
            on_file(what)
        last = what
    if len(phases) > 1 and fmt not in ("gif", "mp4"):
        stale = stale_numbered(out, [Path(p) for p in written])
        if stale:
            names = ", ".join(printable(p.name) for p in stale[:5])
            _err(
                f"note: {len(stale)} numbered file(s) from an earlier export were left "
                f"as they are: {names}{' ...' if len(stale) > 5 else ''}"
            )
    return 0


def _export_page(args, plan, out) -> int:
    from models3d.fileio import printable
    from models3d.webpage import write_webpage

    phase = None if args.phase in (None, "all") else _phase(plan, args.phase)
    for path in write_webpage(
        plan, out, phase, lang=getattr(args, "lang", None) or "en"
    ):
        _out(f"wrote {printable(path)}\n")
    return 0


def _output_folder(out, text: str) -> bool:
    """Whether --out names an existing folder to write into. A folder named like a
    file of a known format (pictures.png/) is refused as a destination, as before,
    unless the argument ends with a slash."""
    from models3d.imaging import ALL_FORMATS

    if not os.path.isdir(out):  # False, not ENAMETOOLONG, for a 256-byte name
        return False
    return text.endswith("/") or out.suffix.lower().lstrip(".") not in ALL_FORMATS


def _planned(out, fmt: str, phases: list[int], count: int) -> list:
    """The files an export will write (to tell the user which ones it replaced)."""
    from models3d.fileio import numbered

    if len(phases) == 1 or fmt in ("gif", "mp4"):
        targets = [out]
    else:
        targets = [numbered(out, p, count) for p in phases]
    if fmt == "obj":
        targets += [t.with_suffix(".mtl") for t in targets]
    return targets


def cmd_tour(args) -> int:
    from ui.tours import export as tour_cli

    return tour_cli.run(args, display_problem)


def cmd_orbit(args) -> int:
    from models3d import orbit_cli

    return orbit_cli.run(args)


def cmd_inspect(args) -> int:
    from models3d.fileio import expand_path, printable
    from models3d.importer import IsolatedLoader, info

    path = expand_path(args.file)
    loader = IsolatedLoader(timeout=120)
    try:
        model = loader.load(path)  # ImportRefusedError: exit 2 in main()
    finally:
        loader.close()
    data = info(model)
    if args.json:
        _out_json(data)
        return 0
    nodes = data["nodes"]
    read = ", ".join(data["textures_found"])
    listed = (
        f": {', '.join(nodes[:6])}{' ...' if len(nodes) > 6 else ''}" if nodes else ""
    )
    ext = " × ".join(f"{x:.4g}" for x in data["extents"])
    _out(
        "\n".join(
            [
                printable(data["file"]),
                f"  format        {data['format'].upper()}",
                f"  triangles     {data['triangles']:,} (every scene instance placed)",
                f"  parts         {data['parts']} in {len(nodes)} node(s){listed}",
                f"  extents       {ext} (file units)",
                f"  textured      {data['textured_parts']} part(s)",
                f"  files read    {read or 'none besides the model'}",
                f"  not loaded    {'; '.join(data['textures_missing']) or 'nothing'}",
                *(f"  warning       {w}" for w in data["warnings"]),
            ]
        )
        + "\n"
    )
    return 0


def _desktop_asked(args) -> bool:
    return bool(args.install_desktop or args.uninstall_desktop)


def cmd_desktop(args) -> int:
    """--install-desktop / --uninstall-desktop (models3d.desktop; no Qt, no display)."""
    from models3d.desktop import install_desktop, uninstall_desktop
    from models3d.errors import UsageError

    if args.install_desktop and args.uninstall_desktop:
        raise UsageError("--install-desktop and --uninstall-desktop: give one of them")
    if args.install_desktop:
        for path in install_desktop():
            _out(f"wrote {path}\n")
        return 0
    removed = uninstall_desktop()
    for path in removed:
        _out(f"removed {path}\n")
    if not removed:
        _out("nothing to remove: the desktop entry is not installed\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    from models3d.fileio import Interrupted, remove_temp_files, signals_raise

    try:
        with signals_raise():
            return _main(argv)
    except (Interrupted, KeyboardInterrupt) as exc:
        remove_temp_files()
        signum = getattr(exc, "signum", 2)
        _err(
            f"interrupted by {'SIGTERM' if signum == 15 else 'SIGINT'}; no partial "
            "file was left"
        )
        return 128 + signum


def cmd_gui(args) -> int:
    from ui.app import start

    return start(args, DEFAULT_PLAN)


def _main(argv) -> int:
    stdout_open = _standard_streams()
    args = build_parser().parse_args(argv)
    from models3d.errors import RossError
    from models3d.fileio import check_interrupted

    handler = {
        "plans": cmd_plans,
        "info": cmd_info,
        "export": cmd_export,
        "inspect": cmd_inspect,
        "orbit": cmd_orbit,
        "tour": cmd_tour,
    }.get(args.command, cmd_desktop if _desktop_asked(args) else cmd_gui)
    if not stdout_open and handler is not cmd_gui:
        return _fail("standard output is closed; nothing can be printed")
    try:
        code = handler(args)
        if sys.stdout is not None:
            sys.stdout.flush()
        return code
    except RossError as exc:
        check_interrupted()  # an error caused by the signal (a cancelled load)
        return _fail(str(exc))
    except KeyError as exc:  # Plan.phase_index: an unknown phase, with its message
        check_interrupted()
        return _fail(exc.args[0] if exc.args else str(exc))
    except OSError as exc:
        check_interrupted()
        if exc.filename is None and exc.errno is not None and _is_stdout_error():
            return _stdout_failed(exc)
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{where}{exc.strerror or exc}")
    except MemoryError:
        return _fail("not enough memory for this command")
    except Exception as exc:  # a bug: one line, the traceback only on request
        check_interrupted()
        if os.environ.get("ROSS_EXPLORER_DEBUG"):
            raise
        return _fail(
            f"internal error in '{args.command or 'app'}': "
            f"{type(exc).__name__}: {exc} (set ROSS_EXPLORER_DEBUG=1 for the "
            "traceback, and please report it)",
            EX_SOFTWARE,
        )


if __name__ == "__main__":
    sys.exit(main())
