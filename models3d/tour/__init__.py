"""Guided tours: the assembly told as a story, without Qt.

A tour (`*.tour.json`, format in assets/tours/SCHEMA.md) is a list of steps, each a
plan and phase (or the docking animation into it), a camera, a caption in English and
Russian with its sources, highlighted modules and a display mode. `read_tour` checks a
file against the plans, `TourTimeline` turns tour + time into what the view shows,
`webvtt` writes the captions beside a video and `write_tour` saves a tour back.
"""

from ..errors import TourError
from .camera import VIEW_ANGLES, interpolate
from .captions import burn_caption, cues, sources_line, webvtt
from .evaluate import TourState, TourTimeline, ease
from .library import TOURS_DIR, bundled_tours, load_tour, resolve_tour, tour_paths
from .model import (
    CAPTION_KINDS,
    EASINGS,
    MODES,
    SCHEMA_VERSION,
    STATION,
    VIEWS,
    Camera,
    Caption,
    Step,
    Text,
    Tour,
    Transition,
)
from .plans import PlanLibrary, bundled_plans
from .reader import MAX_FILE_BYTES, read_tour
from .writer import dumps_tour, tour_to_dict, write_tour

__all__ = [
    "CAPTION_KINDS",
    "EASINGS",
    "MAX_FILE_BYTES",
    "MODES",
    "SCHEMA_VERSION",
    "STATION",
    "TOURS_DIR",
    "VIEWS",
    "VIEW_ANGLES",
    "Camera",
    "Caption",
    "PlanLibrary",
    "Step",
    "Text",
    "Tour",
    "TourError",
    "TourState",
    "TourTimeline",
    "Transition",
    "bundled_plans",
    "bundled_tours",
    "burn_caption",
    "cues",
    "dumps_tour",
    "ease",
    "interpolate",
    "load_tour",
    "read_tour",
    "resolve_tour",
    "sources_line",
    "tour_paths",
    "tour_to_dict",
    "webvtt",
    "write_tour",
]
