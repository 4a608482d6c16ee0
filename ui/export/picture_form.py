"""What the export dialogs share: the frame of a dialog (a form, the file row with
Choose..., the line under it and Save/Cancel), the picture rows of the station's and
the orbit's pictures (size presets, custom width and height, supersampling, format,
transparent background), their check with models3d.imaging and the memory line, and
the remembering of a dialog's choices in the settings under a prefix of its own."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
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
    available_memory,
    check_picture,
    picture_bytes,
)

from ..settings import CheckedSettings, settings


def tr(s: str) -> str:
    return QCoreApplication.translate("export", s)


PICTURE_FORMATS = (("PNG", "png"), ("JPEG", "jpg"), ("TIFF", "tiff"), ("WebP", "webp"))
PRESETS = (
    ("1920 × 1080 (Full HD)", (1920, 1080)),
    ("3840 × 2160 (4K)", (3840, 2160)),
    ("7680 × 4320 (8K)", (7680, 4320)),
)


def row_of(*widgets: QWidget) -> QWidget:
    """Widgets side by side as one form row; a line edit takes the room left."""
    row = QWidget()
    lay = QHBoxLayout(row)
    lay.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        lay.addWidget(w, 1 if isinstance(w, QLineEdit) else 0)
    return row


# ---- remembered choices --------------------------------------------------------------


def restore_widgets(s, prefix: str, widgets: dict[str, QWidget]) -> None:
    """Set combo boxes (by index), check boxes and spin boxes from the settings
    (`s`: ui.settings.CheckedSettings); a stale or broken value is left out."""
    for key, w in widgets.items():
        if isinstance(w, QCheckBox):
            on = s.boolean(prefix + key, None)
            if on is not None:
                w.setChecked(on)
            continue
        if isinstance(w, QComboBox):
            value = s.integer(prefix + key, 0, w.count() - 1, None)
            if value is not None:
                w.setCurrentIndex(value)
            continue
        value = s.integer(prefix + key, w.minimum(), w.maximum(), None)
        if value is not None:
            w.setValue(value)


def save_widgets(st, prefix: str, widgets: dict[str, QWidget]) -> None:
    """Remember what restore_widgets reads back (`st`: QSettings)."""
    for key, w in widgets.items():
        if isinstance(w, QCheckBox):
            value = w.isChecked()
        elif isinstance(w, QComboBox):
            value = w.currentIndex()
        else:
            value = w.value()
        st.setValue(prefix + key, value)


# ---- the picture rows ----------------------------------------------------------------


class PictureRows(QObject):
    """Size preset, custom width x height, supersampling, format and transparent
    background, added to a dialog's form. The first preset is the size of `view` (a
    widget, in device pixels) and is called `view_label`. `changed` is emitted when
    any of them changes; `update()` enables them as the dialog's choices allow."""

    changed = Signal()

    def __init__(self, form: QFormLayout, view: QWidget, view_label: str, key: str):
        super().__init__(form.parentWidget())
        self.view = view
        self.key = key  # settings prefix, "export_dialog/" for instance
        self.size = QComboBox()
        self.size.addItem(view_label, None)
        for label, size in PRESETS:
            self.size.addItem(label, size)
        self.size.addItem(tr("Custom"), "custom")
        self.size.setCurrentIndex(1)
        self.w, self.h = QSpinBox(), QSpinBox()
        for box, v in ((self.w, 1920), (self.h, 1080)):
            box.setRange(MIN_SIDE, MAX_SIDE)
            box.setValue(v)
            box.setSuffix(" px")
        form.addRow(tr("Size"), self.size)
        form.addRow("", self._dims_row())
        self.ssaa = QComboBox()
        for k, label in (
            (1, tr("off")),
            (2, tr("2x (4 samples per pixel)")),
            (4, tr("4x (16 samples per pixel)")),
        ):
            self.ssaa.addItem(label, k)
        self.ssaa.setCurrentIndex(1)
        form.addRow(tr("Supersampling"), self.ssaa)
        self.fmt = QComboBox()
        for label, ext in PICTURE_FORMATS:
            self.fmt.addItem(label, ext)
        form.addRow(tr("Picture format"), self.fmt)
        self.transparent = QCheckBox(tr("Transparent background"))
        form.addRow("", self.transparent)
        for sig in (
            self.size.currentIndexChanged,
            self.w.valueChanged,
            self.h.valueChanged,
            self.ssaa.currentIndexChanged,
            self.fmt.currentIndexChanged,
            self.transparent.toggled,
        ):
            sig.connect(self.changed)

    def _dims_row(self) -> QWidget:
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.w)
        lay.addWidget(QLabel("×"))
        lay.addWidget(self.h)
        return row

    def dims(self) -> tuple[int, int]:
        """Width and height in pixels: the view's, a preset's or the custom ones."""
        size = self.size.currentData()
        if size is None:
            dpr = self.view.devicePixelRatioF()
            w, h = int(self.view.width() * dpr), int(self.view.height() * dpr)
            return max(MIN_SIDE, w), max(MIN_SIDE, h)
        if size == "custom":
            return self.w.value(), self.h.value()
        return size

    def factor(self) -> int:
        """The supersampling factor; 1 while supersampling does not apply."""
        return self.ssaa.currentData() if self.ssaa.isEnabled() else 1

    def is_transparent(self) -> bool:
        return self.transparent.isChecked() and self.transparent.isEnabled()

    def update(
        self,
        *,
        size: bool = True,
        height: bool = True,
        ssaa: bool = True,
        fmt: bool = True,
        transparent: bool = True,
    ) -> None:
        """Enable what applies; the width and height boxes show a preset's size."""
        self.size.setEnabled(size)
        self.ssaa.setEnabled(ssaa)
        self.fmt.setEnabled(fmt)
        self.transparent.setEnabled(transparent)
        custom = self.size.currentData() == "custom"
        self.w.setEnabled(custom and size)
        self.h.setEnabled(custom and size and height)
        if not custom:
            for box, v in zip((self.w, self.h), self.dims(), strict=True):
                box.blockSignals(True)
                box.setValue(v)
                box.blockSignals(False)

    def check(self, height: int | None = None, fmt: str | None = None):
        """(True, the size and the memory it needs) or (False, why it cannot work);
        `height` and `fmt` stand in for the rows' own where the picture differs."""
        w, h = self.dims()
        h = h if height is None else height
        opts = PictureOptions(
            w, h, self.factor(), self.is_transparent(), fmt or self.fmt.currentData()
        )
        try:
            check_picture(opts)
        except ExportError as exc:
            return False, str(exc)
        need = picture_bytes(w, h, opts.ssaa)
        return True, tr(
            "{0} × {1} px; needs about {2} MB of memory ({3} GB free)."
        ).format(w, h, need // 2**20, f"{available_memory() / 2**30:.1f}")

    def _widgets(self) -> dict[str, QWidget]:
        # QSettings keeps "size" for arrays: the size preset has a key of its own
        return {
            "size_preset": self.size,
            "ssaa": self.ssaa,
            "fmt": self.fmt,
            "w": self.w,
            "h": self.h,
            "transparent": self.transparent,
        }

    def restore(self, s) -> None:
        restore_widgets(s, self.key, self._widgets())

    def save(self, st) -> None:
        save_widgets(st, self.key, self._widgets())


# ---- the dialog's frame --------------------------------------------------------------


class ExportFormDialog(QDialog):
    """A form dialog that ends with the file row, a line that says what will be
    written (or why it cannot be) and Save/Cancel. Subclasses fill `form` first,
    then call `add_file_row` and `add_footer`, and redo `refresh` on a change."""

    def __init__(self, parent, name: str, title: str):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self._remembered: tuple | None = None

    def remember(self, key: str, widgets: dict[str, QWidget], *parts) -> None:
        """Restore the choices of the last time now, and remember them when the
        dialog is accepted: `widgets` under the settings prefix `key`, and `parts`
        (PictureRows, ExportOptionsPanel: `restore(s)` and `save(st)`) as they do."""
        self._remembered = (key, widgets, parts)
        s = CheckedSettings()
        restore_widgets(s, key, widgets)
        for part in parts:
            part.restore(s)

    def accept(self) -> None:
        if self._remembered is not None:
            key, widgets, parts = self._remembered
            st = settings()
            save_widgets(st, key, widgets)
            for part in parts:
                part.save(st)
        super().accept()

    def add_file_row(self, browse_title: str, path: str = "") -> None:
        self.path = QLineEdit(path)
        self._browse_title = browse_title
        browse = QPushButton(tr("Choose..."))
        browse.clicked.connect(self._browse)
        self.form.addRow(tr("File"), row_of(self.path, browse))

    def add_footer(self, on_save=None) -> None:
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.form.addRow(self.info)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(on_save or self.accept)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.form.addRow(buttons)

    def refresh(self, *_) -> None:
        """Bring the rows, the file name and the info line up to date."""

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self._browse_title, self.path.text()
        )
        if path:
            self.path.setText(path)
            self.refresh()
