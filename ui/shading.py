"""Lighting shaders for the module meshes: Blinn-Phong with a key, a fill and a rim light.

One program per material, because pyqtgraph keeps extra uniforms on the program object.
Lights live in view space, so the station is always lit from the upper left of the screen
with a cool fill from below and a rim that outlines silhouettes against the dark sky.
"""

from __future__ import annotations

from pyqtgraph.opengl import shaders

from models3d.materials import MATERIALS

_VERTEX = """
uniform mat4 u_mvp;
uniform mat3 u_normal;
attribute vec4 a_position;
attribute vec3 a_normal;
attribute vec4 a_color;
varying vec4 v_color;
varying vec3 v_normal;
void main() {
    v_normal = normalize(u_normal * a_normal);
    v_color = a_color;
    gl_Position = u_mvp * a_position;
}
"""

_FRAGMENT = """
#ifdef GL_ES
precision mediump float;
#endif
uniform float u_specular;
uniform float u_shininess;
varying vec4 v_color;
varying vec3 v_normal;
void main() {
    vec3 n = normalize(v_normal);
    if (!gl_FrontFacing) n = -n;
    vec3 view = vec3(0.0, 0.0, 1.0);
    vec3 key = normalize(vec3(-0.45, 0.55, 0.70));
    vec3 fill = normalize(vec3(0.6, -0.45, 0.45));
    float k = max(dot(n, key), 0.0);
    float f = max(dot(n, fill), 0.0);
    float rim = pow(1.0 - max(dot(n, view), 0.0), 3.0);
    float spec = pow(max(dot(n, normalize(key + view)), 0.0), u_shininess);
    vec3 base = v_color.rgb;
    vec3 rgb = base * (0.16 + 0.95 * k + 0.28 * f * vec3(0.85, 0.92, 1.1))
             + vec3(0.55, 0.65, 0.85) * 0.35 * rim
             + vec3(1.0, 0.97, 0.92) * u_specular * spec;
    gl_FragColor = vec4(min(rgb, vec3(1.0)), v_color.a);
}
"""

_PROGRAMS: dict[str, shaders.ShaderProgram] = {}


def program_for(material: str) -> shaders.ShaderProgram:
    prog = _PROGRAMS.get(material)
    if prog is None:
        mat = MATERIALS[material]
        prog = shaders.ShaderProgram(
            f"ross-{material}",
            [shaders.VertexShader(_VERTEX), shaders.FragmentShader(_FRAGMENT)],
            uniforms={"u_specular": [mat.specular], "u_shininess": [mat.shininess]},
        )
        _PROGRAMS[material] = prog
    return prog
