"""Orbit > Export orbit picture...: the globe or the map as a picture, with the sizes,
supersampling, formats, transparency and caption of the station's export, run by
the station export's progress runner (ui.export.dialog.JobRunner)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from models3d.imaging import (
    MAX_SIDE,
    MIN_SIDE,
    ExportError,
    PictureOptions,
    check_picture,
)

from ..export.dialog import PICTURE_FORMATS
from .export import OrbitPictureRequest


def tr(s: str) -> str:
    return QCoreApplication.translate("orbit", s)


SIZES = ((1920, 1080), (3840, 2160), (7680, 4320))


class OrbitExportDialog(QDialog):
    def __init__(self, window, panel, folder: str):
        super().__init__(window)
        self.setObjectName("orbit_export_dialog")
        self.setWindowTitle(tr("Export orbit picture"))
        self.window_ = window
        self.panel = panel
        form = QFormLayout(self)
        self.what = QComboBox()
        self.what.addItem(tr("The globe at the time shown"), "globe")
        self.what.addItem(tr("The world map with a day of ground track"), "map")
        form.addRow(tr("Picture"), self.what)
        self.size = QComboBox()
        self.size.addItem(tr("Orbit view size"), None)
        for w, h in SIZES:
            self.size.addItem(f"{w} × {h}", (w, h))
        self.size.addItem(tr("Custom"), "custom")
        self.size.setCurrentIndex(1)
        self.w, self.h = QSpinBox(), QSpinBox()
        for box, v in ((self.w, 1920), (self.h, 1080)):
            box.setRange(MIN_SIDE, MAX_SIDE)
            box.setValue(v)
            box.setSuffix(" px")
        dims = QWidget()
        lay = QHBoxLayout(dims)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.w)
        lay.addWidget(QLabel("×"))
        lay.addWidget(self.h)
        form.addRow(tr("Size"), self.size)
        form.addRow("", dims)
        self.ssaa = QComboBox()
        for k, label in ((1, tr("off")), (2, tr("2x")), (4, tr("4x"))):
            self.ssaa.addItem(label, k)
        self.ssaa.setCurrentIndex(1)
        form.addRow(tr("Supersampling"), self.ssaa)
        self.fmt = QComboBox()
        for label, key in PICTURE_FORMATS:
            self.fmt.addItem(label, key)
        form.addRow(tr("Format"), self.fmt)
        self.transparent = QCheckBox(tr("Transparent background"))
        self.caption = QCheckBox(tr("Caption: plan, orbit, time and sources"))
        self.camera = QComboBox()
        self.camera.addItem(tr("As in the orbit view"), "view")
        self.camera.addItem(tr("The first view"), "default")
        form.addRow("", self.transparent)
        form.addRow("", self.caption)
        form.addRow(tr("Camera"), self.camera)
        self.path = QLineEdit()
        browse = QPushButton(tr("Choose..."))
        browse.clicked.connect(self._browse)
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.path, 1)
        lay.addWidget(browse)
        form.addRow(tr("File"), row)
        self.info = QLabel()
        self.info.setWordWrap(True)
        form.addRow(self.info)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        form.addRow(buttons)
        self.folder = folder
        for sig in (
            self.what.currentIndexChanged,
            self.size.currentIndexChanged,
            self.w.valueChanged,
            self.h.valueChanged,
            self.ssaa.currentIndexChanged,
            self.fmt.currentIndexChanged,
            self.transparent.toggled,
        ):
            sig.connect(self._update)
        self._update()

    def dims(self) -> tuple[int, int]:
        size = self.size.currentData()
        if size is None:
            v = self.panel.view
            dpr = v.devicePixelRatioF()
            return max(MIN_SIDE, int(v.width() * dpr)), max(
                MIN_SIDE, int(v.height() * dpr)
            )
        if size == "custom":
            return self.w.value(), self.h.value()
        return size

    def _update(self) -> None:
        globe = self.what.currentData() == "globe"
        for wdg in (self.ssaa, self.transparent, self.caption, self.camera):
            wdg.setEnabled(globe)
        custom = self.size.currentData() == "custom"
        self.w.setEnabled(custom)
        self.h.setEnabled(custom and globe)
        w, h = self.dims()
        if not custom:
            for box, v in ((self.w, w), (self.h, h)):
                box.blockSignals(True)
                box.setValue(v)
                box.blockSignals(False)
        plan = self.window_.model.plan
        stem = f"{plan.id}_orbit_{'globe' if globe else 'map'}"
        current = (
            Path(self.path.text()) if self.path.text() else Path(self.folder) / stem
        )
        if self.path.text() and current.stem.endswith(("_globe", "_map")):
            current = current.with_name(stem)
        self.path.setText(str(current.with_suffix("." + self.fmt.currentData())))
        ok, message = True, ""
        try:
            check_picture(
                PictureOptions(
                    w,
                    h if globe else w // 2,
                    self.ssaa.currentData() if globe else 1,
                    self.transparent.isChecked() and globe,
                    self.fmt.currentData(),
                )
            )
            message = (
                tr("{0} × {1} px").format(w, h)
                if globe
                else tr("{0} px wide, half as high plus the legend").format(w)
            )
        except ExportError as exc:
            ok, message = False, str(exc)
        self.info.setText(message)
        self.save_button.setEnabled(ok)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export to"), self.path.text())
        if path:
            self.path.setText(path)
            self._update()

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
            self.ssaa.currentData() if globe else 1,
            self.transparent.isChecked() and globe,
            self.caption.isChecked() and globe,
            camera,
            self.panel.earth_fixed.isChecked(),
            self.window_.model.language,
        )
