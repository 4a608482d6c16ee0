"""Playing a tour in numbers: tour + time -> what the view shows at that moment.

`TourTimeline(tour, plans, aspect)` resolves every step once (plan, phase indices,
the camera each step flies to, framed at the picture's aspect) and `state(t)` gives the
`TourState` at time t: plan, phase, docking progress, camera, caption, highlighted
modules, display mode and the orbit flag. It is a pure function of (tour, plans,
aspect, t): the app's player, the video export and the tests all read the same states,
so the same tour gives the same frames wherever it is played.

Within a step the camera flies from the previous step's camera to its own during the
first `fly` seconds (the whole step by default), eased; the first step starts at its
own camera. The docking animation of a transition runs during its first
`transition.duration` seconds, at constant speed (each module's motion has its own
ease, `models3d.station.Move.pose`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..plan.model import Plan
from ..viewer_model import ViewerModel
from .camera import (
    MAX_ELEVATION,
    MODULE_MARGIN,
    STATION_MARGIN,
    VIEW_ANGLES,
    CameraTuple,
    clamp_distance,
    framed,
    interpolate,
)
from .model import STATION, Caption, Step, Tour
from .plans import PlanLibrary, bundled_plans


def ease(name: str, s: float) -> float:
    """Progress s in [0, 1] through an easing: linear, or cubic in, out, in-out."""
    s = min(1.0, max(0.0, float(s)))
    if name == "ease-in":
        return s * s * s
    if name == "ease-out":
        return 1.0 - (1.0 - s) ** 3
    if name == "ease-in-out":
        return 4.0 * s * s * s if s < 0.5 else 1.0 - (-2.0 * s + 2.0) ** 3 / 2.0
    return s


@dataclass(frozen=True)
class TourState:
    """What the view shows at one moment of a tour."""

    time: float
    step: int
    step_time: float  # seconds since the step began
    plan: str
    phase: int  # 0-based index of the step's phase
    transition: tuple[int, int, float] | None  # (from index, to index, progress)
    camera: CameraTuple
    caption: Caption | None
    highlight: tuple[str, ...]
    mode: str
    orbit: bool


@dataclass(frozen=True)
class ResolvedStep:
    step: Step
    start: float
    phase: int
    source: int | None  # the transition's source phase index
    camera: CameraTuple


class TourTimeline:
    """A tour resolved against its plans at one picture aspect (width / height)."""

    def __init__(
        self, tour: Tour, plans: PlanLibrary | None = None, aspect: float = 16 / 9
    ):
        self.tour = tour
        self.aspect = float(aspect)
        self.plans = plans if plans is not None else bundled_plans()
        self._models: dict[str, ViewerModel] = {}
        self._radius: dict[str, float] = {}
        starts = tour.starts()
        self.steps: list[ResolvedStep] = []
        for step, start in zip(tour.steps, starts, strict=True):
            plan = self.plans.get(step.plan)
            phase = plan.phase_index(step.phase)
            source = (
                plan.phase_index(step.transition.source)
                if step.transition is not None
                else None
            )
            self.steps.append(
                ResolvedStep(
                    step, start, phase, source, self._camera(plan, phase, step)
                )
            )
        self.starts = starts
        self.duration = tour.duration

    def plan(self, plan_id: str) -> Plan:
        return self.plans.get(plan_id)

    def _model(self, plan: Plan) -> ViewerModel:
        model = self._models.get(plan.id)
        if model is None:
            model = self._models[plan.id] = ViewerModel(plan)
            self._radius[plan.id] = model.scene_sphere()[1]
        return model

    def _camera(self, plan: Plan, phase: int, step: Step) -> CameraTuple:
        cam = step.camera
        model = self._model(plan)
        radius = self._radius[plan.id]
        if cam.is_keyframe:
            # the reader makes a keyframe give all four
            center = cam.center or (0.0, 0.0, 0.0)
            el = float(cam.elevation or 0.0)
            az = float(cam.azimuth or 0.0)
            distance = float(cam.distance or 1.0)
        else:
            if cam.elevation is not None and cam.azimuth is not None:
                el, az = cam.elevation, cam.azimuth
            else:
                el, az = VIEW_ANGLES[cam.view or "iso"]
            module = None if cam.frame in (None, STATION) else cam.frame
            points = model.fit_points(module, phase, references=False)
            margin = STATION_MARGIN if module is None else MODULE_MARGIN
            center, distance, el, az = framed(
                points, el, az, self.aspect, margin, cam.distance
            )
        el = max(-MAX_ELEVATION, min(MAX_ELEVATION, float(el)))
        return (
            (float(center[0]), float(center[1]), float(center[2])),
            clamp_distance(distance, radius),
            el,
            float(az),
        )

    # ---- time ------------------------------------------------------------------

    def step_at(self, t: float) -> int:
        """The index of the step playing at time t (the last one from its end on)."""
        if t <= 0:
            return 0
        return max(0, min(len(self.steps) - 1, bisect.bisect_right(self.starts, t) - 1))

    def state(self, t: float, step: int | None = None) -> TourState:
        """The state at time t; with `step`, within that step (its end state when t is
        where the next one begins)."""
        t = min(max(float(t), 0.0), self.duration)
        k = self.step_at(t) if step is None else max(0, min(step, len(self.steps) - 1))
        rs = self.steps[k]
        spec = rs.step
        u = min(max(t - rs.start, 0.0), spec.duration)
        fly = spec.fly_seconds
        if k == 0 or fly <= 0.0:
            camera = rs.camera
        else:
            s = ease(spec.easing, u / fly)
            camera = interpolate(self.steps[k - 1].camera, rs.camera, s)
        transition = None
        if spec.transition is not None and rs.source is not None:
            progress = min(1.0, u / spec.transition.duration)
            if progress < 1.0:
                transition = (rs.source, rs.phase, progress)
        return TourState(
            t,
            k,
            u,
            spec.plan,
            rs.phase,
            transition,
            camera,
            spec.caption,
            spec.highlight,
            spec.mode,
            spec.orbit,
        )

    def frame_count(self, fps: float) -> int:
        return max(1, round(self.duration * fps))

    def frame_times(self, fps: float) -> list[float]:
        """The time of each video frame: frame n shows the moment n / fps."""
        return [n / fps for n in range(self.frame_count(fps))]
