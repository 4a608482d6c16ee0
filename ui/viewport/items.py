"""GL items that upload their geometry once and draw with the project's shaders.

`ModuleItem` draws one module: all of its materials from one interleaved buffer
(position, normal, material index) with one index buffer and one draw call. Buffers are
created on first paint (or by `upload()` with the context current) and freed by
`release()`, again with the context current. Class counters let tests prove that a
phase change uploads nothing and that switching plans frees every buffer.
"""

from __future__ import annotations

import ctypes

import numpy as np
import pyqtgraph.opengl as gl
from OpenGL import GL

from models3d.geometry import ModuleMeshes
from models3d.materials import MATERIALS

from .programs import program

MATERIAL_ORDER = tuple(MATERIALS)
SLOTS = 16  # size of the station shader's material arrays (programs.PBR)
assert len(MATERIAL_ORDER) <= SLOTS, "raise the material arrays in programs.PBR"
_SRGB = np.array([MATERIALS[m].color for m in MATERIAL_ORDER], dtype=np.float64)
# linear light, as the station shader works in (gamma 2.2, as its lin())
_COLORS = (_SRGB**2.2).astype(np.float32)
_PBR = np.array(
    [(MATERIALS[m].metallic, MATERIALS[m].roughness) for m in MATERIAL_ORDER],
    dtype=np.float32,
)
_SOLAR = float(MATERIAL_ORDER.index("solar"))
STUDIO_KEY = tuple(np.array([-0.45, 0.60, 0.66]) / np.linalg.norm([-0.45, 0.60, 0.66]))
_LOOK_KEY = " look"  # in a program's location table: the look its uniforms hold
SHADOW_UNIT = 3  # texture unit of the shadow map (imported meshes use unit 0)


def _blend_keep_alpha() -> None:
    # Blend colour only: the framebuffer's alpha must stay 1, or Qt's composition of the
    # widget (premultiplied alpha) shifts the colours of everything translucent.
    GL.glBlendFuncSeparate(
        GL.GL_SRC_ALPHA, GL.GL_ONE_MINUS_SRC_ALPHA, GL.GL_ZERO, GL.GL_ONE
    )


def _mat4(m) -> np.ndarray:
    return np.array(m.data(), dtype=np.float32)


_SCREEN_QUAD = np.array([-1, -1, 1, -1, 1, 1, -1, -1, 1, 1, -1, 1], dtype=np.float32)


def draw_screen_quad(loc) -> None:
    """Two triangles over the whole viewport into the attribute `a_position` of the
    program in use (a client-side array: nothing to upload or free)."""
    a = loc["a_position"]
    GL.glBindBuffer(GL.GL_ARRAY_BUFFER, 0)
    GL.glEnableVertexAttribArray(a)
    GL.glVertexAttribPointer(
        a, 2, GL.GL_FLOAT, False, 0, ctypes.c_void_p(_SCREEN_QUAD.ctypes.data)
    )
    GL.glDrawArrays(GL.GL_TRIANGLES, 0, 6)
    GL.glDisableVertexAttribArray(a)


