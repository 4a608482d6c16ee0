"""Benchmark: the orbit view (globe, ring, track, Sun, station) at 1280x720 while it
plays, against a textured-sphere floor measured in the same run and the same view.

Floor: the same sphere mesh with the day texture only, a shader that just samples it,
no other item and no sky. Each round times both, alternating, so machine noise hits
them alike. A frame is the clock's step (transforms of every moving item) plus the
displayed frame (update -> frameSwapped). Also counts uploads while playing: the
textures go up once, nothing goes up per frame.

    xvfb-run -a -s "-screen 0 1920x1200x24" .venv/bin/python bench/orbit_view.py
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ui.app import _configure_qt

_configure_qt()

import numpy as np
import pyqtgraph.opengl as gl
from OpenGL import GL
from OpenGL.GL import shaders
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from models3d.catalogue import load_plan, resolve_plan
from models3d.viewer_model import ViewerModel

W, H = 1280, 720
GOAL_FPS = 20.0

_FLOOR_VS = """
#version 120
uniform mat4 u_mvp;
attribute vec3 a_position;
attribute vec2 a_uv;
varying vec2 v_uv;
void main() { v_uv = a_uv; gl_Position = u_mvp * vec4(a_position, 1.0); }
"""
_FLOOR_FS = """
#version 120
uniform sampler2D u_tex;
varying vec2 v_uv;
void main() { gl_FragColor = texture2D(u_tex, v_uv); }
"""


class TexturedSphere(gl.GLGraphicsItem.GLGraphicsItem):
    """The floor: the globe's sphere and day texture, one trivial draw."""

    def __init__(self):
        super().__init__()
        from ui.orbit.geometry import sphere
        from ui.orbit.items import earth_images

        self.verts, faces = sphere()
        self.faces = np.ascontiguousarray(faces.ravel(), dtype=np.uint32)
        self.image = np.ascontiguousarray(earth_images()["surface"][..., :3])
        self.prog = None

    def paint(self):
        if self.prog is None:
            self.prog = shaders.compileProgram(
                shaders.compileShader(_FLOOR_VS, GL.GL_VERTEX_SHADER),
                shaders.compileShader(_FLOOR_FS, GL.GL_FRAGMENT_SHADER),
                validate=False,
            )
            self.vbo, self.ibo = (int(b) for b in GL.glGenBuffers(2))
            GL.glBindBuffer(GL.GL_ARRAY_BUFFER, self.vbo)
            GL.glBufferData(
                GL.GL_ARRAY_BUFFER, self.verts.nbytes, self.verts, GL.GL_STATIC_DRAW
            )
            GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, self.ibo)
            GL.glBufferData(
                GL.GL_ELEMENT_ARRAY_BUFFER,
                self.faces.nbytes,
                self.faces,
                GL.GL_STATIC_DRAW,
            )
            self.tex = int(GL.glGenTextures(1))
            GL.glBindTexture(GL.GL_TEXTURE_2D, self.tex)
            GL.glPixelStorei(GL.GL_UNPACK_ALIGNMENT, 1)
            img = self.image
            GL.glTexImage2D(
                GL.GL_TEXTURE_2D,
                0,
                GL.GL_RGB,
                img.shape[1],
                img.shape[0],
                0,
                GL.GL_RGB,
                GL.GL_UNSIGNED_BYTE,
                img,
            )
            GL.glGenerateMipmap(GL.GL_TEXTURE_2D)
            GL.glTexParameteri(
                GL.GL_TEXTURE_2D, GL.GL_TEXTURE_MIN_FILTER, GL.GL_LINEAR_MIPMAP_LINEAR
            )
            GL.glTexParameteri(GL.GL_TEXTURE_2D, GL.GL_TEXTURE_MAG_FILTER, GL.GL_LINEAR)
        GL.glUseProgram(self.prog)
        loc = GL.glGetUniformLocation(self.prog, "u_mvp")
        GL.glUniformMatrix4fv(
            loc, 1, False, np.array(self.mvpMatrix().data(), np.float32)
        )
        GL.glActiveTexture(GL.GL_TEXTURE0)
        GL.glBindTexture(GL.GL_TEXTURE_2D, self.tex)
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, self.vbo)
        GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, self.ibo)
        attrs = []
        for name, size, off in (("a_position", 3, 0), ("a_uv", 2, 12)):
            a = GL.glGetAttribLocation(self.prog, name)
            GL.glEnableVertexAttribArray(a)
            GL.glVertexAttribPointer(
                a, size, GL.GL_FLOAT, False, 20, ctypes.c_void_p(off)
            )
            attrs.append(a)
        GL.glEnable(GL.GL_DEPTH_TEST)
        GL.glEnable(GL.GL_CULL_FACE)
        GL.glDrawElements(GL.GL_TRIANGLES, len(self.faces), GL.GL_UNSIGNED_INT, None)
        GL.glDisable(GL.GL_CULL_FACE)
        for a in attrs:
            GL.glDisableVertexAttribArray(a)
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, 0)
        GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, 0)
        GL.glBindTexture(GL.GL_TEXTURE_2D, 0)
        GL.glUseProgram(0)


