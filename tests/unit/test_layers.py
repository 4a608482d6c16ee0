"""The project's import graph: no cycles anywhere, and the layer contracts hold."""

from __future__ import annotations

import shutil
import subprocess
import sys

import grimp
import pytest

from tests.conftest import ROOT


def _cycles(graph) -> list[list[str]]:
    """Every strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]
    sys.setrecursionlimit(10000)

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for m in sorted(graph.modules):
        if m not in index:
            visit(m)
    return out


def test_no_import_cycle_in_the_project():
    graph = grimp.build_graph("models3d", "ui", exclude_type_checking_imports=True)
    assert _cycles(graph) == []


def test_layer_contracts_hold():
    exe = shutil.which(
        "lint-imports", path=str(ROOT / ".venv" / "bin")
    ) or shutil.which("lint-imports")
    if exe is None:
        pytest.fail(
            "lint-imports (import-linter) is not installed: pip install -e .[test]"
        )
    run = subprocess.run(
        [exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout[-3000:]
