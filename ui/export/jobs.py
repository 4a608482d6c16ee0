"""Export jobs shared by the app and the command line.

Each job is a generator: it yields (done, total, message) after every picture or frame,
so the app can show progress, keep its window responsive and cancel between steps (the
generator is closed, and nothing partial is left: files are written to temporary names
and renamed at the end). `run_job` drives one to completion for the command line.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from models3d.imaging import (ExportError, PictureOptions, _umask, check_destination,
                              check_picture, save_picture)
from models3d.plan import Plan, text

from .offscreen import StationRenderer

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
    camera: tuple | None = None  # (center, distance, elevation, azimuth); None: fit, iso
    animate_docking: bool = False  # for numbered stills: no; animations always animate
    overrides: dict = field(default_factory=dict)  # module id -> ImportedMesh
    references: dict = field(default_factory=dict)  # reference id -> ReferenceModel


def caption_lines(plan: Plan, phase: int, lang: str = "en") -> list[str]:
    ph = plan.phases[phase]
    outlets = []
    for sid in ph.sources:
        src = plan.sources.get(sid)
        if src and src.outlet not in outlets:
            outlets.append(src.outlet)
    lines = [f"{text(plan.title, lang)} — phase {phase + 1}/{len(plan.phases)}: "
             f"{text(ph.name, lang)} ({ph.date_label()})"]
    if plan.interpretation:
        lines.append("Layout: an interpretation; no source gives port-by-port assignments")
    lines.append(f"Sources: {', '.join(outlets)} ({', '.join(ph.sources)}) · ROSS Explorer")
    return lines


def numbered(path: Path, phase: int, count: int) -> Path:
    width = max(2, len(str(count)))
    return path.with_name(f"{path.stem}_{phase + 1:0{width}d}{path.suffix}")


class _Job:
    def __init__(self, req: ExportRequest):
        self.req = req
        self.renderer = StationRenderer(req.plan, req.overrides, req.references)
        self.written: list[Path] = []

    def frame_camera(self, phase: int):
        r = self.req
        if r.camera is not None:
            self.renderer.view.set_size(r.width, r.height)
            self.renderer.set_camera(r.camera)
        else:
            self.renderer.fit(r.width, r.height, "iso", phase=phase)

    def picture(self, phase: int) -> np.ndarray:
        r = self.req
        self.renderer.set_phase(phase, r.mode, r.hidden)
        return self.renderer.picture(r.width, r.height, r.ssaa, r.transparent)

    def close(self):
        self.renderer.close()


def picture_job(req: ExportRequest):
    """One picture per requested phase (numbered when more than one)."""
    opts = PictureOptions(req.width, req.height, req.ssaa, req.transparent, req.fmt,
                          req.caption)
    check_destination(req.path)
    check_picture(opts, req.path)
    job = _Job(req)
    try:
        total = len(req.phases)
        # one camera for a series, framed on its last phase, so phases line up
        job.frame_camera(req.phases[-1])
        for n, phase in enumerate(req.phases):
            px = job.picture(phase)
            path = req.path if total == 1 else numbered(req.path, phase, len(req.plan.phases))
            lines = caption_lines(req.plan, phase) if req.caption else None
            job.written.append(save_picture(px, path, opts, lines))
            yield n + 1, total, str(path)
    finally:
        job.close()


def animation_frames(job: _Job, req: ExportRequest):
    """(frame RGBA, phase) for the whole assembly with docking animations."""
    scene = job.renderer.scene
    steps = int(STEP_SECONDS * ANIMATION_FPS)
    hold = max(1, int(HOLD_SECONDS * ANIMATION_FPS))
    phases = req.phases
    job.frame_camera(phases[-1])
    for i, phase in enumerate(phases):
        if i > 0:
            for s in range(1, steps + 1):
                scene.show_transition_frame(phases[i - 1], phase, s / steps)
                yield job.renderer.picture(req.width, req.height, req.ssaa, False), phase
        job.renderer.set_phase(phase, req.mode, req.hidden)
        frame = job.renderer.picture(req.width, req.height, req.ssaa, False)
        for _ in range(hold):
            yield frame, phase


def animation_frame_count(req: ExportRequest) -> int:
    steps = int(STEP_SECONDS * ANIMATION_FPS)
    hold = max(1, int(HOLD_SECONDS * ANIMATION_FPS))
    return len(req.phases) * hold + (len(req.phases) - 1) * steps


def animation_job(req: ExportRequest):
    if req.fmt == "mp4" and (req.width % 2 or req.height % 2):
        raise ExportError(f"{req.path}: H.264 needs an even width and height "
                          f"({req.width}x{req.height})")
    if req.transparent:
        raise ExportError(f"{req.path}: animations have an opaque background; "
                          "untick transparency")
    opts = PictureOptions(req.width, req.height, req.ssaa, False, "png", req.caption)
    check_destination(req.path)
    check_picture(opts, req.path)
    total = animation_frame_count(req)
    job = _Job(req)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{req.path.name}.",
                                   suffix=f".part.{req.fmt}", dir=req.path.parent)
    except OSError as exc:
        raise ExportError(f"{req.path}: cannot create a file in {req.path.parent}: "
                          f"{exc.strerror or exc}") from exc
    os.close(fd)
    done = False
    try:
        if req.fmt == "gif":
            yield from _gif(job, req, tmp, total)
        else:
            yield from _mp4(job, req, tmp, total)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, req.path)  # same folder: the finished file appears at once
        job.written.append(req.path)
        done = True
        yield total, total, str(req.path)
    except OSError as exc:
        raise ExportError(f"{req.path}: cannot write: {exc.strerror or exc}") from exc
    finally:
        job.close()
        if not done and os.path.exists(tmp):
            os.unlink(tmp)


def _with_caption(frame, req, phase):
    if not req.caption:
        return frame
    from PIL import Image

    from models3d.imaging import draw_caption

    img = Image.fromarray(frame, "RGBA")
    draw_caption(img, caption_lines(req.plan, phase))
    return np.asarray(img)


def _gif(job, req, tmp, total):
    from PIL import Image

    frames = []
    for n, (frame, phase) in enumerate(animation_frames(job, req)):
        rgb = Image.fromarray(_with_caption(frame, req, phase), "RGBA").convert("RGB")
        frames.append(rgb.quantize(colors=255, method=Image.Quantize.MEDIANCUT,
                                   dither=Image.Dither.NONE))
        yield n + 1, total + 1, "frame"
    frames[0].save(tmp, format="GIF", save_all=True, append_images=frames[1:],
                   duration=int(1000 / ANIMATION_FPS), loop=0, disposal=1)


def _mp4(job, req, tmp, total):
    import imageio_ffmpeg

    writer = imageio_ffmpeg.write_frames(
        tmp, (req.width, req.height), fps=ANIMATION_FPS, codec="libx264",
        pix_fmt_in="rgb24", pix_fmt_out="yuv420p", quality=8, macro_block_size=2,
        output_params=["-movflags", "+faststart"], ffmpeg_log_level="error")
    writer.send(None)
    try:
        for n, (frame, phase) in enumerate(animation_frames(job, req)):
            rgb = np.ascontiguousarray(_with_caption(frame, req, phase)[..., :3])
            writer.send(rgb)
            yield n + 1, total + 1, "frame"
    finally:
        writer.close()


def scene_job(req: ExportRequest):
    """3D files (GLB/OBJ/STL) of the requested phases: Qt-free, see models3d.scene_export."""
    from models3d.scene_export import export_phases

    yield from export_phases(req.plan, req.phases, req.path, req.fmt,
                             overrides=req.overrides, references=req.references,
                             hidden=req.hidden)


def make_job(req: ExportRequest):
    if req.fmt in ("gif", "mp4"):
        return animation_job(req)
    if req.fmt in ("glb", "obj", "stl"):
        return scene_job(req)
    return picture_job(req)


def run_job(job, on_file=None) -> None:
    last = None
    for done, total, what in job:
        if what not in ("frame", last) and on_file is not None:
            on_file(what)
        last = what
