"""Play, speed, date and a time slider for an OrbitClock, with the time shown."""

from __future__ import annotations

import datetime as _dt
import time

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

from .clock import DAY_S, SPEEDS_S_PER_ORBIT, OrbitClock


def tr(s: str) -> str:
    return QCoreApplication.translate("orbit", s)


LABEL_HZ = 5.0


class Throttle:
    """True at most LABEL_HZ times a second."""

    def __init__(self):
        self._last = -1.0

    def due(self) -> bool:
        now = time.monotonic()
        if now - self._last < 1.0 / LABEL_HZ:
            return False
        self._last = now
        return True


class TimeBar(QWidget):
    def __init__(self, clock: OrbitClock, parent=None):
        super().__init__(parent)
        self.clock = clock
        self._throttle = Throttle()
        self.play = QToolButton()
        self.play.setObjectName("orbit_play")
        self.play.setCheckable(True)
        self.play.toggled.connect(clock.set_playing)
        self.speed = QComboBox()
        for s in SPEEDS_S_PER_ORBIT:
            self.speed.addItem("", s)
        self.speed.setCurrentIndex(SPEEDS_S_PER_ORBIT.index(clock.seconds_per_orbit))
        self.speed.currentIndexChanged.connect(
            lambda i: clock.set_speed(self.speed.itemData(i))
        )
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("orbit_time")
        self.slider.setRange(0, int(DAY_S) - 1)
        self.slider.setSingleStep(60)
        self.slider.setPageStep(3600)
        self.slider.valueChanged.connect(self._on_slider)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDateRange(QDate(1950, 1, 1), QDate(2050, 12, 31))
        self.date.dateChanged.connect(self._on_date)
        self.time_label = QLabel()
        self.time_label.setObjectName("orbit_time_label")
        self.time_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(4, 2, 4, 2)
        lay.addWidget(self.play)
        lay.addWidget(self.speed)
        lay.addWidget(self.slider, 1)
        lay.addWidget(self.time_label)
        lay.addWidget(self.date)
        clock.time_changed.connect(self._on_time)
        clock.date_changed.connect(self._sync_date)
        clock.playing_changed.connect(self._on_playing)
        self._sync_date(clock.date)
        self._on_time(clock.seconds)
        self._on_playing(clock.playing)
        self.retranslate()

    def retranslate(self) -> None:
        for i, s in enumerate(SPEEDS_S_PER_ORBIT):
            self.speed.setItemText(i, tr("1 orbit in {0:g} s").format(s))
        self.speed.setToolTip(tr("Playing speed: real seconds per orbit"))
        self.slider.setToolTip(tr("Time of day (UTC) shown; drag to scrub"))
        self.date.setToolTip(tr("Date (UTC): the Sun's place and the orbit's start"))
        self._on_playing(self.clock.playing)

    def _on_slider(self, value: int) -> None:
        if int(self.clock.seconds) != value:
            self.clock.set_seconds(float(value))

    def _on_date(self, qdate: QDate) -> None:
        self.clock.set_date(_dt.date(qdate.year(), qdate.month(), qdate.day()))

    def _sync_date(self, date: _dt.date) -> None:
        self.date.blockSignals(True)
        self.date.setDate(QDate(date.year, date.month, date.day))
        self.date.blockSignals(False)

    def _on_time(self, seconds: float) -> None:
        # while playing, text and slider follow at most LABEL_HZ times a second:
        # repainting widgets every frame would cost the globe frames
        if self.clock.playing and not self._throttle.due():
            return
        self.slider.blockSignals(True)
        self.slider.setValue(int(seconds))
        self.slider.blockSignals(False)
        self.time_label.setText(self.clock.moment.strftime("%H:%M:%S UTC"))

    def _on_playing(self, on: bool) -> None:
        if not on:  # show where it stopped
            self._throttle = Throttle()
            self._on_time(self.clock.seconds)
        self.play.blockSignals(True)
        self.play.setChecked(on)
        self.play.blockSignals(False)
        icon = (
            QStyle.StandardPixmap.SP_MediaPause
            if on
            else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play.setIcon(self.style().standardIcon(icon))
        self.play.setToolTip(tr("Pause the orbit") if on else tr("Play the orbit"))
