""" "Sun from orbit": the station view lit by the Sun as the station sees it at the
orbit position shown, with the Earth's glow from below and darkness in eclipse.

The mesh programs (ui.viewport.programs LIGHTING) draw studio lights unless their
`u_sunlit` uniform is 1. Programs are shared by every view of a share group, so the
light is set for one view only: `LightScope` puts a pair of items into that view's
item tree, one drawn before every module (after the sky) that sets the uniforms
for this frame, and one drawn after everything that sets them back. Views without
the pair (the compare window, exports) keep the studio lights. The light follows
the station's orbital frame, which is the app's station frame: +X along the
velocity, +Y the orbit normal (port), +Z up, away from the Earth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph.opengl as gl
from OpenGL import GL
from PySide6.QtCore import QObject, QTimer

from models3d import sunlight

from ..binding import Bindings
from ..viewport.programs import program
from ..viewport.shadows import DEFAULT_SUN
from .clock import OrbitClock
from .panel import OrbitCache

MESH_PROGRAMS = ("station", "station_shadowed", "imported")
SUN_RGB = np.array([1.0, 0.97, 0.92]) * 1.05
GLOW_RGB = np.array([0.55, 0.70, 1.0])  # sunlit cloud and ocean seen from 400 km
RIM_RGB = np.array([0.50, 0.62, 0.90])


@dataclass(frozen=True)
class Light:
    """Light in the station frame: directions are unit vectors towards the light."""

    sun_dir: np.ndarray
    sun_rgb: np.ndarray
    glow_dir: np.ndarray
    glow_rgb: np.ndarray
    ambient_rgb: np.ndarray
    rim_rgb: np.ndarray
    in_shadow: bool
    # the ground under the station: station frame -> Earth-fixed, and the height
    to_earth: np.ndarray | None = None
    altitude_km: float | None = None


def light_at(orbit, seconds: float) -> Light:
    """The station's light at a time of its orbit.

    In sunlight: the Sun at full strength, a dim ambient, and the Earth's glow from
    below as bright as the ground under the station is lit (the Sun's elevation
    there; a rough albedo of 0.3). In the Earth's shadow: no Sun, hardly any glow,
    and a dim blue fill and rim, so the shapes stay readable."""
    s = sunlight.station_light(orbit, seconds)
    ground = {"to_earth": s.to_earth, "altitude_km": float(orbit.altitude_km)}
    below = np.sin(np.radians(s.sun_elevation_below_deg))
    glow = 0.32 * float(np.clip(below + 0.1, 0.0, 1.0))
    if s.in_shadow:
        return Light(
            s.sun_local,
            np.zeros(3),
            np.array([0.0, 0.0, -1.0]),
            GLOW_RGB * 0.02,
            np.array([0.11, 0.12, 0.16]),
            RIM_RGB * 0.22,
            True,
            **ground,
        )
    return Light(
        s.sun_local,
        SUN_RGB,
        np.array([0.0, 0.0, -1.0]),
        GLOW_RGB * glow,
        np.array([0.05, 0.055, 0.07]),
        RIM_RGB * 0.12,
        False,
        **ground,
    )


def _view_rotation(view) -> np.ndarray:
    m = np.array(view.viewMatrix().data(), dtype=np.float64).reshape(4, 4).T
    return m[:3, :3]


def _colours(light: Light) -> dict[str, np.ndarray]:
    return {
        "u_sun_rgb": light.sun_rgb,
        "u_glow_rgb": light.glow_rgb,
        "u_ambient_rgb": light.ambient_rgb,
        "u_rim_rgb": light.rim_rgb,
    }


class _LightItem(gl.GLGraphicsItem.GLGraphicsItem):
    """Sets the mesh programs' light uniforms for the frame being drawn."""

    def __init__(self, scope: LightScope, begin: bool):
        super().__init__()
        self.scope = scope
        self.begin = begin
        self.setDepthValue(-999_000 if begin else 1e12)

    def paint(self):
        light = self.scope.light() if self.begin else None
        values = {}
        if light is not None:
            rot = _view_rotation(self.view())
            colours = _colours(light)
            values = {
                "u_sun_dir": rot @ light.sun_dir,
                "u_glow_dir": rot @ light.glow_dir,
                **colours,
                # the station programs light in linear light: their colours raised
                **{
                    k.replace("_rgb", "_lin"): np.maximum(v, 0.0) ** 2.2
                    for k, v in colours.items()
                },
            }
        for name in MESH_PROGRAMS:
            prog, loc = program(name)
            GL.glUseProgram(prog)
            GL.glUniform1f(loc["u_sunlit"], 1.0 if light is not None else 0.0)
            for key, value in values.items():
                if key in loc:  # each program has the uniforms it reads
                    GL.glUniform3f(loc[key], *value)
        GL.glUseProgram(0)


