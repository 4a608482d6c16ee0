"""Off-screen rendering of the station at any size, in tiles, with supersampling.

`StationRenderer` owns an off-screen OpenGL context (sharing programs with the windows)
and its own station scene, so the command line and the app export through exactly the
same code and get the same pixels for the same inputs. Pictures larger than one
framebuffer tile are drawn tile by tile: each tile gets its share of the full frustum
(pyqtgraph's region/viewport), so the tiles join without seams.
"""

from __future__ import annotations

import numpy as np
from OpenGL import GL
from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QOffscreenSurface, QOpenGLContext, QSurfaceFormat
from PySide6.QtOpenGL import QOpenGLFramebufferObject
from pyqtgraph.opengl.GLViewWidget import GLViewMixin

from models3d.imaging import ExportError, unpremultiply
from models3d.plan import Plan
from models3d.viewer_model import ViewerModel

from ..overlays.labels import draw_picture_overlays
from ..scene import StationScene
from ..viewport.camera import CameraMixin
from ..viewport.items import SkyItem

TILE = 4096
SPACE_RGBA = (6 / 255, 9 / 255, 20 / 255, 1.0)


class OffscreenView(CameraMixin, GLViewMixin, QObject):
    """A GLViewMixin host without a window: an off-screen surface and context."""

    def __init__(self):
        super().__init__(rotationMethod="euler")
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
            raise ExportError("cannot create an OpenGL context for off-screen rendering")
        self._size = (1920, 1080)
        self.before_paint = None
        self.gl_cleanup = None
        self.sky = SkyItem()
        self.addItem(self.sky)
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
        return self.ctx

    def makeCurrent(self) -> None:
        if not self.ctx.makeCurrent(self.surface):
            raise ExportError("cannot make the off-screen OpenGL context current")

    def doneCurrent(self) -> None:
        self.ctx.doneCurrent()

    def set_size(self, width: int, height: int) -> None:
        self._size = (int(width), int(height))

    def render(self, width: int, height: int, ssaa: int = 1, transparent: bool = False,
               tile: int = TILE) -> np.ndarray:
        """RGBA pixels (height, width, 4) of the scene with the current camera."""
        self.set_size(width, height)
        big_w, big_h = width * ssaa, height * ssaa
        self.sky.setVisible(not transparent)
        self.sky.point_scale = ssaa * max(1.0, height / 1080)
        self.setBackgroundColor((0, 0, 0, 0) if transparent else SPACE_RGBA)
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
            depth = QOpenGLFramebufferObject.Attachment.CombinedDepthStencil
            for i, (w_, h_) in enumerate(sizes):
                fbo = QOpenGLFramebufferObject(
                    w_, h_, depth if i == 0 else QOpenGLFramebufferObject.Attachment.NoAttachment)
                fbos.append(fbo)
                if not fbo.isValid():
                    GL.glGetError()
                    raise ExportError(f"the graphics driver refused a {w_}x{h_} framebuffer")
            for ty in range(0, big_h, th):
                for tx in range(0, big_w, tw):
                    cw, ch = min(tw, big_w - tx), min(th, big_h - ty)
                    fbos[0].bind()
                    GL.glViewport(0, 0, cw, ch)
                    self.paint(region=(tx, big_h - ty - ch, cw, ch),
                               viewport=(0, 0, big_w, big_h))
                    w_, h_ = cw, ch
                    for src, dst in zip(fbos, fbos[1:]):
                        QOpenGLFramebufferObject.blitFramebuffer(
                            dst, QRect(0, 0, w_ // 2, h_ // 2), src, QRect(0, 0, w_, h_),
                            GL.GL_COLOR_BUFFER_BIT, GL.GL_LINEAR)
                        w_, h_ = w_ // 2, h_ // 2
                    fbos[-1].bind()
                    GL.glPixelStorei(GL.GL_PACK_ALIGNMENT, 1)
                    raw = GL.glReadPixels(0, 0, w_, h_, GL.GL_RGBA, GL.GL_UNSIGNED_BYTE)
                    px = np.frombuffer(raw, dtype=np.uint8).reshape(h_, w_, 4)[::-1]
                    y0, x0 = ty // ssaa, tx // ssaa
                    out[y0:y0 + h_, x0:x0 + w_] = px
            err = GL.glGetError()
            if err != GL.GL_NO_ERROR:
                raise ExportError(f"OpenGL error {err:#x} while rendering {width}x{height}")
        finally:
            for fbo in fbos:
                fbo.release()
            fbos.clear()
            self.doneCurrent()
        return unpremultiply(out) if transparent else out


class StationRenderer:
    """The station of a plan drawn off-screen, through its own ViewerModel: phase,
    display mode, hidden modules, imported meshes, reference models and camera."""

    def __init__(self, plan: Plan, overrides: dict | None = None,
                 references: dict | None = None):
        self.model = ViewerModel(plan)
        for mid, imported in (overrides or {}).items():
            self.model.set_override(mid, imported)
        for ref in (references or {}).values():
            self.model.set_reference(ref)
        self.view = OffscreenView()
        self.scene = StationScene(self.view, self.model, interactive=False)

    @property
    def plan(self) -> Plan:
        return self.model.plan

    def set_phase(self, phase: int, mode: str = "solid", hidden=()) -> None:
        self.model.set_hidden_modules(hidden)
        self.model.set_phase(phase)
        self.model.set_mode(mode)

    def set_camera(self, camera) -> None:
        self.view.set_camera(*camera)

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
        """Frame the station (of `phase`, default the shown one) at the picture's aspect."""
        self.view.set_size(width, height)
        if phase is not None:
            pts = self.model.fit_points(None, phase)
            from ..viewport.camera import PRESETS

            el, az = PRESETS[preset]
            self.view.fit(pts, elevation=el, azimuth=az)
        else:
            self.view.view_preset(preset)
        return self.view.camera_state()

    def picture(self, width: int, height: int, ssaa: int = 1,
                transparent: bool = False) -> np.ndarray:
        px = self.view.render(width, height, ssaa, transparent)
        return draw_picture_overlays(px, self.view, self.model, self.scene)

    def close(self) -> None:
        self.scene.close()
