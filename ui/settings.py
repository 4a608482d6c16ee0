"""Where the app keeps its settings (QSettings), with an override for tests."""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

ORG = "ROSS Explorer"
APP = "ROSS Explorer"
ENV = "ROSS_EXPLORER_SETTINGS"  # path of an .ini file to use instead of the user's


MAX_SETTINGS_BYTES = 8 * 2**20
_refused: dict[str, str] = {}  # settings path -> why it cannot be used (said once)


def settings() -> QSettings:
    """The user's settings (or the file ROSS_EXPLORER_SETTINGS names). A settings path
    that is not a regular file (a FIFO would hang QSettings, a device would be read
    without end) or is too big is not opened: the app then keeps its settings for this
    run only, in a private file, and `settings_problem()` says why."""
    path = os.environ.get(ENV)
    if not path:
        path = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP
        ).fileName()
    if path not in _refused and os.path.lexists(path):
        from models3d.errors import RossError
        from models3d.fileio import check_regular

        try:
            check_regular(path, MAX_SETTINGS_BYTES, "settings file")
        except RossError as exc:
            _refused[path] = str(exc)
    if path in _refused:
        return QSettings(_private_file(), QSettings.Format.IniFormat)
    return QSettings(path, QSettings.Format.IniFormat)


def settings_problem() -> str | None:
    """Why the user's settings file is not used this run, or None."""
    return next(iter(_refused.values()), None)


def _private_file() -> str:
    import tempfile

    global _PRIVATE
    if _PRIVATE is None:
        fd, _PRIVATE = tempfile.mkstemp(prefix="ross-explorer-settings-", suffix=".ini")
        os.close(fd)
    return _PRIVATE


_PRIVATE: str | None = None


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
        return (
            value
            if isinstance(value, str) and value in choices
            else self._bad(key, default)
        )

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
