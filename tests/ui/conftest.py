"""Fixtures for the UI tests: main windows with isolated settings, checked for leaks."""

from __future__ import annotations

import pytest

from tests.windows import windows  # noqa: F401 - the fixture


def pytest_configure(config):
    from ui.app import _configure_qt

    _configure_qt()


@pytest.fixture
def window(windows):  # noqa: F811 - uses the imported fixture
    """A shown main window (most UI tests look at what it draws)."""
    return windows
