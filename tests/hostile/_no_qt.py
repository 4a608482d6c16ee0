"""Run main.py with Qt, pyqtgraph and OpenGL made unimportable: a command that needs
none of them must still work (plans, info, inspect, 3D exports)."""

from __future__ import annotations

import importlib.abc
import os
import sys

FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "OpenGL")


class _Forbid(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in FORBIDDEN:
            raise ImportError(f"hostile test: '{name}' must not be imported here")
        return None


sys.meta_path.insert(0, _Forbid())

if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    sys.argv = ["main.py", *sys.argv[1:]]
    import main

    code = main.main()
    loaded = [m for m in sys.modules if m.split(".")[0] in FORBIDDEN]
    if loaded:
        print(f"hostile test: loaded {loaded}", file=sys.stderr)
        code = 99
    sys.exit(code)
