"""models3d/ never imports Qt, pyqtgraph or OpenGL (statically or at run time)."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import ROOT

FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "OpenGL")


def test_no_forbidden_import_statements():
    offenders = []
    for path in sorted((ROOT / "models3d").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in FORBIDDEN:
                    offenders.append(f"{path.name}:{node.lineno} imports {name}")
    assert not offenders


def test_importing_the_model_loads_no_qt():
    code = (
        "import sys, pkgutil, importlib, models3d\n"
        "for m in pkgutil.iter_modules(models3d.__path__):\n"
        "    importlib.import_module('models3d.' + m.name)\n"
        "from models3d.catalogue import load_plan\n"
        "from models3d.report import plan_text\n"
        "plan_text(load_plan('assets/plans/ros-2024.toml'))\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}]\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stdout + res.stderr


def test_unit_tests_import_no_qt():
    """The unit tests (and the root conftest) run without Qt: nothing in them imports
    Qt, pyqtgraph, OpenGL or the ui package, statically or at run time."""
    files = [
        ROOT / "tests" / "conftest.py",
        *sorted((ROOT / "tests" / "unit").glob("*.py")),
    ]
    offenders = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.name}:{node.lineno} imports {n}"
                for n in names
                if n.split(".")[0] in (*FORBIDDEN, "ui")
            ]
    assert not offenders
    code = (
        "import sys, importlib, pathlib\n"
        "sys.path.insert(0, '.')\n"
        "for p in sorted(pathlib.Path('tests/unit').glob('test_*.py')):\n"
        "    importlib.import_module('tests.unit.' + p.stem)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {(*FORBIDDEN, 'ui')!r})\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    res = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stdout + res.stderr
