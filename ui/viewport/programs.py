"""GLSL programs of the viewport, compiled once per OpenGL context.

GLSL 1.20 with attributes keeps the shaders valid on compatibility contexts from GL 2.1 up
(Mesa llvmpipe gives 4.5 compatibility; some drivers give less).
"""

from __future__ import annotations

from OpenGL import GL
from OpenGL.GL import shaders
from PySide6.QtGui import QOpenGLContext


def _mesh_vs(*extras: tuple[str, str]) -> str:
    """Vertex shader of a lit mesh: position and normal, plus per-vertex extras
    (`(kind, name)` pairs) passed through as `v_<name>`."""
    decl = "".join(f"attribute {k} a_{n};\nvarying {k} v_{n};\n" for k, n in extras)
    copy = "".join(f"    v_{n} = a_{n};\n" for _k, n in extras)
    return f"""
#version 120
uniform mat4 u_mvp;
uniform mat4 u_mv;
uniform mat3 u_nm;
attribute vec3 a_position;
attribute vec3 a_normal;
{decl}varying vec3 v_normal;
varying vec3 v_pos;
void main() {{
    v_normal = u_nm * a_normal;
    v_pos = (u_mv * vec4(a_position, 1.0)).xyz;
{copy}    gl_Position = u_mvp * vec4(a_position, 1.0);
}}
"""


STATION_VS = _mesh_vs(("float", "material"), ("vec2", "uv"), ("float", "ao"))
# with the Sun's shadow map coordinates (ui.viewport.shadows: module -> map)
STATION_SHADOWED_VS = STATION_VS.replace(
    "void main() {",
    "uniform mat4 u_shadow_mat;\nvarying vec4 v_shadow;\nvoid main() {\n"
    "    v_shadow = u_shadow_mat * vec4(a_position, 1.0);",
)
IMPORTED_VS = _mesh_vs(("vec2", "uv"), ("vec4", "color"))

# Lighting shared by the built-in and the imported meshes: a warm key light from the upper
# left, a cool fill from the lower right, a rim that outlines silhouettes against the sky,
# and a Blinn-Phong highlight; `shade` mixes in the selection or hover tint.
# With u_sunlit = 1 (set by ui.orbit.sunlit for "Sun from orbit") `sunlit` lights the
# station instead from u_sun_dir (eye space, u_sun_rgb: zero in eclipse) with the
# Earth's glow from u_glow_dir and a dim ambient fill. Uniforms start at zero, so a
# program nobody set them on draws exactly the studio lighting below.
LIGHTING = """
uniform vec4 u_tint;
uniform float u_sunlit;
uniform vec3 u_sun_dir;
uniform vec3 u_sun_rgb;
uniform vec3 u_glow_dir;
uniform vec3 u_glow_rgb;
uniform vec3 u_ambient_rgb;
uniform vec3 u_rim_rgb;
vec3 sunlit(vec3 base, vec2 sp, vec3 n, vec3 v) {
    float k = max(dot(n, u_sun_dir), 0.0);
    float g = max(dot(n, u_glow_dir), 0.0);
    float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0);
    float spec = pow(max(dot(n, normalize(u_sun_dir + v)), 0.0), sp.y) * sp.x;
    vec3 rgb = base * (u_ambient_rgb + k * u_sun_rgb + g * u_glow_rgb)
             + u_rim_rgb * rim + u_sun_rgb * spec;
    float lit = k * max(max(u_sun_rgb.r, u_sun_rgb.g), u_sun_rgb.b);
    rgb = mix(rgb, u_tint.rgb * (0.45 + 0.75 * lit) + u_tint.rgb * rim, u_tint.a);
    return min(rgb, vec3(1.0));
}
vec3 shade(vec3 base, vec2 sp, vec3 normal, vec3 pos) {
    vec3 n = normalize(normal);
    vec3 v = normalize(-pos);
    if (dot(n, v) < 0.0) n = -n;
    if (u_sunlit > 0.5) return sunlit(base, sp, n, v);
    vec3 key = normalize(vec3(-0.45, 0.60, 0.66));
    vec3 fill = normalize(vec3(0.55, -0.50, 0.45));
    float k = max(dot(n, key), 0.0);
    float f = max(dot(n, fill), 0.0);
    float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0);
    float spec = pow(max(dot(n, normalize(key + v)), 0.0), sp.y) * sp.x;
    vec3 rgb = base * (0.14 + 0.92 * k * vec3(1.0, 0.98, 0.94)
                       + 0.30 * f * vec3(0.80, 0.88, 1.05))
             + vec3(0.50, 0.62, 0.90) * 0.32 * rim
             + vec3(1.0, 0.97, 0.92) * spec;
    rgb = mix(rgb, u_tint.rgb * (0.45 + 0.75 * k) + u_tint.rgb * rim, u_tint.a);
    return min(rgb, vec3(1.0));
}
"""


