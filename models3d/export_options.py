"""The picture options of `main.py export`, in one table (as f3d keeps its options):
camera (--view, --azimuth, --elevation, --distance or --zoom, --target, --camera),
look (--background, --quality, --labels, --scale-bar, --human, --iss, --highlight)
and animation timing (--fps, --hold, --dock-seconds), with the checks that turn a bad
value into one line and exit code 2.

Values are parsed here, not by argparse types, so every problem is a `UsageError`
naming the option and the value. The export dialog checks its fields with the same
functions. `ShotRequest` says how to place the camera; the renderer (Qt side) turns it
into a camera for the picture's aspect. Nothing here imports Qt.
"""

from __future__ import annotations

import argparse
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .camera_file import SavedCamera, read_camera
from .errors import UsageError
from .fileio import numbered
from .wording import LANGUAGES

if TYPE_CHECKING:  # the parser is built for every command: no numpy for it
    from .plan import Plan

VIEWS = ("front", "side", "top", "iso")  # the app's preset views (keys 1, 3, 7, 9)
# picture quality: "press" draws the Sun's shadows from a finer map with softer edges
QUALITIES = ("standard", "press")
FPS_RANGE = (1.0, 60.0)
SECONDS_RANGE = (0.0, 60.0)
ZOOM_RANGE = (0.01, 100.0)
DISTANCE_RANGE = (0.1, 1e5)  # metres
NAMED_COLOURS = {
    "black": (0, 0, 0),
    "white": (255, 255, 255),
    "grey": (128, 128, 128),
    "gray": (128, 128, 128),
    "space": (6, 9, 20),  # the sky's darkest tone: a flat version of the default
}
_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_RGB = re.compile(r"(\d{1,3}),(\d{1,3}),(\d{1,3})")


@dataclass(frozen=True)
class ShotRequest:
    """Where the camera goes. Without a saved camera: the preset view's angles (or
    the given ones) framing the phase (or the target module); a saved camera keeps its
    centre and distance. Then --distance sets the distance, --zoom divides it."""

    view: str = "iso"
    azimuth: float | None = None
    elevation: float | None = None
    distance: float | None = None
    zoom: float | None = None
    target: str | None = None
    saved: SavedCamera | None = None

    @property
    def default(self) -> bool:
        return self == ShotRequest()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The picture options of the export command."""
    cam = parser.add_argument_group("camera (pictures and animations)")
    cam.add_argument("--view", help=f"preset view: {', '.join(VIEWS)} (default iso)")
    cam.add_argument(
        "--azimuth",
        metavar="DEG",
        help="angle about the vertical axis: 0 looks from the front (+X), "
        "-90 from the side (-Y); replaces the view's",
    )
    cam.add_argument(
        "--elevation", metavar="DEG", help="angle above the horizontal plane, -90 to 90"
    )
    cam.add_argument("--distance", metavar="M", help="camera distance in metres")
    cam.add_argument(
        "--zoom",
        metavar="FACTOR",
        help="closer (2: half the distance) or farther (0.5) than framed",
    )
    cam.add_argument(
        "--target",
        metavar="MODULE",
        help="frame this module (its id) instead of the whole station",
    )
    cam.add_argument(
        "--camera",
        metavar="FILE",
        help="a camera saved from the app (View > Save camera...)",
    )
    look = parser.add_argument_group("look")
    look.add_argument(
        "--background",
        metavar="COLOR",
        help="sky (default), earth (the Earth's limb below the station), "
        "transparent, or a colour: #rrggbb, r,g,b, black, white, grey",
    )
    look.add_argument(
        "--quality",
        help="standard (default, as the app's view) or press: finer, softer "
        "Sun shadows for print (slower)",
    )
    look.add_argument(
        "--lang",
        default=argparse.SUPPRESS,  # also given before the command: main.py --lang
        help="language of the caption and the labels: en (default) or ru",
    )
    look.add_argument("--labels", action="store_true", help="module labels")
    look.add_argument(
        "--scale-bar",
        action="store_true",
        help="a round length bar (1, 2 or 5 x 10^n m) in the lower left corner",
    )
    look.add_argument(
        "--human", action="store_true", help="a 1.8 m person beside the station"
    )
    look.add_argument(
        "--iss",
        action="store_true",
        help="the ISS's outline at the same scale, beside the station",
    )
    look.add_argument(
        "--highlight",
        metavar="MODULE,...",
        help="tint these modules as the app tints a selection",
    )
    anim = parser.add_argument_group("animations (gif, mp4)")
    anim.add_argument("--fps", help="frames per second (default 20, 1-60)")
    anim.add_argument(
        "--hold", metavar="SECONDS", help="each phase shown still (default 0.8)"
    )
    anim.add_argument(
        "--dock-seconds",
        metavar="SECONDS",
        help="each docking animation (default 1.0; 0: none)",
    )


def number(option: str, text: str | None, lo: float, hi: float) -> float | None:
    """A finite number within lo..hi from an option's text (None stays None)."""
    if text is None:
        return None
    try:
        value = float(text.strip())
    except ValueError:
        raise UsageError(f"{option} '{text[:40]}': not a number") from None
    if not math.isfinite(value) or not lo <= value <= hi:
        raise UsageError(f"{option} '{text[:40]}': must be between {lo:g} and {hi:g}")
    return value


