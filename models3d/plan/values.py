"""Reading the values a plan file is made of, each problem noted with its key path.

`ValueReader` checks tables, text, numbers, ids, dates, bilingual text tables, source
lists, figures and source entries; `models3d.plan.reader` walks the document with it.
Nothing here raises: a bad value is noted and a neutral value returned, so one pass
reports every problem of a file.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from urllib.parse import urlsplit

from ..figures import CONFIDENCES, UNITS, Figure, written_step
from .model import LANGUAGES, Source

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,47}")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_URL = re.compile(r"^https?://[^\s/$.?#].[^\s]*$")


class ValueReader:
    """Converts plan values, collecting problems as 'file: key.path: message'."""

    def __init__(self, name: str):
        self.name = name
        self.problems: list[str] = []
        self.source_ids: set[str] = set()

    def bad(self, where: str, message: str) -> None:
        self.problems.append(
            f"{self.name}: {where}: {message}" if where else f"{self.name}: {message}"
        )

    # ---- how messages name values: another file format (models3d.tour.values,
    # JSON) names them in its own words -------------------------------------------

    TABLE = "a table"

    def kind(self, value) -> str:
        return type_name(value)

    def key_text(self, key) -> str:
        return key

    # ---- generic shapes ---------------------------------------------------------

    def table(self, value, where, required=(), optional=(), free=False) -> dict | None:
        if not isinstance(value, dict):
            self.bad(where, f"expected {self.TABLE}, found {self.kind(value)}")
            return None
        for key in () if free else value:
            if key not in required and key not in optional:
                allowed = ", ".join(list(required) + list(optional))
                self.bad(
                    join(where, self.key_text(key)),
                    f"unknown key (allowed here: {allowed})",
                )
        for key in required:
            if key not in value:
                self.bad(join(where, key), "missing")
        return value

    def string(self, value, where, allow_empty=False, max_len=4000) -> str:
        if not isinstance(value, str):
            self.bad(where, f"expected text, found {self.kind(value)}")
            return ""
        if not allow_empty and not value.strip():
            self.bad(where, "is empty")
        if len(value) > max_len:
            self.bad(where, f"is {len(value)} characters long (at most {max_len})")
        return value

    def number(self, value, where, lo=-math.inf, hi=math.inf) -> float | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.bad(where, f"expected a number, found {self.kind(value)}")
            return None
        try:
            value = float(value)
        except OverflowError:
            self.bad(where, "number too large")
            return None
        if not math.isfinite(value):
            self.bad(where, f"{value} is not a finite number")
            return None
        if not lo <= value <= hi:
            self.bad(where, f"{value:g} is outside {lo:g}–{hi:g}")
            return None
        return value

    def ident(self, value, where) -> str:
        s = self.string(value, where)
        if s and not ID.fullmatch(s):
            self.bad(where, f"'{s}' is not a valid id (letters, digits, '-' and '_')")
        return s

    def choice(self, value, where, options) -> str:
        s = self.string(value, where)
        if s and s not in options:
            self.bad(where, f"'{s}' is not one of {', '.join(options)}")
        return s

    def flag(self, value, where) -> bool:
        if not isinstance(value, bool):
            self.bad(where, f"expected true or false, found {self.kind(value)}")
            return False
        return value

    def date(self, value, where) -> str:
        s = self.string(value, where)
        if not s:
            return ""
        m = _DATE.fullmatch(s)
        if not m:
            self.bad(where, f"'{s}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            return s
        y, mo, d = (int(g) if g else 1 for g in m.groups())
        try:
            _dt.date(y, mo, d)
        except ValueError:
            self.bad(where, f"'{s}' is not a calendar date")
            return s
        if not 1950 <= y <= 2100:
            self.bad(where, f"year {y} is outside 1950–2100")
        return s

    def text_table(self, value, where) -> dict:
        """A prose field: {en = "...", ru = "..."}, both languages required."""
        if isinstance(value, str):
            self.bad(
                where,
                "expected a table, found text (prose is written in English "
                'and Russian: { en = "...", ru = "..." })',
            )
            return {}
        t = self.table(value, where, LANGUAGES)
        if t is None:
            return {}
        return {
            lang: self.string(t[lang], join(where, lang))
            for lang in LANGUAGES
            if lang in t
        }

    def string_list(self, value, where, check=None) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.bad(where, f"expected a list, found {self.kind(value)}")
            return ()
        out = []
        for i, item in enumerate(value):
            s = self.string(item, f"{where}[{i}]")
            if s and check:
                check(s, f"{where}[{i}]")
            out.append(s)
        return tuple(out)

    def sources_list(self, value, where, required=True) -> tuple[str, ...]:
        ids = self.string_list(value, where, self._known_source)
        if required and isinstance(value, list) and not value:
            self.bad(where, "needs at least one source id")
        return ids

    def _known_source(self, sid: str, where: str) -> None:
        if sid not in self.source_ids:
            self.bad(where, f"unknown source id '{sid}' (not listed under [sources])")

    # ---- sources and figures ----------------------------------------------------

    def source(self, sid: str, entry, where: str) -> Source | None:
        e = self.table(
            entry,
            where,
            ("title", "outlet"),
            ("url", "date", "reliability", "outlet_only"),
        )
        if e is None:
            return None
        outlet_only = (
            self.flag(e["outlet_only"], f"{where}.outlet_only")
            if "outlet_only" in e
            else False
        )
        url = self.string(e["url"], f"{where}.url") if "url" in e else ""
        if outlet_only and "url" in e:
            self.bad(
                f"{where}.url",
                "an outlet-only source shows no link: remove the url "
                "or give the cited page and drop outlet_only",
            )
        elif not outlet_only and "url" not in e:
            self.bad(
                f"{where}.url",
                "missing (the address of the cited page; if only the "
                "outlet is known, set outlet_only = true)",
            )
        elif url:
            self._check_url(url, f"{where}.url")
        return Source(
            sid,
            self.string(e["title"], f"{where}.title") if "title" in e else "",
            self.string(e["outlet"], f"{where}.outlet") if "outlet" in e else "",
            "" if outlet_only else url,
            self.date(e["date"], f"{where}.date") if "date" in e else "",
            self.choice(e["reliability"], f"{where}.reliability", ("low",))
            if "reliability" in e
            else "",
            outlet_only,
        )

    def _check_url(self, url: str, where: str) -> None:
        if not _URL.fullmatch(url):
            self.bad(where, f"'{url}' is not an http(s) address")
            return
        parts = urlsplit(url)
        if parts.path in ("", "/") and not parts.query:
            # a home page is not a source: it never shows the figure it is cited for
            self.bad(
                where,
                f"'{url}' is only a domain: give the address of the cited "
                "page, or set outlet_only = true and remove the url",
            )

    def figure(self, value, where, quantity) -> Figure | None:
        t = self.table(
            value, where, ("value", "unit", "sources", "confidence"), ("range", "note")
        )
        if t is None:
            return None
        n_before = len(self.problems)
        val = (
            self.number(t.get("value"), join(where, "value"), lo=0.0)
            if "value" in t
            else None
        )
        unit = (
            self.string(t.get("unit", ""), join(where, "unit")) if "unit" in t else ""
        )
        units = UNITS[quantity]
        if unit and unit not in units:
            self.bad(
                join(where, "unit"),
                f"'{unit}' is not a unit of "
                f"{quantity.replace('_', ' ')} (use {' or '.join(units)})",
            )
        sources = (
            self.sources_list(t["sources"], join(where, "sources"))
            if "sources" in t
            else ()
        )
        conf = (
            self.choice(t["confidence"], join(where, "confidence"), CONFIDENCES)
            if "confidence" in t
            else ""
        )
        note = self.text_table(t["note"], join(where, "note")) if "note" in t else {}
        low = high = val
        if "range" in t:
            r = t["range"]
            if not isinstance(r, list) or len(r) != 2:
                self.bad(join(where, "range"), "expected [low, high]")
            else:
                lo_v = self.number(r[0], join(where, "range[0]"), lo=0.0)
                hi_v = self.number(r[1], join(where, "range[1]"), lo=0.0)
                if lo_v is not None and hi_v is not None:
                    if lo_v > hi_v:
                        self.bad(
                            join(where, "range"), f"low {lo_v:g} is above high {hi_v:g}"
                        )
                    elif val is not None and not lo_v <= val <= hi_v:
                        self.bad(
                            join(where, "range"),
                            f"value {val:g} lies outside the range {lo_v:g}–{hi_v:g}",
                        )
                    low, high = lo_v, hi_v
        if conf == "conflict" and "range" not in t:
            self.bad(
                where, "confidence 'conflict' needs a range giving what the sources say"
            )
        if len(self.problems) > n_before or val is None or unit not in units:
            return None
        if low is None or high is None:
            # never taken: low and high start as val (not None here) and are only
            # replaced by range bounds that were both read as numbers
            return None
        k = units[unit]
        step = max(written_step(x) for x in (val, low, high)) * k
        return Figure(
            quantity,
            val * k,
            next(iter(units)),
            low * k,
            high * k,
            sources,
            conf,
            note,
            unit,
            step,
        )


def join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else str(key)


def type_name(value) -> str:
    return {
        dict: "a table",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)