class _MeshItem(gl.GLGraphicsItem.GLGraphicsItem):
    """Shared machinery: one interleaved VBO and one IBO uploaded once, display state
    (tint, alpha, wireframe overlay), and the GL state around the draws."""

    uploads = 0  # buffer uploads since start (all items)
    live = 0  # buffer pairs alive now (all items)
    STRIDE = 0
    ATTRIBUTES: tuple = ()
    PROGRAM = ""

    def __init__(self, module_id: str, data: np.ndarray, index: np.ndarray):
        super().__init__()
        self.module_id = module_id
        self._data = np.ascontiguousarray(data, dtype=np.float32)
        self._index = np.ascontiguousarray(index.ravel(), dtype=np.uint32)
        self.triangles = len(self._index) // 3
        self._vbo = self._ibo = None
        self.tint = (0.0, 0.0, 0.0, 0.0)
        self.alpha = 1.0
        self.wireframe = False
        self.cull = True

    # ---- GL resources (context must be current) ----------------------------------

    def upload(self) -> None:
        if self._vbo is not None:
            return
        self._vbo, self._ibo = (int(b) for b in GL.glGenBuffers(2))
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, self._vbo)
        GL.glBufferData(
            GL.GL_ARRAY_BUFFER, self._data.nbytes, self._data, GL.GL_STATIC_DRAW
        )
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, 0)
        GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, self._ibo)
        GL.glBufferData(
            GL.GL_ELEMENT_ARRAY_BUFFER,
            self._index.nbytes,
            self._index,
            GL.GL_STATIC_DRAW,
        )
        GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, 0)
        _MeshItem.uploads += 1
        _MeshItem.live += 1

    def release(self) -> None:
        if self._vbo is None:
            return
        GL.glDeleteBuffers(2, [self._vbo, self._ibo])
        self._vbo = self._ibo = None
        _MeshItem.live -= 1

    @property
    def uploaded(self) -> bool:
        return self._vbo is not None

    # ---- drawing -----------------------------------------------------------------

    def paint(self):
        self.upload()
        prog, loc = program(self.program_name())
        GL.glUseProgram(prog)
        GL.glUniformMatrix4fv(loc["u_mvp"], 1, False, _mat4(self.mvpMatrix()))
        mv = self.modelViewMatrix()
        GL.glUniformMatrix4fv(loc["u_mv"], 1, False, _mat4(mv))
        GL.glUniformMatrix3fv(
            loc["u_nm"], 1, False, np.array(mv.normalMatrix().data(), dtype=np.float32)
        )
        GL.glUniform4f(loc["u_tint"], *self.tint)
        GL.glUniform1f(loc["u_alpha"], self.alpha)
        GL.glUniform4f(loc["u_flat"], 0.0, 0.0, 0.0, 0.0)
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, self._vbo)
        GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, self._ibo)
        enabled = []
        for name, size, offset in self.ATTRIBUTES:
            a = loc.get(name, -1)
            if a >= 0:
                GL.glEnableVertexAttribArray(a)
                GL.glVertexAttribPointer(
                    a, size, GL.GL_FLOAT, False, self.STRIDE, ctypes.c_void_p(offset)
                )
                enabled.append(a)
        GL.glEnable(GL.GL_DEPTH_TEST)
        if self.cull:
            GL.glEnable(GL.GL_CULL_FACE)
            GL.glCullFace(GL.GL_BACK)
        if self.alpha < 1.0:
            GL.glEnable(GL.GL_BLEND)
            _blend_keep_alpha()
            GL.glDepthMask(GL.GL_FALSE)
        else:
            GL.glDisable(GL.GL_BLEND)
        if self.wireframe:
            GL.glEnable(GL.GL_POLYGON_OFFSET_FILL)
            GL.glPolygonOffset(1.0, 1.0)
        self.draw(loc)
        if self.wireframe:
            GL.glDisable(GL.GL_POLYGON_OFFSET_FILL)
            GL.glPolygonMode(GL.GL_FRONT_AND_BACK, GL.GL_LINE)
            GL.glEnable(GL.GL_BLEND)
            _blend_keep_alpha()
            GL.glUniform4f(loc["u_flat"], 0.30, 0.85, 1.0, 0.55)
            GL.glDrawElements(
                GL.GL_TRIANGLES, len(self._index), GL.GL_UNSIGNED_INT, None
            )
            GL.glPolygonMode(GL.GL_FRONT_AND_BACK, GL.GL_FILL)
        for a in enabled:
            GL.glDisableVertexAttribArray(a)
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, 0)
        GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, 0)
        GL.glDepthMask(GL.GL_TRUE)
        GL.glDisable(GL.GL_BLEND)
        GL.glDisable(GL.GL_CULL_FACE)
        GL.glUseProgram(0)

    def draw(self, loc) -> None:
        raise NotImplementedError

    def program_name(self) -> str:
        return self.PROGRAM


