"""The tabs of the docks are readable on a 1280x720 screen in English and Russian: all
six panels share one tab group on the right, Modules first, and every tab shows its
whole label (a short one where the full titles do not fit) with the full title as its
tooltip; on a large screen the tabs keep their full titles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect

from ui import layout

pytestmark = pytest.mark.gl

ORDER = ["modules", "properties", "totals", "orbit", "orbit_map", "portmap"]


@pytest.fixture
def language():
    """Install a language's translators for the test; English again afterwards."""
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    def use(code: str) -> None:
        assert i18n.install(QApplication.instance(), code) == code

    yield use
    i18n.install(QApplication.instance(), "en")


def _screen(monkeypatch, w: int, h: int) -> None:
    monkeypatch.setattr(layout, "_available", lambda window: QRect(0, 0, w, h))


def _dock_tab_bars(win):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTabBar

    bars = win.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly)
    return [b for b in bars if b.isVisible() and b.count()]


def _shown(bar) -> list[str]:
    """Each tab's label as drawn: the dock style's choice, else the tab's text."""
    label = getattr(bar.style(), "label", None)
    return [
        label(bar.tabText(i), bar) if label else bar.tabText(i)
        for i in range(bar.count())
    ]


def _settle(qtbot, win) -> None:
    from PySide6.QtCore import QCoreApplication

    for _ in range(5):
        QCoreApplication.processEvents()
    qtbot.wait(50)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_tab_reads_whole_at_1280x720(windows, qtbot, monkeypatch, language, lang):
    _screen(monkeypatch, 1280, 720)
    language(lang)
    win = windows("ros-2024", "final", language=lang)
    _settle(qtbot, win)
    assert (win.width(), win.height()) == (1280, 720)
    bars = _dock_tab_bars(win)
    assert len(bars) == 1, [[b.tabText(i) for i in range(b.count())] for b in bars]
    bar = bars[0]
    titles = [win.docks[k].windowTitle() for k in ORDER]
    assert [bar.tabText(i) for i in range(bar.count())] == titles
    fm = bar.fontMetrics()
    shown = _shown(bar)
    assert len(set(shown)) == len(shown), shown  # the panels can be told apart
    right = 0
    for i, label in enumerate(shown):
        rect = bar.tabRect(i)
        # the whole label and some room round it, inside the bar: nothing elided
        assert rect.width() >= fm.horizontalAdvance(label) + 8, (label, rect)
        assert rect.left() >= right
        right = rect.right()
        assert bar.tabToolTip(i) == titles[i]  # the full title on hover
    assert right < bar.width(), (right, bar.width(), shown)
    # the full titles alone would not fit: the tabs are the short labels
    assert shown != titles
    # the dock keeps its full title (its title bar, View > Panels)
    assert win.docks["totals"].toggleViewAction().text() == titles[2]


def test_large_screens_keep_full_titles(windows, qtbot, monkeypatch):
    _screen(monkeypatch, 2560, 1440)
    win = windows("ros-2024", "final")
    _settle(qtbot, win)
    bars = _dock_tab_bars(win)
    assert bars
    for bar in bars:
        assert _shown(bar) == [bar.tabText(i) for i in range(bar.count())]
        assert bar.tabRect(bar.count() - 1).right() < bar.width()


def test_switching_language_relabels_the_tabs(windows, qtbot, monkeypatch):
    _screen(monkeypatch, 1280, 720)
    win = windows("ros-2024", "final")
    _settle(qtbot, win)
    try:
        win.set_language("ru")
        _settle(qtbot, win)
        (bar,) = _dock_tab_bars(win)
        assert _shown(bar) == [
            "Модули",
            "Свойства",
            "Итоги",
            "Орбита",
            "Карта",
            "Порты",
        ]
        assert bar.tabRect(bar.count() - 1).right() < bar.width()
    finally:
        win.set_language("en")
