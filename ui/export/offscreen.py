"""Off-screen rendering of the station at any size, in tiles, with supersampling.

`StationRenderer` owns an off-screen OpenGL context (sharing programs with the windows)
and its own station scene, so the command line and the app export through exactly the
same code and get the same pixels for the same inputs. Pictures larger than one
framebuffer tile are drawn tile by tile: each tile gets its share of the full frustum
(pyqtgraph's region/viewport), so the tiles join without seams.

Two ways to get a context, chosen when the view is made: with a window system, a Qt
context on a QOffscreenSurface that shares programs with the app's windows; on Qt's
`offscreen` platform (no X server, `main.py export` on a server), a surfaceless EGL
context (ui.export.egl). Both draw the same items into the same raw framebuffer
objects with the same blits, so they give the same pixels.
"""

from __future__ import annotations

import itertools

import numpy as np
from OpenGL import GL
from pyqtgraph.opengl.GLViewWidget import GLViewMixin
from PySide6.QtCore import QObject
from PySide6.QtGui import (
    QGuiApplication,
    QOffscreenSurface,
    QOpenGLContext,
    QSurfaceFormat,
)

from models3d.export_options import ShotRequest
from models3d.imaging import ExportError, unpremultiply
from models3d.plan import Plan
from models3d.viewer_model import ViewerModel

from ..overlays.labels import draw_picture_overlays
from ..scene import SELECT_TINT, StationScene
from ..viewport.camera import CameraMixin
from ..viewport.items import SkyItem
from .backdrop import EarthLimbItem, plan_altitude_km

TILE = 4096
SPACE_RGBA = (6 / 255, 9 / 255, 20 / 255, 1.0)


class QtContext:
    """A Qt context on an off-screen surface, sharing programs with the windows."""

    def __init__(self):
        fmt = QSurfaceFormat.defaultFormat()
        fmt.setSamples(0)
        self.surface = QOffscreenSurface()
        self.surface.setFormat(fmt)
        self.surface.create()
        self.ctx = QOpenGLContext()
        self.ctx.setFormat(fmt)
        share = QOpenGLContext.globalShareContext()
        if share is not None:
            self.ctx.setShareContext(share)
        if not self.ctx.create():
            raise ExportError(
                "cannot create an OpenGL context for off-screen rendering"
            )

    def make_current(self) -> bool:
        return self.ctx.makeCurrent(self.surface)

    def done_current(self) -> None:
        self.ctx.doneCurrent()

    def qt_context(self):
        return self.ctx

    def release(self) -> None:
        """Delete the context, then its surface, now: left to the garbage collector the
        context can go after its surface (seen to hang or crash at exit)."""
        import shiboken6

        ctx, self.ctx = self.ctx, None
        if ctx is not None and shiboken6.isValid(ctx):
            if QOpenGLContext.currentContext() is ctx:
                ctx.doneCurrent()
            shiboken6.delete(ctx)
        surface, self.surface = self.surface, None
        if surface is not None and shiboken6.isValid(surface):
            surface.destroy()
            shiboken6.delete(surface)


def make_context():
    """The context for off-screen pictures: Qt's where Qt has OpenGL, else EGL."""
    from .egl import HEADLESS_PLATFORMS, EglContext

    if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
        return EglContext()
    return QtContext()


