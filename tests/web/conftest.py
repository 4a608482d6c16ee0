"""Web page tests: headless Chromium and the HTML checker.

The `web` marker is registered here too, so these tests run under --strict-markers
before pyproject lists it. Without Chromium (Debian's `chromium`) the browser tests
skip on a developer's machine and fail in CI (CI=true), like the GL tests without X.
"""

from __future__ import annotations

import os

import pytest

from tests.web.cdp import chromium_path


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "web: needs headless Chromium (Debian's chromium)"
    )


def need(condition: bool, what: str) -> None:
    """Skip without `condition` on a developer's machine; fail in CI."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing; CI installs it")
    pytest.skip(f"{what} is missing")


@pytest.fixture(scope="session")
def chromium():
    need(chromium_path() is not None, "headless Chromium (apt-get install chromium)")
    return chromium_path()
