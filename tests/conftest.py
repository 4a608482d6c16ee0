"""Shared test set-up.

GL tests need a real X display (pytest-xvfb starts Xvfb); with CI=true a missing display
is a failure, never a skip.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PLANS = ROOT / "assets" / "plans"
BUNDLED = sorted(p.stem for p in PLANS.glob("*.toml"))

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Qt must be told about OpenGL context sharing and the surface format before the
# QApplication exists (pytest-qt creates it lazily): tests/ui and tests/gl configure it in
# their conftest, so the unit tests never import Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Every test gets its own settings file: nothing touches the user's settings."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv("ROSS_EXPLORER_SETTINGS", str(path))
    return path


@pytest.fixture
def gl_display():
    """A display with OpenGL; fails in CI when there is none, skips elsewhere."""
    if not os.environ.get("DISPLAY"):
        if os.environ.get("CI"):
            pytest.fail("CI=true but no X display: Xvfb (pytest-xvfb) did not start")
        pytest.skip("no X display (install xvfb; make test does that as root)")
    return os.environ["DISPLAY"]


@pytest.fixture(autouse=True)
def no_signal_left_pending():
    """A test that sends itself SIGINT/SIGTERM leaves the signal noted in
    models3d.fileio for the process; later tests start with none pending."""
    yield
    from models3d.fileio import writing

    writing._PENDING.clear()
