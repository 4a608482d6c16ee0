"""The port map dock: it shows the station of the current phase as boxes, port dots and
joined ports, follows the timeline and the selection, selects a module on a click, and
the Properties panel says where the selected module is docked."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from models3d.portmap import docked_text
from ui import layout

pytestmark = pytest.mark.gl

FEATURE = "ui.portmap.feature"


def _map(win):
    return win.features[FEATURE].panel.map


def _pixels(widget) -> np.ndarray:
    img = widget.grab().toImage()
    img = img.convertToFormat(img.Format.Format_RGB888)
    w, h = img.width(), img.height()
    arr = np.frombuffer(img.constBits(), np.uint8, count=img.bytesPerLine() * h)
    return arr.reshape(h, img.bytesPerLine())[:, : w * 3].reshape(h, w, 3)


def test_the_map_follows_the_timeline(windows):
    win = windows("ros-2024", "first")
    view = _map(win)
    dock = win.docks["portmap"]
    dock.show()
    dock.raise_()
    windows.qtbot.waitUntil(lambda: view.isVisible() and view.width() > 100)
    plan = win.model.plan
    for i in range(len(plan.phases)):
        win.model.set_phase(i)
        state = plan.station.snapshots[i]
        shown = {b.module for b in view.port_map.boxes}
        assert shown == set(state.modules)
        assert {(k.child, k.parent) for k in view.port_map.links} == {
            (j.child, j.parent) for j in state.joints.values()
        }
        for box in view.port_map.boxes:
            used = {d.name for d in box.ports if d.occupied}
            assert used == set(state.used_ports().get(box.module, ()))
    # the joints are drawn in the accent colour between the boxes
    img = _pixels(view).astype(int)
    accent = (np.abs(img - np.array([255, 176, 46])).sum(axis=2) < 40).sum()
    assert accent > 10


def test_a_click_selects_and_properties_say_where_it_is_docked(windows):
    win = windows("ros-2024", "final")
    view = _map(win)
    dock = win.docks["portmap"]
    dock.show()
    dock.raise_()
    windows.qtbot.waitUntil(lambda: view.isVisible() and view.width() > 100)
    plan, phase = win.model.plan, win.model.phase
    # a docked module whose box is on top at its centre
    target = next(
        m
        for m in win.model.modules()
        if docked_text(plan, phase, m)
        and view.module_at(view.box_rect(m).center()) == m
    )
    rect = view.box_rect(target)
    assert view.rect().contains(rect.center().toPoint())
    windows.qtbot.mouseClick(
        view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint()
    )
    assert win.model.selected == target
    said = docked_text(plan, phase, target, "en")
    assert said.startswith("docked to ")
    assert said[0].upper() + said[1:] in win.properties.toPlainText()
    # a click beside every box clears the selection
    windows.qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert win.model.selected is None


def test_a_relocated_module_changes_its_port_with_the_phase(windows):
    win = windows("mir", "first")
    plan = win.model.plan
    moved = next(
        (i, a.module) for i, ph in enumerate(plan.phases) for a in ph.relocate if i > 0
    )
    i, mid = moved
    win.model.set_phase(i - 1)
    win.model.select(mid)
    before = win.properties.toPlainText()
    win.model.set_phase(i)
    after = win.properties.toPlainText()
    assert docked_text(plan, i, mid)[1:] in after
    assert before != after


def test_the_dock_is_tabbed_beside_properties_on_a_small_screen(windows, monkeypatch):
    monkeypatch.setattr(layout, "is_small", lambda window: True)
    win = windows("tiangong", "final")
    dock = win.docks["portmap"]
    assert dock in win.tabifiedDockWidgets(win.docks["properties"])


def test_the_map_speaks_russian(windows):
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    win = windows("ros-2024", "final")
    try:
        lang = i18n.install(QApplication.instance(), "ru")
        assert lang == "ru"
        win.model.set_language("ru")
        assert win.docks["portmap"].windowTitle() == "Карта портов"
        view = _map(win)
        labels = {b.label for b in view.port_map.boxes}
        assert "НЭМ" in labels
        uum = next(m for m in win.model.modules() if m == "uum")
        assert view.describe(uum).startswith("УУМ")
        assert "пристыкован к" in view.describe(uum)
    finally:
        i18n.install(QApplication.instance(), "en")
        win.model.set_language("en")
