"""View > Panels and View > Language: submenus made of other objects' actions (the docks'
toggles) or of one choice per language, so they are not rows of the action table."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup

from . import i18n
from .actions import tr
from .settings import CheckedSettings


class ViewSubmenus:
    def __init__(self, window):
        view_menu = window.commands.menus["view"]
        view_menu.addSeparator()
        self.panels = view_menu.addMenu("")
        for dock in window.docks.values():
            self.panels.addAction(dock.toggleViewAction())
        self.panels.addAction(window.toolbar.toggleViewAction())
        self.language = view_menu.addMenu("")
        group = QActionGroup(window)
        self.languages: dict[str, QAction] = {}
        codes = ("system", *i18n.LANGUAGES)
        current = CheckedSettings().choice("language", codes, "system")
        for code in codes:
            act = QAction(window, checkable=True)
            act.setChecked(current == code)
            act.triggered.connect(lambda _=False, c=code: window.set_language(c))
            group.addAction(act)
            self.language.addAction(act)
            self.languages[code] = act

    def retranslate(self) -> None:
        self.panels.setTitle(tr("Pa&nels"))
        self.language.setTitle(tr("Lan&guage"))
        self.languages["system"].setText(tr("System default"))
        for code, name in i18n.LANGUAGES.items():
            self.languages[code].setText(name)
