"""The export dialog: presets, limits, memory figure, and the request it builds."""

from __future__ import annotations

from pathlib import Path


def test_dialog_builds_the_request(window, tmp_path, qtbot):
    from ui.export.dialog import ExportDialog

    win = window("ros-2024", phase=4)
    dlg = ExportDialog(win, str(tmp_path))
    qtbot.addWidget(dlg)
    dlg.size.setCurrentIndex(2)  # 4K
    dlg.ssaa.setCurrentIndex(1)
    dlg.fmt.setCurrentIndex(3)  # WebP
    dlg.transparent.setChecked(True)
    dlg.caption.setChecked(True)
    req = dlg.request()
    assert (req.width, req.height, req.ssaa, req.fmt) == (3840, 2160, 2, "webp")
    assert req.transparent
    assert req.caption
    assert req.phases == [4]
    assert req.path == tmp_path / "ros-2024_phase05.webp"
    assert req.camera is not None  # as in the view
    assert "MB of memory" in dlg.info.text()
    assert dlg.save_button.isEnabled()


def test_dialog_refuses_what_cannot_work(window, tmp_path, qtbot):
    from ui.export.dialog import ExportDialog

    win = window("ros-2024")
    dlg = ExportDialog(win, str(tmp_path))
    qtbot.addWidget(dlg)
    dlg.fmt.setCurrentIndex(1)  # JPEG
    dlg.transparent.setChecked(True)
    assert not dlg.save_button.isEnabled()
    assert "JPEG cannot store transparency" in dlg.info.text()
    dlg.transparent.setChecked(False)
    assert dlg.save_button.isEnabled()
    dlg.size.setCurrentIndex(dlg.size.count() - 1)  # custom
    dlg.w.setValue(99999)
    assert dlg.w.value() == 16384  # the spin box stops at the limit


def test_dialog_series_animation_and_scene_choices(window, tmp_path, qtbot):
    from ui.export.dialog import ExportDialog

    win = window("mir")
    dlg = ExportDialog(win, str(tmp_path))
    qtbot.addWidget(dlg)
    every = len(win.model.plan.phases)
    for key, ext, phases in (
        ("phases", "png", every),
        ("gif", "gif", every),
        ("mp4", "mp4", every),
        ("glb", "glb", 1),
    ):
        dlg.what.setCurrentIndex(dlg.what.findData(key))
        req = dlg.request()
        assert req.fmt == ext
        assert len(req.phases) == phases
        assert Path(req.path).suffix == "." + ext
    assert not dlg.size.isEnabled()  # a 3D scene has no picture size