def _mesh_fs(declarations: str, body: str) -> str:
    """Fragment shader of a lit mesh: the wireframe pass draws u_flat; otherwise `body`
    sets gl_FragColor, with `shade()` (LIGHTING) at hand."""
    return (
        """
#version 120
uniform float u_alpha;
uniform vec4 u_flat;
varying vec3 v_normal;
varying vec3 v_pos;
"""
        + declarations
        + LIGHTING
        + """
void main() {
    if (u_flat.a > 0.0) {
        gl_FragColor = u_flat;
        return;
    }
"""
        + body
        + """
}
"""
    )


# Built-in modules (issue 15): metallic/roughness shading in linear light, then ACES
# (Narkowicz's fit) and sRGB encoding. Lights are the studio ones of `shade()` or,
# with u_sunlit, the orbit view's Sun, Earth glow and ambient, their gamma-tuned
# intensities raised to linear. Specular is GGX with a Schlick-Smith visibility; metals
# take their colour from F0 and reflect a two-tone environment (no cube map: a gradient
# from a dim ground to a bright sky) scaled by baked AO. Solar cells draw their grid
# from the UVs (cell units: integers on the edges), faded to its average where a cell
# is under about two pixels, and shift towards violet at grazing angles (the
# anti-reflection coating's sheen). u_ao: 0 ignores the baked AO, 1 applies it.
# Material colours arrive linear (ui.viewport.items). On a software renderer every
# instruction of this shader is paid per pixel, so powers are products, the sRGB
# encoding is Taylor's fit of three square roots (within 0.2 % of the exact curve)
# instead of pow(), and the Sun's shadow lookups are compiled only into the
# "station_shadowed" variant (a SHADOWS define), not skipped by a branch.
PBR = """
uniform vec3 u_color[16];
uniform vec2 u_pbr[16];
uniform float u_solar;
uniform vec3 u_solar_srgb;
uniform float u_ao;
uniform float u_exposure;
uniform vec3 u_key_dir;
// the orbit view's lights in linear light (ui.orbit.sunlit sets them with u_sunlit)
uniform vec3 u_sun_lin;
uniform vec3 u_glow_lin;
uniform vec3 u_ambient_lin;
uniform vec3 u_rim_lin;
#ifdef SHADOWS
uniform sampler2DShadow u_shadow_map;
uniform float u_shadow_texel;
uniform float u_pcf;
varying vec4 v_shadow;
// fraction of the Sun's light reaching the fragment: taps on a square of
// (2 u_pcf + 1)^2 texels, each a hardware 2x2 comparison; the bias grows on faces
// turned away from the Sun (grazing light), where depth slopes steeply
float sun_light(float nl) {
    float bias = u_shadow_texel * (1.5 + 4.0 * (1.0 - nl));
    vec3 p = v_shadow.xyz / v_shadow.w;
    float sum = 0.0;
    float count = 0.0;
    for (float y = -u_pcf; y <= u_pcf + 0.01; y += 1.0) {
        for (float x = -u_pcf; x <= u_pcf + 0.01; x += 1.0) {
            vec2 uv = p.xy + vec2(x, y) * u_shadow_texel;
            sum += shadow2D(u_shadow_map, vec3(uv, p.z - bias)).r;
            count += 1.0;
        }
    }
    return sum / count;
}
#endif
varying float v_material;
varying vec2 v_uv;
varying float v_ao;
// gamma 2.2 to linear: per pixel only on solar cells
vec3 lin(vec3 c) { return pow(max(c, vec3(0.0)), vec3(2.2)); }
vec3 aces(vec3 x) {
    return clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
}
vec3 srgb(vec3 c) {
    vec3 s1 = sqrt(c);
    vec3 s2 = sqrt(s1);
    vec3 s3 = sqrt(s2);
    return max(0.662002687 * s1 + 0.684122060 * s2 - 0.323583601 * s3
               - 0.0225411470 * c, 0.0);
}
float pow5(float x) {
    float x2 = x * x;
    return x2 * x2 * x;
}
vec3 light(vec3 albedo, vec3 f0, float a2, float k, float nv, vec3 n, vec3 v,
           vec3 l) {
    float nl = max(dot(n, l), 0.0);
    vec3 h = normalize(l + v);
    float nh = max(dot(n, h), 0.0);
    vec3 f = f0 + (1.0 - f0) * pow5(1.0 - max(dot(v, h), 0.0));
    float d = nh * nh * (a2 - 1.0) + 1.0;
    float vis = 0.25 / ((nl * (1.0 - k) + k) * (nv * (1.0 - k) + k));
    // pi * D * V: light intensities are radiance times pi, as for the diffuse term
    vec3 spec = f * min(a2 / (d * d) * vis, 40.0);
    return (albedo * (1.0 - f) + spec) * nl;
}
vec3 shade_pbr(vec3 c, vec2 mr, float ao, vec3 normal, vec3 pos) {
    vec3 n = normalize(normal);
    vec3 v = normalize(-pos);
    if (dot(n, v) < 0.0) n = -n;
    float nv = max(dot(n, v), 1e-3);
    bool sun = u_sunlit > 0.5;
    vec3 key = sun ? u_sun_dir : u_key_dir;
    float shadow = 1.0;
#ifdef SHADOWS
    // the map is drawn from this Sun (ui.orbit.sunlit aims it at the orbit's)
    shadow = sun_light(max(dot(n, key), 0.0));
#endif
    vec3 key_rgb = sun ? u_sun_lin : 0.83 * vec3(1.0, 0.96, 0.88);
    vec3 fill = sun ? u_glow_dir : vec3(0.63298, -0.57544, 0.51789);  // unit
    vec3 fill_rgb = sun ? u_glow_lin : 0.075 * vec3(0.66, 0.76, 1.10);
    vec3 amb = sun ? u_ambient_lin : vec3(0.030, 0.033, 0.040);
    vec3 rim_rgb = sun ? u_rim_lin : 0.085 * vec3(0.30, 0.42, 0.90);
    float metal = mr.x;
    float a = max(mr.y * mr.y, 0.003);
    float a2 = a * a;
    float k = 0.5 * a;
    vec3 albedo = c * (1.0 - metal);
    vec3 f0 = mix(vec3(0.04), c, metal);
    float occ = mix(1.0, ao, u_ao);
    vec3 rgb = key_rgb * light(albedo, f0, a2, k, nv, n, v, key) * shadow
             * mix(1.0, occ, 0.35)
             + fill_rgb * albedo * max(dot(n, fill), 0.0) * occ;
    // environment: diffuse from the ambient, specular from a sky/ground gradient,
    // blurred towards its mean as the surface roughens
    vec3 r = reflect(-v, n);
    vec3 env = mix(vec3(0.035, 0.04, 0.055), vec3(0.30, 0.32, 0.36),
                   smoothstep(-0.6, 0.8, r.y));
    env = mix(env, vec3(0.12, 0.13, 0.15), mr.y) * 1.6;
    // in orbit the surroundings are as bright as the lights: dark in eclipse
    if (sun) env = amb + 0.5 * fill_rgb + 0.12 * key_rgb;
    float fc = 1.0 - nv;
    float fc2 = fc * fc;
    vec3 fr = f0 + (max(vec3(1.0 - mr.y), f0) - f0) * (fc2 * fc2 * fc);
    rgb += (albedo * amb * (sun ? 1.0 : 4.0) + fr * env) * occ;
    float rim = fc2 * fc;
    rgb += rim_rgb * rim * occ;
    rgb = srgb(aces(rgb * u_exposure));
    float lit = max(dot(n, key), 0.0) * shadow;
    return mix(rgb, u_tint.rgb * (0.45 + 0.75 * lit) + u_tint.rgb * rim, u_tint.a);
}
// mixed in sRGB as the material's look was tuned, then made linear
vec3 solar_cells(vec3 normal, vec3 pos) {
    vec2 w = max(fwidth(v_uv), vec2(1e-4));
    vec2 edge = 0.5 - abs(fract(v_uv) - 0.5);
    vec2 gap = 1.0 - smoothstep(0.035 - w, 0.035 + w, edge);
    float grid = max(gap.x, gap.y);
    // where a cell spans under ~2 pixels the grid averages to its area share
    grid = mix(grid, 0.14, smoothstep(0.25, 0.6, max(w.x, w.y)));
    float graze = 1.0 - abs(dot(normalize(normal), normalize(-pos)));
    vec3 cell = mix(u_solar_srgb, vec3(0.16, 0.10, 0.36), 0.55 * graze * graze);
    return lin(mix(cell, vec3(0.58, 0.60, 0.64), grid));
}
"""