class ModuleItem(_MeshItem):
    """A built-in module: every material in one buffer, drawn with one call.

    Per vertex: position, normal, material slot, UV (cell units on solar cells, else
    0) and baked ambient occlusion (1 where the mesh has none). Class-wide look:
    `ao_strength` (0 ignores the baked AO) and `exposure` (before tone mapping)."""

    STRIDE = 10 * 4
    ATTRIBUTES = (
        ("a_position", 3, 0),
        ("a_normal", 3, 12),
        ("a_material", 1, 24),
        ("a_uv", 2, 28),
        ("a_ao", 1, 36),
    )
    PROGRAM = "station"
    ao_strength = 1.0
    exposure = 1.35

    def __init__(self, meshes: ModuleMeshes):
        verts, faces = [], []
        base = 0
        for material, part in meshes.parts.items():
            n = len(part.vertices)
            idx = np.full((n, 1), MATERIAL_ORDER.index(material), dtype=np.float32)
            uv = part.uv if part.uv is not None else np.zeros((n, 2), np.float32)
            ao = part.ao if part.ao is not None else np.ones(n, np.float32)
            verts.append(
                np.hstack(
                    [
                        part.vertices,
                        part.normals,
                        idx,
                        uv,
                        np.asarray(ao, np.float32).reshape(n, 1),
                    ]
                )
            )
            faces.append(part.faces + np.uint32(base))
            base += n
        super().__init__(meshes.module_id, np.concatenate(verts), np.concatenate(faces))

    def draw(self, loc) -> None:
        # uniforms keep their values in the program: the materials are set once per
        # program, the look again only when it changed (PyOpenGL's calls cost tens
        # of microseconds each, paid per module and frame)
        look = (self.ao_strength, self.exposure)
        if loc.get(_LOOK_KEY) != look:
            if _LOOK_KEY not in loc:
                GL.glUniform3fv(loc["u_color"], len(_COLORS), _COLORS)
                GL.glUniform2fv(loc["u_pbr"], len(_PBR), _PBR)
                GL.glUniform1f(loc["u_solar"], _SOLAR)
                GL.glUniform3f(loc["u_solar_srgb"], *_SRGB[int(_SOLAR)])
            GL.glUniform1f(loc["u_ao"], self.ao_strength)
            GL.glUniform1f(loc["u_exposure"], self.exposure)
            loc[_LOOK_KEY] = look
        self._light(loc)
        GL.glDrawElements(GL.GL_TRIANGLES, len(self._index), GL.GL_UNSIGNED_INT, None)

    def _shadows(self):
        """The view's shadow map when it has one drawn, else None."""
        shadows = getattr(self.view(), "shadows", None)
        return shadows if shadows is not None and shadows.active else None

    def program_name(self) -> str:
        # the variant with the shadow lookups only where there is a map to look up
        return "station_shadowed" if self._shadows() is not None else "station"

    def _light(self, loc) -> None:
        """Key light and shadow: the view's Sun (world-fixed) when it has a shadow map,
        else the studio key that turns with the camera."""
        view = self.view()
        shadows = self._shadows()
        if shadows is None:
            GL.glUniform3f(loc["u_key_dir"], *STUDIO_KEY)
            return
        rot = np.array(view.viewMatrix().data(), dtype=np.float64).reshape(4, 4).T
        GL.glUniform3f(loc["u_key_dir"], *(rot[:3, :3] @ shadows.sun))
        GL.glUniform1i(loc["u_shadow_map"], SHADOW_UNIT)
        GL.glUniform1f(loc["u_shadow_texel"], shadows.texel)
        GL.glUniform1f(loc["u_pcf"], (shadows.taps - 1) / 2)
        GL.glUniformMatrix4fv(
            loc["u_shadow_mat"], 1, GL.GL_TRUE, shadows.item_matrix(self)
        )
        GL.glActiveTexture(GL.GL_TEXTURE0 + SHADOW_UNIT)
        GL.glBindTexture(GL.GL_TEXTURE_2D, shadows.texture)
        GL.glActiveTexture(GL.GL_TEXTURE0)


