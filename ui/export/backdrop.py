"""The Earth below the station, as a backdrop for pictures (`--background earth`).

`EarthLimbItem` is drawn first, without depth, over the whole picture: per pixel the
view ray is followed from the station (at the plan's orbit altitude) to a sphere of the
Earth's radius. Rays that meet it show the day image of the orbit view (Blue Marble,
assets/earth) lit by the same Sun as the station's shadows, with city lights on the
night side and a blue haze that thickens towards the limb; rays that pass it show
black space with the atmosphere's thin glow over the limb, brightest where the Sun
lights it. The ray of every pixel comes from the tile's own projection, so tiles of a
large export join without seams.

The scene's frame is the station's: +Z towards the zenith, +X along the velocity. The
station is placed over `NADIR` (latitude, longitude) flying towards `HEADING` (degrees
from north), which puts the Black Sea, the Caucasus and the Caspian under a picture
taken from the usual views; a picture of the view in "Sun from orbit" shows instead
the ground really under the station at the orbit clock's moment, day or night
(`set_ground`, from models3d.sunlight).
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pyqtgraph.opengl as gl
from OpenGL import GL

from models3d.orbit import RE_KM
from models3d.orbit_report import DEFAULT_ALTITUDE_KM, plan_orbit_params

from ..orbit.items import EARTH_DIR
from ..viewport.items import draw_screen_quad
from ..viewport.programs import program, register

NADIR = (45.0, 41.0)  # degrees north, east: between the Black Sea and the Caspian
HEADING = 35.0  # degrees east of north
GLOW_KM = 22.0  # height over which the limb's glow fades to a third

LIMB_VS = """
#version 120
attribute vec2 a_position;
varying vec2 v_ndc;
void main() {
    v_ndc = a_position;
    gl_Position = vec4(a_position, 0.999, 1.0);
}
"""

# All lengths in km from the camera; the Earth's centre is u_center. u_geo turns the
# scene's frame into the Earth-fixed one (x: 0 E on the equator, z: the north pole).
LIMB_FS = """
#version 120
uniform mat4 u_inv_proj;
uniform mat3 u_to_world;
uniform mat3 u_geo;
uniform vec3 u_center;
uniform float u_radius;
uniform float u_glow_km;
uniform vec3 u_sun;
uniform sampler2D u_surface;
varying vec2 v_ndc;
const float PI = 3.14159265;
void main() {
    vec4 p = u_inv_proj * vec4(v_ndc, 1.0, 1.0);
    vec3 d = normalize(u_to_world * (p.xyz / p.w));
    float b = dot(d, u_center);
    vec3 near = d * max(b, 0.0) - u_center;  // centre -> the ray's closest point
    float miss2 = dot(near, near);
    float r2 = u_radius * u_radius;
    float height = sqrt(miss2) - u_radius;
    // the atmosphere over the limb, lit where the Sun lights the air below it
    float air_sun = smoothstep(-0.25, 0.35, dot(normalize(near), u_sun));
    vec3 glow = vec3(0.30, 0.55, 1.0) * exp(-max(height, 0.0) / u_glow_km) * air_sun;
    vec3 space = vec3(0.004, 0.006, 0.016) + glow * 1.1;
    // how much of the pixel the Earth covers: the limb is antialiased over the
    // kilometres one pixel spans there (and tiles agree on it to the last bit)
    float span = max(length(fwidth(d)) * max(b, 1.0), 1e-3);
    float cover = b > 0.0 ? 1.0 - smoothstep(-span, span, height) : 0.0;
    // the ground where the ray meets the sphere, or at the limb where it grazes it
    vec3 hit = miss2 < r2 ? d * (b - sqrt(r2 - miss2)) - u_center : near;
    vec3 n = normalize(hit);
    vec3 g = u_geo * n;
    vec2 uv = vec2(atan(g.y, g.x) / (2.0 * PI) + 0.5,
                   asin(clamp(g.z, -1.0, 1.0)) / PI + 0.5);
    vec4 surface = texture2D(u_surface, uv);
    float mu = dot(n, u_sun);
    float day = smoothstep(-0.08, 0.12, mu);
    vec3 lit = surface.rgb * (0.18 + 0.95 * max(mu, 0.0));
    vec3 dark = surface.rgb * 0.03 + surface.a * vec3(1.0, 0.84, 0.58) * 0.9;
    vec3 ground = mix(dark, lit, day);
    // haze: more air between the eye and the ground towards the limb, where the
    // air thickens fast and the ground is a sliver
    float slant = 1.0 - max(dot(-d, n), 0.0);
    float haze = pow(slant, 4.0) * 0.45 + pow(slant, 24.0) * 0.5 + 0.02;
    ground = mix(ground, vec3(0.42, 0.62, 0.98) * (0.15 + 0.85 * day), haze * day);
    vec3 rgb = mix(space, ground + glow * 0.35, cover);
    gl_FragColor = vec4(min(rgb, vec3(1.0)), 1.0);
}
"""

register("limb", LIMB_VS, LIMB_FS)


def geo_frame(nadir=NADIR, heading: float = HEADING) -> np.ndarray:
    """Scene frame -> Earth-fixed frame: the columns are the Earth-fixed directions
    of the scene's +X (heading), +Y (left of it) and +Z (up over `nadir`)."""
    lat, lon, psi = (math.radians(v) for v in (*nadir, heading))
    up = np.array(
        [math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)]
    )
    north = np.array(
        [-math.sin(lat) * math.cos(lon), -math.sin(lat) * math.sin(lon), math.cos(lat)]
    )
    east = np.array([-math.sin(lon), math.cos(lon), 0.0])
    x = math.cos(psi) * north + math.sin(psi) * east
    return np.column_stack([x, np.cross(up, x), up])


