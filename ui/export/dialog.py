"""File > Export...: pictures at any size, every phase, animations, the 3D scene; with a
progress dialog that can be cancelled while the window stays responsive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QCheckBox, QComboBox, QProgressDialog

from models3d.imaging import ExportError

from .jobs import ExportRequest
from .options_panel import ExportOptionsPanel
from .picture_form import (
    ExportFormDialog,
    PictureRows,
)


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
KEY = "export_dialog/"


class ExportDialog(ExportFormDialog):
    def __init__(self, window, folder: str):
        super().__init__(window, "export_dialog", tr("Export"))
        self.window_ = window
        form = self.form
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
        self.picture = PictureRows(form, window.view, tr("Window size"), KEY)
        p = self.picture
        self.size, self.w, self.h = p.size, p.w, p.h
        self.ssaa, self.fmt, self.transparent = p.ssaa, p.fmt, p.transparent
        self.caption = QCheckBox(tr("Caption: plan, phase, date and sources"))
        form.addRow("", self.caption)
        # camera, look and animation timing, as the command line's options
        self.options = ExportOptionsPanel(form, window)
        self.camera = self.options.camera
        self.add_file_row(tr("Export to"))
        self.add_footer()
        self.folder = folder
        self._auto_path = (
            ""  # the last name the dialog made up (replaced when `what` changes)
        )
        # the choices of the last export (each checked: a stale value is ignored)
        self.remember(
            KEY,
            {"what": self.what, "camera": self.camera, "caption": self.caption},
            self.picture,
            self.options,
        )
        for sig in (
            self.what.currentIndexChanged,
            self.picture.changed,
            *self.options.changed_signals(),
        ):
            sig.connect(self.refresh)
        self.refresh()

    def _ext(self) -> str:
        key = self.what.currentData()
        return self.fmt.currentData() if key in ("phase", "phases") else key

    def dims(self) -> tuple[int, int]:
        return self.picture.dims()

    def refresh(self, *_) -> None:
        key = self.what.currentData()
        picture = key not in ("glb", "obj", "stl")
        self.caption.setEnabled(picture)
        self.options.update(key)
        self.picture.update(
            size=picture,
            ssaa=picture,
            fmt=key in ("phase", "phases"),
            # a colour or the Earth behind the station is a background: not transparent
            transparent=key in ("phase", "phases")
            and self.options.background.currentData() == "sky",
        )
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
            # animations check one frame, in PNG's terms
            ok, message = self.picture.check(
                fmt=self._ext() if key in ("phase", "phases") else "png"
            )
            problem = self.options.problem(self._phases())
            if problem:
                ok, message = False, problem
        self.info.setText(message)
        self.save_button.setEnabled(ok)

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
            self.picture.is_transparent(),
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