class ImportedItem(_MeshItem):
    """A user's model: per-part base colours (a vertex attribute) and textures (uploaded
    once). Parts are grouped by texture, so all untextured parts are one draw call and
    each texture one more, however many parts the file has."""

    STRIDE = 12 * 4
    ATTRIBUTES = (
        ("a_position", 3, 0),
        ("a_normal", 3, 12),
        ("a_uv", 2, 24),
        ("a_color", 4, 32),
    )
    PROGRAM = "imported"

    def __init__(self, meshes: ModuleMeshes, colors: dict, textures: dict):
        groups: dict[str | None, list] = {}
        for key, part in meshes.parts.items():
            groups.setdefault(key if key in textures else None, []).append((key, part))
        verts, faces, self.ranges = [], [], []
        base = start = 0
        for tex_key, parts in groups.items():
            count = 0
            for key, part in parts:
                n = len(part.vertices)
                uv = (
                    textures[key][0]
                    if key in textures
                    else np.zeros((n, 2), dtype=np.float32)
                )
                rgba = np.broadcast_to(
                    np.asarray(colors.get(key, (0.8, 0.8, 0.8, 1.0)), dtype=np.float32),
                    (n, 4),
                )
                verts.append(np.hstack([part.vertices, part.normals, uv, rgba]))
                faces.append(part.faces + np.uint32(base))
                base += n
                count += part.faces.size
            self.ranges.append((tex_key, start, count))
            start += count
        super().__init__(
            meshes.module_id,
            np.concatenate(verts).astype(np.float32),
            np.concatenate(faces),
        )
        self._images = {k: img for k, (_, img) in textures.items()}
        self._tex: dict[str, int] = {}
        self.cull = False  # other people's meshes are not always closed or consistent

    @property
    def draw_calls(self) -> int:
        return len(self.ranges)

    def upload(self) -> None:
        if self._vbo is not None:
            return
        super().upload()
        for key, img in self._images.items():
            tex = int(GL.glGenTextures(1))
            GL.glBindTexture(GL.GL_TEXTURE_2D, tex)
            GL.glPixelStorei(GL.GL_UNPACK_ALIGNMENT, 1)
            # glTF and OBJ put v = 0 at the bottom of the image; GL's rows start there
            img = np.ascontiguousarray(img[::-1])
            GL.glTexImage2D(
                GL.GL_TEXTURE_2D,
                0,
                GL.GL_RGBA,
                img.shape[1],
                img.shape[0],
                0,
                GL.GL_RGBA,
                GL.GL_UNSIGNED_BYTE,
                img,
            )
            GL.glGenerateMipmap(GL.GL_TEXTURE_2D)
            GL.glTexParameteri(
                GL.GL_TEXTURE_2D, GL.GL_TEXTURE_MIN_FILTER, GL.GL_LINEAR_MIPMAP_LINEAR
            )
            GL.glTexParameteri(GL.GL_TEXTURE_2D, GL.GL_TEXTURE_MAG_FILTER, GL.GL_LINEAR)
            for wrap in (GL.GL_TEXTURE_WRAP_S, GL.GL_TEXTURE_WRAP_T):
                GL.glTexParameteri(GL.GL_TEXTURE_2D, wrap, GL.GL_REPEAT)
            self._tex[key] = tex
        GL.glBindTexture(GL.GL_TEXTURE_2D, 0)

    def release(self) -> None:
        if self._tex:
            GL.glDeleteTextures(len(self._tex), list(self._tex.values()))
            self._tex = {}
        super().release()

    def draw(self, loc) -> None:
        GL.glActiveTexture(GL.GL_TEXTURE0)
        GL.glUniform1i(loc["u_tex"], 0)
        for key, start, count in self.ranges:
            tex = self._tex.get(key) if key is not None else None
            GL.glUniform1f(loc["u_use_tex"], 1.0 if tex else 0.0)
            GL.glBindTexture(GL.GL_TEXTURE_2D, tex or 0)
            GL.glDrawElements(
                GL.GL_TRIANGLES, count, GL.GL_UNSIGNED_INT, ctypes.c_void_p(start * 4)
            )
        GL.glBindTexture(GL.GL_TEXTURE_2D, 0)


