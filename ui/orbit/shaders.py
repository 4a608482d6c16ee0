"""GLSL programs of the orbit view (registered with ui.viewport.programs, compiled
once per context on first use): the globe and the lines and points drawn over it."""

from __future__ import annotations

from ..viewport.programs import register

# The orbit view's globe (ui.orbit): a unit sphere in the Earth-fixed frame with two
# equirectangular textures, u_surface (the day image; the night lights' brightness in
# alpha) and u_russia (Russia's mask). The day image where the Sun is up and the night
# lights where it is down, blended over about +-6 degrees of solar elevation round the
# terminator; Russia tinted by the coverage band it lies in (u_bands: sines of the
# bands' |latitude| limits, narrowest first; u_zone: their colours, then Russia
# beyond); a thin blue rim of atmosphere on the day side.
EARTH_VS = """
#version 120
uniform mat4 u_mvp;
uniform mat4 u_mv;
uniform mat3 u_nm;
uniform vec3 u_sun;
attribute vec3 a_position;
attribute vec2 a_uv;
varying vec2 v_uv;
varying float v_mu;
varying float v_z;
varying float v_rim;
void main() {
    // per vertex what varies smoothly over a sphere of 8,000 vertices: the Sun's
    // elevation, latitude and the limb; the fragment shader only reads and mixes
    v_uv = a_uv;
    v_mu = dot(a_position, u_sun);
    v_z = abs(a_position.z);
    vec3 en = normalize(u_nm * a_position);
    vec3 pos = (u_mv * vec4(a_position, 1.0)).xyz;
    v_rim = pow(1.0 - max(dot(en, normalize(-pos)), 0.0), 2.5);
    gl_Position = u_mvp * vec4(a_position, 1.0);
}
"""

EARTH_FS = """
#version 120
uniform sampler2D u_surface;
uniform sampler2D u_russia;
uniform vec4 u_bands;
uniform vec3 u_zone[5];
uniform float u_coverage;
varying vec2 v_uv;
varying float v_mu;
varying float v_z;
varying float v_rim;
void main() {
    float daylight = smoothstep(-0.1, 0.1, v_mu);
    // every texture read outside branches: in non-uniform control flow llvmpipe
    // samples about twice as slowly (measured)
    vec4 surface = texture2D(u_surface, v_uv);
    float russia = texture2D(u_russia, v_uv).r * u_coverage;
    vec3 lit = surface.rgb * (0.22 + 1.1 * max(v_mu, 0.0));
    vec3 dark = surface.rgb * 0.035 + surface.a * vec3(1.0, 0.86, 0.62) * 1.3;
    vec3 rgb = mix(dark, lit, daylight);
    // the narrowest band a point lies in picks the colour (no branches, as above)
    vec4 inside = step(vec4(v_z), u_bands);
    vec3 zone = mix(u_zone[4], u_zone[3], inside.w);
    zone = mix(zone, u_zone[2], inside.z);
    zone = mix(zone, u_zone[1], inside.y);
    zone = mix(zone, u_zone[0], inside.x);
    float strength = 0.35 + 0.2 * inside.w + 0.1 * inside.x;
    rgb = mix(rgb, zone * (0.3 + 0.7 * daylight), strength * russia);
    rgb += vec3(0.30, 0.55, 1.0) * v_rim * 0.55 * smoothstep(-0.2, 0.3, v_mu);
    gl_FragColor = vec4(min(rgb, vec3(1.0)), 1.0);
}
"""

# Lines and points of the orbit view (rings, tracks, outlines, markers): a colour per
# vertex (or u_override where its alpha is 1), faded by u_dim; points are drawn as round
# discs when u_round is 1.
FLAT_VS = """
#version 120
uniform mat4 u_mvp;
uniform float u_point_size;
attribute vec3 a_position;
attribute vec4 a_color;
varying vec4 v_color;
void main() {
    v_color = a_color;
    gl_PointSize = u_point_size;
    gl_Position = u_mvp * vec4(a_position, 1.0);
}
"""

FLAT_FS = """
#version 120
uniform float u_round;
uniform vec4 u_override;
uniform float u_dim;
varying vec4 v_color;
void main() {
    if (u_round > 0.5) {
        vec2 d = gl_PointCoord - vec2(0.5);
        if (dot(d, d) > 0.25) discard;
    }
    vec4 c = mix(v_color, u_override, u_override.a);
    gl_FragColor = vec4(c.rgb, c.a * (1.0 - u_dim));
}
"""

register("earth", EARTH_VS, EARTH_FS)
register("flat", FLAT_VS, FLAT_FS)