def aim_shadows(shadows, light: Light | None) -> None:
    """Point a shadow map at the light's Sun (the studio Sun without one). The Sun
    moves about 4 degrees a minute of orbit: steps of a quarter degree keep a playing
    clock from drawing the map again every frame."""
    if light is None:
        shadows.set_sun(DEFAULT_SUN)
        return
    d = np.asarray(light.sun_dir, dtype=np.float64)
    step = np.radians(0.25)
    el = np.round(np.arcsin(np.clip(d[2], -1.0, 1.0)) / step) * step
    az = np.round(np.arctan2(d[1], d[0]) / step) * step
    shadows.set_sun((np.cos(el) * np.cos(az), np.cos(el) * np.sin(az), np.sin(el)))


class LightScope:
    """The pair of items that lights one view with `light()` (None: studio)."""

    def __init__(self, light):
        self.light = light
        self.items = (_LightItem(self, True), _LightItem(self, False))
        self.view = None

    def attach(self, view) -> None:
        if view is self.view:
            return
        self.detach()
        for item in self.items:
            view.addItem(item)
        self.view = view

    def detach(self) -> None:
        view, self.view = self.view, None
        if view is None:
            return
        try:
            for item in self.items:
                if item in view.items:
                    view.removeItem(item)
        except RuntimeError:
            pass  # the view's C++ object is gone, and the items with it


class StationSunlight(QObject):
    """The window's "Sun from orbit" switch: lights `window.view` from the window's
    orbit clock and the model's plan; follows the view when the window replaces it
    (anti-aliasing on or off)."""

    def __init__(self, window, clock: OrbitClock):
        super().__init__(window)
        self.window = window
        self.clock = clock
        self.on = False
        self.cache = OrbitCache()
        self.scope = LightScope(self.current_light)
        clock.time_changed.connect(self._redraw)
        clock.date_changed.connect(self._redraw)
        self.bindings = Bindings(self)
        self.bindings.connect(window.model.plan_changed, self._redraw)
        self.bindings.connect(window.model.option_changed, self._on_option)

    def available(self) -> bool:
        return self.cache.get(self.window.model.plan, self.clock.date) is not None

    def current_light(self) -> Light | None:
        if not self.on:
            return None
        shown = self.cache.get(self.window.model.plan, self.clock.date)
        if shown is None:
            return None
        return light_at(shown.orbit, self.clock.seconds)

    def set_on(self, on: bool) -> None:
        self.on = bool(on)
        if self.on:
            self.scope.attach(self.window.view)
        else:
            self.scope.detach()
        self._aim_shadows()
        self.window.view.update()

    def _redraw(self, *_) -> None:
        if self.on:
            self.scope.attach(self.window.view)
            self._aim_shadows()
            self.window.view.update()

    def _aim_shadows(self) -> None:
        """The station's shadows fall from the Sun that lights it."""
        light = self.current_light()
        aim_shadows(self.window.scene.shadows, light)

    def add_to_export(self, req) -> None:
        """A picture of the view keeps its light (ui.controllers.exports)."""
        req.light = self.current_light()

    def _on_option(self, name: str, _value) -> None:
        if name == "antialiasing":
            # the window makes its new view after this event: follow it then
            QTimer.singleShot(0, self._redraw)

    def close(self) -> None:
        self.bindings.release()
        self.scope.detach()
