"""The timeline, the panels, the view and the status bar agree after every step."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt

from tests.conftest import PLANS

pytestmark = pytest.mark.gl  # a real OpenGL context (Xvfb in CI)


def check_agreement(win):
    st = win.model
    i = st.phase
    on = set(st.modules())
    # view: exactly the modules of the phase are drawn
    shown = {m for m, item in win.scene.items.items() if item.visible()}
    assert shown == on - st.hidden
    assert win.model.phase == i
    # module list: the phase's group is marked, modules not on the station are italic
    for mid, item in win.module_list.items.items():
        assert item.font(0).italic() == (mid not in on)
    group = win.module_list.topLevelItem(i)
    assert group.font(0).underline()
    # totals panel and status bar name the phase
    name = st.plan.phases[i].name["en"]
    assert name in win.totals.summary.toPlainText()
    assert f"{i + 1}/{st.phase_count}" in win.status.summary.text()
    # selection agrees everywhere
    assert win.model.selected == st.selected
    sel = [
        it.data(0, Qt.ItemDataRole.UserRole) for it in win.module_list.selectedItems()
    ]
    assert sel == ([st.selected] if st.selected else [])


def test_keyboard_drives_the_timeline(window, qtbot):
    win = window()
    tl = win.timeline
    tl.setFocus()
    n = win.model.phase_count
    assert win.model.phase == n - 1
    qtbot.keyClick(tl, Qt.Key.Key_Home)
    assert win.model.phase == 0
    check_agreement(win)
    for i in range(1, n):
        qtbot.keyClick(tl, Qt.Key.Key_Right)
        assert win.model.phase == i
        check_agreement(win)
    qtbot.keyClick(tl, Qt.Key.Key_Right)  # stays at the end
    assert win.model.phase == n - 1
    qtbot.keyClick(tl, Qt.Key.Key_Left)
    assert win.model.phase == n - 2
    check_agreement(win)
    qtbot.keyClick(tl, Qt.Key.Key_End)
    assert win.model.phase == n - 1


def test_mouse_click_and_drag_on_the_timeline(window, qtbot):
    win = window()
    tl = win.timeline
    x2 = int(tl.tick_x(2))
    qtbot.mouseClick(tl, Qt.MouseButton.LeftButton, pos=QPoint(x2, 20))
    assert win.model.phase == 2
    check_agreement(win)
    qtbot.mousePress(tl, Qt.MouseButton.LeftButton, pos=QPoint(x2, 20))
    qtbot.mouseMove(tl, QPoint(int(tl.tick_x(5)), 22))
    qtbot.mouseRelease(tl, Qt.MouseButton.LeftButton, pos=QPoint(int(tl.tick_x(5)), 22))
    assert win.model.phase == 5
    check_agreement(win)


def test_space_plays_the_whole_assembly(window, qtbot):
    win = window()
    win.timeline.play_timer.setInterval(20)
    win.timeline.setFocus()
    qtbot.keyClick(win.timeline, Qt.Key.Key_Space)  # at the end: restarts from phase 1
    assert win.timeline.playing
    assert win.model.phase == 0
    qtbot.waitUntil(lambda: not win.timeline.playing, timeout=5000)
    assert win.model.phase == win.model.phase_count - 1
    check_agreement(win)


def test_window_shortcuts_step_phases(window, qtbot):
    win = window()
    win.activateWindow()
    qtbot.waitActive(win)
    win.view.setFocus()
    qtbot.waitUntil(win.view.hasFocus)
    qtbot.keyClick(win.view, Qt.Key.Key_Home)
    assert win.model.phase == 0
    qtbot.keyClick(win.view, Qt.Key.Key_Right)
    assert win.model.phase == 1
    check_agreement(win)


def test_status_bar_names_what_changed(window, qtbot):
    win = window()
    win.model.set_phase(0)
    win.model.set_phase(1)
    assert "added UUM, ShM" in win.statusBar().currentMessage()
    win.model.set_phase(2)
    assert "moved ShM" in win.statusBar().currentMessage()
    win.model.set_phase(4)
    msg = win.statusBar().currentMessage()
    assert "Base module completes the core" in msg


def test_list_and_view_selection_are_one(window, qtbot):
    win = window()
    item = win.module_list.items["bm"]
    rect = win.module_list.visualItemRect(item)
    qtbot.mouseClick(
        win.module_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
    )
    assert win.model.selected == "bm"
    check_agreement(win)
    assert "Base Module" in win.properties.toPlainText()
    assert "20.5 t" in win.properties.toPlainText()
    # select in the view: the list follows
    win.view.selection_changed.emit("nem")
    assert win.model.selected == "nem"
    check_agreement(win)
    assert "Science and Power Module" in win.properties.toPlainText()
    qtbot.keyClick(win.view, Qt.Key.Key_Escape)
    assert win.model.selected is None
    check_agreement(win)
    assert "Sources" in win.properties.toPlainText()  # back to the plan overview


def test_properties_show_sources_ranges_and_badges(window):
    win = window()
    win.model.select("nem")
    html = win.properties.toHtml()
    assert "21 (20–21) t" in win.properties.toPlainText()
    assert "https://russianspaceweb.com/nem.html" in html  # clickable source link
    for badge in ("conflict", "uncertain", "confirmed"):
        assert badge in win.properties.toPlainText()
    assert "Научно-энергетический модуль" in win.properties.toPlainText()
    assert win.properties.openExternalLinks()


def test_selecting_a_future_module_jumps_to_its_phase(window, qtbot):
    win = window()
    win.model.set_phase(0)
    item = win.module_list.items["tsm2"]
    win.module_list.setCurrentItem(item)
    assert win.model.phase == win.model.first_phase_of("tsm2")
    assert win.model.selected == "tsm2"
    check_agreement(win)


def test_visibility_checkbox_hides_the_module(window, qtbot):
    win = window()
    item = win.module_list.items["bm"]
    item.setCheckState(0, Qt.CheckState.Unchecked)
    assert "bm" in win.model.hidden
    assert not win.scene.items["bm"].visible()
    check_agreement(win)
    # a hidden module cannot be picked
    assert "bm" not in [m for m in win.model.modules() if m not in win.model.hidden]
    item.setCheckState(0, Qt.CheckState.Checked)
    assert win.scene.items["bm"].visible()


def test_plots_mark_the_current_phase(window):
    win = window()
    win.model.set_phase(3)
    assert all(m.value() == 4 for m in win.totals.markers)
    assert len(win.totals.markers) == 3


def test_plan_selector_switches_plans(window, qtbot):
    win = window()
    box = win.plan_box
    i = box.findData("mir")
    box.setCurrentIndex(i)
    box.activated.emit(i)
    assert win.model.plan.id == "mir"
    assert win.model.phase == win.model.phase_count - 1
    check_agreement(win)
    assert "Mir" in win.windowTitle()


def test_broken_plan_file_keeps_the_current_plan(window, qtbot):
    win = window()
    bad = PLANS.parent.parent / "tests" / "data" / "broken_plans" / "many_problems.toml"
    assert not win.load_plan_key(str(bad))
    assert win.model.plan.id == "ros-2024"
    assert "many_problems.toml" in win.statusBar().currentMessage()
    check_agreement(win)


def test_docking_animation_flies_modules_in_and_can_be_skipped(window, qtbot):
    win = window()
    win.model.set_option("animate_docking", True)
    win.scene._transition.setDuration(4000)  # stays mid-flight on a busy machine
    win.model.set_phase(0)
    win.model.set_phase(1)  # UUM and ShM arrive
    scene = win.scene
    assert scene.animating
    final = scene.model.station.snapshots[1].transforms["uum"][:3, 3]
    qtbot.wait(150)
    now = np.array(scene.items["uum"].transform().data()).reshape(4, 4).T[:3, 3]
    assert np.linalg.norm(now - final) > 0.5  # still on its way along the docking axis
    assert now[0] > final[0]  # coming in from ahead (+X), along the NEM's forward port
    qtbot.mousePress(win.view, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # skip
    qtbot.mouseRelease(win.view, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not scene.animating
    now = np.array(scene.items["uum"].transform().data()).reshape(4, 4).T[:3, 3]
    assert np.allclose(now, final, atol=1e-4)
    # a relocation moves port to port and ends where the plan says
    scene._transition.setDuration(300)
    win.model.set_phase(2)
    assert scene.animating
    qtbot.waitUntil(lambda: not scene.animating, timeout=5000)
    end = np.array(scene.items["shm"].transform().data()).reshape(4, 4).T
    assert np.allclose(
        end, scene.model.station.snapshots[2].transforms["shm"], atol=1e-4
    )
    assert "shm" in scene.flashing or scene.flash_alpha == 0


def test_jumps_are_instant(window):
    win = window()
    win.model.set_option("animate_docking", True)
    win.model.set_phase(0)
    win.model.set_phase(4)
    assert not win.scene.animating
    check_agreement(win)


def test_russian_translation_loads_and_retranslates(window, qtbot):
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    win = window()
    try:
        win.set_language("ru")
        assert win.model.language == "ru"
        assert QCoreApplication.translate("panels", "Mass") == "Масса"
        titles = [a.text() for a in win.menuBar().actions()]
        assert "&Файл" in titles
        assert "&Справка" in titles
        assert win.docks["properties"].windowTitle() == "Свойства"
        assert "Масса" in win.totals.summary.toPlainText()
        win.model.select("uum")
        assert "Универсальный узловой модуль" in win.properties.toPlainText()
        # actions are rebuilt, not piled up: one action per shortcut
        keys = [
            a.shortcut().toString() for a in win.actions() if not a.shortcut().isEmpty()
        ]
        assert len(keys) == len(set(keys))
    finally:
        win.set_language("en")
        i18n.install(QApplication.instance(), "en")
    assert QCoreApplication.translate("panels", "Mass") == "Mass"


def test_compare_window_shows_two_plans_at_one_scale(window, qtbot):
    win = window()
    win.show_compare()
    cmp = win._compare
    qtbot.waitExposed(cmp)
    assert cmp.left.plan.id == "ros-2024"
    assert cmp.right.plan.id == "mir"
    d_left = cmp.left.view.camera_state()[1]
    d_right = cmp.right.view.camera_state()[1]
    assert d_left == pytest.approx(d_right)
    assert cmp.table.rowCount() == max(
        len(cmp.left.plan.phases), len(cmp.right.plan.phases)
    )
    assert "ros-2024" in cmp.table.horizontalHeaderItem(0).text()
    assert "mir" in cmp.table.horizontalHeaderItem(5).text()
    # orbiting the left view turns the right one the same way
    cmp.left.view.set_camera(azimuth=10.0, animate=False)
    assert cmp.right.view.camera_state()[3] == pytest.approx(10.0)
    cmp.right.plan_box.setCurrentIndex(cmp.right.plan_box.findData("tiangong"))
    assert cmp.right.plan.id == "tiangong"
    cmp.close()


def test_help_sheets_open(window):
    win = window()
    win.show_shortcuts()
    win.show_about()
    from PySide6.QtWidgets import QTextBrowser

    texts = [d.findChildren(QTextBrowser)[0].toPlainText() for d in win.dialogs]
    assert "Space" in texts[0]
    assert "Shift+F" in texts[0]
    assert "PySide6" in texts[1]
    assert "ros-2024" in texts[1]


def test_switching_language_keeps_every_toolbar_and_menu_item(window):
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    win = window()

    def inventory():
        menus = {}
        for top in win.menuBar().actions():
            menus[top.menu().objectName() or id(top.menu())] = len(top.menu().actions())
        tools = [
            (
                a.objectName(),
                type(w).__name__ if (w := win.toolbar.widgetForAction(a)) else None,
                a.isVisible(),
            )
            for a in win.toolbar.actions()
        ]
        return len(win.menuBar().actions()), menus, tools

    before = inventory()
    try:
        for lang in ("ru", "en", "ru", "system", "ru", "en") * 3:
            win.set_language(lang)
            assert inventory() == before
            assert win.plan_box.isVisible()
            assert win.plan_box.count() >= 5
            assert all(
                a.text()
                for a in win.toolbar.actions()
                if a.objectName().startswith("action_")
            )
    finally:
        win.set_language("en")
        i18n.install(QApplication.instance(), "en")
