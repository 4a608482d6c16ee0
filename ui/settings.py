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


class CheckedSettings:
    """Reads settings values with a check per key: a value of the wrong type or out of
    its choices falls back to the default for that key, is removed from the file, and
    its key is remembered in `reset` so the app can say once which keys it reset."""

    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else settings()
        self.reset: list[str] = []

    def _bad(self, key: str, default):
        self.store.remove(key)
        self.reset.append(key)
        return default

    def choice(self, key: str, choices, default):
        value = self.store.value(key)
        if value is None:
            return default
        return value if isinstance(value, str) and value in choices else \
            self._bad(key, default)

    def boolean(self, key: str, default: bool | None):
        value = self.store.value(key)
        if value is None:
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
            return value.lower() in ("true", "1")
        return self._bad(key, default)

    def integer(self, key: str, lo: int, hi: int, default: int | None):
        value = self.store.value(key)
        if value is None:
            return default
        try:
            n = int(str(value), 10)
        except ValueError:
            return self._bad(key, default)
        return n if lo <= n <= hi else self._bad(key, default)

    def text(self, key: str, default: str | None = None):
        value = self.store.value(key)
        if value is None:
            return default
        return value if isinstance(value, str) else self._bad(key, default)

    def blob(self, key: str):
        from PySide6.QtCore import QByteArray

        value = self.store.value(key)
        if value is None or isinstance(value, QByteArray):
            return value
        return self._bad(key, None)
