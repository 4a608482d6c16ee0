"""The orbit's clock: the moment shown (a day from 00:00 UTC of a date), played at a
speed given as seconds of real time per orbit, and what a plan's orbit is.

One clock drives the window's globe, map and "Sun from orbit"; the compare window has
its own. Playing advances by the real time elapsed, so a slow frame never slows the
orbit down; the day loops."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from models3d.orbit import Orbit
from models3d.orbit_map import map_orbit
from models3d.orbit_report import OrbitParams, plan_orbit_params

DAY_S = 86400.0
SPEEDS_S_PER_ORBIT = (4.0, 8.0, 16.0, 60.0)  # real seconds one orbit takes
DEFAULT_SPEED = 8.0
TICK_MS = 33


@dataclass(frozen=True)
class PlanOrbit:
    """A plan's orbit as the globe and the map show it."""

    params: OrbitParams
    orbit: Orbit
    date: _dt.date


def plan_orbit(plan, date: _dt.date) -> PlanOrbit | None:
    """The plan's published orbit on a date (its first ascending node over Greenwich
    at 00:00 UTC, as the map draws it), or None for a plan that states none."""
    if plan is None:
        return None
    found = plan_orbit_params(plan)
    if not found:
        return None
    params = found[0].checked()
    return PlanOrbit(params, map_orbit(params, date), date)


class OrbitClock(QObject):
    time_changed = Signal(float)  # seconds from 00:00 UTC of the date
    date_changed = Signal(object)  # datetime.date
    playing_changed = Signal(bool)

    def __init__(self, parent=None, date: _dt.date | None = None):
        super().__init__(parent)
        now = _dt.datetime.now(_dt.UTC)
        self.date = date or now.date()
        # today starts at the time of day it is now; another date at 00:00 UTC
        self.seconds = 0.0 if date else float(now.hour * 3600 + now.minute * 60)
        self.seconds_per_orbit = DEFAULT_SPEED
        self.period_s = 5550.0  # of the orbit shown; set by the view that plays it
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._elapsed = QElapsedTimer()

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    @property
    def moment(self) -> _dt.datetime:
        start = _dt.datetime(self.date.year, self.date.month, self.date.day)
        return start.replace(tzinfo=_dt.UTC) + _dt.timedelta(seconds=self.seconds)

    def set_seconds(self, seconds: float) -> None:
        seconds = float(seconds) % DAY_S
        if seconds != self.seconds:
            self.seconds = seconds
            self.time_changed.emit(seconds)

    def set_date(self, date: _dt.date) -> None:
        if date != self.date:
            self.date = date
            self.date_changed.emit(date)
            self.time_changed.emit(self.seconds)

    def set_speed(self, seconds_per_orbit: float) -> None:
        self.seconds_per_orbit = max(0.5, float(seconds_per_orbit))

    def set_playing(self, on: bool) -> None:
        if bool(on) == self.playing:
            return
        if on:
            self._elapsed.start()
            self._timer.start()
        else:
            self._timer.stop()
        self.playing_changed.emit(bool(on))

    def advance(self, real_seconds: float) -> None:
        """Move on by what `real_seconds` of playing covers."""
        rate = self.period_s / self.seconds_per_orbit
        self.set_seconds(self.seconds + real_seconds * rate)

    def _tick(self) -> None:
        ms = self._elapsed.restart()
        self.advance(min(ms, 250) / 1000.0)  # a stall does not jump the orbit ahead
