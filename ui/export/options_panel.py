"""The export dialog's camera, look and animation options: the same choices as the
command line's (models3d.export_options), checked by the same functions, and
remembered between exports.

Camera: as in the view, or framed (iso, front, side or top, or a saved camera file)
with optional angles, a zoom factor and a target module. Look: sky, the Earth's limb
or a plain colour, standard or press quality, module labels, display mode,
highlighted modules. Animations: frames per second, the
seconds each phase is held and each docking takes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QPushButton,
)

from models3d.camera_file import read_camera
from models3d.errors import RossError, UsageError
from models3d.export_options import (
    DISTANCE_RANGE,
    FPS_RANGE,
    QUALITIES,
    SECONDS_RANGE,
    ZOOM_RANGE,
    ShotRequest,
    check_module,
    number,
    parse_colour,
    parse_highlight,
)
from models3d.plan import text

from .picture_form import row_of as _row


def tr(s: str) -> str:
    return QCoreApplication.translate("export", s)


# the first two keep the indexes older settings files stored for "camera"
CAMERAS = ("view", "fit", "front", "side", "top", "file")
MODES = ("view", "solid", "wireframe", "xray")
BACKGROUNDS = ("sky", "colour", "earth")
KEY = "export_dialog/"


def _spin(lo: float, hi: float, value: float, decimals: int, suffix: str = ""):
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setDecimals(decimals)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class ExportOptionsPanel:
    """Adds its rows to the dialog's form; `fields()` gives the request's fields."""

    def __init__(self, form: QFormLayout, window):
        self.window = window
        plan = window.model.plan
        self.camera = QComboBox()
        self.camera.setObjectName("export_camera")
        labels = {
            "view": tr("As in the view"),
            "fit": tr("Fit the station (iso)"),
            "front": tr("Front view"),
            "side": tr("Side view"),
            "top": tr("Top view"),
            "file": tr("Saved camera file"),
        }
        for key in CAMERAS:
            self.camera.addItem(labels[key], key)
        self.camera_file = QLineEdit()
        self.camera_file.setPlaceholderText(
            tr("a camera saved with View > Save camera")
        )
        browse = QPushButton(tr("Choose..."))
        browse.clicked.connect(self._browse_camera)
        self.angles = QCheckBox(tr("Angles"))
        self.azimuth = _spin(-360, 360, -55, 1, "°")
        self.elevation = _spin(-90, 90, 28, 1, "°")
        self.zoom = _spin(*ZOOM_RANGE, 1.0, 2, "×")
        # 0 shows "framed": the distance that frames the station or the target
        self.distance = _spin(0.0, DISTANCE_RANGE[1], 0.0, 1, " m")
        self.distance.setSpecialValueText(tr("framed"))
        self.target = QComboBox()
        self.target.addItem(tr("Whole station"), None)
        for mid, module in plan.modules.items():
            self.target.addItem(
                f"{mid} — {text(module.name, window.model.language)}", mid
            )
        form.addRow(tr("Camera"), self.camera)
        form.addRow("", _row(self.camera_file, browse))
        form.addRow("", _row(self.angles, self.azimuth, self.elevation))
        form.addRow(tr("Zoom"), _row(self.zoom, self.distance))
        form.addRow(tr("Frame"), self.target)
        self.background = QComboBox()
        self.background.addItem(tr("Sky"), "sky")
        self.background.addItem(tr("Plain colour"), "colour")
        self.background.addItem(tr("Earth below"), "earth")
        self.background.setItemData(
            2,
            tr("The Earth's limb and its thin atmosphere below the station"),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.colour = QLineEdit("#000000")
        self.colour.setPlaceholderText("#rrggbb")
        form.addRow(tr("Background"), _row(self.background, self.colour))
        self.quality = QComboBox()
        self.quality.setObjectName("export_quality")
        self.quality.addItem(tr("Standard"), "standard")
        self.quality.addItem(tr("Press still"), "press")
        self.quality.setToolTip(
            tr("Press still: finer, softer Sun shadows for print; slower to render")
        )
        form.addRow(tr("Quality"), self.quality)
        self.mode = QComboBox()
        for key, label in zip(
            MODES,
            (tr("As in the view"), tr("Solid"), tr("Wireframe overlay"), tr("X-ray")),
            strict=True,
        ):
            self.mode.addItem(label, key)
        form.addRow(tr("Display"), self.mode)
        self.labels = QCheckBox(tr("Module labels"))
        self.labels.setChecked(window.model.labels)
        self.scale_bar = QCheckBox(tr("Scale bar"))
        self.scale_bar.setChecked(window.model.overlays["scale_bar"])
        form.addRow("", _row(self.labels, self.scale_bar))
        self.highlight = QLineEdit()
        self.highlight.setPlaceholderText(tr("module ids, separated by commas"))
        form.addRow(tr("Highlight"), self.highlight)
        self.fps = _spin(*FPS_RANGE, 20, 0, tr(" frames/s"))
        self.hold = _spin(*SECONDS_RANGE, 0.8, 1, tr(" s per phase"))
        self.dock = _spin(*SECONDS_RANGE, 1.0, 1, tr(" s per docking"))
        form.addRow(tr("Animation"), _row(self.fps, self.hold, self.dock))

    def changed_signals(self):
        return (
            self.camera.currentIndexChanged,
            self.camera_file.textChanged,
            self.angles.toggled,
            self.target.currentIndexChanged,
            self.background.currentIndexChanged,
            self.colour.textChanged,
            self.highlight.textChanged,
        )

    def update(self, kind: str) -> None:
        """Enable what applies to the kind of export (phase, phases, gif, mp4, ...)."""
        picture = kind not in ("glb", "obj", "stl")
        cam = self.camera.currentData()
        framed = picture and cam != "view"
        for w in (
            self.camera,
            self.background,
            self.quality,
            self.mode,
            self.labels,
            self.scale_bar,
            self.highlight,
        ):
            w.setEnabled(picture)
        self.camera_file.setEnabled(picture and cam == "file")
        self.angles.setEnabled(framed)
        self.azimuth.setEnabled(framed and self.angles.isChecked())
        self.elevation.setEnabled(framed and self.angles.isChecked())
        self.zoom.setEnabled(framed)
        self.distance.setEnabled(framed)
        self.target.setEnabled(framed and cam != "file")
        self.colour.setEnabled(picture and self.background.currentData() == "colour")
        for w in (self.fps, self.hold, self.dock):
            w.setEnabled(kind in ("gif", "mp4"))

    # ---- the request ----------------------------------------------------------------

    def fields(self, phases: list[int]) -> dict:
        """ExportRequest fields; UsageError (one line) for a value that cannot work."""
        model = self.window.model
        plan = model.plan
        cam = self.camera.currentData()
        out: dict = {"camera": None, "shot": None}
        if cam == "view":
            out["camera"] = self.window.view.camera_state()
        else:
            saved = None
            if cam == "file":
                path = self.camera_file.text().strip()
                if not path:
                    raise UsageError(tr("Choose a camera file, or another camera."))
                saved = read_camera(path)
            target = self.target.currentData() if cam != "file" else None
            if target is not None:
                check_module(tr("Frame"), target, plan, phases[-1])
            angles = self.angles.isChecked()
            out["shot"] = ShotRequest(
                view="iso" if cam in ("fit", "file") else cam,
                azimuth=self.azimuth.value() if angles else None,
                elevation=self.elevation.value() if angles else None,
                zoom=self.zoom.value() if self.zoom.value() != 1.0 else None,
                distance=self.distance.value() or None,
                target=target,
                saved=saved,
            )
        if self.background.currentData() == "colour":
            out["background"] = parse_colour(self.colour.text())
        elif self.background.currentData() == "earth":
            out["background"] = "earth"
        out["quality"] = self.quality.currentData()
        mode = self.mode.currentData()
        out["mode"] = model.mode if mode == "view" else mode
        out["overlays"] = {
            "labels": self.labels.isChecked(),
            "scale_bar": self.scale_bar.isChecked(),
        }
        out["highlight"] = parse_highlight(self.highlight.text() or None, plan)
        out["fps"] = self.fps.value()
        out["hold"] = self.hold.value()
        out["dock_seconds"] = self.dock.value()
        return out

    def problem(self, phases: list[int]) -> str | None:
        try:
            self.fields(phases)
        except RossError as exc:
            return str(exc)
        return None

    def _browse_camera(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.camera_file,
            tr("Camera file"),
            self.camera_file.text(),
            tr("Camera files (*.camera.json *.json)"),
        )
        if path:
            self.camera_file.setText(path)

    # ---- remembered choices --------------------------------------------------------

    def restore(self, s) -> None:
        """The last export's choices (`s`: ui.settings.CheckedSettings); a value that
        no longer fits (a module of another plan, a bad number) is left out."""
        # the camera's index is remembered by the dialog, as before
        for name, keys in (
            ("mode", MODES),
            ("background", BACKGROUNDS),
            ("quality", QUALITIES),
        ):
            box = getattr(self, name)
            key = s.choice(KEY + name + "_key", keys, None)
            if key is not None:
                box.setCurrentIndex(box.findData(key))
        for name in ("angles", "labels", "scale_bar"):
            on = s.boolean(KEY + name, None)
            if on is not None:
                getattr(self, name).setChecked(on)
        for name in ("azimuth", "elevation", "zoom", "distance", "fps", "hold", "dock"):
            box = getattr(self, name)
            try:
                value = number(name, s.text(KEY + name), box.minimum(), box.maximum())
            except UsageError:
                value = None
            if value is not None:
                box.setValue(value)
        for name in ("camera_file", "colour"):
            value = s.text(KEY + name)
            if value:
                getattr(self, name).setText(value)
        target = s.text(KEY + "target")
        if target and self.target.findData(target) >= 0:
            self.target.setCurrentIndex(self.target.findData(target))
        highlight = s.text(KEY + "highlight")
        try:
            parse_highlight(highlight or None, self.window.model.plan)
            self.highlight.setText(highlight or "")
        except UsageError:
            pass  # modules of another plan

    def save(self, st) -> None:
        """Remember the choices (`st`: QSettings)."""
        for name in ("mode", "background", "quality"):
            st.setValue(KEY + name + "_key", getattr(self, name).currentData())
        for name in ("angles", "labels", "scale_bar"):
            st.setValue(KEY + name, getattr(self, name).isChecked())
        for name in ("azimuth", "elevation", "zoom", "distance", "fps", "hold", "dock"):
            st.setValue(KEY + name, repr(getattr(self, name).value()))
        st.setValue(KEY + "camera_file", self.camera_file.text())
        st.setValue(KEY + "colour", self.colour.text())
        st.setValue(KEY + "target", self.target.currentData() or "")
        st.setValue(KEY + "highlight", self.highlight.text())
