"""The orbit panel: the globe of the viewer model's plan with its clock, the beta
angle and time in shadow at the moment shown, or a plain message for a plan that
states no orbit.

It reads the plan from the model whenever it redraws (no copy) and does nothing
while hidden: showing it again catches up with the plan and the clock."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from models3d import sunlight
from models3d.plan import text
from models3d.viewer_model import ViewerModel

from ..binding import Bindings
from .clock import OrbitClock, PlanOrbit, plan_orbit
from .timebar import Throttle, TimeBar
from .view import OrbitView, frame_camera


def tr(s: str) -> str:
    return QCoreApplication.translate("orbit", s)


class OrbitCache:
    """The PlanOrbit of a (plan, date), made again only when either changes."""

    def __init__(self):
        self._key = None
        self._value: PlanOrbit | None = None

    def get(self, plan, date) -> PlanOrbit | None:
        key = (id(plan), getattr(plan, "id", None), date)
        if key != self._key:
            self._key, self._value = key, plan_orbit(plan, date)
        return self._value


def number(value: float | None, digits: int, language: str) -> str:
    """A number as the UI's language writes it (a decimal comma in Russian)."""
    if value is None:
        return tr("none")
    locale = QLocale(QLocale.Language.Russian if language == "ru" else "C")
    return locale.toString(float(value), "f", digits)


def orbit_caption(shown: PlanOrbit, lang: str) -> str:
    p = shown.params
    line = tr("Inclination {0}°, altitude {1} km, period {2} min").format(
        number(p.inclination_deg, 1, lang),
        number(p.altitude_km, 0, lang),
        number(shown.orbit.nodal_period_s / 60.0, 1, lang),
    )
    if p.altitude_assumed:
        line += " " + tr("(the plan gives no altitude: {0} km assumed)").format(
            number(p.altitude_km, 0, lang)
        )
    return line


def no_orbit_text(plan, language: str) -> str:
    title = text(plan.title, language) if plan is not None else ""
    return tr(
        "“{0}” states no orbit, so there is nothing to draw here. The orbit view "
        "shows the plans that give an inclination (the ROS plans)."
    ).format(title)


def light_text(shown: PlanOrbit, seconds: float, lang: str) -> str:
    """Beta angle, minutes in shadow per orbit and the station's light, now."""
    light = sunlight.station_light(shown.orbit, seconds)
    shadow = float(sunlight.shadow_minutes(light.beta_deg, shown.orbit))
    where = tr("in the Earth's shadow") if light.in_shadow else tr("in sunlight")
    beta = ("+" if light.beta_deg >= 0 else "") + number(light.beta_deg, 1, lang)
    return tr("Beta {0}° · {1} min in shadow per orbit · station {2}").format(
        beta, number(shadow, 1, lang), where
    )


class OrbitPanel(QWidget):
    """The window's orbit dock: globe, time bar and the light at the moment shown."""

    def __init__(
        self, model: ViewerModel, clock: OrbitClock, parent=None, timebar: bool = True
    ):
        super().__init__(parent)
        self.setObjectName("orbit_panel")
        self.model = model
        self.clock = clock
        self.cache = OrbitCache()
        self.active: bool | None = None  # set by a dock: is its tab the current one
        self._throttle = Throttle()
        self.view = OrbitView()
        self.message = QLabel()
        self.message.setObjectName("orbit_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)
        self.caption = QLabel()
        self.caption.setObjectName("orbit_caption")
        self.light = QLabel()
        self.light.setObjectName("orbit_light")
        self.earth_fixed = QCheckBox()
        self.earth_fixed.toggled.connect(self._on_frame)
        self.timebar = TimeBar(clock) if timebar else None
        info = QHBoxLayout()
        info.setContentsMargins(4, 0, 4, 0)
        info.addWidget(self.light, 1)
        info.addWidget(self.earth_fixed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.caption)
        lay.addWidget(self.stack, 1)
        lay.addLayout(info)
        if self.timebar is not None:
            lay.addWidget(self.timebar)
        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self.refresh)
        self.bindings.connect(model.language_changed, self.retranslate)
        clock.time_changed.connect(self._on_time)
        clock.date_changed.connect(self.refresh)
        clock.playing_changed.connect(self._on_playing)
        self.retranslate()

    def shown(self) -> PlanOrbit | None:
        return self.cache.get(self.model.plan, self.clock.date)

    def refresh(self, *_) -> None:
        """Show the model's plan now (or when the panel is next shown)."""
        shown = self.shown()
        if shown is not None:
            self.clock.period_s = shown.orbit.nodal_period_s
        if not self.showing():
            return
        self.stack.setCurrentIndex(0 if shown is not None else 1)
        if self.timebar is not None:
            self.timebar.setEnabled(shown is not None)
        self.earth_fixed.setEnabled(shown is not None)
        if shown is None:
            self.caption.setText("")
            self.light.setText("")
            self.message.setText(no_orbit_text(self.model.plan, self.model.language))
            self.view.scene.show(None)
            return
        self.caption.setText(orbit_caption(shown, self.model.language))
        self.view.scene.seconds = self.clock.seconds
        self.view.scene.show(shown)
        if not self.view.user_moved:
            frame_camera(self.view, self.view.scene)
        self._on_time(self.clock.seconds)

    def showing(self) -> bool:
        """On screen: visible, and its dock's tab current (a dock in a tab behind
        another stays 'visible' to Qt, moved off-screen)."""
        return self.isVisible() and self.active is not False

    def set_active(self, on: bool) -> None:
        self.active = bool(on)
        if on:
            self.refresh()

    def _on_time(self, seconds: float) -> None:
        if not self.showing():
            return
        shown = self.shown()
        if shown is None:
            return
        self.view.scene.set_time(seconds)
        if not self.clock.playing or self._throttle.due():
            self.light.setText(light_text(shown, seconds, self.model.language))

    def _on_playing(self, on: bool) -> None:
        if not on:  # the light where it stopped, whatever the throttle skipped
            self._on_time(self.clock.seconds)

    def _on_frame(self, on: bool) -> None:
        self.view.scene.earth_fixed = on
        self.view.scene.set_time(self.clock.seconds)

    def retranslate(self, *_) -> None:
        self.earth_fixed.setText(tr("Turn with the Earth"))
        self.earth_fixed.setToolTip(
            tr("Keep the Earth still and let the orbit and the Sun turn round it")
        )
        if self.timebar is not None:
            self.timebar.retranslate()
        self.refresh()

    def showEvent(self, ev) -> None:
        super().showEvent(ev)
        self.refresh()

    def close_gl(self) -> None:
        self.bindings.release()
        self.view.close_gl()
