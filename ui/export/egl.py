"""OpenGL without a window system, for exports on a machine with no X server.

Qt's `offscreen` platform has no OpenGL on Linux (it only knows GLX, which needs an X
server), so a headless export makes its context itself: Mesa's surfaceless EGL
platform (EGL_MESA_platform_surfaceless), an OpenGL (not ES) compatibility context and
no surface at all; the renderer draws into its own framebuffer objects as it does with
a Qt context. Every context shares objects with the first one made in the process, as
AA_ShareOpenGLContexts does for Qt contexts, so shader programs compiled once
(ui.viewport.programs caches them per share group) stay valid for later renderers.

`use_headless()` must run before anything imports PyOpenGL: PyOpenGL picks its
platform (GLX or EGL) once, at its first import.
"""

from __future__ import annotations

import ctypes
import os

from models3d.errors import ExportError

EGL_PLATFORM_SURFACELESS_MESA = 0x31DD
# Qt platforms that draw nothing on screen and have no OpenGL of their own
HEADLESS_PLATFORMS = ("offscreen", "minimal")

_state: dict = {}  # the process's EGL display and the context every other one shares


def use_headless() -> None:
    """Choose the headless route for this process: Qt's offscreen platform (fonts and
    QPainter for labels, no display) and PyOpenGL's EGL platform."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["PYOPENGL_PLATFORM"] = "egl"


def headless_route(display_problem: str | None) -> str | None:
    """Decide how the command line renders, before Qt or PyOpenGL is imported; None
    when it can. With a working X display: Qt's context (nothing changes). With none
    and no platform chosen (QT_QPA_PLATFORM unset), or with Qt's offscreen platform
    chosen: the headless route, when EGL works here. An X platform chosen on purpose
    with no X server keeps its one-line error."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if display_problem is None and platform not in HEADLESS_PLATFORMS:
        return None
    if display_problem is not None and platform:
        return display_problem
    use_headless()
    why = headless_problem()
    if why is None:
        return None
    return f"{display_problem or 'Qt platform ' + platform}, and {why}"


def headless_problem() -> str | None:
    """None when a surfaceless EGL context can be made here; else why not."""
    try:
        EglContext().release()
    except ExportError as exc:
        return str(exc)
    return None


def _display():
    if "display" in _state:
        return _state["display"]
    from OpenGL import platform

    if type(platform.PLATFORM).__name__ != "EGLPlatform":
        # GL entry points would be looked up through GLX: set the platform first
        raise ExportError(
            "headless OpenGL needs PyOpenGL's EGL platform (PYOPENGL_PLATFORM=egl "
            "before OpenGL is imported)"
        )
    try:
        from OpenGL.raw.EGL import _errors

        if not hasattr(_errors, "_error_checker"):
            # PyOpenGL 3.1 leaves it undefined when error checking is off (ui/__init__)
            # where its GL twin is None; the EGL modules read it at import
            _errors._error_checker = None
        from OpenGL import EGL
    except Exception as exc:  # no libEGL.so.1: PyOpenGL raises ImportError/OSError
        raise ExportError(f"no EGL library for headless OpenGL ({exc})") from exc
    get = EGL.eglGetProcAddress(b"eglGetPlatformDisplayEXT")
    if not get:
        raise ExportError(
            "the EGL library cannot choose a platform (no EXT_platform_base)"
        )
    proto = ctypes.CFUNCTYPE(
        ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p
    )
    raw = proto(get)(EGL_PLATFORM_SURFACELESS_MESA, None, None)
    if not raw:
        raise ExportError("EGL has no surfaceless platform (Mesa's EGL is needed)")
    dpy = ctypes.cast(ctypes.c_void_p(raw), EGL.EGLDisplay)
    major, minor = EGL.EGLint(), EGL.EGLint()
    if not EGL.eglInitialize(dpy, ctypes.pointer(major), ctypes.pointer(minor)):
        raise ExportError("the surfaceless EGL display cannot be initialised")
    if not EGL.eglBindAPI(EGL.EGL_OPENGL_API):
        raise ExportError("EGL offers no desktop OpenGL here")
    attrs = (EGL.EGLint * 5)(
        EGL.EGL_RENDERABLE_TYPE,
        EGL.EGL_OPENGL_BIT,
        EGL.EGL_SURFACE_TYPE,
        EGL.EGL_PBUFFER_BIT,
        EGL.EGL_NONE,
    )
    config, count = EGL.EGLConfig(), EGL.EGLint()
    if (
        not EGL.eglChooseConfig(
            dpy, attrs, ctypes.pointer(config), 1, ctypes.pointer(count)
        )
        or count.value < 1
    ):
        raise ExportError("EGL has no OpenGL configuration")
    _state["display"] = (EGL, dpy, config)
    return _state["display"]


class EglContext:
    """An OpenGL context with no surface; draw into framebuffer objects."""

    def __init__(self):
        egl, dpy, config = _display()
        self._egl, self._dpy = egl, dpy
        share = _state.get("root", egl.EGL_NO_CONTEXT)
        ctx = egl.eglCreateContext(dpy, config, share, None)
        if not ctx:
            raise ExportError(
                f"cannot create a headless OpenGL context (EGL error "
                f"{egl.eglGetError():#x})"
            )
        self.ctx = ctx
        if "root" not in _state:
            _state["root"] = ctx  # never destroyed: later contexts share its objects

    def make_current(self) -> bool:
        egl = self._egl
        return bool(
            egl.eglMakeCurrent(
                self._dpy, egl.EGL_NO_SURFACE, egl.EGL_NO_SURFACE, self.ctx
            )
        )

    def done_current(self) -> None:
        egl = self._egl
        egl.eglMakeCurrent(
            self._dpy, egl.EGL_NO_SURFACE, egl.EGL_NO_SURFACE, egl.EGL_NO_CONTEXT
        )

    def qt_context(self):
        return None  # no QOpenGLContext: the items use raw GL only

    def release(self) -> None:
        if self.ctx is not None and self.ctx is not _state.get("root"):
            self._egl.eglDestroyContext(self._dpy, self.ctx)
        self.ctx = None
