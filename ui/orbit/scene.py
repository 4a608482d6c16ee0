"""The globe scene of one GL view (a window's or an off-screen one).

Items: the Earth with Russia's outline, the coverage band's parallels and 24 hours of
ground track (all Earth-fixed, turned by the sidereal angle), the orbit ring at its
inclination and altitude to scale, the station and the line down to the point below
it, and the Sun's direction with the day/night terminator. `show(PlanOrbit | None)`
swaps the plan's items; `set_time(seconds)` only moves transforms: no upload per
frame or per time step.

World frame: ECI (the Earth turns under a fixed orbit and Sun) or, with
`earth_fixed`, the Earth's own frame (the orbit and the Sun turn round it).
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pyqtgraph.opengl as gl
from OpenGL import GL

from models3d import coverage, sunlight
from models3d.orbit import RE_KM, sidereal_angle_rad
from models3d.orbit_map import BAND_LINES

from .clock import DAY_S, PlanOrbit
from .geometry import (
    SURFACE,
    basis_from_x,
    circle,
    outline_segments,
    parallel,
    ring_matrix,
    rot_z,
    strip_to_segments,
    thin,
    unit_vectors,
    with_colour,
)
from .items import EarthItem, LinesItem, qmatrix

RING_RGBA = (1.0, 0.78, 0.25, 0.95)
TRACK_RGBA = (0.35, 0.85, 1.0, 0.9)
RUSSIA_RGBA = (1.0, 0.50, 0.45, 0.9)
TERMINATOR_RGBA = (1.0, 0.88, 0.55, 0.55)
SUN_RGBA = (1.0, 0.86, 0.30, 0.95)
STATION_SUNLIT = (1.0, 0.30, 0.20, 1.0)
STATION_SHADOW = (0.55, 0.62, 0.78, 1.0)
SUN_DISTANCE = 1.8  # where the Sun marker sits, in Earth radii (not to scale)
SCENE_RADIUS = 2.2
TRACK_STEP_S = 30.0  # 230 km of track per segment: smooth at any zoom the view allows


@functools.cache
def russia_segments() -> np.ndarray:
    """Russia's outline on the sphere, thinned to 0.25 degree steps (a third of the
    1:50m outline's points, a pixel or less at the globe's sizes): every segment
    costs a software renderer about two microseconds a frame."""
    return outline_segments([thin(r, 0.25) for r in coverage.russia().rings])


class _Group(gl.GLGraphicsItem.GLGraphicsItem):
    """A transform shared by its children; draws nothing itself."""

    def paint(self):
        pass


class OrbitScene:
    """The globe items of one view, showing one PlanOrbit at one time."""

    def __init__(self, view):
        self.view = view
        self.shown: PlanOrbit | None = None
        self.seconds = 0.0
        self.earth_fixed = False
        self.earth_group = _Group()
        self.sun_group = _Group()
        self.earth = EarthItem()
        self.earth.setParentItem(self.earth_group)
        outline = russia_segments()
        self.russia = LinesItem(with_colour(outline, RUSSIA_RGBA), width=1.2)
        self.russia.setParentItem(self.earth_group)
        self.terminator = LinesItem(
            with_colour(_yz(circle(361, SURFACE)), TERMINATOR_RGBA),
            GL.GL_LINE_STRIP,
            width=1.5,
        )
        sun_line = np.array([[1.0, 0, 0], [SUN_DISTANCE - 0.08, 0, 0]])
        self.sun_line = LinesItem(with_colour(sun_line, SUN_RGBA), width=2.0)
        self.sun_point = LinesItem(
            with_colour(np.array([[SUN_DISTANCE, 0.0, 0.0]]), SUN_RGBA),
            GL.GL_POINTS,
            width=16.0,
            outline=(1.0, 1.0, 0.85, 0.35),
        )
        for item in (self.terminator, self.sun_line, self.sun_point):
            item.setParentItem(self.sun_group)
        self.ring = LinesItem(
            with_colour(circle(361), RING_RGBA), GL.GL_LINE_STRIP, width=2.0
        )
        self.static = [
            self.earth,
            self.russia,
            self.terminator,
            self.sun_line,
            self.sun_point,
            self.ring,
        ]
        self.plan_items: list[LinesItem] = []
        self.track = self.bands = self.station = None
        self.station_shadow = self.nadir = None
        self.station_group = _Group()
        for top in (self.earth_group, self.sun_group, self.ring, self.station_group):
            view.addItem(top)
        self.earth_group.setVisible(False)
        self.sun_group.setVisible(False)
        self.ring.setVisible(False)

    # ---- GL resources ------------------------------------------------------------

    def _items(self) -> list:
        return self.static + self.plan_items

    def _with_context(self, fn) -> None:
        if not self.view.isValid():
            return
        self.view.makeCurrent()
        try:
            fn()
        finally:
            self.view.doneCurrent()

    def upload(self) -> None:
        """Upload what is not yet (context current); nothing while no orbit is
        shown, so a globe that was never looked at costs no texture memory."""
        if self.shown is None:
            return
        for item in self._items():
            item.upload()

    def release(self) -> None:
        """Free every buffer and this view's share of the textures (context current)."""
        for item in self._items():
            item.release()

    def close(self) -> None:
        self._with_context(self.release)

    # ---- what is shown -----------------------------------------------------------

    def show(self, shown: PlanOrbit | None) -> None:
        """Show a plan's orbit (None: an empty globe-less view, for plans without
        one). Only the plan's own items (track, bands, station) are rebuilt."""
        same = (
            shown is not None
            and self.shown is not None
            and shown.params == self.shown.params
            and shown.date == self.shown.date
        )
        self.shown = shown
        if not same:
            self._rebuild_plan_items()
        visible = shown is not None
        for top in (self.earth_group, self.sun_group, self.ring, self.station_group):
            top.setVisible(visible)
        if visible:
            self.set_time(self.seconds)
        self.view.update()

    def _rebuild_plan_items(self) -> None:
        old = self.plan_items
        if old and any(item.uploaded for item in old):
            self._with_context(lambda: [item.release() for item in old])
        for item in old:
            item.setParentItem(None)
            if item in self.view.items:
                self.view.removeItem(item)
        self.plan_items = []
        if self.shown is None:
            return
        orbit = self.shown.orbit
        _, lat, lon = orbit.ground_track(0.0, DAY_S, step_s=TRACK_STEP_S)
        track = strip_to_segments(unit_vectors(lat, lon, SURFACE + 0.001))
        self.track = LinesItem(with_colour(track, TRACK_RGBA), width=1.4)
        top = orbit.max_geodetic_latitude_deg()
        limits = [top] + [coverage.widened_limit_deg(top, d) for d in (500, 1000, 1500)]
        self.earth.bands = tuple(math.sin(math.radians(x)) for x in limits)
        lines = []
        for limit, rgb in zip(limits, BAND_LINES, strict=True):
            if limit >= 89.9:
                continue
            rgba = (*(c / 255.0 for c in rgb), 0.85 if limit == top else 0.5)
            for sign in (1.0, -1.0):
                lines.append(
                    with_colour(strip_to_segments(parallel(sign * limit)), rgba)
                )
        self.bands = LinesItem(np.concatenate(lines) if lines else np.zeros((0, 7)))
        a = orbit.semi_major_km / RE_KM
        # station and nadir line in a frame whose x axis points at the station
        self.station = LinesItem(
            with_colour(np.array([[a, 0.0, 0.0]]), STATION_SUNLIT),
            GL.GL_POINTS,
            width=11.0,
            outline=(1.0, 1.0, 1.0, 1.0),
        )
        self.station_shadow = LinesItem(
            with_colour(np.array([[a, 0.0, 0.0]]), STATION_SHADOW),
            GL.GL_POINTS,
            width=11.0,
            outline=(1.0, 1.0, 1.0, 1.0),
        )
        nadir = np.array([[SURFACE, 0.0, 0.0], [a, 0.0, 0.0]])
        self.nadir = LinesItem(with_colour(nadir, (1.0, 1.0, 1.0, 0.8)), width=1.5)
        for item in (self.track, self.bands):
            item.setParentItem(self.earth_group)
        for item in (self.station, self.station_shadow, self.nadir):
            item.setParentItem(self.station_group)
        self.plan_items = [
            self.track,
            self.bands,
            self.station,
            self.station_shadow,
            self.nadir,
        ]

    # ---- time --------------------------------------------------------------------

    def set_time(self, seconds: float) -> None:
        """Move the Earth, ring, station and Sun to a time (no upload)."""
        self.seconds = float(seconds)
        if self.shown is None:
            return
        orbit = self.shown.orbit
        jd = float(orbit.jd(self.seconds))
        theta = float(sidereal_angle_rad(jd))
        world = rot_z(-theta) if self.earth_fixed else np.eye(4)
        self.earth_group.setTransform(qmatrix(world @ rot_z(theta)))
        self.ring.setTransform(qmatrix(world @ ring_matrix(orbit, self.seconds)))
        pos = orbit.position_eci(self.seconds)
        self.station_group.setTransform(qmatrix(world @ basis_from_x(pos)))
        sun = sunlight.sun_direction_eci(jd)
        self.sun_group.setTransform(qmatrix(world @ basis_from_x(sun)))
        # the Earth item lights itself in its own (Earth-fixed) frame
        self.earth.sun = (rot_z(-theta)[:3, :3] @ sun).astype(np.float32)
        self.track.emphasis = self._pass_range(orbit.nodal_period_s)
        light = sunlight.station_light(orbit, self.seconds)
        self.station.setVisible(not light.in_shadow)
        self.station_shadow.setVisible(light.in_shadow)
        self.view.update()

    def _pass_range(self, period_s: float) -> tuple[int, int]:
        """Vertices of the track from a third of an orbit ago to one orbit ahead
        (two per 20 s segment, in time order)."""
        segments = self.track.count // 2
        first = int(max(0.0, self.seconds - period_s / 3) // TRACK_STEP_S)
        last = int(min(segments, (self.seconds + period_s) // TRACK_STEP_S + 1))
        return 2 * first, 2 * max(0, last - first)

    # ---- queries (tests, camera) ---------------------------------------------------

    def world(self, item, local: np.ndarray) -> np.ndarray:
        """World coordinates of an item's local points (its parents' transforms too)."""
        m = np.eye(4)
        while item is not None:
            m = _matrix(item.transform()) @ m
            item = item.parentItem()
        pts = np.c_[np.asarray(local, dtype=float), np.ones(len(local))]
        return (pts @ m.T)[:, :3]

    def ring_points(self) -> np.ndarray:
        return self.world(self.ring, circle(361))

    def station_position(self) -> np.ndarray:
        a = self.shown.orbit.semi_major_km / RE_KM
        return self.world(self.station, np.array([[a, 0.0, 0.0]]))[0]

    def sun_direction(self) -> np.ndarray:
        return self.world(self.sun_group, np.array([[1.0, 0.0, 0.0]]))[0]


def _yz(points: np.ndarray) -> np.ndarray:
    """A circle of the xy-plane laid into the yz-plane (around the x axis)."""
    return points[:, [2, 0, 1]]


def _matrix(q) -> np.ndarray:
    return np.array(q.data(), dtype=np.float64).reshape(4, 4).T
