"""The app in the desktop's menu (freedesktop conventions), without Qt or a display.

`install_desktop()` copies the desktop entry, the icons (SVG and PNG, hicolor theme)
and the AppStream metainfo from the app's data folder (assets/desktop, assets/icons)
into the user's data folder, $XDG_DATA_HOME (default ~/.local/share), with the entry's
Exec line pointing at the program that ran the command (so a pipx install works even
when ~/.local/bin is not on the desktop session's PATH). It records what it wrote,
with each file's SHA-256 and the folders it created, in a manifest
(ross-explorer/desktop-install.json). `uninstall_desktop()` removes exactly those
files (one the user has since changed is kept and named), then the folders it created
when they are empty, then the manifest. No cache is rebuilt: desktops watch these
folders, and a rebuilt cache would be a file this app did not write.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

from . import __version__
from .errors import UsageError
from .fileio import atomic_write
from .resources import asset

APP_ID = "io.github.rossexplorer.RossExplorer"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MANIFEST = Path("ross-explorer") / "desktop-install.json"


def data_home() -> Path:
    """$XDG_DATA_HOME when it is an absolute path (as the spec requires), else
    ~/.local/share."""
    env = os.environ.get("XDG_DATA_HOME", "")
    if env and os.path.isabs(env):
        return Path(env)
    return Path.home() / ".local" / "share"


def sources() -> dict[Path, Path]:
    """{path relative to the data home: file in the app's data folder}."""
    files = {
        Path("applications") / f"{APP_ID}.desktop": asset(
            "desktop", f"{APP_ID}.desktop"
        ),
        Path("metainfo") / f"{APP_ID}.metainfo.xml": asset(
            "desktop", f"{APP_ID}.metainfo.xml"
        ),
    }
    for sub in ["scalable", *(f"{n}x{n}" for n in ICON_SIZES)]:
        name = f"{APP_ID}.svg" if sub == "scalable" else f"{APP_ID}.png"
        rel = Path("icons") / "hicolor" / sub / "apps" / name
        files[rel] = asset(*rel.parts)
    return files


def launcher() -> list[str]:
    """The command that starts this app as it is installed: the bundle's executable,
    `python main.py` in a checkout, or the ross-explorer-gui script beside the
    ross-explorer script that runs now."""
    if getattr(sys, "frozen", False):
        return [str(Path(sys.executable).absolute())]
    prog = Path(sys.argv[0])
    if prog.suffix == ".py":
        return [str(Path(sys.executable).absolute()), str(prog.absolute())]
    found = shutil.which(sys.argv[0]) or sys.argv[0]
    prog = Path(found).absolute()  # a pipx link stays a link: it survives upgrades
    gui = prog.with_name("ross-explorer-gui")
    return [str(gui if gui.exists() else prog)]


def exec_line(command: list[str]) -> str:
    """An Exec value: every argument quoted as the Desktop Entry spec says (", `, $
    and \\ escaped inside quotes, % doubled), then \\ escaped once more as the
    spec's string type requires."""
    quoted = []
    for arg in command:
        inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        quoted.append('"' + inner.replace("%", "%%") + '"')
    return " ".join(quoted).replace("\\", "\\\\")


def desktop_entry(template: str, command: list[str]) -> str:
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + exec_line(command)
            lines.append(f"TryExec={command[0]}")  # hidden if the program goes away
        lines.append(line)
    return "\n".join(lines) + "\n"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(path: Path, data: bytes) -> None:
    def write(tmp: str) -> None:
        with open(tmp, "wb") as f:
            f.write(data)

    atomic_write(path, write)


def install_desktop(
    home: Path | None = None, command: list[str] | None = None
) -> list[Path]:
    """Write the entry, icons and metainfo under `home` (default data_home()) and the
    manifest; an earlier installation is removed first. Returns the files written."""
    home = data_home() if home is None else Path(home)
    uninstall_desktop(home)
    command = launcher() if command is None else command
    created: list[str] = []
    written: list[dict] = []
    try:
        for rel, src in sources().items():
            data = src.read_bytes()
            if rel.suffix == ".desktop":
                data = desktop_entry(data.decode("utf-8"), command).encode("utf-8")
            target = home / rel
            _make_folders(target.parent, home, created)
            _write(target, data)
            written.append({"path": str(rel), "sha256": _sha256(data)})
        manifest = home / MANIFEST
        _make_folders(manifest.parent, home, created)
        doc = {
            "app": APP_ID,
            "version": __version__,
            "files": written,
            "folders": created,
        }
        _write(manifest, (json.dumps(doc, indent=2) + "\n").encode("utf-8"))
    except OSError as exc:
        # leave nothing half-installed: what was written so far goes again
        _remove(home, written, created)
        raise UsageError(
            f"cannot install the desktop entry into {home}: {exc.strerror or exc}"
        ) from None
    return [home / w["path"] for w in written]


def _make_folders(folder: Path, home: Path, created: list[str]) -> None:
    """Make `folder` and its missing parents, noting each one made (relative to home,
    parents first, so that removal goes in reverse)."""
    missing = []
    f = folder
    while not f.exists():
        missing.append(f)
        f = f.parent
    for m in reversed(missing):
        m.mkdir()
        try:
            created.append(str(m.relative_to(home)))
        except ValueError:
            created.append(str(m))  # the data home itself did not exist


def uninstall_desktop(home: Path | None = None) -> list[Path]:
    """Remove what the last install_desktop wrote under `home`; returns the files
    removed. Files changed since (their hash differs) are kept."""
    home = data_home() if home is None else Path(home)
    manifest = home / MANIFEST
    try:
        doc = json.loads(manifest.read_text(encoding="utf-8"))
        files = [f for f in doc["files"] if _relative(f["path"])]
        # relative folders, or the data home's own missing parents made by install
        folders = [
            f
            for f in doc.get("folders", [])
            if _relative(f) or Path(f) in (home, *home.parents)
        ]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(
            f"{manifest}: not a readable install manifest ({exc})"
        ) from None
    removed, kept = _remove(home, files, [])
    manifest.unlink(missing_ok=True)
    for rel in reversed(folders):
        folder = home / rel if not os.path.isabs(rel) else Path(rel)
        with contextlib.suppress(OSError):  # only when empty: the user's things stay
            folder.rmdir()
    if kept:
        names = ", ".join(str(k) for k in kept)
        print(
            f"note: kept files changed since they were installed: {names}",
            file=sys.stderr,
        )
    return removed


def _relative(rel: str) -> bool:
    """A manifest path that stays under the data home (not absolute, no '..')."""
    p = Path(rel)
    return not p.is_absolute() and ".." not in p.parts


def _remove(home: Path, files: list[dict], folders: list[str]):
    removed, kept = [], []
    for entry in files:
        path = home / entry["path"]
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        except OSError:
            kept.append(path)
            continue
        if _sha256(data) != entry["sha256"]:
            kept.append(path)
            continue
        path.unlink()
        removed.append(path)
    for rel in reversed(folders):
        with contextlib.suppress(OSError):
            (home / rel).rmdir()
    return removed, kept
