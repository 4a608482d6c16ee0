"""Where the app's data files are: plans, tours, translations, Earth images, country
outlines, the web page's assets and the icon.

The repository keeps them in the top-level `assets/` folder. An installed wheel carries
the same tree as the package data of `models3d._assets` (setup.py maps `assets/` there),
and the PyInstaller bundle puts it at the same place inside the bundle. One rule finds
them everywhere: `models3d/_assets` beside this file when it exists (wheel, bundle),
else `assets/` beside the `models3d` package (a checkout, `pip install -e .`).
Nothing else in the app builds a path from its own `__file__` to reach data.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent


@functools.cache
def assets_dir() -> Path:
    """The folder holding plans/, tours/, translations/, earth/, geo/, web/ and icons/.
    ROSS_EXPLORER_ASSETS points elsewhere (a packager's data folder)."""
    override = os.environ.get("ROSS_EXPLORER_ASSETS")
    candidates = [Path(override)] if override else []
    candidates += [_HERE / "_assets", _HERE.parent / "assets"]
    for folder in candidates:
        if (folder / "plans").is_dir():
            return folder
    # no data at all: name the places looked at, so a broken install says what is
    # missing instead of listing "no bundled plans"
    raise FileNotFoundError(
        "ROSS Explorer's data folder is missing (looked in "
        + ", ".join(str(c) for c in candidates)
        + "); reinstall the app"
    )


def asset(*parts: str) -> Path:
    """A path inside the data folder, for example asset("plans", "iss.toml")."""
    return assets_dir().joinpath(*parts)
