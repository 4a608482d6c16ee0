"""Benchmark: frame time of the station view at 1920x1080, every phase of every plan.

Floor, measured in the same run and the same GL context: one buffer holding the same
world-space triangles, drawn with a trivial shader (no lighting, no per-module draws).
Rounds alternate app / floor so that machine noise hits both alike.

Also: the displayed frame (update -> frameSwapped) of the app's QOpenGLWidget against the
same items in a pyqtgraph GLViewMixin + QOpenGLWindow, and the cost of a phase change.

    xvfb-run -a -s "-screen 0 2100x1400x24" .venv/bin/python bench/frame.py [--rounds N]
"""

from __future__ import annotations

import argparse
import ctypes
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
from pyqtgraph.opengl.GLViewWidget import GLViewMixin
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtOpenGL import QOpenGLWindow
from PySide6.QtWidgets import QApplication, QWidget

from models3d.catalogue import load_plan, plan_paths
from models3d.geometry import place

W, H = 1920, 1080

_FLOOR_VS = """
#version 120
uniform mat4 u_mvp;
attribute vec3 a_position;
void main() { gl_Position = u_mvp * vec4(a_position, 1.0); }
"""
_FLOOR_FS = """
#version 120
void main() { gl_FragColor = vec4(0.8, 0.8, 0.8, 1.0); }
"""


class FloorItem(gl.GLGraphicsItem.GLGraphicsItem):
    """The same triangles in one buffer, a trivial shader, one draw call."""

    def __init__(self, vertices: np.ndarray, faces: np.ndarray):
        super().__init__()
        self.v = np.ascontiguousarray(vertices, dtype=np.float32)
        self.f = np.ascontiguousarray(faces.ravel(), dtype=np.uint32)
        self.vbo = None
        self.prog = None

    def paint(self):
        if self.vbo is None:
            self.vbo, self.ibo = (int(b) for b in GL.glGenBuffers(2))
            GL.glBindBuffer(GL.GL_ARRAY_BUFFER, self.vbo)
            GL.glBufferData(
                GL.GL_ARRAY_BUFFER, self.v.nbytes, self.v, GL.GL_STATIC_DRAW
            )
            GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, self.ibo)
            GL.glBufferData(
                GL.GL_ELEMENT_ARRAY_BUFFER, self.f.nbytes, self.f, GL.GL_STATIC_DRAW
            )
            self.prog = shaders.compileProgram(
                shaders.compileShader(_FLOOR_VS, GL.GL_VERTEX_SHADER),
                shaders.compileShader(_FLOOR_FS, GL.GL_FRAGMENT_SHADER),
                validate=False,
            )
        GL.glUseProgram(self.prog)
        mvp = np.array(self.mvpMatrix().data(), dtype=np.float32)
        GL.glUniformMatrix4fv(
            GL.glGetUniformLocation(self.prog, "u_mvp"), 1, False, mvp
        )
        GL.glEnable(GL.GL_DEPTH_TEST)
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, self.vbo)
        GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, self.ibo)
        loc = GL.glGetAttribLocation(self.prog, "a_position")
        GL.glEnableVertexAttribArray(loc)
        GL.glVertexAttribPointer(loc, 3, GL.GL_FLOAT, False, 12, ctypes.c_void_p(0))
        GL.glDrawElements(GL.GL_TRIANGLES, len(self.f), GL.GL_UNSIGNED_INT, None)
        GL.glDisableVertexAttribArray(loc)
        GL.glBindBuffer(GL.GL_ARRAY_BUFFER, 0)
        GL.glBindBuffer(GL.GL_ELEMENT_ARRAY_BUFFER, 0)
        GL.glUseProgram(0)

    def release(self):
        if self.vbo is not None:
            GL.glDeleteBuffers(2, [self.vbo, self.ibo])
            GL.glDeleteProgram(self.prog)
            self.vbo = None


def floor_for(model) -> FloorItem:
    state = model.station[model.phase]
    vs, fs, base = [], [], 0
    for mid in state.modules:
        for part in place(model.meshes(mid), state.transforms[mid]).values():
            vs.append(part.vertices)
            fs.append(part.faces + base)
            base += len(part.vertices)
    return FloorItem(np.concatenate(vs), np.concatenate(fs))


