"""Tour records: the typed, frozen objects a `*.tour.json` file becomes.

A `Tour` is a title and a list of `Step`s. Each step shows one phase of one plan (or
the docking animation from another phase into it), moves the camera to its keyframe,
shows a bilingual caption with its sources, tints the modules it highlights and sets a
display mode. Records compare by value, so a tour read back from the file it was saved
to equals the tour that was saved (the editor's round trip).

Format: assets/tours/SCHEMA.md. Reading: `models3d.tour.reader`; writing:
`models3d.tour.writer`; playing: `models3d.tour.evaluate`.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 1
EASINGS = ("linear", "ease-in", "ease-out", "ease-in-out")
VIEWS = ("iso", "front", "side", "top")  # the view presets of the app (keys 9, 1, 3, 7)
CAPTION_KINDS = ("fact", "title")
MODES = ("solid", "wireframe", "xray")  # as models3d.viewer_model.DISPLAY_MODES
DEFAULT_EASING = "ease-in-out"
STATION = "station"  # camera.frame value: the whole station of the step's phase


@dataclass(frozen=True)
class Text:
    """Prose in English and Russian."""

    en: str
    ru: str

    def get(self, lang: str) -> str:
        return self.ru if lang == "ru" and self.ru else self.en


@dataclass(frozen=True)
class Camera:
    """Where the camera is at the end of the step's fly.

    A keyframe gives `center`, `distance`, `elevation` and `azimuth` (metres and
    degrees, the app's camera). Otherwise the camera frames `frame` (the station, or
    one module) from the angles of `view` or of `elevation` and `azimuth`, at the
    fitted distance unless `distance` is given (the same distance in several steps
    shows different stations at one scale).
    """

    center: tuple[float, float, float] | None = None
    distance: float | None = None
    elevation: float | None = None
    azimuth: float | None = None
    view: str | None = None
    frame: str | None = None

    @property
    def is_keyframe(self) -> bool:
        return self.center is not None

    @classmethod
    def keyframe(
        cls, center, distance: float, elevation: float, azimuth: float
    ) -> Camera:
        x, y, z = (float(v) for v in center)
        return cls((x, y, z), float(distance), float(elevation), float(azimuth))


@dataclass(frozen=True)
class Caption:
    """What the step says, with the sources of what it states. A `title` states no
    fact (no figure, no date) and so cites nothing; every other caption cites at least
    one source of the step's plan."""

    text: Text
    sources: tuple[str, ...] = ()
    kind: str = "fact"


@dataclass(frozen=True)
class Transition:
    """The docking animation from phase `source` into the step's phase, during the
    first `duration` seconds of the step."""

    source: str | int  # a phase id or a 1-based phase number, as written
    duration: float


@dataclass(frozen=True)
class Step:
    plan: str
    phase: str | int  # a phase id or a 1-based phase number, as written
    duration: float
    camera: Camera
    easing: str = DEFAULT_EASING
    fly: float | None = None  # seconds of the camera move; None: the whole step
    transition: Transition | None = None
    caption: Caption | None = None
    highlight: tuple[str, ...] = ()
    mode: str = "solid"
    orbit: bool = False  # show the orbit view beside the station (ui/orbit)

    @property
    def fly_seconds(self) -> float:
        return self.duration if self.fly is None else min(self.fly, self.duration)


@dataclass(frozen=True)
class Tour:
    id: str
    title: Text
    steps: tuple[Step, ...]
    summary: Text | None = None

    @property
    def duration(self) -> float:
        return sum(s.duration for s in self.steps)

    def starts(self) -> list[float]:
        """The time each step starts at (seconds from the start of the tour)."""
        out, t = [], 0.0
        for s in self.steps:
            out.append(t)
            t += s.duration
        return out

    def plans(self) -> tuple[str, ...]:
        """The plan ids the tour shows, in order of first appearance."""
        return tuple(dict.fromkeys(s.plan for s in self.steps))
