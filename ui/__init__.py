"""Everything Qt and OpenGL: the main window, the 3D view and its scene."""
