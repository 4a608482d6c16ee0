"""Pictures of the orbit: the globe rendered off-screen (the export renderer's
OffscreenView with its own OrbitScene, so tiles, supersampling, transparency and
captions work as for the station) and the world map (models3d.orbit_map, the same
picture `orbit --map` writes), both saved through models3d.imaging.

Jobs are generators like ui.export.jobs: they yield (done, total, path) and leave
nothing behind when they fail or are closed."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shiboken6

from models3d.imaging import (
    ExportError,
    PictureOptions,
    check_destination,
    check_picture,
    save_picture,
)
from models3d.orbit_map import render_map
from models3d.plan import text

from ..export.offscreen import OffscreenView
from .clock import PlanOrbit
from .scene import SCENE_RADIUS, OrbitScene
from .view import frame_camera


@dataclass
class OrbitPictureRequest:
    """A picture of a plan's orbit at one moment: "globe" or "map"."""

    what: str
    plan: object
    shown: PlanOrbit
    seconds: float
    path: Path
    fmt: str = "png"
    width: int = 1920
    height: int = 1080  # the globe's; the map is width x width/2 plus its legend
    ssaa: int = 1
    transparent: bool = False
    caption: bool = False
    camera: tuple | None = None  # the globe's (center, distance, elevation, azimuth)
    earth_fixed: bool = False
    language: str = "en"


class OrbitRenderer:
    """The globe of one orbit drawn off-screen at any size."""

    def __init__(self):
        self.view = OffscreenView()
        self.view.set_scene_sphere(np.zeros(3), SCENE_RADIUS)
        self.scene = OrbitScene(self.view)

    def show(self, shown: PlanOrbit, seconds: float, earth_fixed: bool = False):
        self.scene.earth_fixed = earth_fixed
        self.scene.seconds = seconds
        self.scene.show(shown)

    def picture(
        self,
        width: int,
        height: int,
        ssaa: int = 1,
        transparent=False,
        camera: tuple | None = None,
    ) -> np.ndarray:
        self.view.set_size(width, height)
        if camera is None:
            frame_camera(self.view, self.scene)
        else:
            self.view.set_camera(*camera)
        self.view.before_paint = self.scene.upload
        return self.view.render(width, height, ssaa, transparent)

    def close(self) -> None:
        self.view.makeCurrent()
        try:
            self.scene.release()
        finally:
            self.view.doneCurrent()
        # The context goes now, before its surface: left to the garbage collector,
        # the two die in any order, and a context destroyed after its surface hung or
        # crashed this process in about one run in ten.
        ctx = self.view.context()
        if ctx is not None and shiboken6.isValid(ctx):
            shiboken6.delete(ctx)


def caption_lines(req: OrbitPictureRequest) -> list[str]:
    p = req.shown.params
    moment = req.shown.orbit.epoch.timestamp() + req.seconds
    when = _dt.datetime.fromtimestamp(moment, _dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    assumed = " (assumed)" if p.altitude_assumed else ""
    return [
        f"{text(req.plan.title, req.language)}: orbit {p.inclination_deg:g}°, "
        f"{p.altitude_km:g} km{assumed}, {when}",
        "Earth: NASA Blue Marble Next Generation and Earth's City Lights; outline: "
        "Natural Earth 4.1.0 · ROSS Explorer",
    ]


def globe_job(req: OrbitPictureRequest):
    opts = PictureOptions(
        req.width, req.height, req.ssaa, req.transparent, req.fmt, req.caption
    )
    check_destination(req.path)
    check_picture(opts, req.path)
    renderer = OrbitRenderer()
    try:
        renderer.show(req.shown, req.seconds, req.earth_fixed)
        px = renderer.picture(
            req.width, req.height, req.ssaa, req.transparent, req.camera
        )
        lines = caption_lines(req) if req.caption else None
        save_picture(px, req.path, opts, lines)
        yield 1, 1, str(req.path)
    finally:
        renderer.close()


def map_job(req: OrbitPictureRequest):
    check_destination(req.path)
    height = req.width // 2
    check_picture(PictureOptions(req.width, height, 1, False, req.fmt), req.path)
    p = req.shown.params
    title = (
        f"{text(req.plan.title, req.language)}: inclination {p.inclination_deg:g}°, "
        f"altitude {p.altitude_km:g} km"
    )
    picture = render_map(p, req.shown.date, width=req.width, title=title)
    rgba = np.asarray(picture.convert("RGBA"))
    opts = PictureOptions(rgba.shape[1], rgba.shape[0], 1, False, req.fmt)
    save_picture(rgba, req.path, opts)
    yield 1, 1, str(req.path)


def make_job(req: OrbitPictureRequest):
    if req.what == "globe":
        return globe_job(req)
    if req.what == "map":
        return map_job(req)
    raise ExportError(f"unknown orbit picture '{req.what}' (globe or map)")
