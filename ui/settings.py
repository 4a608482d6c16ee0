"""Where the app keeps its settings (QSettings), with an override for tests."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

ORG = "ROSS Explorer"
APP = "ROSS Explorer"
ENV = "ROSS_EXPLORER_SETTINGS"  # path of an .ini file to use instead of the user's


def settings() -> QSettings:
    path = os.environ.get(ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


def reset_settings() -> str:
    s = settings()
    s.clear()
    s.sync()
    return s.fileName()


def as_bool(value, default: bool = False) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).lower() in ("1", "true", "yes", "on")
