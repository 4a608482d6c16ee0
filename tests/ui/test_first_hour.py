"""What trips a new user in the first hour, each with a test that would have caught it."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser

from models3d import __version__

pytestmark = pytest.mark.gl


def test_status_message_never_runs_into_the_summary(window):
    win = window("tiangong")
    bar = win.statusBar()
    bar.showMessage("A very long message " * 30)
    shown = bar.currentMessage()
    assert shown.endswith("…")
    assert bar.fontMetrics().horizontalAdvance(shown) <= bar.room()
    assert bar.room() + win.status.summary.width() <= bar.width()
    assert "A very long message" in bar.toolTip()


def test_the_three_charts_share_one_x_axis(window, qtbot):
    win = window("ros-2024")
    win.totals.set_charts_visible(True)
    qtbot.wait(50)
    lefts = {
        round(p.getViewBox().sceneBoundingRect().left()) for p in win.totals._plots
    }
    rights = {
        round(p.getViewBox().sceneBoundingRect().right()) for p in win.totals._plots
    }
    assert len(lefts) == 1, (lefts, rights)
    assert len(rights) == 1, (lefts, rights)


def test_charts_fold_and_unfold(window):
    win = window("ros-2024")
    win.totals.charts_button.click()
    assert win.totals.plots.isHidden()
    win.totals.charts_button.click()
    assert not win.totals.plots.isHidden()


def test_module_search_matches_either_language(window):
    win = window("ros-2024")
    tree = win.module_list
    win.module_browser.search.setText("УУМ")
    shown = [mid for mid, item in tree.items.items() if not item.isHidden()]
    assert shown == ["uum"]
    win.module_browser.search.setText("power")  # the NEM's English name
    assert "nem" in [m for m, i in tree.items.items() if not i.isHidden()]
    win.module_browser.search.clear()
    assert all(not i.isHidden() for i in tree.items.values())


def test_selecting_a_future_module_says_so_and_offers_the_way_back(window, qtbot):
    win = window("ros-2024", phase=0)
    tree = win.module_list
    tree.setCurrentItem(tree.items["bm"])
    assert win.model.selected == "bm"
    assert win.model.phase > 0
    assert "Alt+Left" in win.statusBar().full_message
    assert win.commands["back"].isEnabled()
    win.commands["back"].trigger()
    assert win.model.phase == 0
    assert not win.commands["back"].isEnabled()


def test_plan_selector_names_plans_by_title_year_and_status(window):
    win = window("ros-2024")
    texts = [win.plan_box.itemText(i) for i in range(win.plan_box.count())]
    assert any("2024" in t and "·" in t for t in texts)
    assert not any(t in ("ros-2024", "ross-2022") for t in texts)


def test_shortcuts_sheet_lists_every_command_with_a_shortcut(window):
    win = window()
    win.show_shortcuts()
    sheet = win.dialogs[-1].findChildren(QTextBrowser)[0].toPlainText()
    for spec in win.commands.specs.values():
        if spec.shortcut:
            keys = win.commands[spec.name].shortcut().toString()
            assert keys in sheet, keys
    for keys in ("Ctrl+E", "Ctrl+I", "Ctrl+Shift+S", "F11", "Ctrl+Z"):
        assert keys in sheet


def test_about_says_version_data_and_licences(window):
    win = window()
    win.show_about()
    text = win.dialogs[-1].findChildren(QTextBrowser)[0].toPlainText()
    assert __version__ in text
    assert "sources cited" in text
    assert "MIT" in text
    assert "Natural Earth" in text


def test_compare_window_closes_with_esc_and_a_button(window, qtbot):
    win = window()
    win.show_compare()
    cmp = win._compare
    qtbot.waitExposed(cmp)
    assert cmp.findChildren(QDialogButtonBox)
    qtbot.keyClick(cmp, Qt.Key.Key_Escape)
    assert not cmp.isVisible()


def test_reset_mesh_is_enabled_only_when_there_is_something_to_reset(window):
    win = window()
    win.model.select("nem")
    assert not win.commands["reset_mesh"].isEnabled()


def test_undo_and_redo_visibility_and_camera(window, qtbot):
    win = window()
    win.model.set_hidden("uum", True)
    assert win.commands["undo"].isEnabled()
    win.commands["undo"].trigger()
    assert "uum" not in win.model.hidden
    win.commands["redo"].trigger()
    assert "uum" in win.model.hidden
    before = win.view.camera_state()
    win.view.view_preset("top", animate=False)
    qtbot.wait(600)  # the camera rests: one undo step
    win.commands["undo"].trigger()
    after = win.view.camera_state()
    assert np.allclose(after[0], before[0])
    assert abs(after[2] - before[2]) < 1e-6


def test_presentation_mode_shows_the_view_timeline_and_caption_only(window, qtbot):
    win = window("ros-2024")
    win.commands["presentation"].trigger()
    qtbot.wait(50)
    assert win.presentation.active
    assert not win.menuBar().isVisible()
    assert not win.toolbar.isVisible()
    assert not any(d.isVisible() for d in win.docks.values())
    assert win.timeline.isVisible()
    assert win.presentation.caption.isVisible()
    assert "2024" in win.presentation.caption.text() or win.presentation.caption.text()
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    qtbot.wait(50)
    assert not win.presentation.active
    assert win.menuBar().isVisible()
    assert win.toolbar.isVisible()


def test_reference_models_can_be_hidden_and_removed(window, qtbot):
    from models3d.geometry import build_module
    from models3d.viewer_model import ReferenceModel

    win = window("ros-2024")
    meshes = build_module(win.model.plan.modules["uum"])
    t = np.eye(4)
    t[:3, 3] = (0, 60, 0)
    win.model.set_reference(ReferenceModel("ref1", meshes, t, path="/tmp/sphere.stl"))
    item = win.module_list.ref_group.child(0)
    win.module_list.setCurrentItem(item)
    # fit all includes the visible reference
    pts = win.model.fit_points()
    assert pts[:, 1].max() > 60
    win.model.set_reference_visible("ref1", False)
    assert win.model.fit_points()[:, 1].max() < 60
    win.module_list.setFocus()
    win.module_list.setCurrentItem(win.module_list.ref_group.child(0))
    qtbot.keyClick(win.module_list, Qt.Key.Key_Delete)
    assert "ref1" not in win.model.references
    assert win.module_list.ref_group is None
    win.commands["undo"].trigger()  # and the removal can be undone
    assert "ref1" in win.model.references


def test_export_dialog_remembers_choices_and_names_animations_after_the_plan(window):
    from ui.export.dialog import ExportDialog

    win = window("ros-2024", phase=3)
    dlg = ExportDialog(win, "/tmp")
    dlg.what.setCurrentIndex(dlg.what.findData("mp4"))
    assert dlg.path.text().endswith("ros-2024_assembly.mp4")
    dlg.what.setCurrentIndex(dlg.what.findData("phase"))
    assert dlg.path.text().endswith("ros-2024_phase04.png")
    k4 = next(
        i for i in range(dlg.size.count()) if dlg.size.itemData(i) == (3840, 2160)
    )
    dlg.size.setCurrentIndex(k4)
    dlg.caption.setChecked(True)
    dlg.accept()
    again = ExportDialog(win, "/tmp")
    assert again.size.currentData() == (3840, 2160)
    assert again.caption.isChecked()
    again.reject()
    for d in (dlg, again):
        d.deleteLater()


def test_corrupt_settings_values_are_reset_and_named(windows, isolated_settings):
    isolated_settings.write_text(
        "[General]\nmode=sideways\nlabels=maybe\ndocking_animations=true\n"
    )
    win = windows("ros-2024", restore=True)
    assert win.model.mode == "solid"
    assert win.model.labels is False
    msg = win.statusBar().full_message
    assert "mode" in msg
    assert "labels" in msg


def test_placement_reaches_true_scale_for_any_unit(window, qtbot):
    """NASA's Mir model is about 1037 units long: neither metres nor centimetres. A free
    factor or a target length brings it to the real ~30 m; the docking axis starts on
    the model's longest side; a reference not moved by hand follows its new size."""
    from models3d.importer import Placement, load_model, longest_axis, place
    from tests.conftest import SHARED
    from ui.importing import PlacementDialog

    path = SHARED / "testdata" / "external" / "nasa_mir.glb"
    if not path.is_file():
        pytest.skip("../shared/testdata missing")
    model = load_model(path)
    win = window("mir")
    shown = []
    dlg = PlacementDialog(
        win,
        model,
        lambda p, off: shown.append((p, off)),
        default_offset=lambda p: np.array(
            [0.0, 40.0 + place(model, "r", p)[0].bounds()[1][1], 0.0]
        ),
    )
    assert dlg.axis.currentData() == longest_axis(model)
    dlg.by_length.setChecked(True)
    dlg.length.setValue(30.0)
    p = dlg.placement()
    lo, hi = place(model, "r", p)[0].bounds()
    assert (hi - lo)[0] == pytest.approx(30.0, rel=1e-6)
    y_before = dlg.offset_value()[1]
    dlg.by_factor.setChecked(True)
    dlg.factor.setValue(0.5)
    assert dlg.offset_value()[1] != y_before  # the default position followed the size
    assert shown[-1][0].mode == "factor"
    lo, hi = place(model, "r", Placement("factor", factor=0.5, axis=p.axis))[0].bounds()
    assert max(hi - lo) == pytest.approx(0.5 * max(model.extents), rel=1e-6)
    dlg.reject()
    dlg.deleteLater()
