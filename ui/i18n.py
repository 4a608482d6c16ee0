"""User-interface languages: English (the source texts) and Russian (Qt translations).

`assets/translations/ross_ru.ts` is the translation source; `make` builds `ross_ru.qm`
from it with pyside6-lrelease. Qt's own texts (standard buttons) come from Qt's bundled
qtbase translations.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from models3d.resources import asset

TRANSLATIONS = asset("translations")
LANGUAGES = {"en": "English", "ru": "Русский"}

_installed: list[QTranslator] = []


def system_language() -> str:
    return "ru" if QLocale.system().language() == QLocale.Language.Russian else "en"


def effective(choice: str | None) -> str:
    if choice in LANGUAGES:
        return choice
    return system_language()


def install(app, choice: str | None) -> str:
    """Install the translators for a language choice ('en', 'ru' or None for the
    system's). Returns the language in effect."""
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    lang = effective(choice)
    if lang == "en":
        return lang
    ours = QTranslator(app)
    if ours.load(str(TRANSLATIONS / f"ross_{lang}.qm")):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        return (
            "en"  # no compiled translation: stay in English rather than half-translated
        )
    qt = QTranslator(app)
    if qt.load(
        f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt)
        _installed.append(qt)
    return lang


def tr(context: str, s: str) -> str:
    return QCoreApplication.translate(context, s)


def plural(context: str, source: str, n: int) -> str:
    """Qt's `%n` plural of `source` ('%n module(s)') in the interface language.

    Russian takes the numerus forms of ross_ru.ts (one, few, many); English, the source
    language, has no translation file, so its '(s)' marks the plural ending: '1 module',
    '3 modules'. tools/i18n_update.py checks that every plural source has one."""
    out = QCoreApplication.translate(context, source, None, n)
    if "(s)" in out:
        out = out.replace("(s)", "" if abs(int(n)) == 1 else "s")
    return out