def render_ms(view) -> float:
    view.makeCurrent()
    t = time.perf_counter()
    view.paintGL()
    GL.glFinish()
    dt = (time.perf_counter() - t) * 1000
    view.doneCurrent()
    return dt


def displayed_ms(view) -> float:
    loop = QEventLoop()
    view.frameSwapped.connect(loop.quit)
    QTimer.singleShot(2000, loop.quit)
    t = time.perf_counter()
    view.update()
    loop.exec()
    view.frameSwapped.disconnect(loop.quit)
    return (time.perf_counter() - t) * 1000


def set_items(win, floor, app_on: bool) -> None:
    on = set(win.model.station[win.model.phase].modules)
    for mid, item in win.scene.items.items():
        item.setVisible(app_on and mid in on)
    floor.setVisible(not app_on)


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def show_phase(win, phase: int) -> None:
    """The phase at once (no docking animation) with every module restyled."""
    win.model.set_phase(phase)
    win.scene.finish_transition()


def bench_phases(win, rounds: int) -> list[tuple]:
    rows = []
    for pid, path in plan_paths().items():
        plan = load_plan(path)
        win.model.set_plan(plan, 0)
        for i in range(len(plan.phases)):
            show_phase(win, i)
            win.view.view_preset("iso", animate=False)
            floor = floor_for(win.model)
            win.view.addItem(floor)
            times: dict[str, list] = {"on": [], "off": [], "floor": []}
            for r in range(rounds + 2):
                order = ("on", "off", "floor") if r % 2 == 0 else ("floor", "off", "on")
                for mode in order:
                    # the floor draws without a shadow pass, as the off mode does
                    win.model.set_option("shadows", mode == "on")
                    set_items(win, floor, mode != "floor")
                    ms = render_ms(win.view)
                    if r >= 2:
                        times[mode].append(ms)
            win.model.set_option("shadows", True)
            win.view.makeCurrent()
            floor.release()
            win.view.doneCurrent()
            win.view.removeItem(floor)
            show_phase(win, i)
            rows.append(
                (
                    pid,
                    i + 1,
                    win.scene.triangles(),
                    *(median(times[m]) for m in ("on", "off", "floor")),
                )
            )
    return rows


class WindowHost(GLViewMixin, QOpenGLWindow):
    pass


def bench_hosts(win, rounds: int):
    """Displayed frames: the app's QOpenGLWidget vs the same items in a QOpenGLWindow."""
    from ui.scene import qmatrix
    from ui.viewport.items import ModuleItem, SkyItem

    plan = load_plan(plan_paths()["ros-2024"])
    win.model.set_plan(plan, len(plan.phases) - 1)
    host = WindowHost()
    container = QWidget.createWindowContainer(host)
    container.resize(win.view.width(), win.view.height())
    container.show()
    host.addItem(SkyItem())
    state = plan.station[-1]
    items = []
    for mid in state.modules:
        item = ModuleItem(win.model.meshes(mid))
        item.setTransform(qmatrix(state.transforms[mid]))
        host.addItem(item)
        items.append(item)
    host.opts.update(
        {
            k: win.view.opts[k]
            for k in ("center", "distance", "elevation", "azimuth", "fov")
        }
    )
    for _ in range(30):
        QApplication.processEvents()
    # the host's items have no shadow map: the widget is timed with and without
    times: dict[str, list] = {"widget": [], "widget_off": [], "window": []}
    for r in range(rounds + 2):
        order = ("widget", "widget_off", "window")
        for which in order if r % 2 == 0 else order[::-1]:
            win.model.set_option("shadows", which == "widget")
            ms = displayed_ms(host if which == "window" else win.view)
            if r >= 2:
                times[which].append(ms)
    win.model.set_option("shadows", True)
    host.makeCurrent()
    for item in items:
        item.release()
    host.doneCurrent()
    container.close()
    return tuple(median(times[k]) for k in ("widget", "widget_off", "window"))