class SkyItem(gl.GLGraphicsItem.GLGraphicsItem):
    """Deep-space background: a vertical gradient and a fixed field of stars that turns
    with the camera (drawn first, without depth)."""

    TOP = (0.010, 0.016, 0.045)
    BOTTOM = (0.035, 0.050, 0.105)

    def __init__(self, stars: int = 1400, seed: int = 7):
        super().__init__()
        self.setDepthValue(-1_000_000)
        rng = np.random.default_rng(seed)
        d = rng.normal(size=(stars, 3))
        d /= np.linalg.norm(d, axis=1, keepdims=True)
        size = np.clip(rng.gamma(1.6, 0.55, stars), 0.8, 3.2)
        self._stars = np.ascontiguousarray(
            np.hstack([d, size[:, None]]), dtype=np.float32
        )
        self.show_stars = True
        self.point_scale = 1.0  # star size multiplier (large exports draw bigger stars)

    def paint(self):
        GL.glDisable(GL.GL_DEPTH_TEST)
        GL.glDepthMask(GL.GL_FALSE)
        prog, loc = program("sky")
        GL.glUseProgram(prog)
        GL.glUniform3f(loc["u_top"], *self.TOP)
        GL.glUniform3f(loc["u_bottom"], *self.BOTTOM)
        band = (0.0, 1.0)
        last = getattr(self.view(), "last_region", None)
        if last:
            (_rx, ry, _rw, rh), (_vx, vy, _vw, vh) = last
            band = ((ry - vy) / vh, rh / vh)
        GL.glUniform2f(loc["u_band"], *band)
        draw_screen_quad(loc)
        if self.show_stars:
            self._paint_stars()
        GL.glUseProgram(0)
        GL.glDepthMask(GL.GL_TRUE)
        GL.glEnable(GL.GL_DEPTH_TEST)

    def _paint_stars(self):
        prog, loc = program("stars")
        GL.glUseProgram(prog)
        GL.glEnable(GL.GL_PROGRAM_POINT_SIZE)
        GL.glUniformMatrix4fv(loc["u_proj"], 1, False, _mat4(self.projectionMatrix()))
        rot = np.array(self.modelViewMatrix().normalMatrix().data(), dtype=np.float32)
        GL.glUniformMatrix3fv(loc["u_rot"], 1, False, rot)
        GL.glUniform1f(loc["u_point_scale"], self.point_scale)
        a_dir, a_size = loc["a_dir"], loc["a_size"]
        GL.glEnableVertexAttribArray(a_dir)
        GL.glEnableVertexAttribArray(a_size)
        base = self._stars.ctypes.data  # client-side array, kept alive by self
        GL.glVertexAttribPointer(
            a_dir, 3, GL.GL_FLOAT, False, 16, ctypes.c_void_p(base)
        )
        GL.glVertexAttribPointer(
            a_size, 1, GL.GL_FLOAT, False, 16, ctypes.c_void_p(base + 12)
        )
        GL.glDrawArrays(GL.GL_POINTS, 0, len(self._stars))
        GL.glDisableVertexAttribArray(a_dir)
        GL.glDisableVertexAttribArray(a_size)
        GL.glDisable(GL.GL_PROGRAM_POINT_SIZE)