def _station_fs(shadows: bool) -> str:
    """The built-in modules' fragment shader: _mesh_fs's frame, PBR after LIGHTING
    (it reads the light uniforms declared there)."""
    return (
        "\n#version 120\n"
        + ("#define SHADOWS\n" if shadows else "")
        + """
uniform float u_alpha;
uniform vec4 u_flat;
varying vec3 v_normal;
varying vec3 v_pos;
"""
        + LIGHTING
        + PBR
        + """
void main() {
    if (u_flat.a > 0.0) {
        gl_FragColor = u_flat;
        return;
    }
    int m = int(v_material + 0.5);
    vec3 base = u_color[m];
    vec2 mr = u_pbr[m];
    if (abs(v_material - u_solar) < 0.5) {
        base = solar_cells(v_normal, v_pos);
    }
    gl_FragColor = vec4(shade_pbr(base, mr, v_ao, v_normal, v_pos), u_alpha);
}
"""
    )


IMPORTED_FS = _mesh_fs(
    """
uniform float u_use_tex;
uniform sampler2D u_tex;
varying vec2 v_uv;
varying vec4 v_color;
""",
    """
    vec4 base = v_color;
    if (u_use_tex > 0.5) base *= texture2D(u_tex, v_uv);
    gl_FragColor = vec4(shade(base.rgb, vec2(0.35, 32.0), v_normal, v_pos),
                        u_alpha * base.a);
""",
)

