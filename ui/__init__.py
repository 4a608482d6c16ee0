"""Everything Qt and OpenGL: the main window, the 3D view and its scene.

PyOpenGL asks the driver for its error state after every call unless told not to; this
package turns that off before anything imports OpenGL (about 1 ms of a 20 ms frame of
the full station on a software renderer, paid in Python), through PyOpenGL's own
environment variable, so that importing `ui` imports no OpenGL (the command line's
display-free commands must not) and PYOPENGL_ERROR_CHECKING=1 turns it back on for
debugging. Where an error matters the code asks itself: framebuffer status, glGetError
after every export, shader compile and link status."""

import os

os.environ.setdefault("PYOPENGL_ERROR_CHECKING", "0")
