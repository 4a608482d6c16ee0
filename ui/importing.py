"""Importing a user's model for a module or as a reference object: loading off the UI
thread (in a worker process) with a cancellable progress dialog, and a placement dialog
whose choices preview live in the view."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QProgressDialog,
    QRadioButton,
)

from models3d.importer import (
    AXES,
    UNITS,
    ImportedModel,
    ImportRefusedError,
    IsolatedLoader,
    Placement,
    longest_axis,
    place,
)

MODEL_FILTER = "3D models (*.glb *.gltf *.obj *.stl *.STL *.ply);;All files (*)"


def tr(s: str) -> str:
    return QCoreApplication.translate("importing", s)


class LoadTask(QObject):
    """Loads one file in the background; `done` carries the model or a refusal."""

    done = Signal(object, str)  # ImportedModel | None, error message

    def __init__(self, loader: IsolatedLoader, path: str, parent=None):
        super().__init__(parent)
        self.loader = loader
        self.path = path
        self.cancelled = False
        self.progress = QProgressDialog(
            tr("Reading {0}...").format(Path(path).name), tr("Cancel"), 0, 0, parent
        )
        self.progress.setObjectName("import_progress")
        self.progress.setMinimumDuration(400)
        self.progress.canceled.connect(self.cancel)
        self.done.connect(lambda *_: self.progress.close())
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def cancel(self) -> None:
        self.cancelled = True

    def _run(self) -> None:
        try:
            model = self.loader.load(self.path, cancelled=lambda: self.cancelled)
        except ImportRefusedError as exc:
            self.done.emit(None, str(exc))
            return
        except Exception as exc:  # the app must survive whatever the file does
            self.done.emit(None, f"{Path(self.path).name}: {type(exc).__name__}: {exc}")
            return
        self.done.emit(model, "")


class PlacementDialog(QDialog):
    """Fit or units, docking axis, and (for references) where it stands. Every change is
    applied through `preview(placement, offset)` so the view shows the result."""

    def __init__(
        self,
        parent,
        model: ImportedModel,
        preview,
        *,
        module=None,
        placement: Placement | None = None,
        offset=(0.0, 0.0, 0.0),
        default_offset=None,
    ):
        super().__init__(parent)
        self.setObjectName("placement_dialog")
        self.model = model
        self.preview = preview
        self.module = module
        name = Path(model.path).name
        self.setWindowTitle(tr("Place {0}").format(name))
        form = QFormLayout(self)
        target = (
            tr("replaces the built-in mesh of {0}").format(module.abbr.get("en"))
            if module
            else tr("a reference object beside the station, at true scale")
        )
        form.addRow(QLabel(f"<b>{name}</b> — {target}"))
        self.fit = QRadioButton(tr("Fit to the module's length and diameter"))
        self.units = QRadioButton(tr("Keep the file's size, in"))
        self.by_factor = QRadioButton(tr("Scale by a factor (metres per file unit)"))
        self.by_length = QRadioButton(tr("Scale so that its length is"))
        self.unit = QComboBox()
        for u in UNITS:
            self.unit.addItem(u, u)
        self.factor = QDoubleSpinBox()
        self.factor.setRange(1e-6, 1e6)
        self.factor.setDecimals(6)
        self.length = QDoubleSpinBox()
        self.length.setRange(0.01, 10_000)
        self.length.setDecimals(2)
        self.length.setSuffix(" m")
        self.axis = QComboBox()
        for a in AXES:
            self.axis.addItem(tr("model {0} axis").format(a.upper()), a)
        # the longest side is the best first guess for the docking axis
        placement = placement or Placement(
            "fit" if module else "units", "m", longest_axis(model)
        )
        self.fit.setChecked(placement.mode == "fit")
        self.units.setChecked(placement.mode == "units")
        self.by_factor.setChecked(placement.mode == "factor")
        self.by_length.setChecked(placement.mode == "length")
        self.fit.setEnabled(module is not None)
        self.unit.setCurrentIndex(self.unit.findData(placement.unit))
        self.factor.setValue(placement.factor)
        self.length.setValue(
            placement.length or (module.shape.length if module else 10.0)
        )
        self.axis.setCurrentIndex(self.axis.findData(placement.axis))
        form.addRow(self.fit)
        form.addRow(self.units, self.unit)
        form.addRow(self.by_factor, self.factor)
        form.addRow(self.by_length, self.length)
        form.addRow(tr("Docking axis (becomes +X)"), self.axis)
        self.default_offset = default_offset
        self.offset_edited = False
        self.offset = []
        if module is None:
            for label, v in zip("XYZ", offset, strict=True):
                box = QDoubleSpinBox()
                box.setRange(-5000, 5000)
                box.setDecimals(1)
                box.setSuffix(" m")
                box.setValue(float(v))
                box.valueChanged.connect(self._offset_changed)
                form.addRow(tr("Position {0}").format(label), box)
                self.offset.append(box)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.info)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for sig in (
            self.fit.toggled,
            self.units.toggled,
            self.by_factor.toggled,
            self.by_length.toggled,
            self.unit.currentIndexChanged,
            self.factor.valueChanged,
            self.length.valueChanged,
            self.axis.currentIndexChanged,
        ):
            sig.connect(self._scale_changed)
        self._changed()

    def showEvent(self, ev) -> None:
        # stand beside the view, not over it, so the live preview can be watched
        super().showEvent(ev)
        win = self.parentWidget()
        if win is not None:
            geo = win.frameGeometry()
            self.move(geo.right() - self.width() - 24, geo.top() + 80)

    def placement(self) -> Placement:
        mode = (
            "fit"
            if self.fit.isChecked()
            else "factor"
            if self.by_factor.isChecked()
            else "length"
            if self.by_length.isChecked()
            else "units"
        )
        return Placement(
            mode,
            self.unit.currentData(),
            self.axis.currentData(),
            self.factor.value(),
            self.length.value(),
        )

    def _offset_changed(self) -> None:
        if not self._placing:
            self.offset_edited = True
        self._changed()

    def _scale_changed(self) -> None:
        """A new size moves a reference the user has not placed by hand, so it stands
        clear of the station at its new size (the old position was for the old size)."""
        if self.offset and not self.offset_edited and self.default_offset is not None:
            self._placing = True
            try:
                for box, v in zip(
                    self.offset, self.default_offset(self.placement()), strict=True
                ):
                    box.setValue(float(v))
            finally:
                self._placing = False
        self._changed()

    _placing = False

    def offset_value(self) -> np.ndarray:
        return (
            np.array([b.value() for b in self.offset]) if self.offset else np.zeros(3)
        )

    def _changed(self) -> None:
        self.unit.setEnabled(self.units.isChecked())
        self.factor.setEnabled(self.by_factor.isChecked())
        self.length.setEnabled(self.by_length.isChecked())
        p = self.placement()
        length = self.module.shape.length if self.module else None
        diameter = self.module.shape.diameter if self.module else None
        meshes, _colors, textures, scale = place(
            self.model, "preview", p, length, diameter
        )
        lo, hi = meshes.bounds()
        ext = " × ".join(f"{x:.2f}" for x in hi - lo)
        m = self.model
        lines = [
            tr(
                "{0:,} triangles in {1} part(s); placed size {2} m (scale {3:.4g})"
            ).format(m.triangles, len(m.parts), ext, scale),
            tr("{0} textured part(s)").format(len(textures)),
        ]
        if m.textures_missing:
            lines.append(tr("Not loaded: {0}").format("; ".join(m.textures_missing)))
        for w in m.warnings:
            if not w.startswith("texture or file not loaded"):
                lines.append(tr("Warning: {0}").format(w))
        self.info.setText("<br>".join(lines))
        self.preview(p, self.offset_value())