class Framebuffer:
    """A framebuffer object with an RGBA8 colour buffer and, for the tile that is drawn
    into, a depth-stencil buffer (as QOpenGLFramebufferObject's CombinedDepthStencil),
    in raw GL so that it needs no QOpenGLContext. Made and freed with the context
    current."""

    def __init__(self, width: int, height: int, depth: bool):
        self.size = (width, height)
        self.fbo = int(GL.glGenFramebuffers(1))
        self.buffers = [
            int(b) for b in np.atleast_1d(GL.glGenRenderbuffers(2 if depth else 1))
        ]
        GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, self.fbo)
        attach = (
            (GL.GL_RGBA8, GL.GL_COLOR_ATTACHMENT0),
            (GL.GL_DEPTH24_STENCIL8, GL.GL_DEPTH_STENCIL_ATTACHMENT),
        )
        for rb, (fmt, point) in zip(
            self.buffers, attach[: len(self.buffers)], strict=True
        ):
            GL.glBindRenderbuffer(GL.GL_RENDERBUFFER, rb)
            GL.glRenderbufferStorage(GL.GL_RENDERBUFFER, fmt, width, height)
            GL.glFramebufferRenderbuffer(
                GL.GL_FRAMEBUFFER, point, GL.GL_RENDERBUFFER, rb
            )
        GL.glBindRenderbuffer(GL.GL_RENDERBUFFER, 0)
        status = GL.glCheckFramebufferStatus(GL.GL_FRAMEBUFFER)
        GL.glGetError()  # an allocation failure shows as an incomplete framebuffer
        if status != GL.GL_FRAMEBUFFER_COMPLETE:
            self.delete()
            raise ExportError(
                f"the graphics driver refused a {width}x{height} framebuffer"
            )

    def bind(self) -> None:
        GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, self.fbo)

    def blit_half(self, dst: Framebuffer, w: int, h: int) -> None:
        """The w x h corner of this buffer averaged 2:1 into dst (a linear blit)."""
        GL.glBindFramebuffer(GL.GL_READ_FRAMEBUFFER, self.fbo)
        GL.glBindFramebuffer(GL.GL_DRAW_FRAMEBUFFER, dst.fbo)
        GL.glBlitFramebuffer(
            0, 0, w, h, 0, 0, w // 2, h // 2, GL.GL_COLOR_BUFFER_BIT, GL.GL_LINEAR
        )

    def delete(self) -> None:
        GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, 0)
        if self.fbo:
            GL.glDeleteFramebuffers(1, [self.fbo])
            GL.glDeleteRenderbuffers(len(self.buffers), self.buffers)
        self.fbo = 0


