"""GL items of the globe view: the textured Earth and coloured lines and points.

The two Earth textures (the day image with the night lights, Russia's mask) are
uploaded once per OpenGL share group and shared by every globe (the window's, the
compare window's two and the off-screen renderer's): `SharedTextures` counts its
users and deletes them with the last one. Each item uploads its vertex buffer once
and frees it in `release()`, with the context current. `COUNTS` lets tests prove
that frames and time steps upload nothing.
"""

from __future__ import annotations

import ctypes
import functools
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pyqtgraph.opengl as gl
import shiboken6
from OpenGL import GL
from PySide6.QtGui import QMatrix4x4, QOpenGLContext

from models3d import coverage
from models3d.orbit_map import RUSSIA_FAR, ZONE_COLOURS
from models3d.resources import asset

from ..viewport.programs import program
from . import shaders  # noqa: F401 - registers the globe's programs
from .geometry import sphere

EARTH_DIR = asset("earth")
MASK_SIZE = (1024, 512)  # 39 km a pixel: the tint; the outline is drawn as lines
# gl_PointCoord needs it in compatibility contexts (core GL has it always on)
GL_POINT_SPRITE = 0x8861


@dataclass
class Counts:
    """Uploads since start and objects alive now, over every globe."""

    texture_uploads: int = 0
    buffer_uploads: int = 0
    live_textures: int = 0
    live_buffers: int = 0


COUNTS = Counts()


def qmatrix(m: np.ndarray) -> QMatrix4x4:
    return QMatrix4x4(*np.asarray(m, dtype=np.float64).ravel().tolist())


def _mat4(m) -> np.ndarray:
    return np.array(m.data(), dtype=np.float32)


# ---- textures ---------------------------------------------------------------------


@functools.cache
def earth_images() -> dict[str, np.ndarray]:
    """The globe's two RGBA textures, bottom row first as GL wants them, made once
    per process: "surface" (the day image, and the night lights' brightness in
    alpha, so one read gives both) and "russia" (Russia's mask)."""
    from PIL import Image, ImageDraw

    with Image.open(EARTH_DIR / "day_2048.jpg") as img:
        day = np.asarray(img.convert("RGB"))
    with Image.open(EARTH_DIR / "night_2048.jpg") as img:
        night = np.asarray(img.convert("L").resize((day.shape[1], day.shape[0])))
    surface = np.dstack([day, night])[::-1]
    # drawn at twice the size and box-filtered: soft borders, no stair steps
    w, h = MASK_SIZE[0] * 2, MASK_SIZE[1] * 2
    mask = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(mask)
    for poly in coverage.russia().polygons:
        for k, ring in enumerate(poly):
            x = (ring[:, 0] + 180.0) / 360.0 * w
            y = (90.0 - ring[:, 1]) / 180.0 * h
            if len(x) >= 3:
                draw.polygon(
                    list(zip(x.tolist(), y.tolist(), strict=True)),
                    fill=255 if k == 0 else 0,
                )
    mask = np.asarray(mask.resize(MASK_SIZE, Image.Resampling.BOX))[::-1]
    return {
        "surface": np.ascontiguousarray(surface),
        # RGBA although one channel would do: llvmpipe samples one-channel
        # (luminance) textures at a third of the speed of RGBA (measured)
        "russia": np.ascontiguousarray(np.repeat(mask[..., None], 4, axis=2)),
    }


def _share_key() -> int:
    """The current context's share group: its C++ address, which stays the same
    while the group lives (a Python wrapper's id need not)."""
    ctx = QOpenGLContext.currentContext()
    if ctx is None:
        return 0
    return int(shiboken6.getCppPointer(ctx.shareGroup())[0])


class SharedTextures:
    """The Earth textures of each share group, with a count of their users."""

    _groups: ClassVar[dict[int, list]] = {}  # key -> [{name: texture id}, users]

    @classmethod
    def acquire(cls) -> dict[str, int]:
        key = _share_key()
        entry = cls._groups.get(key)
        if entry is None:
            entry = [cls._upload(), 0]
            cls._groups[key] = entry
        entry[1] += 1
        return entry[0]

    @classmethod
    def release(cls) -> None:
        key = _share_key()
        entry = cls._groups.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            GL.glDeleteTextures(len(entry[0]), list(entry[0].values()))
            COUNTS.live_textures -= len(entry[0])
            del cls._groups[key]

    @staticmethod
    def _upload() -> dict[str, int]:
        images = earth_images()
        out = {}
        GL.glPixelStorei(GL.GL_UNPACK_ALIGNMENT, 1)
        for name, img in images.items():
            tex = int(GL.glGenTextures(1))
            GL.glBindTexture(GL.GL_TEXTURE_2D, tex)
            fmt = GL.GL_RGBA
            GL.glTexImage2D(
                GL.GL_TEXTURE_2D,
                0,
                fmt,
                img.shape[1],
                img.shape[0],
                0,
                fmt,
                GL.GL_UNSIGNED_BYTE,
                img,
            )
            GL.glGenerateMipmap(GL.GL_TEXTURE_2D)
            # one mipmap level per read (not two blended): on a software renderer
            # a third of the globe's frame, and not visible at the globe's sizes
            GL.glTexParameteri(
                GL.GL_TEXTURE_2D, GL.GL_TEXTURE_MIN_FILTER, GL.GL_LINEAR_MIPMAP_NEAREST
            )
            GL.glTexParameteri(GL.GL_TEXTURE_2D, GL.GL_TEXTURE_MAG_FILTER, GL.GL_LINEAR)
            # longitude wraps; latitude stops at the poles
            GL.glTexParameteri(GL.GL_TEXTURE_2D, GL.GL_TEXTURE_WRAP_S, GL.GL_REPEAT)
            GL.glTexParameteri(
                GL.GL_TEXTURE_2D, GL.GL_TEXTURE_WRAP_T, GL.GL_CLAMP_TO_EDGE
            )
            out[name] = tex
            COUNTS.texture_uploads += 1
            COUNTS.live_textures += 1
        GL.glBindTexture(GL.GL_TEXTURE_2D, 0)
        return out


