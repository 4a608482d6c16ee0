"""Playing a tour in the main window: play, pause, step, seek and stop.

`TourPlayer.start` remembers where the app was (plan, phase, camera, selection,
hidden modules, display mode); `stop` (Esc) brings all of it back. While a tour is on,
a timer advances the tour's clock and each tick shows `TourTimeline.state(t)` through
the shared `SceneDriver`: the plan is switched when a step needs another one, the
docking animations are posed by the tour (the scene's own timed animations are off),
the caption is an overlay on the view. Grabbing the camera pauses the tour.

The orbit hook: `orbit_requested(bool)` is emitted when a step's `orbit` flag changes;
by default it shows the orbit feature's dock (ui/orbit) when there is one.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import (
    QCoreApplication,
    QElapsedTimer,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)

from models3d.catalogue import plan_key
from models3d.tour import PlanLibrary, Tour, TourState, TourTimeline, bundled_plans
from models3d.tour.captions import sources_line

from .drive import SceneDriver
from .overlay import CaptionOverlay

TICK_MS = 33  # about 30 frames a second
ORBIT_FEATURE = "ui.orbit.feature"


def tr(s: str) -> str:
    return QCoreApplication.translate("tours", s)


class TourPlayer(QObject):
    changed = Signal()  # started, stopped, played or paused
    step_changed = Signal(int)
    orbit_requested = Signal(bool)

    def __init__(self, window, plans: PlanLibrary | None = None):
        super().__init__(window)
        self.window = window
        self.plans = plans if plans is not None else bundled_plans()
        self.tour: Tour | None = None
        self.timeline: TourTimeline | None = None
        self.time = 0.0
        self.playing = False
        self.pause_at: float | None = None
        self._pause_step: int | None = None  # the step whose end pause_at is
        self.state: TourState | None = None
        self.driver = SceneDriver()
        self.overlay = CaptionOverlay(self)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self._saved: dict | None = None
        self._orbit = False
        self._grabbed_view = None
        self.orbit_requested.connect(self._show_orbit)

    @property
    def active(self) -> bool:
        return self.tour is not None

    # ---- starting and stopping -------------------------------------------------------

    def start(
        self, tour: Tour, at: float = 0.0, play: bool = True, until: float | None = None
    ) -> None:
        """Play `tour` from time `at` (seconds); with `until`, pause there."""
        w = self.window
        if self._saved is None:
            m = w.model
            self._saved = {
                "plan": m.plan,
                "phase": m.phase,
                "selected": m.selected,
                "hidden": m.hidden,
                "mode": m.mode,
                "camera": w.view.camera_state(),
            }
            w.timeline.set_playing(False)
        self.tour = tour
        self.timeline = TourTimeline(tour, self.plans, self._aspect())
        w.installEventFilter(self)
        self._watch_view()
        self.pause_at = until
        self._pause_step = (
            None if until is None else self.timeline.step_at(max(0.0, until - 1e-9))
        )
        self.seek(at)
        if play:
            self.play()
        self.changed.emit()

    def stop(self) -> None:
        """Leave the tour: the app goes back to where it was when the tour began."""
        if not self.active:
            return
        self.pause()
        saved, self._saved = self._saved, None
        self.tour = self.timeline = self.state = None
        self.overlay.hide()
        self.driver.release()
        self._set_orbit(False)
        self._release_view()
        w = self.window
        w.removeEventFilter(self)
        if saved is not None:
            m = w.model
            if m.plan is not saved["plan"] and saved["plan"] is not None:
                m.set_plan(saved["plan"], saved["phase"])
            m.set_phase(saved["phase"])
            m.set_hidden_modules(saved["hidden"])
            m.set_mode(saved["mode"])
            m.select(saved["selected"])
            w.view.set_camera(*saved["camera"], animate=False)
        w.scene.interactive = True
        w.scene._restyle()  # the scene's styling pass: drops the highlight tint
        self.changed.emit()

    # ---- the clock -------------------------------------------------------------------

    def play(self) -> None:
        if not self.active or self.timeline is None:
            return
        if self.time >= self.timeline.duration:
            self.seek(0.0)
        self.playing = True
        self.clock.start()
        self.timer.start()
        self._watch_view()
        self.changed.emit()

    def pause(self) -> None:
        if self.playing:
            self.playing = False
            self.timer.stop()
            self.changed.emit()

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self, delta: int) -> None:
        """Go to the start of the next (or previous) step; when paused, play that
        one step and pause at its end."""
        if self.timeline is None:
            return
        tl = self.timeline
        k = max(0, min(len(tl.steps) - 1, tl.step_at(self.time) + delta))
        start = tl.starts[k]
        if self.playing:
            self.seek(start)
            return
        self.pause_at = start + tl.steps[k].step.duration
        self._pause_step = k
        self.seek(start)
        self.play()

    def seek(self, t: float) -> None:
        if self.timeline is None:
            return
        self.time = min(max(0.0, float(t)), self.timeline.duration)
        self._show(self.timeline.state(self.time))

    def _tick(self) -> None:
        if self.timeline is None:
            return
        dt = self.clock.restart() / 1000.0
        t = self.time + dt
        end = self.timeline.duration if self.pause_at is None else self.pause_at
        step = None
        if t >= end:
            t, step = end, self._pause_step  # the end of that step, not the next
            self.pause_at = self._pause_step = None
            self.pause()
        aspect = self._aspect()
        if abs(aspect - self.timeline.aspect) > 0.01 * self.timeline.aspect:
            self.timeline = TourTimeline(self.timeline.tour, self.plans, aspect)
        self.time = t
        self._show(self.timeline.state(t, step))

    # ---- showing a state -------------------------------------------------------------

    def _aspect(self) -> float:
        v = self.window.view
        return max(v.width(), 1) / max(v.height(), 1)

    def _show(self, state: TourState) -> None:
        w = self.window
        m = w.model
        previous = self.state
        if m.plan is None or m.plan.id != state.plan or plan_key(m.plan) != state.plan:
            m.set_plan(self.plans.get(state.plan), state.phase)
            self.driver.forget()
        self.driver.apply(state, m, w.scene, w.view)
        self.state = state
        cap = state.caption
        lang = m.language
        footer = tr("Step {0} of {1} · Esc leaves the tour").format(
            state.step + 1, len(self.timeline.steps) if self.timeline else 0
        )
        if cap is not None:
            plan = self.plans.get(state.plan)
            self.overlay.show(
                w.view, cap.text.get(lang), sources_line(cap, plan, lang), footer
            )
        else:
            self.overlay.show(w.view, "", "", footer)
        self._set_orbit(state.orbit)
        if previous is None or previous.step != state.step:
            self.step_changed.emit(state.step)

    # ---- the orbit hook and the user's hand on the camera ----------------------------

    def _set_orbit(self, on: bool) -> None:
        if on != self._orbit:
            self._orbit = on
            self.orbit_requested.emit(on)

    def _show_orbit(self, on: bool) -> None:
        feature = getattr(self.window, "features", {}).get(ORBIT_FEATURE)
        if on and feature is not None and hasattr(feature, "show_dock"):
            feature.show_dock("orbit")

    def _watch_view(self) -> None:
        view = self.window.view
        if view is not self._grabbed_view:
            self._release_view()
            view.interaction_started.connect(self.pause)
            view.installEventFilter(self)
            self._grabbed_view = view

    def _release_view(self) -> None:
        if self._grabbed_view is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._grabbed_view.interaction_started.disconnect(self.pause)
                self._grabbed_view.removeEventFilter(self)
            self._grabbed_view = None

    def eventFilter(self, obj, ev) -> bool:
        # Esc leaves the tour even when the window is not the active one (then the
        # Tours > Leave shortcut cannot fire) and before the view clears its selection
        if (
            self.active
            and ev.type() == QEvent.Type.KeyPress
            and ev.key() == Qt.Key.Key_Escape
        ):
            self.stop()
            return True
        return False

    def close(self) -> None:
        self.stop()
        self.timer.stop()
        self.overlay.close()
