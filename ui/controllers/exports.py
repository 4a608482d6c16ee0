"""Exports from the window: the quick screenshot, the export dialog and its job runner.
Exports show what the view shows: phase, mode, hidden modules, imported meshes and the
visible reference models, all read from the viewer model."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths
from PySide6.QtWidgets import QDialog

from models3d.errors import RossError
from models3d.viewer_model import ViewerModel

from ..settings import settings


def tr(s: str) -> str:
    return QCoreApplication.translate("export", s)


class ExportController(QObject):
    def __init__(self, window, model: ViewerModel):
        super().__init__(window)
        self.window = window
        self.model = model
        self.runner = None

    def folder(self) -> str:
        saved = settings().value("export_folder")
        if isinstance(saved, str) and saved and Path(saved).is_dir():
            return saved
        pics = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation
        )
        return pics if pics and Path(pics).is_dir() else str(Path.home())

    def _with_view_content(self, req) -> None:
        m = self.model
        # what the view draws: labels and the scale figures (a choice made in the
        # export dialog, in req.overlays, wins)
        req.overlays = {
            "labels": m.labels,
            "human": m.overlays["human"],
            "iss": m.overlays["iss"],
            **req.overlays,
        }
        # what features add to the view (the orbit's Sun: ui.orbit.feature)
        for feature in getattr(self.window, "features", {}).values():
            add = getattr(feature, "add_to_export", None)
            if add is not None:
                add(req)
        req.lang = m.language  # captions and labels in the UI's language
        req.overrides = dict(self.model.overrides)
        req.references = {
            rid: r for rid, r in self.model.references.items() if r.visible
        }

    def quick_screenshot(self, folder: str | None = None) -> str | None:
        """The view at its size (device pixels) as a PNG named by plan, phase and time."""
        from models3d.imaging import default_name

        from ..export.jobs import ExportRequest, make_job, run_job

        m, view = self.model, self.window.view
        dpr = view.devicePixelRatioF()
        w, h = int(view.width() * dpr), int(view.height() * dpr)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = Path(folder or self.folder()) / default_name(m.plan.id, m.phase, stamp)
        req = ExportRequest(
            m.plan,
            [m.phase],
            path,
            "png",
            w,
            h,
            1,
            camera=view.camera_state(),
            mode=m.mode,
            hidden=tuple(m.hidden),
            # the view as it is, its scale bar too (an export asks for one itself)
            overlays={"scale_bar": m.overlays["scale_bar"]},
        )
        self._with_view_content(req)
        try:
            run_job(make_job(req))
        except (RossError, OSError) as exc:
            self.window.show_error(tr("The screenshot could not be saved"), str(exc))
            return None
        self.window.statusBar().showMessage(f"{tr('Saved')} {path}", 10000)
        return str(path)

    def show_dialog(self) -> None:
        from ..export.dialog import ExportDialog

        dlg = ExportDialog(self.window, self.folder())
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.start(dlg.request())

    def start(self, req):
        from ..export.dialog import JobRunner
        from ..export.jobs import make_job

        settings().setValue("export_folder", str(req.path.parent))
        self._with_view_content(req)
        self.runner = JobRunner(
            self.window,
            make_job(req),
            self._on_done,
            tr("Exporting {0}...").format(req.path.name),
        )
        return self.runner

    def _on_done(self, files: list[str], error, cancelled: bool = False) -> None:
        bar = self.window.statusBar()
        if cancelled:
            bar.showMessage(tr("Export cancelled; nothing was kept."), 8000)
        elif error:
            self.window.show_error(tr("The export failed"), error)
        elif files:
            more = f" (+{len(files) - 1})" if len(files) > 1 else ""
            bar.showMessage(f"{tr('Exported')} {files[-1]}{more}", 10000)
