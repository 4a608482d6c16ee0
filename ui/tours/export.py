"""Tour videos: the `tour` command and the job behind Tours > Export tour video.

`tour_job(req)` renders every frame of a tour off-screen (ui.export.offscreen, the
scene code of the window, one renderer per plan), optionally burns the captions in,
streams the frames to the assembly animation's encoders (ui.export.jobs: ffmpeg for
MP4, the streaming GIF writer; each checked before it may replace a file) and writes
the WebVTT captions beside the video. Video and captions are one `FileSet`: both are
renamed into place only when both are complete, so a failure or a cancel leaves
nothing new and touches nothing old. Frames are a pure function of the tour, the size
and the frame's time, so the same tour and options give identical frames.

Importing this module loads no Qt (the command line builds its parser from it); the
renderer is imported when a job starts.

    python main.py tour --tour ID|FILE --out FILE.mp4 [--size WxH] [--fps N]
                        [--burn-captions] [--lang en|ru]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from models3d.errors import ExportError, RossError, UsageError
from models3d.fileio import FileSet, check_destination, expand_path, printable

if TYPE_CHECKING:  # the tours load numpy and the plans: only when a job runs
    from models3d.tour import PlanLibrary, Tour, TourTimeline

FORMATS = ("mp4", "gif")
DEFAULT_FPS = {"mp4": 30, "gif": 15}
MAX_FPS = 120
HELP = "a guided tour as a captioned video (MP4 or GIF) with a WebVTT file beside it"
_SIZE = re.compile(r"\s*(\d{1,5})\s*[xX×]\s*(\d{1,5})\s*")


@dataclass
class TourExportRequest:
    tour: Tour
    path: Path
    width: int = 1280
    height: int = 720
    fps: float = 30
    burn_captions: bool = False
    lang: str = "en"

    @property
    def fmt(self) -> str:
        return self.path.suffix.lower().lstrip(".")

    @property
    def vtt(self) -> Path:
        """The caption file beside the video: same name, .vtt."""
        return self.path.with_suffix(".vtt")


def check_request(req: TourExportRequest) -> None:
    """Refuse what cannot work, before anything is rendered (ExportError)."""
    from models3d.imaging import PictureOptions, check_picture

    shown = printable(req.path)
    if req.fmt not in FORMATS:
        raise ExportError(
            f"{shown}: a tour video is .mp4 or .gif, not '.{req.fmt or '(none)'}'"
        )
    if req.fmt == "mp4" and (req.width % 2 or req.height % 2):
        raise ExportError(
            f"{shown}: H.264 needs an even width and height ({req.width}x{req.height})"
        )
    if not 1 <= req.fps <= MAX_FPS:
        raise ExportError(
            f"{shown}: {req.fps:g} frames a second is outside 1–{MAX_FPS}"
        )
    if req.lang not in ("en", "ru"):
        raise ExportError(f"{shown}: captions are in en or ru, not '{req.lang}'")
    check_picture(
        PictureOptions(req.width, req.height, 1, False, "png"),
        req.path,
        animation=req.fmt,
    )
    check_destination(req.path)
    check_destination(req.vtt)


def tour_frames(req: TourExportRequest, timeline: TourTimeline) -> Iterator:
    """(RGBA frame, 0) for every frame of the tour, in order. One renderer (one GL
    context) serves the whole tour and changes plan when a step needs another one;
    before commit 56683be two renderers alive at once corrupted memory here."""
    from models3d.tour import burn_caption, sources_line

    from ..export.offscreen import StationRenderer
    from .drive import SceneDriver

    renderer = None
    driver = SceneDriver()
    try:
        for t in timeline.frame_times(req.fps):
            state = timeline.state(t)
            plan = timeline.plan(state.plan)
            if renderer is None:
                renderer = StationRenderer(plan)
            elif renderer.model.plan is not plan:
                renderer.model.set_plan(plan)
                driver.forget()
            renderer.view.set_size(req.width, req.height)
            driver.apply(state, renderer.model, renderer.scene, renderer.view)
            px = renderer.picture(req.width, req.height)
            cap = state.caption
            if req.burn_captions and cap is not None:
                px = burn_caption(
                    px, cap.text.get(req.lang), sources_line(cap, plan, req.lang)
                )
            yield px, 0
    finally:
        driver.release()
        if renderer is not None:
            renderer.close()


def tour_job(req: TourExportRequest, plans: PlanLibrary | None = None):
    """The export as a job: yields (done, total, "frame") per frame, then the path of
    each file written (the video, then its captions)."""
    from models3d.tour import TourTimeline, bundled_plans, webvtt

    from ..export.jobs import ExportRequest, encode_frames

    check_request(req)
    timeline = TourTimeline(req.tour, plans or bundled_plans(), req.width / req.height)
    total = timeline.frame_count(req.fps)
    first = timeline.plan(req.tour.steps[0].plan)
    # the encoders' request: size, format and file; the frames come from the tour
    encoder_req = ExportRequest(first, [0], req.path, req.fmt, req.width, req.height)
    captions = webvtt(timeline, req.lang).encode("utf-8")
    with FileSet() as files:
        tmp = files.stage(req.path, suffix=f".{req.fmt}")
        files.write(req.vtt, lambda p: Path(p).write_bytes(captions))
        yield from encode_frames(
            encoder_req, tmp, tour_frames(req, timeline), total, req.fps
        )
        written = files.commit()
    for path in written:
        yield total + 1, total + 1, str(path)


# ---- the command line ----------------------------------------------------------------


def add_parser(subparsers) -> argparse.ArgumentParser:
    p = subparsers.add_parser(
        "tour",
        help=HELP,
        description=HELP + ". Needs an X "
        "display (on a headless machine run it under xvfb-run).",
    )
    p.add_argument(
        "--tour",
        required=True,
        metavar="ID|FILE",
        help="a bundled tour id (ross-2022, ros-2024, ros-2026, compare) "
        "or a *.tour.json file",
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="the video, .mp4 or .gif; the captions go beside it as .vtt",
    )
    p.add_argument(
        "--size",
        default="1280x720",
        metavar="WxH",
        help="width x height in pixels (default %(default)s)",
    )
    p.add_argument(
        "--fps",
        default=None,
        metavar="N",
        help="frames a second (default 30 for MP4, 15 for GIF)",
    )
    p.add_argument(
        "--burn-captions",
        action="store_true",
        help="draw the captions into the frames too",
    )
    p.add_argument(
        "--lang",
        choices=("en", "ru"),
        default="en",
        help="language of the captions (default en)",
    )
    return p


def request_from_args(args) -> TourExportRequest:
    """The request the arguments describe; RossError for anything unusable."""
    out = expand_path(args.out)
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError(f"--out {printable(args.out)}: the video is .mp4 or .gif")
    m = _SIZE.fullmatch(args.size or "")
    if not m:
        raise UsageError(
            f"--size '{printable(str(args.size)[:40])}' is not WIDTHxHEIGHT "
            "(for example 1280x720)"
        )
    from models3d.tour import load_tour, resolve_tour

    fps: float = DEFAULT_FPS[fmt]
    if args.fps is not None:
        try:
            fps = float(args.fps)
        except ValueError:
            raise UsageError(
                f"--fps '{printable(str(args.fps)[:20])}' is not a number"
            ) from None
        if not 1 <= fps <= MAX_FPS:  # NaN fails this too
            raise UsageError(f"--fps {args.fps} is outside 1–{MAX_FPS}")
    tour = load_tour(resolve_tour(args.tour))
    return TourExportRequest(
        tour,
        out,
        int(m.group(1)),
        int(m.group(2)),
        fps,
        bool(args.burn_captions),
        args.lang,
    )


def run(args, display_problem: Callable[[], str | None] | None = None) -> int:
    """Carry out `tour`: 0 when the video and captions were written, 2 with one line
    on stderr for anything the user can fix. `display_problem` (main.py's) says why
    no X display can be used; without it only DISPLAY is checked."""
    try:
        req = request_from_args(args)
        check_request(req)
        problem = (
            display_problem()
            if display_problem is not None
            else (
                None
                if os.environ.get("DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM", "xcb")[:3] != "xcb"
                else "no X display: DISPLAY is not set (run the command under xvfb-run)"
            )
        )
        if problem:
            raise ExportError(f"tour videos render with OpenGL: {problem}")
        from ..app import _configure_qt

        _configure_qt()
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
        last = None
        for _done, _total, what in tour_job(req):
            if what not in ("frame", last):
                print(f"wrote {printable(what)}", flush=True)
            last = what
    except RossError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tour")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    return run(parser.parse_args(["tour", *(argv or sys.argv[1:])]))


if __name__ == "__main__":
    sys.exit(main())