ANISOTROPY = 0x84FE  # GL_TEXTURE_MAX_ANISOTROPY (EXT_texture_filter_anisotropic)
MAX_ANISOTROPY = 0x84FF


@functools.cache
def backdrop_image() -> np.ndarray:
    """The day image at 4096 x 2048 (twice the globe's: 10 km a texel at the equator)
    with the night lights in alpha, bottom row first as GL wants it; made once per
    process, on the first picture with the Earth below."""
    from PIL import Image

    with Image.open(EARTH_DIR / "day_4096.jpg") as img:
        day = np.asarray(img.convert("RGB"))
    with Image.open(EARTH_DIR / "night_2048.jpg") as img:
        size = (day.shape[1], day.shape[0])
        night = np.asarray(img.convert("L").resize(size, Image.Resampling.BILINEAR))
    return np.ascontiguousarray(np.dstack([day, night])[::-1])


def _upload(image: np.ndarray) -> int:
    """The texture, mipmapped and filtered for the grazing view towards the limb:
    trilinear, and anisotropic where the driver has it (llvmpipe does): without it
    the far ground blurs into a smear."""
    tex = int(GL.glGenTextures(1))
    GL.glBindTexture(GL.GL_TEXTURE_2D, tex)
    GL.glPixelStorei(GL.GL_UNPACK_ALIGNMENT, 1)
    h, w = image.shape[:2]
    GL.glTexImage2D(
        GL.GL_TEXTURE_2D, 0, GL.GL_RGBA, w, h, 0, GL.GL_RGBA, GL.GL_UNSIGNED_BYTE, image
    )
    GL.glGenerateMipmap(GL.GL_TEXTURE_2D)
    for key, value in (
        (GL.GL_TEXTURE_MIN_FILTER, GL.GL_LINEAR_MIPMAP_LINEAR),
        (GL.GL_TEXTURE_MAG_FILTER, GL.GL_LINEAR),
        (GL.GL_TEXTURE_WRAP_S, GL.GL_REPEAT),  # longitude wraps
        (GL.GL_TEXTURE_WRAP_T, GL.GL_CLAMP_TO_EDGE),
    ):
        GL.glTexParameteri(GL.GL_TEXTURE_2D, key, value)
    most = float(np.atleast_1d(GL.glGetFloatv(MAX_ANISOTROPY))[0])
    if GL.glGetError() == GL.GL_NO_ERROR and most > 1.0:
        GL.glTexParameterf(GL.GL_TEXTURE_2D, ANISOTROPY, min(16.0, most))
    GL.glGetError()  # an export checks the error state when it ends
    GL.glBindTexture(GL.GL_TEXTURE_2D, 0)
    return tex


