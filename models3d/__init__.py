"""Qt-free domain model of ROSS Explorer.

Plans (TOML) -> validated `Plan` -> assembled `Station` per phase (world transforms) ->
per-material module meshes. Nothing in this package may import Qt, pyqtgraph or OpenGL;
tests/unit/test_no_qt.py enforces it.
"""

__version__ = "0.3.0"  # the one place the version is written (pyproject reads it)