class OffscreenView(CameraMixin, GLViewMixin, QObject):
    """A GLViewMixin host without a window: an off-screen context (Qt's or EGL's)."""

    def __init__(self):
        super().__init__(rotationMethod="euler")
        self.gl = make_context()
        self._size = (1920, 1080)
        self.before_paint = None
        self.gl_cleanup = None
        self.sky = SkyItem()
        self.addItem(self.sky)
        self.limb = EarthLimbItem()  # background "earth"
        self.limb.setVisible(False)
        self.addItem(self.limb)
        self.setBackgroundColor(SPACE_RGBA)

    # the parts of QWidget/QOpenGLWidget that GLViewMixin and the items use
    def width(self) -> int:
        return self._size[0]

    def height(self) -> int:
        return self._size[1]

    def devicePixelRatioF(self) -> float:
        return 1.0

    def update(self) -> None:
        pass

    def isValid(self) -> bool:
        return True

    def context(self):
        return self.gl.qt_context()

    def makeCurrent(self) -> None:
        if not self.gl.make_current():
            raise ExportError("cannot make the off-screen OpenGL context current")

    def doneCurrent(self) -> None:
        self.gl.done_current()

    def set_size(self, width: int, height: int) -> None:
        self._size = (int(width), int(height))

    def render(
        self,
        width: int,
        height: int,
        ssaa: int = 1,
        transparent: bool = False,
        tile: int = TILE,
        background="sky",
    ) -> np.ndarray:
        """RGBA pixels (height, width, 4) of the scene with the current camera, over
        the sky, the Earth ("earth"), a plain (r, g, b) background or (transparent)
        nothing."""
        self.set_size(width, height)
        big_w, big_h = width * ssaa, height * ssaa
        earth = not transparent and background == "earth"
        plain = not transparent and not earth and background != "sky"
        self.sky.setVisible(not transparent and not plain and not earth)
        self.limb.setVisible(earth)
        self.sky.point_scale = ssaa * max(1.0, height / 1080)
        if transparent:
            self.setBackgroundColor((0, 0, 0, 0))
        elif plain:
            self.setBackgroundColor((*background, 255))  # mkColor takes 0-255
        else:
            self.setBackgroundColor(SPACE_RGBA)
        out = np.empty((height, width, 4), dtype=np.uint8)
        self.makeCurrent()
        fbos = []
        try:
            if self.before_paint is not None:
                self.before_paint()
            tw, th = min(tile, big_w), min(tile, big_h)
            # the tile, then a chain of half-size targets: each 2:1 linear blit averages
            # 2x2 pixels exactly, so 2x and 4x supersampling are true box filters
            sizes = [(tw, th)]
            k = ssaa
            while k > 1:
                sizes.append((sizes[-1][0] // 2, sizes[-1][1] // 2))
                k //= 2
            for i, (w_, h_) in enumerate(sizes):
                fbos.append(Framebuffer(w_, h_, depth=i == 0))
            for ty in range(0, big_h, th):
                for tx in range(0, big_w, tw):
                    cw, ch = min(tw, big_w - tx), min(th, big_h - ty)
                    fbos[0].bind()
                    GL.glViewport(0, 0, cw, ch)
                    self.paint(
                        region=(tx, big_h - ty - ch, cw, ch),
                        viewport=(0, 0, big_w, big_h),
                    )
                    w_, h_ = cw, ch
                    for src, dst in itertools.pairwise(fbos):
                        src.blit_half(dst, w_, h_)
                        w_, h_ = w_ // 2, h_ // 2
                    fbos[-1].bind()
                    GL.glPixelStorei(GL.GL_PACK_ALIGNMENT, 1)
                    raw = GL.glReadPixels(0, 0, w_, h_, GL.GL_RGBA, GL.GL_UNSIGNED_BYTE)
                    px = np.frombuffer(raw, dtype=np.uint8).reshape(h_, w_, 4)[::-1]
                    y0, x0 = ty // ssaa, tx // ssaa
                    out[y0 : y0 + h_, x0 : x0 + w_] = px
            err = GL.glGetError()
            if err != GL.GL_NO_ERROR:
                raise ExportError(
                    f"OpenGL error {err:#x} while rendering {width}x{height}"
                )
        finally:
            for fbo in fbos:
                fbo.delete()
            fbos.clear()
            self.doneCurrent()
        return unpremultiply(out) if transparent else out


class StationRenderer:
    """The station of a plan drawn off-screen, through its own ViewerModel: phase,
    display mode, hidden modules, imported meshes, reference models and camera."""

    def __init__(
        self, plan: Plan, overrides: dict | None = None, references: dict | None = None
    ):
        self.model = ViewerModel(plan)
        for mid, imported in (overrides or {}).items():
            self.model.set_override(mid, imported)
        for ref in (references or {}).values():
            self.model.set_reference(ref)
        # pictures start clean: the scale bar (on in the view) only when asked for
        self.model.set_overlay("scale_bar", False)
        self.view = OffscreenView()
        self.scene = StationScene(self.view, self.model, interactive=False)
        self.highlight: tuple[str, ...] = ()  # tinted as the app tints a selection

    @property
    def plan(self) -> Plan:
        return self.model.plan

    def set_phase(self, phase: int, mode: str = "solid", hidden=()) -> None:
        self.model.set_hidden_modules(hidden)
        self.model.set_phase(phase)
        self.model.set_mode(mode)

    def set_camera(self, camera) -> None:
        self.view.set_camera(*camera)

    def set_light(self, light) -> None:
        """Light the station as "Sun from orbit" does (a ui.orbit.sunlit.Light): its
        Sun, the Earth's glow, shadows from that Sun, and the ground really under
        the station behind it (background "earth")."""
        from ..orbit.sunlit import LightScope, aim_shadows

        self._light_scope = LightScope(lambda: light)
        self._light_scope.attach(self.view)
        aim_shadows(self.scene.shadows, light)
        self.view.limb.set_ground(light.to_earth, light.altitude_km)

    def set_quality(self, quality: str) -> None:
        """ "standard" or "press" (ui.viewport.shadows.QUALITY)."""
        self.scene.shadows.set_quality(quality)

    def set_overlays(self, overlays: dict) -> None:
        """Module labels and the view aids as the app's view shows them: {"labels":
        bool, and any of models3d.viewer_model.OVERLAYS: bool}. Pictures draw the
        labels, the person and the ISS outline when on."""
        for name, on in overlays.items():
            if name == "labels":
                self.model.set_labels(on)
            else:
                self.model.set_overlay(name, on)

    def fit(self, width: int, height: int, preset: str = "iso", phase=None) -> tuple:
        """Frame the station (of `phase`, default the shown one) at the picture's
        aspect."""
        self.view.set_size(width, height)
        if phase is not None:
            pts = self.model.fit_points(None, phase)
            from ..viewport.camera import PRESETS

            el, az = PRESETS[preset]
            self.view.fit(pts, elevation=el, azimuth=az)
        else:
            self.view.view_preset(preset)
        return self.view.camera_state()

    def frame(self, shot: ShotRequest, width: int, height: int, phase: int) -> tuple:
        """Place the camera as the command line's options ask (see ShotRequest) for a
        picture of this size showing `phase`; returns the camera state."""
        view = self.view
        view.set_size(width, height)
        if shot.saved is not None:
            saved = shot.saved
            view.opts["fov"] = saved.fov
            el = saved.elevation if shot.elevation is None else shot.elevation
            az = saved.azimuth if shot.azimuth is None else shot.azimuth
            view.set_camera(
                np.asarray(saved.center, dtype=np.float64), saved.distance, el, az
            )
            distance = saved.distance
        else:
            from ..viewport.camera import PRESETS

            el, az = PRESETS[shot.view]
            el = el if shot.elevation is None else shot.elevation
            az = az if shot.azimuth is None else shot.azimuth
            pts = self.model.fit_points(shot.target, phase)
            # a module is framed with room around it, as Fit selected does
            view.fit(pts, elevation=el, azimuth=az, margin=1.6 if shot.target else 1.06)
            distance = view.opts["distance"]
        if shot.distance is not None:
            distance = shot.distance
        if shot.zoom is not None:
            distance = distance / shot.zoom
        # the distance asked for, not clamped to the interactive view's zoom limits
        view.opts["distance"] = float(distance)
        return view.camera_state()

    def picture(
        self,
        width: int,
        height: int,
        ssaa: int = 1,
        transparent: bool = False,
        background="sky",
        caption: bool = False,
    ) -> np.ndarray:
        """The picture with its overlays; `caption`: one will be printed at the
        bottom left (the scale bar keeps clear of it)."""
        self._apply_highlight()
        if background == "earth":
            if self.view.limb.ground is None:
                self.view.limb.altitude_km = plan_altitude_km(self.plan)
            self.view.limb.sun = self.scene.shadows.sun
        px = self.view.render(width, height, ssaa, transparent, background=background)
        return draw_picture_overlays(
            px, self.view, self.model, self.scene, caption=caption
        )

    def _apply_highlight(self) -> None:
        """Highlighted modules look selected: the selection tint, opaque in x-ray."""
        for mid in self.highlight:
            item = self.scene.items.get(mid)
            if item is not None:
                item.tint = SELECT_TINT
                item.alpha = 1.0  # drawn with the opaque ones (scene._order_for_depth)

    def close(self) -> None:
        self.scene.close()
        if self.view.limb.holds_texture:
            self.view.makeCurrent()
            try:
                self.view.limb.release()
            finally:
                self.view.doneCurrent()
        self.view.gl.release()  # the context before its surface, while the display is up
