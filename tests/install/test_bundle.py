"""The PyInstaller one-folder bundle (make dist) as a user gets it: unpacked in a
fresh folder, run from another one with an empty home, to its first frame under Xvfb
and to a picture with no X server (tools/bundle/check.sh).

Building the bundle takes about a minute and packing it another half, which `make test`
does not spend: this test checks the newest dist/ross-explorer-*-linux-x86_64.tar.gz
when there is one and skips otherwise; `make dist-check` builds one and runs the same
check. With ROSS_EXPLORER_BUILD_BUNDLE=1 the test runs `make dist` itself.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.gl]


def newest_bundle():
    found = sorted(
        (ROOT / "dist").glob("ross-explorer-*-linux-x86_64.tar.gz"),
        key=lambda p: p.stat().st_mtime,
    )
    return found[-1] if found else None


def test_the_bundle_starts_and_exports(gl_display):
    if os.environ.get("ROSS_EXPLORER_BUILD_BUNDLE"):
        subprocess.run(["make", "dist"], cwd=ROOT, check=True, timeout=1200)
    bundle = newest_bundle()
    if bundle is None:
        pytest.skip("no bundle in dist/: `make dist-check` builds and checks one")
    assert bundle.stat().st_size < 150 * 2**20  # the ceiling
    res = subprocess.run(
        [str(ROOT / "tools" / "bundle" / "check.sh"), str(bundle)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    assert "bundle check passed" in res.stdout
