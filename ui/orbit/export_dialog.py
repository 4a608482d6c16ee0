"""Orbit > Export orbit picture...: the globe or the map as a picture, with the sizes,
supersampling, formats, transparency and remembered choices of the station's export
(ui.export.picture_form), run by the station export's progress runner
(ui.export.dialog.JobRunner)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox

from ..export.picture_form import ExportFormDialog, PictureRows
from .export import OrbitPictureRequest


def tr(s: str) -> str:
    return QCoreApplication.translate("orbit", s)


KEY = "orbit_export_dialog/"


class OrbitExportDialog(ExportFormDialog):
    def __init__(self, window, panel, folder: str):
        super().__init__(window, "orbit_export_dialog", tr("Export orbit picture"))
        self.window_ = window
        self.panel = panel
        form = self.form
        self.what = QComboBox()
        self.what.addItem(tr("The globe at the time shown"), "globe")
        self.what.addItem(tr("The world map with a day of ground track"), "map")
        form.addRow(tr("Picture"), self.what)
        self.picture = PictureRows(form, panel.view, tr("Orbit view size"), KEY)
        p = self.picture
        self.size, self.w, self.h = p.size, p.w, p.h
        self.ssaa, self.fmt, self.transparent = p.ssaa, p.fmt, p.transparent
        self.caption = QCheckBox(tr("Caption: plan, orbit, time and sources"))
        self.camera = QComboBox()
        self.camera.addItem(tr("As in the orbit view"), "view")
        self.camera.addItem(tr("The first view"), "default")
        form.addRow("", self.caption)
        form.addRow(tr("Camera"), self.camera)
        self.add_file_row(tr("Export to"))
        self.add_footer()
        self.folder = folder
        self.remember(
            KEY,
            {"what": self.what, "camera": self.camera, "caption": self.caption},
            self.picture,
        )
        self.what.currentIndexChanged.connect(self.refresh)
        self.picture.changed.connect(self.refresh)
        self.refresh()

    def dims(self) -> tuple[int, int]:
        return self.picture.dims()

    def refresh(self, *_) -> None:
        globe = self.what.currentData() == "globe"
        # the map is as wide as asked, half as high plus its legend, drawn once
        self.picture.update(height=globe, ssaa=globe, transparent=globe)
        for wdg in (self.caption, self.camera):
            wdg.setEnabled(globe)
        w = self.dims()[0]
        plan = self.window_.model.plan
        stem = f"{plan.id}_orbit_{'globe' if globe else 'map'}"
        current = (
            Path(self.path.text()) if self.path.text() else Path(self.folder) / stem
        )
        if self.path.text() and current.stem.endswith(("_globe", "_map")):
            current = current.with_name(stem)
        self.path.setText(str(current.with_suffix("." + self.fmt.currentData())))
        ok, message = self.picture.check(height=None if globe else w // 2)
        if ok and not globe:
            message = tr("{0} px wide, half as high plus the legend").format(w)
        self.info.setText(message)
        self.save_button.setEnabled(ok)

    def request(self) -> OrbitPictureRequest:
        globe = self.what.currentData() == "globe"
        w, h = self.dims()
        view = self.panel.view
        camera = view.camera_state() if self.camera.currentData() == "view" else None
        return OrbitPictureRequest(
            "globe" if globe else "map",
            self.window_.model.plan,
            self.panel.shown(),
            self.panel.clock.seconds,
            Path(self.path.text()).expanduser(),
            self.fmt.currentData(),
            w,
            h,
            self.picture.factor(),
            self.picture.is_transparent(),
            self.caption.isChecked() and globe,
            camera,
            self.panel.earth_fixed.isChecked(),
            self.window_.model.language,
        )