# ---- items ------------------------------------------------------------------------


class _BufferItem(gl.GLGraphicsItem.GLGraphicsItem):
    """One vertex buffer (and optionally an index buffer), uploaded once."""

    def __init__(self, data: np.ndarray, index: np.ndarray | None = None):
        super().__init__()
        self._data = np.ascontiguousarray(data, dtype=np.float32)
        self._index = (
            None if index is None else np.ascontiguousarray(index.ravel(), np.uint32)
        )
        self._vbo: int | None = None
        self._ibo: int | None = None

    def upload(self) -> None:
        if self._vbo is not None or not len(self._data):
            return
        self._vbo = int(GL.glGenBuffers(1))
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, self._vbo)
        GL.glBufferData(
            GL.GL_ARRAY_BUFFER, self._data.nbytes, self._data, GL.GL_STATIC_DRAW
        )
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, 0)
        COUNTS.buffer_uploads += 1
        COUNTS.live_buffers += 1
        if self._index is not None:
            self._ibo = int(GL.glGenBuffers(1))
            GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, self._ibo)
            GL.glBufferData(
                GL.GL_ELEMENT_ARRAY_BUFFER,
                self._index.nbytes,
                self._index,
                GL.GL_STATIC_DRAW,
            )
            GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, 0)
            COUNTS.buffer_uploads += 1
            COUNTS.live_buffers += 1

    def release(self) -> None:
        for name in ("_vbo", "_ibo"):
            buf = getattr(self, name)
            if buf is not None:
                GL.glDeleteBuffers(1, [buf])
                COUNTS.live_buffers -= 1
                setattr(self, name, None)

    @property
    def uploaded(self) -> bool:
        return self._vbo is not None

    def _attributes(self, loc, layout, stride: int) -> list[int]:
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, self._vbo)
        enabled = []
        for name, size, offset in layout:
            a = loc.get(name, -1)
            if a >= 0:
                GL.glEnableVertexAttribArray(a)
                GL.glVertexAttribPointer(
                    a, size, GL.GL_FLOAT, False, stride, ctypes.c_void_p(offset)
                )
                enabled.append(a)
        return enabled

    @staticmethod
    def _done(enabled: list[int]) -> None:
        for a in enabled:
            GL.glDisableVertexAttribArray(a)
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, 0)
        GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, 0)
        GL.glUseProgram(0)


class EarthItem(_BufferItem):
    """The globe: a unit sphere in the Earth-fixed frame with the shared textures."""

    def __init__(self):
        verts, faces = sphere()
        super().__init__(verts, faces)
        self.sun = np.array([1.0, 0.0, 0.0])  # unit vector to the Sun, Earth-fixed
        self.bands = (0.0, 0.0, 0.0, 0.0)  # sin of each band's |latitude| limit
        self.coverage = True
        self._tex: dict[str, int] | None = None
        zones = [*ZONE_COLOURS, RUSSIA_FAR]
        self._zones = np.array(zones, dtype=np.float32).ravel() / 255.0

    def upload(self) -> None:
        super().upload()
        if self._tex is None:
            self._tex = SharedTextures.acquire()

    def release(self) -> None:
        super().release()
        if self._tex is not None:
            SharedTextures.release()
            self._tex = None

    def paint(self):
        self.upload()
        prog, loc = program("earth")
        GL.glUseProgram(prog)
        GL.glUniformMatrix4fv(loc.get("u_mvp", -1), 1, False, _mat4(self.mvpMatrix()))
        mv = self.modelViewMatrix()
        GL.glUniformMatrix4fv(loc.get("u_mv", -1), 1, False, _mat4(mv))
        GL.glUniformMatrix3fv(
            loc.get("u_nm", -1),
            1,
            False,
            np.array(mv.normalMatrix().data(), np.float32),
        )
        GL.glUniform3f(loc.get("u_sun", -1), *(float(v) for v in self.sun))
        GL.glUniform4f(loc.get("u_bands", -1), *self.bands)
        GL.glUniform3fv(loc.get("u_zone", -1), 5, self._zones)
        GL.glUniform1f(loc.get("u_coverage", -1), 1.0 if self.coverage else 0.0)
        for unit, name in enumerate(("surface", "russia")):
            GL.glActiveTexture(GL.GL_TEXTURE0 + unit)
            GL.glBindTexture(GL.GL_TEXTURE_2D, self._tex[name])
            GL.glUniform1i(loc.get(f"u_{name}", -1), unit)
        enabled = self._attributes(loc, (("a_position", 3, 0), ("a_uv", 2, 12)), 5 * 4)
        GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, self._ibo)
        GL.glEnable(GL.GL_DEPTH_TEST)
        GL.glDisable(GL.GL_BLEND)
        GL.glEnable(GL.GL_CULL_FACE)
        GL.glCullFace(GL.GL_BACK)
        GL.glDrawElements(GL.GL_TRIANGLES, len(self._index), GL.GL_UNSIGNED_INT, None)
        GL.glDisable(GL.GL_CULL_FACE)
        for unit in (1, 0):
            GL.glActiveTexture(GL.GL_TEXTURE0 + unit)
            GL.glBindTexture(GL.GL_TEXTURE_2D, 0)
        self._done(enabled)


