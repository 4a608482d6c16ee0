"""Tours > Export tour video...: which tour, MP4 or GIF, size, frame rate, captions
burnt in or not, their language and the file; the job runs with the export's progress
dialog, which can cancel it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox

from models3d.errors import RossError

from ..export.picture_form import ExportFormDialog
from .export import DEFAULT_FPS, MAX_FPS, TourExportRequest, check_request

SIZES = ((1280, 720), (1920, 1080), (854, 480), (640, 360))


def tr(s: str) -> str:
    return QCoreApplication.translate("tours", s)


class TourExportDialog(ExportFormDialog):
    def __init__(self, window, feature):
        super().__init__(window, "tour_export_dialog", tr("Export tour video"))
        self.feature = feature
        lang = window.model.language
        form = self.form
        self.tour = QComboBox()
        tours = {"": feature.current, **feature.tours}
        seen = set()
        for key, tour in tours.items():
            if id(tour) in seen:
                continue
            seen.add(id(tour))
            label = tour.title.get(lang) + (f" ({tr('current')})" if key == "" else "")
            self.tour.addItem(label, tour)
        form.addRow(tr("Tour"), self.tour)
        self.fmt = QComboBox()
        self.fmt.addItem(tr("MP4 video (H.264)"), "mp4")
        self.fmt.addItem(tr("Animated GIF"), "gif")
        form.addRow(tr("Format"), self.fmt)
        self.size = QComboBox()
        for w, h in SIZES:
            self.size.addItem(f"{w} × {h}", (w, h))
        form.addRow(tr("Size"), self.size)
        self.fps = QSpinBox()
        self.fps.setRange(1, MAX_FPS)
        self.fps.setValue(DEFAULT_FPS["mp4"])
        self.fps.setSuffix(tr(" frames/s"))
        form.addRow(tr("Frame rate"), self.fps)
        self.burn = QCheckBox(tr("Burn the captions into the picture"))
        form.addRow("", self.burn)
        self.lang = QComboBox()
        self.lang.addItem("English", "en")
        self.lang.addItem("Русский", "ru")
        self.lang.setCurrentIndex(1 if lang == "ru" else 0)
        form.addRow(tr("Caption language"), self.lang)
        self.folder = Path(window.exports.folder())
        self.add_file_row(
            tr("Export tour to"), str(self.folder / f"{feature.current.id}.mp4")
        )
        self.add_footer(self._accept)
        self.fmt.currentIndexChanged.connect(self._format_changed)
        self.tour.currentIndexChanged.connect(self._tour_changed)
        self._format_changed()

    def _format_changed(self, *_) -> None:
        fmt = self.fmt.currentData()
        self.fps.setValue(DEFAULT_FPS[fmt])
        path = Path(self.path.text())
        self.path.setText(str(path.with_suffix("." + fmt)))
        self.refresh()

    def _tour_changed(self, *_) -> None:
        path = Path(self.path.text())
        tour = self.tour.currentData()
        self.path.setText(str(path.with_name(f"{tour.id}{path.suffix}")))
        self.refresh()

    def refresh(self, *_) -> None:
        tour = self.tour.currentData()
        self.info.setText(
            tr(
                "{0} s, {1} frames, with a WebVTT caption file beside the video."
            ).format(round(tour.duration), round(tour.duration * self.fps.value()))
        )

    def request(self) -> TourExportRequest:
        w, h = self.size.currentData()
        return TourExportRequest(
            self.tour.currentData(),
            Path(self.path.text()).expanduser(),
            w,
            h,
            float(self.fps.value()),
            self.burn.isChecked(),
            self.lang.currentData(),
        )

    def _accept(self) -> None:
        req = self.request()
        try:
            check_request(req)
        except RossError as exc:
            self.info.setText(str(exc))
            return
        self.accept()
        self.feature.start_export(req)
