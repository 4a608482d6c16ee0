"""The wheel as a user installs it: built from the project's files, installed into a
fresh virtual environment outside the checkout, and run from another folder: the
bundled plans, a plan's report, a GUI start to its first frame (Xvfb), a picture with
no X server, and the desktop entry pointing at the installed launcher.

The dependencies are not downloaded again: the fresh environment sees this test
environment's site-packages through a .pth file (no project files: the editable
install's finder is a .pth of that folder, which Python does not process there), and
the wheel itself goes in with `pip install --no-deps`. ROSS_EXPLORER_FULL_INSTALL=1
installs the dependencies from PyPI instead (minutes). Runs in `make test`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

# what a source distribution holds: the build needs nothing else of the checkout
BUILD_INPUTS = (
    "pyproject.toml",
    "setup.py",
    "README.md",
    "main.py",
    "models3d",
    "ui",
    "assets",
)


def run(cmd, cwd, env=None, timeout=300):
    res = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert res.returncode == 0, f"{cmd}: {res.stdout}\n{res.stderr}"
    return res


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv folder, wheel path, seconds to build and install)."""
    t0 = time.perf_counter()
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in BUILD_INPUTS:
        s = ROOT / name
        if s.is_dir():
            shutil.copytree(s, src / name, ignore=ignore)
        else:
            shutil.copy2(s, src / name)
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            ".",
            "--no-deps",
            "--no-build-isolation",
            "--disable-pip-version-check",
            "-q",
            "-w",
            base / "dist",
        ],
        cwd=src,
    )
    wheel = next((base / "dist").glob("ross_explorer-*.whl"))
    venv = base / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=base)
    py = venv / "bin" / "python"
    if not os.environ.get("ROSS_EXPLORER_FULL_INSTALL"):
        purelib = run(
            [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=base,
        ).stdout.strip()
        deps = sysconfig.get_paths()["purelib"]
        Path(purelib, "_test_dependencies.pth").write_text(deps + "\n")
        run(
            [
                py,
                "-m",
                "pip",
                "install",
                "--no-deps",
                "--no-index",
                "-q",
                "--disable-pip-version-check",
                wheel,
            ],
            cwd=base,
        )
    else:
        run(
            [py, "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel],
            cwd=base,
            timeout=1800,
        )
    seconds = time.perf_counter() - t0
    print(
        f"\nwheel {wheel.stat().st_size / 2**20:.2f} MiB, built and installed in "
        f"{seconds:.1f} s"
    )
    return venv, wheel, seconds


def elsewhere_env(tmp: Path, **extra) -> dict:
    """A user's environment: no PYTHONPATH, another working folder, their own home."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "XDG_DATA_HOME")
    }
    env["HOME"] = str(tmp)
    env.update(extra)
    return env


def test_the_wheel_holds_every_package_and_every_data_file(installed):
    _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for top in ("models3d", "ui"):
        for d in [ROOT / top, *(ROOT / top).rglob("*")]:
            if (d / "__init__.py").is_file():
                rel = d.relative_to(ROOT).as_posix()
                assert f"{rel}/__init__.py" in names, rel
    assert "main.py" in names
    for f in (ROOT / "assets").rglob("*"):
        if f.is_file() and "__pycache__" not in f.parts:
            rel = f.relative_to(ROOT / "assets").as_posix()
            assert f"models3d/_assets/{rel}" in names, rel
    assert "models3d/_assets/translations/ross_ru.qm" in names
    assert "models3d/_assets/web/vendor/three.min.js" in names
    meta = next(n for n in names if n.endswith("entry_points.txt"))
    entry = zipfile.ZipFile(wheel).read(meta).decode()
    assert "ross-explorer = main:main" in entry
    assert "[gui_scripts]" in entry
    assert "ross-explorer-gui = main:main" in entry


def test_the_installed_app_runs_from_another_folder(installed, tmp_path):
    venv, _, _ = installed
    env = elsewhere_env(tmp_path)
    exe = venv / "bin" / "ross-explorer"
    where = run(
        [
            venv / "bin" / "python",
            "-c",
            "import models3d, ui, main; from models3d.resources import assets_dir;"
            "print(models3d.__file__, ui.__file__, main.__file__, assets_dir())",
        ],
        cwd=tmp_path,
        env=env,
    ).stdout
    assert str(ROOT) not in where, where
    assert str(venv) in where, where
    plans = run([exe, "plans"], cwd=tmp_path, env=env).stdout
    for pid in ("ros-2024", "ros-2026", "ross-2022", "mir", "tiangong", "iss"):
        assert f"\n{pid} " in "\n" + plans, plans
    info = run([exe, "info", "--plan", "ros-2024"], cwd=tmp_path, env=env).stdout
    assert "ROS general schedule of July 2024" in info
    assert "Генеральный" in info
    import models3d

    version = run([exe, "--version"], cwd=tmp_path, env=env).stdout
    assert version.strip() == f"ROSS Explorer {models3d.__version__}"


@pytest.mark.gl
def test_the_installed_app_starts_to_its_first_frame(installed, tmp_path, gl_display):
    venv, _, _ = installed
    env = elsewhere_env(tmp_path)
    res = run(
        [
            venv / "bin" / "ross-explorer",
            "--quit-after-first-frame",
            "--lang",
            "ru",
            "--plan",
            "tiangong",
        ],
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert "first frame after" in res.stdout
    assert "tiangong phase 5" in res.stdout


@pytest.mark.gl
def test_the_installed_app_exports_with_no_x_server(installed, tmp_path):
    venv, _, _ = installed
    env = elsewhere_env(tmp_path)
    env.pop("DISPLAY", None)
    env.pop("QT_QPA_PLATFORM", None)
    res = subprocess.run(
        [
            str(venv / "bin" / "ross-explorer"),
            "export",
            "--plan",
            "tiangong",
            "--size",
            "320x180",
            "--labels",
            "--out",
            ".",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if res.returncode and "EGL" in res.stderr and not os.environ.get("CI"):
        pytest.skip(f"no headless EGL here: {res.stderr.strip()}")
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "tiangong_05.png").is_file()


def test_the_desktop_entry_points_at_the_installed_launcher(installed, tmp_path):
    venv, _, _ = installed
    data = tmp_path / "data"
    env = elsewhere_env(tmp_path, XDG_DATA_HOME=str(data))
    run([venv / "bin" / "ross-explorer", "--install-desktop"], cwd=tmp_path, env=env)
    entry = data / "applications" / "io.github.rossexplorer.RossExplorer.desktop"
    assert f'Exec="{venv / "bin" / "ross-explorer-gui"}"' in entry.read_text()
    run([venv / "bin" / "ross-explorer", "--uninstall-desktop"], cwd=tmp_path, env=env)
    assert not data.exists()
