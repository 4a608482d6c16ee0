"""Writing tours: `Tour` -> JSON, so a tour made in the editor reads back unchanged.

Keys come in the order SCHEMA.md documents them; optional fields left at their
defaults are left out (the reader gives them back), except `easing` and `mode`, which
are always written so that a file says how each step moves and looks. Whole numbers
are written without a decimal point. `write_tour` replaces the file atomically.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..fileio import atomic_write
from .model import SCHEMA_VERSION, Camera, Caption, Step, Text, Tour


def _num(v: float) -> int | float:
    return int(v) if float(v).is_integer() and abs(v) < 2**53 else float(v)


def _text(t: Text) -> dict:
    return {"en": t.en, "ru": t.ru}


def _camera(c: Camera) -> dict:
    # a keyframe reads centre first; a framing reads what it frames first
    keys = (
        ("center", "distance", "elevation", "azimuth")
        if c.is_keyframe
        else ("frame", "view", "elevation", "azimuth", "distance")
    )
    out: dict = {}
    for key in keys:
        v = getattr(c, key)
        if v is None:
            continue
        if key == "center":
            out[key] = [_num(x) for x in v]
        elif isinstance(v, str):
            out[key] = v
        else:
            out[key] = _num(v)
    return out


def _caption(c: Caption) -> dict:
    out = _text(c.text)
    if c.sources:
        out["sources"] = list(c.sources)
    if c.kind != "fact":
        out["kind"] = c.kind
    return out


def _step(s: Step) -> dict:
    out: dict = {"plan": s.plan, "phase": s.phase}
    if s.transition is not None:
        out["transition"] = {
            "from": s.transition.source,
            "duration": _num(s.transition.duration),
        }
    out["duration"] = _num(s.duration)
    out["camera"] = _camera(s.camera)
    if s.fly is not None:
        out["fly"] = _num(s.fly)
    out["easing"] = s.easing
    if s.caption is not None:
        out["caption"] = _caption(s.caption)
    if s.highlight:
        out["highlight"] = list(s.highlight)
    out["mode"] = s.mode
    if s.orbit:
        out["orbit"] = True
    return out


def tour_to_dict(tour: Tour) -> dict:
    out: dict = {"schema": SCHEMA_VERSION, "id": tour.id, "title": _text(tour.title)}
    if tour.summary is not None:
        out["summary"] = _text(tour.summary)
    out["steps"] = [_step(s) for s in tour.steps]
    return out


def dumps_tour(tour: Tour) -> bytes:
    """The bytes of the tour's file: UTF-8 JSON, two-space indents, lists of plain
    values on one line, a final newline."""
    return (_dump(tour_to_dict(tour), "") + "\n").encode("utf-8")


def _dump(value, indent: str) -> str:
    inner = indent + "  "
    if isinstance(value, dict):
        rows = [
            f"{inner}{json.dumps(k, ensure_ascii=False)}: {_dump(v, inner)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(rows) + "\n" + indent + "}" if rows else "{}"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        rows = [inner + _dump(v, inner) for v in value]
        return "[\n" + ",\n".join(rows) + "\n" + indent + "]"
    return json.dumps(value, ensure_ascii=False)


def write_tour(tour: Tour, path: str | os.PathLike) -> Path:
    """Save the tour to `path` (replaced only when the new file is complete)."""
    data = dumps_tour(tour)

    def write(tmp: str) -> None:
        with open(tmp, "wb") as f:
            f.write(data)

    return atomic_write(path, write)
