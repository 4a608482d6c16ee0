"""Orbit > Export orbit picture...: the picture rows it shares with the station's
export (ui.export.picture_form) build its request, refuse what cannot work, follow
the globe/map choice, and are remembered for the next orbit picture apart from the
station export's choices."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.gl  # the orbit panel's view is a GL widget

FEATURE = "ui.orbit.feature"


def _dialog(windows, tmp_path):
    from ui.orbit.export_dialog import OrbitExportDialog

    win = windows("ros-2024", "final")
    feature = win.features[FEATURE]
    dlg = OrbitExportDialog(win, feature.panel, str(tmp_path))
    windows.qtbot.addWidget(dlg)
    return win, dlg


def pick(box, data) -> None:
    # findData does not match tuples: compare each item's data
    box.setCurrentIndex(next(i for i in range(box.count()) if box.itemData(i) == data))


def test_globe_and_map_requests(windows, tmp_path):
    _win, dlg = _dialog(windows, tmp_path)
    pick(dlg.size, (3840, 2160))
    pick(dlg.ssaa, 4)
    pick(dlg.fmt, "webp")
    dlg.transparent.setChecked(True)
    req = dlg.request()
    assert (req.what, req.width, req.height, req.ssaa) == ("globe", 3840, 2160, 4)
    assert (req.fmt, req.transparent) == ("webp", True)
    assert req.path == tmp_path / "ros-2024_orbit_globe.webp"
    assert "MB of memory" in dlg.info.text()
    assert dlg.save_button.isEnabled()
    pick(dlg.what, "map")
    # the map: no supersampling, no transparency, its height follows its width
    assert not dlg.ssaa.isEnabled()
    assert not dlg.transparent.isEnabled()
    pick(dlg.size, "custom")
    assert dlg.w.isEnabled()
    assert not dlg.h.isEnabled()
    dlg.w.setValue(800)
    req = dlg.request()
    assert (req.what, req.width, req.ssaa, req.transparent) == ("map", 800, 1, False)
    assert Path(req.path).name == "ros-2024_orbit_map.webp"
    assert "800 px wide" in dlg.info.text()


def test_refusals_and_remembered_choices(windows, tmp_path):
    win, dlg = _dialog(windows, tmp_path)
    pick(dlg.fmt, "jpg")
    dlg.transparent.setChecked(True)
    assert not dlg.save_button.isEnabled()
    assert "JPEG cannot store transparency" in dlg.info.text()
    dlg.transparent.setChecked(False)
    assert dlg.save_button.isEnabled()
    pick(dlg.size, "custom")
    dlg.w.setValue(1000)
    dlg.h.setValue(700)
    pick(dlg.camera, "default")
    dlg.accept()
    from ui.orbit.export_dialog import OrbitExportDialog

    again = OrbitExportDialog(win, win.features[FEATURE].panel, str(tmp_path))
    windows.qtbot.addWidget(again)
    assert again.fmt.currentData() == "jpg"
    assert again.dims() == (1000, 700)
    assert again.camera.currentData() == "default"
    assert again.path.text().endswith(".jpg")
    # the station's export keeps its own choices
    from ui.export.dialog import ExportDialog

    station = ExportDialog(win, str(tmp_path))
    windows.qtbot.addWidget(station)
    assert station.fmt.currentData() == "png"
    assert station.size.currentData() == (1920, 1080)
