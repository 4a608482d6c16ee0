"""Camera files: a view of the station saved from the app (View > Save camera...) and
read back by the app (View > Load camera...) and by `main.py export --camera FILE`.

The format is JSON, one object (`*.camera.json` by convention)::

    {
      "format": "ross-explorer-camera",
      "version": 1,
      "center": [12.5, 0.0, 1.2],   # metres, the station's frame (+X forward, +Z up)
      "distance": 84.0,              # metres from the centre to the eye
      "elevation": 28.0,             # degrees above the horizontal plane, -90..90
      "azimuth": -55.0,              # degrees about +Z; 0 looks from +X, -90 from -Y
      "fov": 60.0,                   # horizontal field of view, degrees (1..120)
      "plan": "ros-2024",            # where it was saved (information only)
      "phase": 7                     # 1-based (information only)
    }

`format`, `version`, `center`, `distance`, `elevation` and `azimuth` are required;
`fov` defaults to 60; `plan` and `phase` are never used to refuse a file, so a camera
saved on one plan frames another the same way. Unknown keys are refused (a typo in a
hand-written file should not pass silently).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .fileio import FileRefused, atomic_write, printable, read_regular

FORMAT = "ross-explorer-camera"
VERSION = 1
MAX_BYTES = 64 * 1024
DEFAULT_FOV = 60.0
_LIMIT = 1e6  # metres: farther than any station or reference model


@dataclass(frozen=True)
class SavedCamera:
    center: tuple[float, float, float]
    distance: float
    elevation: float
    azimuth: float
    fov: float = DEFAULT_FOV
    plan: str | None = None
    phase: int | None = None

    def state(self) -> tuple:
        """(center, distance, elevation, azimuth) as the views' set_camera takes it."""
        return (self.center, self.distance, self.elevation, self.azimuth)

    def to_json(self) -> dict:
        doc = {
            "format": FORMAT,
            "version": VERSION,
            # full precision: a camera read back renders exactly the same pixels
            "center": [float(c) for c in self.center],
            "distance": float(self.distance),
            "elevation": float(self.elevation),
            "azimuth": float(self.azimuth),
            "fov": float(self.fov),
        }
        if self.plan is not None:
            doc["plan"] = self.plan
        if self.phase is not None:
            doc["phase"] = int(self.phase)
        return doc


_KEYS = {
    "format",
    "version",
    "center",
    "distance",
    "elevation",
    "azimuth",
    "fov",
    "plan",
    "phase",
}


def _number(doc: dict, key: str, lo: float, hi: float) -> float:
    value = doc[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"'{key}' is not a number")
    if not (math.isfinite(value) and lo <= value <= hi):
        raise ValueError(f"'{key}' {value!r} is outside {lo:g}..{hi:g}")
    return float(value)


def camera_from_json(doc) -> SavedCamera:
    """The camera in a parsed document; ValueError names the first problem."""
    if not isinstance(doc, dict):
        raise ValueError("not a JSON object")
    if doc.get("format") != FORMAT:
        raise ValueError(f"'format' is not \"{FORMAT}\" (not a camera file)")
    if doc.get("version") != VERSION:
        raise ValueError(f"version {doc.get('version')!r} is not {VERSION}")
    unknown = sorted(set(doc) - _KEYS)
    if unknown:
        raise ValueError(f"unknown key '{unknown[0]}'")
    missing = [
        k for k in ("center", "distance", "elevation", "azimuth") if k not in doc
    ]
    if missing:
        raise ValueError(f"'{missing[0]}' is missing")
    center = doc["center"]
    if not isinstance(center, list) or len(center) != 3:
        raise ValueError("'center' is not a list of three numbers")
    x, y, z = (_number({"center": c}, "center", -_LIMIT, _LIMIT) for c in center)
    plan = doc.get("plan")
    phase = doc.get("phase")
    if plan is not None and not isinstance(plan, str):
        raise ValueError("'plan' is not a string")
    if phase is not None and (isinstance(phase, bool) or not isinstance(phase, int)):
        raise ValueError("'phase' is not a whole number")
    return SavedCamera(
        (x, y, z),
        _number(doc, "distance", 1e-3, _LIMIT),
        _number(doc, "elevation", -90.0, 90.0),
        _number(doc, "azimuth", -_LIMIT, _LIMIT),
        _number(doc, "fov", 1.0, 120.0) if "fov" in doc else DEFAULT_FOV,
        plan,
        phase,
    )


def read_camera(path: str | Path) -> SavedCamera:
    """The camera saved in a file; UsageError in one line naming the file and why."""
    try:
        data = read_regular(path, MAX_BYTES, "camera file")
    except FileRefused as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"{printable(path)}: {exc.strerror or exc}") from None
    try:
        return camera_from_json(json.loads(data.decode("utf-8")))
    except UnicodeDecodeError:
        problem = "not UTF-8 text"
    except json.JSONDecodeError as exc:
        problem = f"not JSON ({exc.msg} at line {exc.lineno})"
    except ValueError as exc:
        problem = str(exc)
    raise UsageError(f"{printable(path)}: {problem}")


def write_camera(path: str | Path, camera: SavedCamera) -> Path:
    """Write the camera as JSON (atomically: the old file stays until the new one is
    complete); returns the path written."""
    text = json.dumps(camera.to_json(), indent=2) + "\n"

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)

    return atomic_write(path, write)
