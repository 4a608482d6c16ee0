"""The axes of 3D files: how the app's frame maps onto each file format's convention.

The app works in metres with +X forward (the velocity vector), +Z the zenith and +Y to
port (right-handed). File formats differ:

- glTF/GLB (by its specification) and OBJ (by the default of Blender's and most tools'
  OBJ importers) are +Y up. The app writes them, and reads them, with one proper
  rotation of -90 degrees about X::

      file (x, y, z) = app (x, z, -y)        app (x, y, z) = file (x, -z, y)

  so the zenith (app +Z) is the file's +Y, the velocity axis (app +X) stays the
  file's +X, and the station's starboard side (app -Y) faces glTF's +Z "front". This is
  the conversion Blender applies between its +Z-up scene and glTF or OBJ, so a file
  exported here opens in Blender in the app's own frame, and a glTF viewer's default
  camera (on +Z, looking down -Z with +Y up) sees the station upright and broadside.
- STL and PLY carry no convention of their own; 3D printing treats +Z as up, so they
  are written and read in the app's axes unchanged.

Export then import with `models3d.importer` is the identity for every format.
"""

from __future__ import annotations

import numpy as np

# app -> glTF/OBJ (a rotation: determinant +1, no mirror)
Y_UP_FROM_APP = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, -1.0, 0.0]])
# glTF/OBJ -> app: the inverse (transpose) of the rotation above
APP_FROM_Y_UP = Y_UP_FROM_APP.T.copy()

Y_UP_FORMATS = frozenset({"glb", "gltf", "obj"})
Z_UP_FORMATS = frozenset({"stl", "ply"})


def to_file(fmt: str) -> np.ndarray:
    """4x4 matrix taking app coordinates into the axes of format `fmt`."""
    m = np.eye(4)
    if fmt in Y_UP_FORMATS:
        m[:3, :3] = Y_UP_FROM_APP
    return m


def from_file(fmt: str) -> np.ndarray:
    """4x4 matrix taking a file's coordinates (format `fmt`) into the app's axes."""
    m = np.eye(4)
    if fmt in Y_UP_FORMATS:
        m[:3, :3] = APP_FROM_Y_UP
    return m
