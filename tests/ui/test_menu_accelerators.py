"""Every menu's keyboard accelerators (the & letters) are unique in English and
Russian: the menu bar's titles, each menu and submenu of the window (the features'
commands included, and a checkable command's other text, Play/Pause), and the 3D
view's context menu. Alt+letter or a letter in an open menu then picks one item,
not the first of several."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.gl

LANGUAGES = ["en", "ru"]


def accelerator(text: str) -> str | None:
    """The letter after a single & (Qt's rule; && is a literal ampersand)."""
    m = re.search(r"(?<!&)&([^&])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def clashes(texts: list[list[str]]) -> dict[str, list[str]]:
    """{letter: texts} for letters used by more than one item; each item is a list of
    the texts it can show (a toggled command has two, never shown together)."""
    by_letter: dict[str, list[str]] = {}
    for alternatives in texts:
        for letter in {accelerator(t) for t in alternatives} - {None}:
            by_letter.setdefault(letter, []).append(" / ".join(alternatives))
    return {k: v for k, v in by_letter.items() if len(v) > 1}


def menu_items(menu, alternatives) -> list[list[str]]:
    return [
        [a.text(), *alternatives.get(a, [])]
        for a in menu.actions()
        if not a.isSeparator() and a.text()
    ]


def all_menus(win):
    """(name, QMenu) for every menu and submenu reachable from the menu bar."""
    out, todo = [], [(a.text(), a.menu()) for a in win.menuBar().actions()]
    while todo:
        name, menu = todo.pop()
        if menu is None:
            continue
        out.append((name, menu))
        todo += [(f"{name} > {a.text()}", a.menu()) for a in menu.actions()]
    return out


def toggled_texts(win) -> dict:
    """{action: [its other text]} for commands whose text changes when checked."""
    from ui.actions import tr

    out = {}
    for name, act in win.commands.actions.items():
        spec = win.commands.specs[name]
        if spec.text_checked:
            out[act] = [tr(spec.text), tr(spec.text_checked)]
    return out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_two_items_of_a_menu_share_an_accelerator(windows, lang):
    win = windows("ros-2024", "final", show=False)
    try:
        win.set_language(lang)
        assert win.model.language == lang
        alternatives = toggled_texts(win)
        bar = [[a.text()] for a in win.menuBar().actions()]
        assert not clashes(bar), clashes(bar)
        menus = all_menus(win)
        assert any(menu is win.commands.menus["view"] for _n, menu in menus)
        found = {}
        for name, menu in menus:
            found[name] = clashes(menu_items(menu, alternatives))
        assert not any(found.values()), {k: v for k, v in found.items() if v}
    finally:
        win.set_language("en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_view_context_menu_has_unique_accelerators(windows, lang):
    from PySide6.QtCore import QPoint

    from ui.context_menu import show_view_menu

    win = windows("ros-2024", "final")
    try:
        win.set_language(lang)
        menu = show_view_menu(win, "nem", QPoint(100, 100))
        items = menu_items(menu, {})
        menu.close()
        assert len(items) >= 4
        assert not clashes(items), clashes(items)
    finally:
        win.set_language("en")


def test_the_checker_sees_a_clash():
    items = [["&Solid"], ["Fit &selected"], ["A && B"], ["&Play", "&Pause"]]
    assert clashes(items) == {"s": ["&Solid", "Fit &selected"]}
    assert accelerator("A && &B") == "b"
    assert accelerator("Person for scale (1.8 m)") is None