def parse_colour(text: str) -> tuple[int, int, int]:
    """#rrggbb, #rgb, r,g,b (0-255) or a name of NAMED_COLOURS."""
    t = text.strip().lower().replace(" ", "")
    if t in NAMED_COLOURS:
        return NAMED_COLOURS[t]
    m = _HEX.fullmatch(t)
    if m:
        h = m.group(1)
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
    m = _RGB.fullmatch(t)
    if m and all(int(g) <= 255 for g in m.groups()):
        return (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise UsageError(
        f"--background '{text[:40]}': not sky, earth, transparent or a colour "
        f"(#rrggbb, r,g,b or {', '.join(sorted(NAMED_COLOURS))})"
    )


def parse_background(text: str | None) -> str | tuple[int, int, int]:
    """'sky', 'earth', 'transparent' or an (r, g, b) colour."""
    if text is None or text.strip().lower() == "sky":
        return "sky"
    if text.strip().lower() in ("earth", "transparent"):
        return text.strip().lower()
    return parse_colour(text)


def parse_quality(text: str | None) -> str:
    """'standard' (the default) or 'press'."""
    quality = (text or "standard").strip().lower()
    if quality not in QUALITIES:
        raise UsageError(
            f"--quality '{text[:40] if text else ''}': use one of {', '.join(QUALITIES)}"
        )
    return quality


def parse_lang(text: str | None) -> str:
    """'en' (the default) or 'ru'."""
    lang = (text or "en").strip().lower()
    if lang not in LANGUAGES:
        shown = text[:40] if text else ""
        raise UsageError(f"--lang '{shown}': use one of {', '.join(LANGUAGES)}")
    return lang


def _module_list(plan: Plan) -> str:
    ids = list(plan.modules)
    return ", ".join(ids[:12]) + (" ..." if len(ids) > 12 else "")


def check_module(option: str, mid: str, plan: Plan, phase: int | None = None) -> str:
    """A module id of the plan (present in `phase` when given)."""
    mid = mid.strip()
    if mid not in plan.modules:
        raise UsageError(
            f"{option} '{mid[:40]}': not a module of {plan.id} (modules: "
            f"{_module_list(plan)})"
        )
    station = plan.station
    if phase is not None and station and mid not in station.snapshots[phase].modules:
        raise UsageError(
            f"{option} '{mid}': not at the station in phase {phase + 1} of {plan.id}"
        )
    return mid


def parse_highlight(text: str | None, plan: Plan) -> tuple[str, ...]:
    if text is None:
        return ()
    parts = [p.strip() for p in text.split(",")]
    if not all(parts):
        raise UsageError(f"--highlight '{text[:40]}': an empty module id")
    return tuple(dict.fromkeys(check_module("--highlight", p, plan) for p in parts))


def shot_from_args(args, plan: Plan, frame_phase: int) -> ShotRequest:
    """The camera request of the options; `frame_phase` is the phase the camera
    frames (the last one of a series or an animation)."""
    view = (args.view or "iso").strip().lower()
    if view not in VIEWS:
        raise UsageError(f"--view '{args.view[:40]}': use one of {', '.join(VIEWS)}")
    if args.distance is not None and args.zoom is not None:
        raise UsageError("--distance and --zoom: give one of them")
    if args.camera is not None and (args.view is not None or args.target is not None):
        raise UsageError(
            "--camera places the camera itself: leave out --view and --target"
        )
    saved = read_camera(args.camera) if args.camera is not None else None
    return ShotRequest(
        view=view,
        azimuth=number("--azimuth", args.azimuth, -1e6, 1e6),
        elevation=number("--elevation", args.elevation, -90.0, 90.0),
        distance=number("--distance", args.distance, *DISTANCE_RANGE),
        zoom=number("--zoom", args.zoom, *ZOOM_RANGE),
        target=None
        if args.target is None
        else check_module("--target", args.target, plan, frame_phase),
        saved=saved,
    )


def request_fields(args, plan: Plan, phases: list[int], fmt: str) -> dict:
    """Keyword arguments of ui.export.jobs.ExportRequest for the picture options."""
    background = parse_background(args.background)
    transparent = bool(args.transparent) or background == "transparent"
    if args.transparent and background not in ("sky", "transparent"):
        raise UsageError(
            f"--transparent and --background {args.background.strip()[:40]}: "
            "give one of them"
        )
    fields: dict[str, object] = {
        "shot": shot_from_args(args, plan, phases[-1]),
        "background": "sky" if background == "transparent" else background,
        "transparent": transparent,
        "highlight": parse_highlight(args.highlight, plan),
        "quality": parse_quality(args.quality),
        "lang": parse_lang(getattr(args, "lang", None)),
        "overlays": {
            name: True
            for name, on in (
                ("labels", args.labels),
                ("scale_bar", args.scale_bar),
                ("human", args.human),
                ("iss", args.iss),
            )
            if on
        },
    }
    timing = {
        "fps": number("--fps", args.fps, *FPS_RANGE),
        "hold": number("--hold", args.hold, *SECONDS_RANGE),
        "dock_seconds": number("--dock-seconds", args.dock_seconds, *SECONDS_RANGE),
    }
    fields.update({k: v for k, v in timing.items() if v is not None})
    return fields


def in_folder(folder: Path, plan: Plan, fmt: str, phases: list[int]) -> Path:
    """The file an export writes into an existing folder: <plan>_<phase>.<ext> for
    one picture or 3D file (a series numbers <plan>.<ext> the same way), and
    <plan>.<ext> for an animation."""
    base = folder / f"{plan.id}.{fmt}"
    if len(phases) == 1 and fmt not in ("gif", "mp4"):
        return numbered(base, phases[0], len(plan.phases))
    return base
