"""Export jobs shared by the app and the command line.

Each job is a generator: it yields (done, total, what) after every picture or frame,
with what = "frame" while it works and then the path of each file written, so the app
can show progress, keep its window responsive and cancel between steps. Every job
writes its files as one `models3d.fileio.FileSet`: temporary names beside the targets,
renamed only when every file of the job (each picture of a series, an animation) is
complete and checked; closing the generator (cancel), an error or a signal leaves
nothing new and touches nothing old. Animations stream their frames to the encoder
(`models3d.gifwriter` for GIF, ffmpeg for MP4), never holding them all; ffmpeg's exit
status, error output and a read-back of its file decide whether it replaces the target.
3D-scene formats are `models3d.scene_job`, which needs no display. `run_job` drives a
job to completion for the command line.
"""

from __future__ import annotations

import contextlib
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from models3d.export_options import ShotRequest
from models3d.fileio import (
    FileSet,
    StderrTail,
    check_destination,
    numbered,
    signals_held,
    verify_encoded,
    write_error,
)
from models3d.imaging import (
    SCENE_FORMATS,
    ExportError,
    PictureOptions,
    check_picture,
    save_picture,
)
from models3d.picture_caption import caption_lines
from models3d.plan import Plan

ANIMATION_FPS = 20
STEP_SECONDS = 1.0  # a docking animation
HOLD_SECONDS = 0.8  # each phase shown still


@dataclass
class ExportRequest:
    plan: Plan
    phases: list[int]  # one phase, or every phase
    path: Path
    fmt: str
    width: int = 1920
    height: int = 1080
    ssaa: int = 1
    transparent: bool = False
    caption: bool = False
    mode: str = "solid"
    hidden: tuple = ()
    camera: tuple | None = (
        None  # (center, distance, elevation, azimuth); None: fit, iso
    )
    animate_docking: bool = False  # for numbered stills: no; animations always animate
    overrides: dict = field(default_factory=dict)  # module id -> ImportedMesh
    references: dict = field(default_factory=dict)  # reference id -> ReferenceModel
    # labels and view aids as in the app's view: {"labels": bool, "human": bool, ...}
    overlays: dict = field(default_factory=dict)
    # the command line's camera and look (models3d.export_options); `camera` wins
    shot: ShotRequest | None = None
    # "sky", "earth" (the Earth's limb below) or (r, g, b); see also `transparent`
    background: str | tuple = "sky"
    quality: str = "standard"  # or "press" (models3d.export_options.QUALITIES)
    # "Sun from orbit": a ui.orbit.sunlit.Light (the view's), None for the studio Sun
    light: object | None = None
    lang: str = "en"  # of the caption and the labels
    highlight: tuple = ()  # module ids tinted as the app tints a selection
    fps: float = ANIMATION_FPS
    hold: float = HOLD_SECONDS  # each phase shown still
    dock_seconds: float = STEP_SECONDS  # each docking animation


class _Job:
    """The off-screen renderer of a job. Every GL call runs in `signals_held`:
    pyqtgraph's paint catches and prints every exception, and would swallow the
    `Interrupted` of a SIGINT/SIGTERM; held, it is raised when the call returns."""

    def __init__(self, req: ExportRequest):
        from .offscreen import StationRenderer

        self.req = req
        with signals_held():
            self.renderer = StationRenderer(req.plan, req.overrides, req.references)
            self.renderer.set_overlays(req.overlays)
            self.renderer.set_quality(req.quality)
            self.renderer.model.set_language(req.lang)
            if len(req.phases) == 1:  # one picture: the figures beside its station
                self.renderer.model.pin_figures(req.phases[0])
            if req.light is not None:
                self.renderer.set_light(req.light)
            self.renderer.highlight = tuple(req.highlight)
        self.written: list[Path] = []

    def frame_camera(self, phase: int):
        r = self.req
        with signals_held():
            if r.camera is not None:
                self.renderer.view.set_size(r.width, r.height)
                self.renderer.set_camera(r.camera)
            elif r.shot is not None:
                self.renderer.frame(r.shot, r.width, r.height, phase)
            else:
                self.renderer.fit(r.width, r.height, "iso", phase=phase)

    def picture(self, phase: int) -> np.ndarray:
        r = self.req
        with signals_held():
            self.renderer.set_phase(phase, r.mode, r.hidden)
            return self.renderer.picture(
                r.width, r.height, r.ssaa, r.transparent, r.background, r.caption
            )

    def transition(self, before: int, after: int, t: float) -> np.ndarray:
        r = self.req
        with signals_held():
            self.renderer.scene.show_transition_frame(before, after, t)
            return self.renderer.picture(
                r.width, r.height, r.ssaa, False, r.background, r.caption
            )

    def still(self, phase: int) -> np.ndarray:
        r = self.req
        with signals_held():
            self.renderer.set_phase(phase, r.mode, r.hidden)
            return self.renderer.picture(
                r.width, r.height, r.ssaa, False, r.background, r.caption
            )

    def close(self):
        with signals_held():
            self.renderer.close()


