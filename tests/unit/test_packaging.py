"""Packaging without building anything: the data folder is found through one module,
the version is written once, and the compiled translations match their source."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT


def test_the_data_folder_is_found_through_models3d_resources():
    from models3d.resources import asset, assets_dir

    assert assets_dir() == ROOT / "assets"
    assert asset("plans", "ros-2024.toml").is_file()
    for sub in (
        "plans",
        "tours",
        "translations",
        "earth",
        "geo",
        "web",
        "icons",
        "desktop",
    ):
        assert asset(sub).is_dir(), sub


def test_the_installed_layout_wins_when_present(tmp_path, monkeypatch):
    """A wheel puts the data at models3d/_assets; an override points anywhere."""
    from models3d import resources

    (tmp_path / "plans").mkdir()
    monkeypatch.setenv("ROSS_EXPLORER_ASSETS", str(tmp_path))
    resources.assets_dir.cache_clear()
    try:
        assert resources.assets_dir() == tmp_path
    finally:
        monkeypatch.delenv("ROSS_EXPLORER_ASSETS")
        resources.assets_dir.cache_clear()


_FILE_RELATIVE = re.compile(r"__file__|parents\[\d\]")


def test_no_module_reaches_data_through_its_own_path():
    """Paths built from a module's __file__ break in a wheel and a bundle: only
    models3d/resources.py may do it (and the import worker's PYTHONPATH, no data)."""
    allowed = {
        ROOT / "models3d" / "resources.py",
        ROOT / "models3d" / "import_loader.py",
    }
    offenders = []
    for folder in ("models3d", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            if path in allowed:
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                code = line.split("#", 1)[0]
                if _FILE_RELATIVE.search(code):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_every_package_is_found_by_setuptools_discovery():
    """setup.py finds the packages on disk: every folder of models3d and ui holding
    Python files is a package (an __init__.py), so none is left out of the wheel."""
    missing = [
        str(d.relative_to(ROOT))
        for top in ("models3d", "ui")
        for d in [ROOT / top, *(ROOT / top).rglob("*")]
        if d.is_dir()
        and d.name != "__pycache__"
        and any(d.glob("*.py"))
        and not (d / "__init__.py").exists()
    ]
    assert not missing


def test_the_version_is_written_once():
    import models3d

    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in meta["project"]["dynamic"]
    assert "version" not in meta["project"]
    dynamic = meta["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "models3d.__version__"}
    res = subprocess.run(
        [sys.executable, "main.py", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0
    assert res.stdout.strip() == f"ROSS Explorer {models3d.__version__}"


def test_entry_points_for_the_terminal_and_desktop_launchers():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert meta["project"]["scripts"]["ross-explorer"] == "main:main"
    assert meta["project"]["gui-scripts"]["ross-explorer-gui"] == "main:main"


def _lrelease() -> str | None:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def test_the_committed_translations_are_compiled_from_the_ts_file(tmp_path):
    """assets/translations/ross_ru.qm ships in the wheel and the bundle: it must be
    what pyside6-lrelease makes of ross_ru.ts now (make builds it; commit both)."""
    tool = _lrelease()
    if tool is None:
        pytest.skip("pyside6-lrelease is not installed")
    ts = ROOT / "assets" / "translations" / "ross_ru.ts"
    fresh = tmp_path / "fresh.qm"
    res = subprocess.run(
        [tool, "-silent", str(ts), "-qm", str(fresh)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    committed = ts.with_suffix(".qm")
    assert committed.read_bytes() == fresh.read_bytes(), (
        "ross_ru.qm is stale: run `make run` (or pyside6-lrelease) and commit it"
    )
