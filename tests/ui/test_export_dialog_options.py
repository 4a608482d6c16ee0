"""The export dialog's camera, look and timing options: the request they build (the
command line's fields), the values they refuse, and the choices remembered for the
next export; View > Save camera / Load camera."""

from __future__ import annotations

import numpy as np

from models3d.camera_file import SavedCamera, write_camera


def dialog(win, tmp_path, qtbot):
    from ui.export.dialog import ExportDialog

    dlg = ExportDialog(win, str(tmp_path))
    qtbot.addWidget(dlg)
    return dlg


def pick(box, data) -> None:
    box.setCurrentIndex(box.findData(data))


def test_framed_camera_look_and_timing_reach_the_request(window, tmp_path, qtbot):
    win = window("ros-2024", phase=6)
    dlg = dialog(win, tmp_path, qtbot)
    o = dlg.options
    pick(o.camera, "top")
    o.angles.setChecked(True)
    o.azimuth.setValue(30)
    o.elevation.setValue(45)
    o.zoom.setValue(2.5)
    o.distance.setValue(120)
    pick(o.target, "bm")
    pick(o.background, "colour")
    o.colour.setText("#102030")
    pick(o.mode, "xray")
    o.labels.setChecked(True)
    assert o.scale_bar.isChecked()  # as the view shows it
    o.scale_bar.setChecked(False)
    o.highlight.setText("nem, bm")
    req = dlg.request()
    assert req.camera is None
    shot = req.shot
    assert (shot.view, shot.azimuth, shot.elevation, shot.zoom, shot.target) == (
        "top",
        30,
        45,
        2.5,
        "bm",
    )
    assert shot.distance == 120
    assert req.background == (16, 32, 48)
    assert req.mode == "xray"
    assert req.overlays == {"labels": True, "scale_bar": False}
    assert req.highlight == ("nem", "bm")
    assert dlg.save_button.isEnabled()


def test_as_in_the_view_keeps_the_views_camera(window, tmp_path, qtbot):
    win = window("tiangong")
    dlg = dialog(win, tmp_path, qtbot)
    pick(dlg.options.camera, "view")
    req = dlg.request()
    assert req.shot is None
    assert req.camera is not None
    assert req.mode == win.model.mode
    assert not dlg.options.zoom.isEnabled()
    assert not dlg.options.target.isEnabled()


def test_animation_timing_only_for_animations(window, tmp_path, qtbot):
    win = window("tiangong")
    dlg = dialog(win, tmp_path, qtbot)
    o = dlg.options
    assert not o.fps.isEnabled()
    pick(dlg.what, "gif")
    assert o.fps.isEnabled()
    assert o.hold.isEnabled()
    assert o.dock.isEnabled()
    o.fps.setValue(12)
    o.hold.setValue(0.5)
    o.dock.setValue(0)
    req = dlg.request()
    assert (req.fps, req.hold, req.dock_seconds) == (12, 0.5, 0)


def test_values_that_cannot_work_disable_save_with_the_reason(window, tmp_path, qtbot):
    win = window("ros-2024", phase=0)
    dlg = dialog(win, tmp_path, qtbot)
    o = dlg.options
    o.highlight.setText("nem,zz")
    assert not dlg.save_button.isEnabled()
    assert "not a module of ros-2024" in dlg.info.text()
    o.highlight.setText("")
    pick(o.camera, "fit")
    pick(o.target, "bm")  # arrives later than phase 1
    assert not dlg.save_button.isEnabled()
    assert "not at the station" in dlg.info.text()
    pick(o.target, None)
    pick(o.background, "colour")
    o.colour.setText("mauve")
    assert not dlg.save_button.isEnabled()
    o.colour.setText("#000")
    pick(o.camera, "file")
    o.camera_file.setText(str(tmp_path / "missing.json"))
    assert not dlg.save_button.isEnabled()
    assert "does not exist" in dlg.info.text()
    write_camera(tmp_path / "c.json", SavedCamera((0.0, 0.0, 0.0), 50.0, 10.0, 20.0))
    o.camera_file.setText(str(tmp_path / "c.json"))
    assert dlg.save_button.isEnabled()
    assert dlg.request().shot.saved.distance == 50.0


def test_choices_are_remembered_for_the_next_export(window, tmp_path, qtbot):
    win = window("ros-2024")
    dlg = dialog(win, tmp_path, qtbot)
    o = dlg.options
    pick(o.camera, "side")
    o.angles.setChecked(True)
    o.azimuth.setValue(-20)
    o.zoom.setValue(1.75)
    pick(o.target, "nem")
    pick(o.background, "colour")
    o.colour.setText("#abcdef")
    pick(o.mode, "wireframe")
    o.labels.setChecked(False)
    o.highlight.setText("bm")
    o.fps.setValue(24)
    o.distance.setValue(75.5)
    dlg.accept()
    again = dialog(win, tmp_path, qtbot).options
    assert again.camera.currentData() == "side"
    assert again.angles.isChecked()
    assert again.azimuth.value() == -20
    assert again.zoom.value() == 1.75
    assert again.distance.value() == 75.5
    assert again.target.currentData() == "nem"
    assert again.background.currentData() == "colour"
    assert again.colour.text() == "#abcdef"
    assert again.mode.currentData() == "wireframe"
    assert not again.labels.isChecked()
    assert again.highlight.text() == "bm"
    assert again.fps.value() == 24
    # on another plan, modules it does not have are not carried over
    other = dialog(window("mir"), tmp_path, qtbot).options
    assert other.target.currentData() is None
    assert other.highlight.text() == ""


def test_save_and_load_camera_commands(window, tmp_path, qtbot):
    from ui.camera_files import SPECS, load_camera, save_camera

    assert {s.name for s in SPECS} == {"save_camera", "load_camera"}
    win = window("tiangong")
    view_menu = win.commands.menus["view"].actions()
    for name in ("save_camera", "load_camera"):
        assert win.commands.actions[name] in view_menu
    win.view.set_camera(np.array([1.0, 2.0, 3.0]), 42.0, 15.0, 33.0, animate=False)
    path = save_camera(win, str(tmp_path / "v.camera.json"))
    assert path
    win.view.set_camera(None, 90.0, 60.0, 100.0, animate=False)
    assert load_camera(win, path)
    center, distance, elevation, azimuth = win.view.camera_state()
    assert np.allclose(center, [1, 2, 3])
    assert distance == 42.0
    assert elevation == 15.0
    assert azimuth % 360 == 33.0
    (tmp_path / "bad.json").write_text("{")
    shown = []
    win.show_error = lambda title, detail: shown.append(detail)
    assert not load_camera(win, str(tmp_path / "bad.json"))
    assert "not JSON" in shown[0]