# u_band maps this quad's height onto the whole picture (offset, scale), so tiles of a
# large export join into one gradient.
SKY_VS = """
#version 120
uniform vec2 u_band;
attribute vec2 a_position;
varying float v_y;
void main() {
    v_y = u_band.x + u_band.y * (a_position.y * 0.5 + 0.5);
    gl_Position = vec4(a_position, 0.999, 1.0);
}
"""

SKY_FS = """
#version 120
uniform vec3 u_top;
uniform vec3 u_bottom;
varying float v_y;
void main() {
    float t = clamp(v_y, 0.0, 1.0);
    gl_FragColor = vec4(mix(u_bottom, u_top, t * t), 1.0);
}
"""

STAR_VS = """
#version 120
uniform mat4 u_proj;
uniform mat3 u_rot;
uniform float u_point_scale;
attribute vec3 a_dir;
attribute float a_size;
varying float v_light;
void main() {
    vec4 p = u_proj * vec4(u_rot * a_dir, 1.0);
    p.z = p.w * 0.998;
    gl_Position = p;
    gl_PointSize = a_size * u_point_scale;
    v_light = 0.35 + 0.4 * a_size;
}
"""

STAR_FS = """
#version 120
varying float v_light;
void main() {
    gl_FragColor = vec4(vec3(min(v_light, 1.0)) * vec3(0.92, 0.95, 1.0), 1.0);
}
"""

# Depth only, for the Sun's shadow map (ui.viewport.shadows)
DEPTH_VS = """
#version 120
uniform mat4 u_mvp;
attribute vec3 a_position;
void main() {
    gl_Position = u_mvp * vec4(a_position, 1.0);
}
"""

DEPTH_FS = """
#version 120
void main() {
    gl_FragColor = vec4(1.0);
}
"""

_CACHE: dict[tuple[int, str], tuple[int, dict]] = {}
_SOURCES = {
    "station": (STATION_VS, _station_fs(shadows=False)),
    "station_shadowed": (STATION_SHADOWED_VS, _station_fs(shadows=True)),
    "imported": (IMPORTED_VS, IMPORTED_FS),
    "sky": (SKY_VS, SKY_FS),
    "stars": (STAR_VS, STAR_FS),
    "depth": (DEPTH_VS, DEPTH_FS),
}


def register(name: str, vertex: str, fragment: str) -> None:
    """Add a program of another package (compiled on first use, as these are)."""
    _SOURCES[name] = (vertex, fragment)


def program(name: str) -> tuple[int, dict]:
    """(program id, {name: location}) for the current context."""
    ctx = QOpenGLContext.currentContext()
    share = ctx.shareGroup() if ctx is not None else None
    key = (id(share), name)
    found = _CACHE.get(key)
    if found is None:
        vs, fs = _SOURCES[name]
        prog = shaders.compileProgram(
            shaders.compileShader(vs, GL.GL_VERTEX_SHADER),
            shaders.compileShader(fs, GL.GL_FRAGMENT_SHADER),
            validate=False,
        )
        locs = {}
        n = GL.glGetProgramiv(prog, GL.GL_ACTIVE_UNIFORMS)
        for i in range(n):
            uname = GL.glGetActiveUniform(prog, i)[0].decode().split("[")[0]
            locs[uname] = GL.glGetUniformLocation(prog, uname)
        n = GL.glGetProgramiv(prog, GL.GL_ACTIVE_ATTRIBUTES)
        for i in range(n):
            aname = _attrib_name(prog, i)
            locs[aname] = GL.glGetAttribLocation(prog, aname)
        found = (prog, locs)
        _CACHE[key] = found
    return found


def _attrib_name(prog: int, index: int) -> str:
    length = GL.GLsizei()
    size = GL.GLint()
    kind = GL.GLenum()
    buf = (GL.GLchar * 64)()
    GL.glGetActiveAttrib(prog, index, 64, length, size, kind, buf)
    return bytes(buf[: length.value]).decode()
