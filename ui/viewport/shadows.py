"""The Sun's shadow map: a depth texture of the station seen from the Sun.

`ShadowMap` owns the depth texture and its framebuffer (made, and freed by `release()`,
with the context current). `update(items)` runs before a frame is drawn (the scene
calls it from the view's `before_paint`) and renders the map again only when what it
depends on changed: the Sun's direction, the map's size, and which meshes are drawn
where (item identity, visibility and transform). A camera move changes none of these,
so it never costs a shadow pass; the class counter `renders` lets tests prove it.

The projection is orthographic along the Sun's direction, fitted to the bounding
sphere of the casting items. `ModuleItem` reads `matrix` (world -> shadow texture
coordinates and depth) and samples the map with hardware depth comparison (2x2
bilinear per tap) over a square of `taps` x `taps` taps: 2 for the view, more for
press stills.
"""

from __future__ import annotations

import ctypes

import numpy as np
from OpenGL import GL

from .programs import program

# Towards the Sun, world frame (z up): the studio key light's direction as seen from
# the "iso" preset, so that a default picture keeps its familiar light and gains shadows.
DEFAULT_SUN = (-0.196, -0.505, 0.84)
# (map size, taps per side) of each picture quality (models3d.export_options):
# "press" halves the texel and doubles the taps, so edges keep their softness in
# metres but lose their steps; 4096^2 x 24 bit is 64 MB, 8192^2 would be 256 MB
QUALITY = {"standard": (2048, 2), "press": (4096, 4)}
BIAS = np.array(
    [[0.5, 0, 0, 0.5], [0, 0.5, 0, 0.5], [0, 0, 0.5, 0.5], [0, 0, 0, 1]],
    dtype=np.float64,
)


def _unit(v) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    n = float(np.linalg.norm(v))
    if not np.isfinite(n) or n < 1e-9:
        raise ValueError(f"the Sun's direction must be a non-zero vector, not {v!r}")
    return v / n


def _item_matrix(item) -> np.ndarray:
    # QMatrix4x4.data() is column-major
    return np.array(item.transform().data(), dtype=np.float64).reshape(4, 4).T


def _local_bounds(item) -> np.ndarray:
    b = getattr(item, "_shadow_bounds", None)
    if b is None:
        p = item._data[:, :3]
        b = item._shadow_bounds = np.stack([p.min(axis=0), p.max(axis=0)])
    return b


def light_matrix(sun: np.ndarray, center: np.ndarray, radius: float) -> np.ndarray:
    """World -> light clip space: an orthographic box of the sphere, seen from the
    Sun."""
    f = -sun  # the light looks along -sun
    up = np.array([0.0, 0.0, 1.0]) if abs(f[2]) < 0.9 else np.array([1.0, 0.0, 0.0])
    s = np.cross(f, up)
    s /= np.linalg.norm(s)
    u = np.cross(s, f)
    eye = center + sun * 2.0 * radius
    view = np.eye(4)
    view[0, :3], view[1, :3], view[2, :3] = s, u, -f
    view[:3, 3] = -view[:3, :3] @ eye
    near, far = 0.5 * radius, 3.5 * radius
    proj = np.diag([1.0 / radius, 1.0 / radius, -2.0 / (far - near), 1.0])
    proj[2, 3] = -(far + near) / (far - near)
    return proj @ view


