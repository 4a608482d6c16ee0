"""Desktop integration: the entry and metainfo pass the freedesktop validators, the
icons are complete, and --install-desktop / --uninstall-desktop write and remove
exactly their files in a temporary home."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT

APP = "io.github.rossexplorer.RossExplorer"
DESKTOP = ROOT / "assets" / "desktop" / f"{APP}.desktop"
METAINFO = ROOT / "assets" / "desktop" / f"{APP}.metainfo.xml"
ICONS = ROOT / "assets" / "icons" / "hicolor"


def _tool(name: str) -> str:
    """A validator from tools/system_packages.sh test; CI must have it."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(
                f"CI=true but {name} is missing (tools/system_packages.sh test)"
            )
        pytest.skip(f"{name} is not installed (desktop-file-utils / appstream)")
    return path


def validate_desktop(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_tool("desktop-file-validate"), str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_desktop_entry_is_valid():
    res = validate_desktop(DESKTOP)
    assert res.returncode == 0, res.stdout + res.stderr
    assert not res.stdout.strip(), res.stdout  # not even a hint


def test_the_metainfo_is_valid():
    res = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", "--explain", str(METAINFO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    # errors, warnings and infos fail; only the pedantic note on the capital letters
    # of the id (as org.gnome.TextEditor has them) is allowed
    assert "E:" not in res.stdout
    assert "W:" not in res.stdout
    assert "I:" not in res.stdout


def test_the_metainfo_describes_this_release_and_its_screenshots():
    import models3d

    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP
    assert root.find("launchable").text == f"{APP}.desktop"
    newest = root.find("releases/release")
    assert newest.get("version") == models3d.__version__
    assert len(newest.findall("description/ul/li")) >= 4
    shots = [img.text for img in root.iter("image")]
    assert shots
    for url in shots:
        # published from the repository; each one is a committed picture of the app
        assert url.startswith("https://"), url
        local = ROOT / url.split(f"/v{models3d.__version__}/", 1)[1]
        with Image.open(local) as img:
            assert img.format == "PNG"
            assert img.size[0] >= 620


def test_icons_at_every_size_and_as_svg():
    from models3d.desktop import ICON_SIZES

    svg = ET.parse(ICONS / "scalable" / "apps" / f"{APP}.svg").getroot()
    assert svg.tag.endswith("svg")
    for n in ICON_SIZES:
        with Image.open(ICONS / f"{n}x{n}" / "apps" / f"{APP}.png") as img:
            assert img.size == (n, n)
            assert img.mode == "RGBA"
            alpha = img.getchannel("A")
            assert alpha.getextrema() == (0, 255)  # transparent corners, opaque body
    entry = DESKTOP.read_text(encoding="utf-8")
    assert f"Icon={APP}\n" in entry


def run_cli(*args: str, home: Path, data: Path | None):
    env = {k: v for k, v in os.environ.items() if k != "XDG_DATA_HOME"}
    env["HOME"] = str(home)
    if data is not None:
        env["XDG_DATA_HOME"] = str(data)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def files_under(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_install_and_uninstall_in_a_temporary_home(tmp_path):
    home = tmp_path / "home with space"
    data = home / ".local" / "share"
    (data / "applications").mkdir(parents=True)
    mine = data / "applications" / "someone-elses.desktop"
    mine.write_text("[Desktop Entry]\nType=Application\nName=X\nExec=x\n")
    before = files_under(home)
    res = run_cli("--install-desktop", home=home, data=None)  # the default data home
    assert res.returncode == 0, res.stderr
    written = [Path(line.removeprefix("wrote ")) for line in res.stdout.splitlines()]
    assert len(written) == 2 + 1 + 8  # entry, metainfo, SVG, 8 PNG sizes
    assert all(p.is_file() and data in p.parents for p in written)
    entry = data / "applications" / f"{APP}.desktop"
    assert entry in written
    assert (data / "metainfo" / f"{APP}.metainfo.xml") in written
    text = entry.read_text(encoding="utf-8")
    # the Exec line runs this very checkout's main.py with this Python, quoted
    assert f'Exec="{sys.executable}" "{ROOT / "main.py"}"' in text
    res = validate_desktop(entry)
    assert res.returncode == 0, res.stdout
    assert not res.stdout.strip(), res.stdout
    res = run_cli("--uninstall-desktop", home=home, data=None)
    assert res.returncode == 0, res.stderr
    assert files_under(home) == before  # exactly what it wrote is gone
    assert not (data / "icons").exists()
    assert not (data / "metainfo").exists()
    assert mine.exists()
    res = run_cli("--uninstall-desktop", home=home, data=None)
    assert res.returncode == 0
    assert "nothing to remove" in res.stdout


def test_xdg_data_home_and_a_changed_file_is_kept(tmp_path):
    data = tmp_path / "xdg"
    res = run_cli("--install-desktop", home=tmp_path, data=data)
    assert res.returncode == 0, res.stderr
    entry = data / "applications" / f"{APP}.desktop"
    assert entry.exists()
    assert not (tmp_path / ".local").exists()
    entry.write_text(entry.read_text() + "X-Changed=by the user\n")
    res = run_cli("--uninstall-desktop", home=tmp_path, data=data)
    assert res.returncode == 0
    assert entry.exists()
    assert "kept files changed" in res.stderr
    assert not (data / "icons").exists()


def test_exec_lines_quote_what_the_spec_reserves():
    from models3d.desktop import exec_line

    line = exec_line(["/opt/my apps/ross $x", "100%"])
    assert line == '"/opt/my apps/ross \\\\$x" "100%%"'


def test_both_options_at_once_is_a_usage_error(tmp_path):
    res = run_cli(
        "--install-desktop", "--uninstall-desktop", home=tmp_path, data=tmp_path / "d"
    )
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "d").exists()