def displayed_ms(view, step) -> float:
    """One frame as the clock plays it: the step, then the frame on screen."""
    loop = QEventLoop()
    view.frameSwapped.connect(loop.quit)
    QTimer.singleShot(2000, loop.quit)
    t = time.perf_counter()
    step()
    view.update()
    loop.exec()
    view.frameSwapped.disconnect(loop.quit)
    return (time.perf_counter() - t) * 1000


def render_ms(view) -> float:
    """The GL work alone: paintGL and glFinish, nothing shown."""
    view.makeCurrent()
    t = time.perf_counter()
    view.paintGL()
    GL.glFinish()
    dt_ms = (time.perf_counter() - t) * 1000
    view.doneCurrent()
    return dt_ms


def show_floor(view, floor, on: bool) -> None:
    for item in view.items:
        item.setVisible(not on)
    floor.setVisible(on)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=6)
    ap.add_argument("--frames", type=int, default=20, help="frames per round and side")
    ap.add_argument("--plan", default="ros-2026")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui.orbit.clock import OrbitClock
    from ui.orbit.items import COUNTS
    from ui.orbit.panel import OrbitPanel

    model = ViewerModel(load_plan(resolve_plan(args.plan)))
    clock = OrbitClock(date=dt.date(2026, 3, 20))
    clock.set_seconds(6 * 3600.0)
    panel = OrbitPanel(model, clock)
    view = panel.view
    panel.show()
    view.setFixedSize(W, H)
    panel.adjustSize()
    for _ in range(40):
        app.processEvents()
    floor = TexturedSphere()
    floor.setVisible(False)
    view.addItem(floor)
    orbit_items = [i for i in view.items if i is not floor]
    for _ in range(5):  # warm-up: programs compiled, everything uploaded
        displayed_ms(view, lambda: None)
    uploads = (COUNTS.texture_uploads, COUNTS.buffer_uploads)
    print(
        f"view {view.width()}x{view.height()} (device {view.deviceWidth()}x"
        f"{view.deviceHeight()}), renderer: {view.context().format().version()}, "
        f"{renderer_name(view)}"
    )
    dt_orbit = clock.period_s / clock.seconds_per_orbit / 30.0  # a 30 fps playing step

    def step():
        clock.set_seconds(clock.seconds + dt_orbit)

    app_ms, floor_ms, app_gl, floor_gl = [], [], [], []
    for _ in range(args.rounds):
        for item in orbit_items:
            item.setVisible(True)
        floor.setVisible(False)
        panel.refresh()
        app_ms += [displayed_ms(view, step) for _ in range(args.frames)]
        app_gl += [render_ms(view) for _ in range(args.frames // 2)]
        show_floor(view, floor, True)
        floor_ms += [displayed_ms(view, lambda: None) for _ in range(args.frames)]
        floor_gl += [render_ms(view) for _ in range(args.frames // 2)]
    a, f = statistics.median(app_ms), statistics.median(floor_ms)
    ga, gf = statistics.median(app_gl), statistics.median(floor_gl)
    new = (COUNTS.texture_uploads - uploads[0], COUNTS.buffer_uploads - uploads[1])
    print(
        f"\norbit view, playing ({args.plan}): {a:.1f} ms per displayed frame = "
        f"{1000 / a:.1f} fps (goal >= {GOAL_FPS:g} fps)"
    )
    print(f"textured sphere floor: {f:.1f} ms = {1000 / f:.1f} fps")
    print(f"ratio orbit view / floor: {a / f:.2f}")
    print(
        f"GL work alone (paintGL + glFinish): orbit view {ga:.1f} ms, floor "
        f"{gf:.1f} ms, ratio {ga / gf:.2f}"
    )
    print(
        f"uploads while playing {args.rounds * args.frames} frames: textures "
        f"{new[0]}, buffers {new[1]} (textures uploaded in all: "
        f"{COUNTS.texture_uploads})"
    )
    sys.stdout.flush()
    os._exit(0)  # leave GL teardown to the OS: this is a measurement script


def renderer_name(view) -> str:
    view.makeCurrent()
    try:
        return (GL.glGetString(GL.GL_RENDERER) or b"").decode(errors="replace")
    finally:
        view.doneCurrent()


if __name__ == "__main__":
    sys.exit(main())