def bench_phase_change(win, rounds: int):
    plan = load_plan(plan_paths()["ros-2024"])
    from ui.viewport.items import ModuleItem

    win.model.set_plan(plan, len(plan.phases) - 1)
    displayed_ms(win.view)
    uploads = ModuleItem.uploads
    steady, change = [], []
    n = len(plan.phases)
    for r in range(rounds):
        steady.append(displayed_ms(win.view))
        t = time.perf_counter()
        win.model.set_phase(r % (n - 1))  # as the timeline does, animation off
        loop = QEventLoop()
        win.view.frameSwapped.connect(loop.quit)
        loop.exec()
        win.view.frameSwapped.disconnect(loop.quit)
        change.append((time.perf_counter() - t) * 1000)
        show_phase(win, n - 1)
        displayed_ms(win.view)
    return median(steady), median(change), ModuleItem.uploads - uploads


def bench_lighting(rounds: int, size=(1280, 720)) -> None:
    """Issue 15: the full ros-2024 station off-screen at 1280x720, render only
    (paint + glFinish into one framebuffer): the Sun's shadows and baked AO on, both
    off, and the one-buffer floor on the same triangles; plus the shadow pass alone."""
    from ui.export.offscreen import StationRenderer
    from ui.viewport.shadows import ShadowMap

    w, h = size
    plan = load_plan(plan_paths()["ros-2024"])
    r = StationRenderer(plan)
    last = len(plan.phases) - 1
    r.set_phase(last)
    r.fit(w, h, "iso")
    snap = plan.station.snapshots[last]
    vs, fs, base = [], [], 0
    for mid in snap.modules:
        for part in place(r.model.meshes(mid), snap.transforms[mid]).values():
            vs.append(part.vertices)
            fs.append(part.faces + base)
            base += len(part.vertices)
    floor = FloorItem(np.concatenate(vs), np.concatenate(fs))
    floor.setVisible(False)
    r.view.addItem(floor)
    view = r.view
    view.set_size(w, h)
    view.makeCurrent()
    fbo = GL.glGenFramebuffers(1)
    rb = GL.glGenRenderbuffers(2)
    GL.glBindRenderbuffer(GL.GL_RENDERBUFFER, rb[0])
    GL.glRenderbufferStorage(GL.GL_RENDERBUFFER, GL.GL_RGBA8, w, h)
    GL.glBindRenderbuffer(GL.GL_RENDERBUFFER, rb[1])
    GL.glRenderbufferStorage(GL.GL_RENDERBUFFER, GL.GL_DEPTH_COMPONENT24, w, h)
    GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, fbo)
    GL.glFramebufferRenderbuffer(
        GL.GL_FRAMEBUFFER, GL.GL_COLOR_ATTACHMENT0, GL.GL_RENDERBUFFER, rb[0]
    )
    GL.glFramebufferRenderbuffer(
        GL.GL_FRAMEBUFFER, GL.GL_DEPTH_ATTACHMENT, GL.GL_RENDERBUFFER, rb[1]
    )
    GL.glViewport(0, 0, w, h)

    def frame(mode: str) -> float:
        r.model.set_option("shadows", mode == "on")  # as View > Sun shadows does
        for mid, item in r.scene.items.items():
            item.setVisible(mode != "floor" and mid in snap.modules)
        floor.setVisible(mode == "floor")
        t = time.perf_counter()
        view.before_paint()
        view.paint(region=(0, 0, w, h), viewport=(0, 0, w, h))
        GL.glFinish()
        return (time.perf_counter() - t) * 1000

    times: dict[str, list] = {"on": [], "off": [], "floor": []}
    for k in range(rounds + 2):
        order = ("on", "off", "floor") if k % 2 == 0 else ("floor", "off", "on")
        for mode in order:
            ms = frame(mode)
            if k >= 2:
                times[mode].append(ms)
    # the shadow pass alone: force it by nudging the Sun (what a Sun change costs)
    frame("on")
    shadow_t = []
    for k in range(rounds):
        r.scene.shadows.set_sun((-0.196 + 0.001 * (k + 1), -0.505, 0.84))
        t = time.perf_counter()
        r.scene.shadows.update(r.scene.items.values())
        GL.glFinish()
        shadow_t.append((time.perf_counter() - t) * 1000)
    passes = ShadowMap.renders
    frame("on")
    view.opts["azimuth"] += 20
    frame("on")
    moved = ShadowMap.renders - passes
    GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, 0)
    GL.glDeleteFramebuffers(1, [fbo])
    GL.glDeleteRenderbuffers(2, rb)
    floor.release()
    view.doneCurrent()
    on, off, fl = (median(times[m]) for m in ("on", "off", "floor"))
    print(
        f"\nros-2024 full station, {r.scene.triangles():,} triangles, {w}x{h}, "
        f"render only, median of {rounds}:"
    )
    print(f"  shadows + AO on : {on:6.1f} ms  {1000 / on:5.1f} fps  (goal >= 20 fps)")
    print(
        f"  shadows + AO off: {off:6.1f} ms  ratio to floor {off / fl:.2f} "
        "(goal <= 1.25)"
    )
    print(f"  one-buffer floor: {fl:6.1f} ms")
    print(
        f"  shadow pass ({r.scene.shadows.size}^2) on a Sun change: "
        f"{median(shadow_t):.1f} ms; shadow passes on a camera move: {moved}"
    )
    r.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--size", default="1920x1080", help="the view, WIDTHxHEIGHT")
    ap.add_argument(
        "--lighting",
        action="store_true",
        help="only the issue-15 lighting figures (1280x720, off-screen)",
    )
    args = ap.parse_args()
    global W, H
    W, H = (int(v) for v in args.size.lower().split("x"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if args.lighting:
        bench_lighting(args.rounds)
        sys.stdout.flush()
        os._exit(0)
    from ui.main_window import MainWindow

    plan = load_plan(plan_paths()["ros-2024"])
    win = MainWindow(plan, len(plan.phases) - 1)
    win.view.animate = False
    win.model.set_option("animate_docking", False)  # every frame a still phase
    win.show()
    win.view.setFixedSize(W, H)
    win.adjustSize()
    for _ in range(40):
        app.processEvents()
    print(
        f"view {win.view.width()}x{win.view.height()} (device pixels "
        f"{win.view.deviceWidth()}x{win.view.deviceHeight()})"
    )
    rows = bench_phases(win, args.rounds)
    print(
        f"\n{'plan':<10} {'phase':>5} {'triangles':>9} {'on ms':>7} {'off ms':>7} "
        f"{'floor ms':>8} {'on/fl':>6} {'off/fl':>6}   render only (paintGL + "
        "glFinish), median; on/off: the Sun's shadows and baked AO"
    )
    for pid, ph, tris, a, b, f in rows:
        print(
            f"{pid:<10} {ph:>5} {tris:>9,} {a:>7.1f} {b:>7.1f} {f:>8.1f} "
            f"{a / f:>6.2f} {b / f:>6.2f}"
        )
    for k, name in ((3, "shadows and AO on"), (4, "shadows and AO off")):
        ratios = [row[k] / row[5] for row in rows]
        print(
            f"ratio to the floor over all phases, {name}: median "
            f"{median(ratios):.2f}, max {max(ratios):.2f}"
        )
    full = [row[3] for row in rows if row[0] == "ros-2024"][-1]
    print(f"ros-2024 full station: {full:.1f} ms render (goal < 60 ms)")

    steady, change, uploads = bench_phase_change(win, args.rounds * 2)
    print(
        f"\nphase change -> frame on screen: {change:.1f} ms, steady displayed frame "
        f"{steady:.1f} ms, difference {change - steady:+.1f} ms (goal <= +5 ms); "
        f"uploads during phase changes: {uploads}"
    )
    widget, widget_off, window = bench_hosts(win, args.rounds * 2)
    print(
        f"\ndisplayed frame, ros-2024 final phase at {W}x{H}: QOpenGLWidget "
        f"{widget:.1f} ms ({1000 / widget:.0f} fps) with shadows and AO, "
        f"{widget_off:.1f} ms without; the same items without shadows in a "
        f"QOpenGLWindow {window:.1f} ms, ratio {widget_off / window:.2f}"
    )
    win.close()
    sys.stdout.flush()
    os._exit(0)  # leave GL teardown to the OS: this is a measurement script


if __name__ == "__main__":
    sys.exit(main())