class LinesItem(_BufferItem):
    """Coloured lines or round points: vertices (n, 7) = x, y, z, r, g, b, a.

    `mode` is GL_LINES, GL_LINE_STRIP or GL_POINTS; `outline` draws each point on a
    slightly larger disc of that colour first (a marker readable on any ground).
    With `emphasis` = (first vertex, count) the whole item is drawn faded by `dim`
    and that range at full strength (the pass under the station on a day's track)."""

    def __init__(
        self,
        data: np.ndarray,
        mode=GL.GL_LINES,
        width: float = 1.5,
        outline: tuple | None = None,
    ):
        super().__init__(data)
        self.mode = mode
        self.width = width
        self.outline = outline
        self.count = len(self._data)
        self.emphasis: tuple[int, int] | None = None
        self.dim = 0.7

    def paint(self):
        if not self.count:
            return
        self.upload()
        prog, loc = program("flat")
        GL.glUseProgram(prog)
        GL.glUniformMatrix4fv(loc.get("u_mvp", -1), 1, False, _mat4(self.mvpMatrix()))
        enabled = self._attributes(
            loc, (("a_position", 3, 0), ("a_color", 4, 12)), 7 * 4
        )
        GL.glEnable(GL.GL_DEPTH_TEST)
        GL.glEnable(GL.GL_BLEND)
        # colour over colour; alpha accumulates, so a transparent picture keeps lines
        GL.glBlendFuncSeparate(
            GL.GL_SRC_ALPHA,
            GL.GL_ONE_MINUS_SRC_ALPHA,
            GL.GL_ONE,
            GL.GL_ONE_MINUS_SRC_ALPHA,
        )
        GL.glUniform4f(loc.get("u_override", -1), 0.0, 0.0, 0.0, 0.0)
        GL.glUniform1f(loc.get("u_dim", -1), 0.0)
        if self.mode == GL.GL_POINTS:
            self._points(loc)
        else:
            GL.glUniform1f(loc.get("u_round", -1), 0.0)
            GL.glLineWidth(self.width)
            if self.emphasis is None:
                GL.glDrawArrays(self.mode, 0, self.count)
            else:
                first, count = self.emphasis
                GL.glUniform1f(loc.get("u_dim", -1), self.dim)
                GL.glDrawArrays(self.mode, 0, self.count)
                GL.glUniform1f(loc.get("u_dim", -1), 0.0)
                GL.glLineWidth(self.width + 1.0)
                # the bright pass lies on the faded one at the same depth
                GL.glDepthFunc(GL.GL_LEQUAL)
                GL.glDrawArrays(self.mode, first, count)
                GL.glDepthFunc(GL.GL_LESS)
            GL.glLineWidth(1.0)
        GL.glDisable(GL.GL_BLEND)
        self._done(enabled)

    def _points(self, loc) -> None:
        GL.glEnable(GL.GL_PROGRAM_POINT_SIZE)
        GL.glEnable(GL_POINT_SPRITE)
        GL.glUniform1f(loc.get("u_round", -1), 1.0)
        if self.outline is not None:
            GL.glUniform1f(loc.get("u_point_size", -1), self.width + 4.0)
            GL.glUniform4f(loc.get("u_override", -1), *self.outline)
            GL.glDrawArrays(GL.GL_POINTS, 0, self.count)
            GL.glUniform4f(loc.get("u_override", -1), 0.0, 0.0, 0.0, 0.0)
        GL.glUniform1f(loc.get("u_point_size", -1), self.width)
        # the disc lies on its halo at the same depth: let it win
        GL.glDepthFunc(GL.GL_LEQUAL)
        GL.glDrawArrays(GL.GL_POINTS, 0, self.count)
        GL.glDepthFunc(GL.GL_LESS)
        GL.glDisable(GL_POINT_SPRITE)
        GL.glDisable(GL.GL_PROGRAM_POINT_SIZE)
