"""The tour editor's widgets: the tour's title fields, the step list with its buttons,
the selected step's form and the bottom row, and which widget edits which field
(`TourEditor` in ui.tours.editor supplies the slots)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models3d.tour import CAPTION_KINDS, EASINGS, MODES, VIEWS


def tr(s: str) -> str:
    return QCoreApplication.translate("tours", s)


def ids_of(text: str) -> tuple[str, ...]:
    """Ids typed into a field, separated by commas (or semicolons), each once."""
    return tuple(
        dict.fromkeys(p.strip() for p in text.replace(";", ",").split(",") if p.strip())
    )


class EditorLayout:
    """Mixed into TourEditor (a QDialog): builds and connects its widgets."""

    # ---- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        top = QFormLayout()
        self.id_edit = QLineEdit()
        self.title_en, self.title_ru = QLineEdit(), QLineEdit()
        top.addRow(tr("Tour id"), self.id_edit)
        top.addRow(tr("Title (English)"), self.title_en)
        top.addRow(tr("Title (Russian)"), self.title_ru)
        self.id_edit.textEdited.connect(lambda s: setattr(self, "tour_id", s.strip()))

        self.list = QListWidget()
        self.list.setObjectName("tour_steps")
        self.list.currentRowChanged.connect(self._show_step)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, label, slot in (
            ("add", tr("Add step"), self.add_step),
            ("remove", tr("Remove"), self.remove_step),
            ("up", tr("Up"), lambda: self.move_step(-1)),
            ("down", tr("Down"), lambda: self.move_step(1)),
        ):
            b = QPushButton(label)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[key] = b
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons)

        self.form = QWidget()
        f = QFormLayout(self.form)
        self.plan = QComboBox()
        for pid in self.plans.ids():
            self.plan.addItem(pid, pid)
        self.phase = QComboBox()
        self.docking = QCheckBox(tr("Docking from"))
        self.source = QComboBox()
        self.docking_secs = self._seconds()
        row = QHBoxLayout()
        for wdg in (self.docking, self.source, self.docking_secs):
            row.addWidget(wdg)
        self.duration = self._seconds()
        self.whole_fly = QCheckBox(tr("Camera moves during the whole step"))
        self.fly = self._seconds(0.0)
        self.easing = QComboBox()
        for e in EASINGS:
            self.easing.addItem(e, e)
        self.camera_label = QLabel()
        self.camera_label.setWordWrap(True)
        cam_row = QHBoxLayout()
        self.record = QPushButton(tr("Record view"))
        self.frame = QComboBox()
        self.view = QComboBox()
        for v in VIEWS:
            self.view.addItem(v, v)
        self.apply_frame = QPushButton(tr("Frame"))
        for wdg in (self.record, self.frame, self.view, self.apply_frame):
            cam_row.addWidget(wdg)
        self.caption_en, self.caption_ru = QPlainTextEdit(), QPlainTextEdit()
        for edit in (self.caption_en, self.caption_ru):
            edit.setFixedHeight(64)
        self.sources = QLineEdit()
        self.kind = QComboBox()
        for k in CAPTION_KINDS:
            self.kind.addItem(k, k)
        self.highlight = QLineEdit()
        self.mode = QComboBox()
        for md in MODES:
            self.mode.addItem(md, md)
        self.orbit = QCheckBox(tr("Show the orbit view"))
        f.addRow(tr("Plan"), self.plan)
        f.addRow(tr("Phase"), self.phase)
        f.addRow(tr("Transition"), row)
        f.addRow(tr("Duration"), self.duration)
        f.addRow("", self.whole_fly)
        f.addRow(tr("Camera move"), self.fly)
        f.addRow(tr("Easing"), self.easing)
        f.addRow(tr("Camera"), self.camera_label)
        f.addRow("", cam_row)
        f.addRow(tr("Caption (English)"), self.caption_en)
        f.addRow(tr("Caption (Russian)"), self.caption_ru)
        f.addRow(tr("Sources"), self.sources)
        f.addRow(tr("Caption kind"), self.kind)
        f.addRow(tr("Highlight"), self.highlight)
        f.addRow(tr("Display mode"), self.mode)
        f.addRow("", self.orbit)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.form, 2)
        bottom = QHBoxLayout()
        for key, label, slot in (
            ("new", tr("New"), self.new_tour),
            ("open", tr("Open..."), self.open_file),
            ("save", tr("Save..."), self.save_file),
            ("preview", tr("Preview step"), self.preview_step),
            ("play", tr("Play tour"), self.play_tour),
            ("close", tr("Close"), self.close),
        ):
            b = QPushButton(label)
            b.clicked.connect(slot)
            bottom.addWidget(b)
            self.buttons[key] = b
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        main = QVBoxLayout(self)
        main.addLayout(top)
        main.addLayout(body, 1)
        main.addWidget(self.problems)
        main.addLayout(bottom)
        self._connect_fields()
        self.resize(980, 640)

    def _seconds(self, lo: float = 0.1) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setRange(lo, 600.0)
        box.setDecimals(2)
        box.setSingleStep(0.5)
        box.setSuffix(" s")
        return box

    def _connect_fields(self) -> None:
        self.plan.currentIndexChanged.connect(self._plan_edited)
        self.phase.currentIndexChanged.connect(
            lambda _: self._edit(phase=self.phase.currentData())
        )
        for sig in (
            self.docking.toggled,
            self.source.currentIndexChanged,
            self.docking_secs.valueChanged,
        ):
            sig.connect(self._transition_edited)
        self.duration.valueChanged.connect(lambda v: self._edit(duration=float(v)))
        self.whole_fly.toggled.connect(self._fly_edited)
        self.fly.valueChanged.connect(self._fly_edited)
        self.easing.currentIndexChanged.connect(
            lambda _: self._edit(easing=self.easing.currentData())
        )
        self.record.clicked.connect(self.record_view)
        self.apply_frame.clicked.connect(self._frame_edited)
        for sig in (
            self.caption_en.textChanged,
            self.caption_ru.textChanged,
            self.sources.textEdited,
            self.kind.currentIndexChanged,
        ):
            sig.connect(self._caption_edited)
        self.highlight.textEdited.connect(lambda s: self._edit(highlight=ids_of(s)))
        self.mode.currentIndexChanged.connect(
            lambda _: self._edit(mode=self.mode.currentData())
        )
        self.orbit.toggled.connect(lambda on: self._edit(orbit=bool(on)))
        self.title_en.textEdited.connect(lambda _: self._title_edited())
        self.title_ru.textEdited.connect(lambda _: self._title_edited())