def picture_job(req: ExportRequest):
    """One picture per requested phase (numbered when more than one), renamed into
    place together when the last one is written."""
    opts = PictureOptions(
        req.width, req.height, req.ssaa, req.transparent, req.fmt, req.caption
    )
    check_destination(req.path)
    check_picture(opts, req.path)
    total = len(req.phases)
    with FileSet() as files:
        job = _Job(req)
        try:
            # one camera for a series, framed on its last phase, so phases line up
            job.frame_camera(req.phases[-1])
            for n, phase in enumerate(req.phases):
                px = job.picture(phase)
                path = (
                    req.path
                    if total == 1
                    else numbered(req.path, phase, len(req.plan.phases))
                )
                lines = (
                    caption_lines(req.plan, phase, req.lang) if req.caption else None
                )
                with files.current():
                    save_picture(px, path, opts, lines)
                del px
                yield n + 1, total + 1, "frame"
        finally:
            job.close()
        job.written = files.commit()
    for path in job.written:
        yield total + 1, total + 1, str(path)


def animation_frames(job: _Job, req: ExportRequest):
    """(frame RGBA, phase) for the whole assembly with docking animations."""
    steps, hold = _frames_per_step(req)
    phases = req.phases
    job.frame_camera(phases[-1])
    for i, phase in enumerate(phases):
        if i > 0:
            for s in range(1, steps + 1):
                yield job.transition(phases[i - 1], phase, s / steps), phase
        frame = job.still(phase)
        for _ in range(hold):
            yield frame, phase


def _frames_per_step(req: ExportRequest) -> tuple[int, int]:
    """Frames of one docking animation and of one phase held still."""
    return int(req.dock_seconds * req.fps), max(1, int(req.hold * req.fps))


def animation_frame_count(req: ExportRequest) -> int:
    steps, hold = _frames_per_step(req)
    return len(req.phases) * hold + (len(req.phases) - 1) * steps


def animation_job(req: ExportRequest):
    if req.fmt == "mp4" and (req.width % 2 or req.height % 2):
        raise ExportError(
            f"{req.path}: H.264 needs an even width and height "
            f"({req.width}x{req.height})"
        )
    if req.transparent:
        raise ExportError(
            f"{req.path}: animations have an opaque background; untick transparency"
        )
    opts = PictureOptions(req.width, req.height, req.ssaa, False, "png", req.caption)
    check_destination(req.path)
    check_picture(opts, req.path, animation=req.fmt)  # the whole job's memory
    total = animation_frame_count(req)
    with FileSet() as files:
        tmp = files.stage(req.path, suffix=f".{req.fmt}")
        job = _Job(req)
        try:
            encode = _gif if req.fmt == "gif" else _mp4
            yield from encode(job, req, tmp, total, fps=req.fps)
        finally:
            job.close()
        written = files.commit()
    yield total + 1, total + 1, str(written[0])


def _with_caption(frame, req, phase):
    if not req.caption:
        return frame
    from PIL import Image

    from models3d.imaging import draw_caption

    img = Image.fromarray(frame, "RGBA")
    draw_caption(img, caption_lines(req.plan, phase, req.lang))
    return np.asarray(img)