class ShadowMap:
    """A depth map from the Sun, re-rendered only when the Sun or the meshes change."""

    renders = 0  # shadow passes since start (all maps)

    def __init__(self, size: int = 2048, taps: int = 2):
        self.size = int(size)
        self.taps = int(taps)
        self.enabled = True
        self.sun = _unit(DEFAULT_SUN)
        self.matrix: np.ndarray | None = None  # world -> [0, 1] texture coords, depth
        self.texel = 1.0 / self.size
        self._tex = self._fbo = None
        self._built_size = 0
        self._key = None

    def set_sun(self, direction) -> None:
        """The direction towards the Sun, world frame."""
        self.sun = _unit(direction)

    def set_quality(self, quality: str) -> None:
        """A picture quality of QUALITY; the map is drawn again at its next update."""
        self.size, self.taps = QUALITY[quality]

    @property
    def active(self) -> bool:
        return self.enabled and self._tex is not None and self.matrix is not None

    @property
    def texture(self) -> int | None:
        return self._tex

    # ---- GL (context current) --------------------------------------------------------

    def update(self, items) -> bool:
        """Render the map if what it shows changed; True when it did."""
        if not self.enabled:
            return False
        casters = [
            it
            for it in items
            if it.visible() and it.uploaded and it.alpha >= 1.0 and it.triangles
        ]
        key = (
            self.size,
            tuple(np.round(self.sun, 9)),
            tuple((id(it), _item_matrix(it).tobytes()) for it in casters),
        )
        if key == self._key and self._tex is not None:
            return False
        self._render(casters)
        self._key = key  # after: making the target resets it
        return True

    def _ensure_target(self) -> None:
        if self._tex is not None and self._built_size == self.size:
            return
        self.release()
        n = self.size
        self._tex = int(GL.glGenTextures(1))
        GL.glBindTexture(GL.GL_TEXTURE_2D, self._tex)
        GL.glTexImage2D(
            GL.GL_TEXTURE_2D,
            0,
            GL.GL_DEPTH_COMPONENT24,
            n,
            n,
            0,
            GL.GL_DEPTH_COMPONENT,
            GL.GL_FLOAT,
            None,
        )
        for p, v in (
            (GL.GL_TEXTURE_MIN_FILTER, GL.GL_LINEAR),
            (GL.GL_TEXTURE_MAG_FILTER, GL.GL_LINEAR),
            (GL.GL_TEXTURE_WRAP_S, GL.GL_CLAMP_TO_BORDER),
            (GL.GL_TEXTURE_WRAP_T, GL.GL_CLAMP_TO_BORDER),
            (GL.GL_TEXTURE_COMPARE_MODE, GL.GL_COMPARE_REF_TO_TEXTURE),
            (GL.GL_TEXTURE_COMPARE_FUNC, GL.GL_LEQUAL),
        ):
            GL.glTexParameteri(GL.GL_TEXTURE_2D, p, v)
        # outside the map: depth 1, i.e. lit
        GL.glTexParameterfv(
            GL.GL_TEXTURE_2D, GL.GL_TEXTURE_BORDER_COLOR, np.ones(4, dtype=np.float32)
        )
        GL.glBindTexture(GL.GL_TEXTURE_2D, 0)
        self._fbo = int(GL.glGenFramebuffers(1))
        previous = GL.glGetIntegerv(GL.GL_DRAW_FRAMEBUFFER_BINDING)
        GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, self._fbo)
        GL.glFramebufferTexture2D(
            GL.GL_FRAMEBUFFER, GL.GL_DEPTH_ATTACHMENT, GL.GL_TEXTURE_2D, self._tex, 0
        )
        GL.glDrawBuffer(GL.GL_NONE)
        GL.glReadBuffer(GL.GL_NONE)
        status = GL.glCheckFramebufferStatus(GL.GL_FRAMEBUFFER)
        GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, int(previous))
        if status != GL.GL_FRAMEBUFFER_COMPLETE:
            self.release()
            raise RuntimeError(f"shadow framebuffer incomplete: {status:#x}")
        self._built_size = n
        self.texel = 1.0 / n

    def _render(self, casters) -> None:
        self._ensure_target()
        if casters:
            lo, hi = [], []
            for it in casters:
                b = _local_bounds(it)
                corners = np.array(
                    [[x, y, z, 1.0] for x in b[:, 0] for y in b[:, 1] for z in b[:, 2]]
                )
                w = corners @ _item_matrix(it).T
                lo.append(w[:, :3].min(axis=0))
                hi.append(w[:, :3].max(axis=0))
            lo_, hi_ = np.min(lo, axis=0), np.max(hi, axis=0)
            center = (lo_ + hi_) / 2
            radius = max(float(np.linalg.norm(hi_ - lo_)) / 2, 1e-3)
        else:
            center, radius = np.zeros(3), 1.0
        lvp = light_matrix(self.sun, center, radius)
        self.matrix = BIAS @ lvp
        previous = int(GL.glGetIntegerv(GL.GL_DRAW_FRAMEBUFFER_BINDING))
        viewport = GL.glGetIntegerv(GL.GL_VIEWPORT)
        GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, self._fbo)
        GL.glViewport(0, 0, self.size, self.size)
        GL.glDepthMask(GL.GL_TRUE)
        GL.glClear(GL.GL_DEPTH_BUFFER_BIT)
        GL.glEnable(GL.GL_DEPTH_TEST)
        GL.glDisable(GL.GL_BLEND)
        GL.glDisable(GL.GL_CULL_FACE)  # thin panels are single-sheet: both sides cast
        # slope-scaled offset against self-shadowing ("acne") on lit faces
        GL.glEnable(GL.GL_POLYGON_OFFSET_FILL)
        GL.glPolygonOffset(2.0, 4.0)
        prog, loc = program("depth")
        GL.glUseProgram(prog)
        a = loc["a_position"]
        GL.glEnableVertexAttribArray(a)
        for it in casters:
            mvp = (lvp @ _item_matrix(it)).astype(np.float32)
            GL.glUniformMatrix4fv(loc["u_mvp"], 1, GL.GL_TRUE, mvp)
            GL.glBindBuffer(GL.GL_ARRAY_BUFFER, it._vbo)
            GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, it._ibo)
            GL.glVertexAttribPointer(
                a, 3, GL.GL_FLOAT, False, it.STRIDE, ctypes.c_void_p(0)
            )
            GL.glDrawElements(
                GL.GL_TRIANGLES, it.triangles * 3, GL.GL_UNSIGNED_INT, None
            )
        GL.glDisableVertexAttribArray(a)
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, 0)
        GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, 0)
        GL.glUseProgram(0)
        GL.glDisable(GL.GL_POLYGON_OFFSET_FILL)
        GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, previous)
        GL.glViewport(*(int(v) for v in viewport))
        ShadowMap.renders += 1

    def release(self) -> None:
        if self._fbo is not None:
            GL.glDeleteFramebuffers(1, [self._fbo])
        if self._tex is not None:
            GL.glDeleteTextures(1, [self._tex])
        self._fbo = self._tex = None
        self._built_size = 0
        self._key = None
        self.matrix = None

    # ---- what a receiving item uploads ------------------------------------------------

    def item_matrix(self, item) -> np.ndarray:
        """Module space -> shadow texture coordinates and depth, float32 row-major."""
        return (self.matrix @ _item_matrix(item)).astype(np.float32)