def plan_altitude_km(plan) -> float:
    """The plan's published orbit altitude, or the model's default one."""
    found = plan_orbit_params(plan) if plan is not None else []
    return found[0].altitude_km if found else DEFAULT_ALTITUDE_KM


class EarthLimbItem(gl.GLGraphicsItem.GLGraphicsItem):
    """The Earth's limb and atmosphere behind the station (hidden unless asked for).
    Its texture (`backdrop_image`) is made on the first paint; `release()` frees it,
    with the context current."""

    def __init__(self):
        super().__init__()
        self.setDepthValue(-1_000_000)
        self.altitude_km = DEFAULT_ALTITUDE_KM
        self.sun = np.array([0.0, 0.0, 1.0])  # towards the Sun, scene frame
        self._geo = geo_frame().astype(np.float32)
        self.ground: np.ndarray | None = None  # set_ground's frame, else NADIR's
        self._texture: int | None = None

    def paint(self):
        if self._texture is None:
            self._texture = _upload(backdrop_image())
        GL.glDisable(GL.GL_DEPTH_TEST)
        GL.glDepthMask(GL.GL_FALSE)
        GL.glDisable(GL.GL_BLEND)
        prog, loc = program("limb")
        GL.glUseProgram(prog)
        # QMatrix4x4.data() is column-major; these are the matrices, row-major
        proj = np.array(self.projectionMatrix().data(), np.float64).reshape(4, 4).T
        inv = np.linalg.inv(proj).astype(np.float32)
        GL.glUniformMatrix4fv(loc["u_inv_proj"], 1, GL.GL_TRUE, inv)
        view = np.array(self.modelViewMatrix().data(), np.float64).reshape(4, 4).T
        to_world = view[:3, :3].T.astype(np.float32)
        GL.glUniformMatrix3fv(loc["u_to_world"], 1, GL.GL_TRUE, to_world)
        GL.glUniformMatrix3fv(loc["u_geo"], 1, GL.GL_TRUE, self._geo)
        GL.glUniform3f(loc["u_center"], 0.0, 0.0, -(RE_KM + self.altitude_km))
        GL.glUniform1f(loc["u_radius"], RE_KM)
        GL.glUniform1f(loc["u_glow_km"], GLOW_KM)
        GL.glUniform3f(loc["u_sun"], *(float(v) for v in self.sun))
        GL.glActiveTexture(GL.GL_TEXTURE0)
        GL.glBindTexture(GL.GL_TEXTURE_2D, self._texture)
        GL.glUniform1i(loc["u_surface"], 0)
        draw_screen_quad(loc)
        GL.glBindTexture(GL.GL_TEXTURE_2D, 0)
        GL.glUseProgram(0)
        GL.glDepthMask(GL.GL_TRUE)
        GL.glEnable(GL.GL_DEPTH_TEST)

    def set_ground(self, to_earth, altitude_km: float | None) -> None:
        """Show the ground under the station at a moment of its orbit: `to_earth`
        turns the station frame into the Earth-fixed one (models3d.sunlight)."""
        if to_earth is None:
            return
        self.ground = np.asarray(to_earth, dtype=np.float64)
        self._geo = self.ground.astype(np.float32)
        if altitude_km is not None:
            self.altitude_km = float(altitude_km)

    @property
    def holds_texture(self) -> bool:
        return self._texture is not None

    def release(self) -> None:
        """Free the texture (context current)."""
        if self._texture is not None:
            GL.glDeleteTextures(1, [self._texture])
            self._texture = None