def encode_frames(req: ExportRequest, tmp, frames, total: int, fps: float):
    """Stream another job's (RGBA frame, phase) pairs (a tour's) into `tmp` as a GIF
    or MP4 (`req.fmt`), with the assembly animation's checks; yields its progress."""
    encode = _gif if req.fmt == "gif" else _mp4
    yield from encode(None, req, tmp, total, frames, fps)


def _gif(job, req, tmp, total, frames=None, fps=ANIMATION_FPS):
    """Frames streamed into the GIF file; the file is walked once it is complete."""
    from models3d.gifwriter import GifStream, check_gif

    frames = animation_frames(job, req) if frames is None else frames
    try:
        with open(tmp, "wb") as out:
            gif = GifStream(out, req.width, req.height, round(1000 / fps))
            for n, (frame, phase) in enumerate(frames):
                gif.add(np.ascontiguousarray(_with_caption(frame, req, phase)[..., :3]))
                yield n + 1, total + 1, "frame"
            gif.close()
    except OSError as exc:
        raise write_error(req.path, exc) from exc
    problem = check_gif(tmp, req.width, req.height, min(gif.frames, len(req.phases)))
    if problem:
        raise ExportError(f"{req.path}: the GIF does not read back: {problem}")


def _mp4(job, req, tmp, total, frames=None, fps=ANIMATION_FPS):
    """Frames piped to ffmpeg (H.264); its exit status, its error output and a count
    of the frames in what it wrote decide whether the file is kept."""
    import imageio_ffmpeg

    frames = animation_frames(job, req) if frames is None else frames
    try:
        ffmpeg = imageio_ffmpeg.get_ffmpeg_exe()
    except RuntimeError:  # none bundled (as in the one-folder bundle), none on PATH
        raise ExportError(
            f"{req.path}: MP4 needs ffmpeg; install it (Debian: apt install ffmpeg) "
            "or set IMAGEIO_FFMPEG_EXE"
        ) from None
    cmd = [
        ffmpeg,
        "-nostdin",
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-s",
        f"{req.width}x{req.height}",
        "-r",
        str(fps),
        "-i",
        "pipe:0",
        "-an",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        "-crf",
        "10",
        "-movflags",
        "+faststart",
        "-f",
        "mp4",
        str(tmp),
    ]
    try:
        # a session of its own: a Ctrl+C in the terminal reaches this process only,
        # which stops ffmpeg itself after removing nothing it still writes to
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as exc:
        raise ExportError(
            f"{req.path}: ffmpeg cannot be started: {exc.strerror or exc}"
        ) from exc
    errors = StderrTail(proc.stderr)
    finished = False
    try:
        for n, (frame, phase) in enumerate(frames):
            rgb = np.ascontiguousarray(_with_caption(frame, req, phase)[..., :3])
            try:
                proc.stdin.write(rgb.data)
            except (BrokenPipeError, ValueError):
                break  # ffmpeg stopped: its exit status and message say why
            yield n + 1, total + 1, "frame"
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.close()
        code = proc.wait(timeout=600)
        finished = True
    finally:
        if not finished:
            proc.kill()
            proc.wait()
    verify_encoded(
        req.path, tmp, "ffmpeg", code, errors.text(), lambda p: _mp4_readback(p, total)
    )


def _mp4_readback(path, frames: int) -> str | None:
    import imageio_ffmpeg

    try:
        count, _secs = imageio_ffmpeg.count_frames_and_secs(str(path))
    except Exception as exc:  # imageio-ffmpeg raises RuntimeError/IOError variants
        return (
            str(exc).strip().splitlines()[0][:200]
            if str(exc).strip()
            else type(exc).__name__
        )
    if count != frames:
        return f"{count} frames instead of {frames}"
    return None


def make_job(req: ExportRequest):
    if req.fmt in ("gif", "mp4"):
        return animation_job(req)
    if req.fmt in SCENE_FORMATS:
        from models3d.scene_job import scene_job

        return scene_job(
            req.plan,
            req.phases,
            req.path,
            req.fmt,
            req.overrides,
            req.references,
            req.hidden,
        )
    return picture_job(req)


def run_job(job, on_file=None) -> None:
    last = None
    for _done, _total, what in job:
        if what not in ("frame", last) and on_file is not None:
            on_file(what)
        last = what
