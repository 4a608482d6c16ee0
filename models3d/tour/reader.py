"""Reading tour files: JSON bytes -> `Tour`, every problem collected with its key path.

`read_tour(data, path, plans)` returns a `Tour` or raises one `TourError` listing every
problem, each with the file name and the key path (`steps[3].camera.center[1]`): size,
encoding, JSON syntax, duplicate keys, unknown keys, types, ranges, and the references
into the plans (plan ids, phase ids and numbers, module ids, source ids), checked
against the plans themselves. Any bytes give a tour or that one error.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import RossError, TourError
from ..fileio import printable
from ..plan.model import Plan
from .model import (
    CAPTION_KINDS,
    DEFAULT_EASING,
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
from .values import JsonValues, json_type, parse_json

MAX_FILE_BYTES = 1_000_000
MAX_STEPS = 500
MAX_TOUR_SECONDS = 3600.0
MAX_STEP_SECONDS = 600.0
MIN_STEP_SECONDS = 0.1
MAX_HIGHLIGHTS = 64
MAX_COORD = 100_000.0  # metres: far beyond any station, still a sane camera


def read_tour(
    data: bytes, path: str | Path = "<tour>", plans: PlanLibrary | None = None
) -> Tour:
    """The tour in `data` (the bytes of a tour file), checked against `plans` (the
    bundled plans by default)."""
    name = printable(Path(path).name)
    if len(data) > MAX_FILE_BYTES:
        raise TourError(
            path,
            [
                f"{name}: the file is {len(data):,} bytes; tour files "
                f"are at most {MAX_FILE_BYTES:,} bytes"
            ],
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TourError(path, [f"{name}: not UTF-8 text (byte {exc.start})"]) from None
    try:
        doc = parse_json(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        raise TourError(
            path,
            [
                f"{name}: not valid JSON: {exc.msg} (line {exc.lineno}"
                f", column {exc.colno})"
            ],
        ) from None
    except (RecursionError, ValueError, MemoryError) as exc:
        reason = str(exc).split(":")[0][:120] if str(exc) else type(exc).__name__
        raise TourError(path, [f"{name}: not valid JSON: {reason}"]) from None
    reader = _Reader(name, plans if plans is not None else bundled_plans())
    tour = reader.tour(doc)
    if reader.problems or tour is None:
        raise TourError(path, reader.problems or [f"{name}: empty tour"])
    return tour


class _Reader(JsonValues):
    """Walks the JSON document with JSON's words for its values, noting every problem
    (ValueReader's checks of ids, choices and lists are shared with the plan reader)."""

    def __init__(self, name: str, plans: PlanLibrary):
        super().__init__(name)
        self.plans = plans

    # ---- document -------------------------------------------------------------

    def tour(self, doc) -> Tour | None:
        top = self.table(doc, "", ("schema", "id", "title", "steps"), ("summary",))
        if top is None:
            return None
        if "schema" in top and (
            isinstance(top["schema"], bool) or top["schema"] != SCHEMA_VERSION
        ):
            self.bad(
                "schema",
                f"unsupported schema {printable(repr(top['schema']))} "
                f"(this version reads {SCHEMA_VERSION})",
            )
        tid = self.ident(top["id"], "id") if "id" in top else ""
        title = self.text(top["title"], "title") if "title" in top else None
        summary = self.text(top["summary"], "summary") if "summary" in top else None
        steps = self.steps(top.get("steps", []))
        if self.problems or title is None:
            return None
        return Tour(tid, title, tuple(steps), summary)

    def steps(self, value) -> list[Step]:
        if not isinstance(value, list):
            self.bad("steps", f"expected a list of steps, found {json_type(value)}")
            return []
        if not value:
            self.bad("steps", "a tour needs at least one step")
        if len(value) > MAX_STEPS:
            self.bad("steps", f"{len(value)} steps; at most {MAX_STEPS}")
            return []
        out = [
            s
            for i, entry in enumerate(value)
            if (s := self.step(entry, f"steps[{i}]")) is not None
        ]
        total = sum(s.duration for s in out)
        if total > MAX_TOUR_SECONDS:
            self.bad(
                "steps",
                f"the steps last {total:g} s; a tour lasts at most "
                f"{MAX_TOUR_SECONDS:g} s",
            )
        return out

    def step(self, entry, where) -> Step | None:
        e = self.table(
            entry,
            where,
            ("plan", "phase", "duration", "camera"),
            ("easing", "fly", "transition", "caption", "highlight", "mode", "orbit"),
        )
        if e is None:
            return None
        n_before = len(self.problems)
        plan = self.plan(e["plan"], f"{where}.plan") if "plan" in e else None
        phase_key, phase = (
            self.phase(e.get("phase"), f"{where}.phase", plan)
            if "phase" in e
            else ("", None)
        )
        duration = (
            self.number(
                e["duration"], f"{where}.duration", MIN_STEP_SECONDS, MAX_STEP_SECONDS
            )
            if "duration" in e
            else None
        )
        easing = (
            self.choice(e["easing"], f"{where}.easing", EASINGS)
            if "easing" in e
            else DEFAULT_EASING
        )
        fly = None
        if "fly" in e:
            fly = self.number(e["fly"], f"{where}.fly", 0.0, MAX_STEP_SECONDS)
            if fly is not None and duration is not None and fly > duration:
                self.bad(
                    f"{where}.fly",
                    f"{fly:g} s is longer than the step ({duration:g} s)",
                )
        transition, source = None, None
        if "transition" in e:
            transition, source = self.transition(
                e["transition"], f"{where}.transition", plan, phase, duration
            )
        on = self.on_station(plan, phase, source)
        camera = (
            self.camera(e["camera"], f"{where}.camera", plan, on)
            if "camera" in e
            else None
        )
        caption = (
            self.caption(e["caption"], f"{where}.caption", plan)
            if "caption" in e
            else None
        )
        highlight = (
            self.highlight(e["highlight"], f"{where}.highlight", plan, on)
            if "highlight" in e
            else []
        )
        mode = (
            self.choice(e["mode"], f"{where}.mode", MODES) if "mode" in e else "solid"
        )
        orbit = self.flag(e["orbit"], f"{where}.orbit") if "orbit" in e else False
        if (
            len(self.problems) > n_before
            or plan is None
            or camera is None
            or duration is None
        ):
            return None
        return Step(
            plan.id,
            phase_key,
            duration,
            camera,
            easing,
            fly,
            transition,
            caption,
            tuple(highlight),
            mode,
            orbit,
        )

    # ---- references into the plans ----------------------------------------------

    def plan(self, value, where) -> Plan | None:
        pid = self.string(value, where)
        if not pid:
            return None
        if pid not in self.plans:
            self.bad(
                where,
                f"unknown plan '{printable(pid)}' (plans: "
                f"{', '.join(self.plans.ids())})",
            )
            return None
        try:
            return self.plans.get(pid)
        except RossError as exc:
            self.bad(
                where, f"plan '{pid}' cannot be loaded: {str(exc).splitlines()[0]}"
            )
            return None

    def phase(self, value, where, plan: Plan | None) -> tuple[str | int, int | None]:
        """(the phase as written, its 0-based index or None)."""
        if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
            value = int(value)  # JSON has one number type: 3.0 is the number 3
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            self.bad(
                where,
                "expected a phase id (text) or a phase number, found "
                f"{json_type(value)}",
            )
            return "", None
        if isinstance(value, str) and not self.string(value, where):
            return "", None
        if plan is None:
            return value, None
        try:
            return value, plan.phase_index(value)
        except KeyError as exc:
            msg = exc.args[0] if exc.args else str(exc)
            self.bad(where, f"{printable(msg)} in plan '{plan.id}'")
        except ValueError:  # digits int() does not take, such as '²'
            self.bad(
                where,
                f"'{printable(value)}' is neither a phase id nor a phase "
                f"number of plan '{plan.id}'",
            )
        return value, None

    def transition(self, value, where, plan, phase, duration):
        t = self.table(value, where, ("from", "duration"))
        if t is None:
            return None, None
        key, source = (
            self.phase(t.get("from"), f"{where}.from", plan)
            if "from" in t
            else ("", None)
        )
        if source is not None and source == phase:
            self.bad(
                f"{where}.from",
                "is the step's own phase: a transition goes "
                "from another phase into this one",
            )
        secs = (
            self.number(
                t["duration"], f"{where}.duration", MIN_STEP_SECONDS, MAX_STEP_SECONDS
            )
            if "duration" in t
            else None
        )
        if secs is not None and duration is not None and secs > duration:
            self.bad(
                f"{where}.duration",
                f"{secs:g} s is longer than the step ({duration:g} s)",
            )
        if secs is None or key == "":
            return None, None
        return Transition(key, secs), source

    @staticmethod
    def on_station(plan, phase, source) -> set[str] | None:
        """Modules on the station during the step (None when unknown)."""
        if plan is None or phase is None:
            return None
        on = set(plan.station.modules(phase))
        if source is not None:
            on |= set(plan.station.modules(source))
        return on

    def module(self, mid: str, where: str, plan, on) -> None:
        if plan is None:
            return
        if mid not in plan.modules:
            self.bad(where, f"no module '{printable(mid)}' in plan '{plan.id}'")
        elif on is not None and mid not in on:
            self.bad(where, f"module '{mid}' is not on the station in this step")

    def highlight(self, value, where, plan, on) -> list[str]:
        ids = self.id_list(value, where, MAX_HIGHLIGHTS)
        for i, mid in enumerate(ids):
            self.module(mid, f"{where}[{i}]", plan, on)
        return ids

    def caption(self, value, where, plan) -> Caption | None:
        c = self.table(value, where, ("en", "ru"), ("sources", "kind"))
        if c is None:
            return None
        text = Text(
            self.prose(c["en"], f"{where}.en") if "en" in c else "",
            self.prose(c["ru"], f"{where}.ru") if "ru" in c else "",
        )
        kind = (
            self.choice(c["kind"], f"{where}.kind", CAPTION_KINDS)
            if "kind" in c
            else "fact"
        )
        sources = (
            self.id_list(c["sources"], f"{where}.sources", 32) if "sources" in c else []
        )
        for i, sid in enumerate(sources):
            if plan is not None and sid not in plan.sources:
                self.bad(
                    f"{where}.sources[{i}]",
                    f"unknown source id '"
                    f"{printable(sid)}' (not a source of plan '{plan.id}')",
                )
        if kind == "title":
            if sources:
                self.bad(
                    f"{where}.sources",
                    "a title states no fact and cites no "
                    "source; make it a fact caption to cite sources",
                )
            for lang in ("en", "ru"):
                if any(ch.isdigit() for ch in getattr(text, lang)):
                    self.bad(
                        f"{where}.{lang}",
                        "a title contains a number or a "
                        "date, which is a fact: make it a fact caption with "
                        "its sources",
                    )
        elif kind == "fact" and not sources:
            self.bad(
                f"{where}.sources",
                "missing: a caption that states facts cites "
                "at least one source id of the step's plan (or is marked "
                '"kind": "title" and states none)',
            )
        return Caption(text, tuple(sources), kind)

    def camera(self, value, where, plan, on) -> Camera | None:
        c = self.table(
            value,
            where,
            (),
            ("center", "distance", "elevation", "azimuth", "view", "frame"),
        )
        if c is None:
            return None
        n_before = len(self.problems)
        center = self.center(c["center"], f"{where}.center") if "center" in c else None
        distance = (
            self.number(c["distance"], f"{where}.distance", 0.5, MAX_COORD)
            if "distance" in c
            else None
        )
        elevation = (
            self.number(c["elevation"], f"{where}.elevation", -90.0, 90.0)
            if "elevation" in c
            else None
        )
        azimuth = (
            self.number(c["azimuth"], f"{where}.azimuth", -720.0, 720.0)
            if "azimuth" in c
            else None
        )
        view = self.choice(c["view"], f"{where}.view", VIEWS) if "view" in c else None
        frame = self.string(c["frame"], f"{where}.frame") if "frame" in c else None
        if "center" in c:
            for key in ("distance", "elevation", "azimuth"):
                if key not in c:
                    self.bad(
                        f"{where}.{key}",
                        "missing: a keyframe (with a center) "
                        "gives center, distance, elevation and azimuth",
                    )
            for key in ("view", "frame"):
                if key in c:
                    self.bad(
                        f"{where}.{key}",
                        "a keyframe (with a center) takes no "
                        "view or frame; leave out the center to frame something",
                    )
        else:
            if ("elevation" in c) != ("azimuth" in c):
                self.bad(where, "elevation and azimuth are given together")
            if "view" in c and ("elevation" in c or "azimuth" in c):
                self.bad(
                    f"{where}.view",
                    "a named view sets elevation and azimuth; give one or the other",
                )
            if frame and frame != STATION:
                self.module(frame, f"{where}.frame", plan, on)
        if len(self.problems) > n_before:
            return None
        return Camera(center, distance, elevation, azimuth, view, frame)

    def center(self, value, where) -> tuple[float, float, float] | None:
        if not isinstance(value, list) or len(value) != 3:
            self.bad(
                where,
                f"expected [x, y, z] in metres, found {json_type(value)}"
                + (f" of {len(value)}" if isinstance(value, list) else ""),
            )
            return None
        xyz = [
            self.number(v, f"{where}[{i}]", -MAX_COORD, MAX_COORD)
            for i, v in enumerate(value)
        ]
        x, y, z = xyz
        if x is None or y is None or z is None:
            return None
        return (x, y, z)
