"""File > Export...: pictures at any size, every phase, animations, the 3D scene; with a
progress dialog that can be cancelled while the window stays responsive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
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
    QProgressDialog,
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

from .jobs import ExportRequest
from .options_panel import ExportOptionsPanel


def tr(s: str) -> str:
    return QCoreApplication.translate("export", s)


WHAT = (
    ("phase", "png"),
    ("phases", "png"),
    ("gif", "gif"),
    ("mp4", "mp4"),
    ("glb", "glb"),
    ("obj", "obj"),
    ("stl", "stl"),
)
PICTURE_FORMATS = (("PNG", "png"), ("JPEG", "jpg"), ("TIFF", "tiff"), ("WebP", "webp"))
PRESETS = (
    ("window", None),
    ("1920 × 1080 (Full HD)", (1920, 1080)),
    ("3840 × 2160 (4K)", (3840, 2160)),
    ("7680 × 4320 (8K)", (7680, 4320)),
    ("custom", "custom"),
)


class ExportDialog(QDialog):
    def __init__(self, window, folder: str):
        super().__init__(window)
        self.setObjectName("export_dialog")
        self.window_ = window
        self.setWindowTitle(tr("Export"))
        form = QFormLayout(self)
        self.what = QComboBox()
        labels = {
            "phase": tr("Picture of the current phase"),
            "phases": tr("Every phase (numbered pictures)"),
            "gif": tr("Assembly animation (GIF)"),
            "mp4": tr("Assembly video (MP4)"),
            "glb": tr("3D scene: glTF binary (GLB)"),
            "obj": tr("3D scene: OBJ + MTL"),
            "stl": tr("3D scene: STL"),
        }
        for key, _ in WHAT:
            self.what.addItem(labels[key], key)
        form.addRow(tr("Export"), self.what)
        self.size = QComboBox()
        for label, size in PRESETS:
            self.size.addItem(
                tr("Window size")
                if size is None
                else tr("Custom")
                if size == "custom"
                else label,
                size,
            )
        self.size.setCurrentIndex(1)
        self.w = QSpinBox()
        self.h = QSpinBox()
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
        for k, label in (
            (1, tr("off")),
            (2, tr("2x (4 samples per pixel)")),
            (4, tr("4x (16 samples per pixel)")),
        ):
            self.ssaa.addItem(label, k)
        self.ssaa.setCurrentIndex(1)
        form.addRow(tr("Supersampling"), self.ssaa)
        self.fmt = QComboBox()
        for label, key in PICTURE_FORMATS:
            self.fmt.addItem(label, key)
        form.addRow(tr("Picture format"), self.fmt)
        self.transparent = QCheckBox(tr("Transparent background"))
        self.caption = QCheckBox(tr("Caption: plan, phase, date and sources"))
        form.addRow("", self.transparent)
        form.addRow("", self.caption)
        # camera, look and animation timing, as the command line's options
        self.options = ExportOptionsPanel(form, window)
        self.camera = self.options.camera
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
        self._auto_path = (
            ""  # the last name the dialog made up (replaced when `what` changes)
        )
        self._restore_choices()
        for sig in (
            self.what.currentIndexChanged,
            self.size.currentIndexChanged,
            self.w.valueChanged,
            self.h.valueChanged,
            self.ssaa.currentIndexChanged,
            self.fmt.currentIndexChanged,
            self.transparent.toggled,
            *self.options.changed_signals(),
        ):
            sig.connect(self._update)
        self._update()

    def _ext(self) -> str:
        key = self.what.currentData()
        return self.fmt.currentData() if key in ("phase", "phases") else key

    def dims(self) -> tuple[int, int]:
        size = self.size.currentData()
        if size is None:
            v = self.window_.view
            dpr = v.devicePixelRatioF()
            return int(v.width() * dpr), int(v.height() * dpr)
        if size == "custom":
            return self.w.value(), self.h.value()
        return size

    def _update(self) -> None:
        key = self.what.currentData()
        picture = key not in ("glb", "obj", "stl")
        for wdg in (self.size, self.ssaa, self.caption):
            wdg.setEnabled(picture)
        self.options.update(key)
        self.fmt.setEnabled(key in ("phase", "phases"))
        # a colour or the Earth behind the station is a background: not transparent
        self.transparent.setEnabled(
            key in ("phase", "phases")
            and self.options.background.currentData() == "sky"
        )
        custom = self.size.currentData() == "custom"
        self.w.setEnabled(custom and picture)
        self.h.setEnabled(custom and picture)
        w, h = self.dims()
        if not custom:
            self.w.blockSignals(True)
            self.h.blockSignals(True)
            self.w.setValue(w)
            self.h.setValue(h)
            self.w.blockSignals(False)
            self.h.blockSignals(False)
        plan = self.window_.model.plan
        phase = f"{plan.id}_phase{self.window_.model.phase + 1:02d}"
        stem = {
            "phase": phase,
            "phases": f"{plan.id}_phase",
            "gif": f"{plan.id}_assembly",
            "mp4": f"{plan.id}_assembly",
        }.get(key, phase)
        typed = self.path.text()
        if not typed or typed == self._auto_path:  # a name the dialog made: remake it
            folder = Path(typed).parent if typed else Path(self.folder)
            self._auto_path = str((folder / stem).with_suffix("." + self._ext()))
            self.path.setText(self._auto_path)
        else:  # the user's own name keeps its stem; the extension follows the format
            self.path.setText(str(Path(typed).with_suffix("." + self._ext())))
        ok, message = True, ""
        if picture:
            try:
                check_picture(
                    PictureOptions(
                        w,
                        h,
                        self.ssaa.currentData(),
                        self.transparent.isChecked() and self.transparent.isEnabled(),
                        self._ext() if key in ("phase", "phases") else "png",
                    )
                )
                need = picture_bytes(w, h, self.ssaa.currentData())
                message = tr(
                    "{0} × {1} px; needs about {2} MB of memory ({3} GB free)."
                ).format(w, h, need // 2**20, f"{available_memory() / 2**30:.1f}")
            except ExportError as exc:
                ok, message = False, str(exc)
            problem = self.options.problem(self._phases())
            if problem:
                ok, message = False, problem
        self.info.setText(message)
        self.save_button.setEnabled(ok)

    _CHOICES = ("what", "size", "ssaa", "fmt", "camera")

    def _restore_choices(self) -> None:
        """The choices of the last export (each checked: a stale value is ignored)."""
        from ..settings import CheckedSettings

        s = CheckedSettings()
        for name in self._CHOICES:
            box = getattr(self, name)
            # QSettings keeps "size" for arrays: the size preset has a key of its own
            key = "size_preset" if name == "size" else name
            i = s.integer(f"export_dialog/{key}", 0, box.count() - 1, None)
            if i is not None:
                box.setCurrentIndex(i)
        for name, box in (("w", self.w), ("h", self.h)):
            v = s.integer(f"export_dialog/{name}", MIN_SIDE, MAX_SIDE, None)
            if v is not None:
                box.setValue(v)
        for name in ("transparent", "caption"):
            on = s.boolean(f"export_dialog/{name}", None)
            if on is not None:
                getattr(self, name).setChecked(on)
        self.options.restore(s)

    def accept(self) -> None:
        from ..settings import settings

        st = settings()
        for name in self._CHOICES:
            key = "size_preset" if name == "size" else name
            st.setValue(f"export_dialog/{key}", getattr(self, name).currentIndex())
        st.setValue("export_dialog/w", self.w.value())
        st.setValue("export_dialog/h", self.h.value())
        st.setValue("export_dialog/transparent", self.transparent.isChecked())
        st.setValue("export_dialog/caption", self.caption.isChecked())
        self.options.save(st)
        super().accept()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Export to"), self.path.text())
        if path:
            self.path.setText(path)
            self._update()

    def _phases(self) -> list[int]:
        st = self.window_.model
        key = self.what.currentData()
        return (
            list(range(st.phase_count))
            if key in ("phases", "gif", "mp4")
            else [st.phase]
        )

    def request(self) -> ExportRequest:
        """The export the dialog describes (UsageError for an option that cannot work;
        the Save button is disabled while one cannot)."""
        st = self.window_.model
        w, h = self.dims()
        phases = self._phases()
        return ExportRequest(
            st.plan,
            phases,
            Path(self.path.text()).expanduser(),
            self._ext(),
            w,
            h,
            self.ssaa.currentData(),
            self.transparent.isChecked() and self.transparent.isEnabled(),
            self.caption.isChecked(),
            hidden=tuple(st.hidden),
            **self.options.fields(phases),
        )


class JobRunner:
    """Drives an export generator one step per event-loop turn, with a progress dialog
    that can cancel it."""

    def __init__(self, parent, job, on_done, title: str):
        self.job = job
        self.on_done = on_done
        self.files: list[str] = []
        self.progress = QProgressDialog(title, tr("Cancel"), 0, 100, parent)
        self.progress.setObjectName("export_progress")
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.timer = QTimer(parent)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._step)
        self.finished = False
        self.timer.start()

    def _step(self) -> None:
        try:
            done, total, what = next(self.job)
        except StopIteration:
            self._finish(None)
            return
        except ExportError as exc:
            self._finish(str(exc))
            return
        except Exception as exc:  # an unexpected failure must not take the app down
            self._finish(f"{type(exc).__name__}: {exc}")
            return
        if what != "frame" and what not in self.files:
            self.files.append(what)
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def cancel(self) -> None:
        if self.finished:
            return
        self.job.close()  # the job removes its temporary files
        self._finish(None, cancelled=True)

    def _finish(self, error, cancelled: bool = False) -> None:
        self.finished = True
        self.timer.stop()
        self.progress.close()
        self.on_done(self.files, error, cancelled)
