"""JSON values of a tour file, each problem noted with its key path.

`JsonValues` is the plan reader's `ValueReader` with JSON's words (object, list, text,
true/false, null) and the checks tour files add: one-paragraph prose without control
characters, bilingual `Text`, lists of ids without repeats. `parse_json` is the decoder
the reader uses: objects that remember keys given twice, NaN and Infinity refused.
"""

from __future__ import annotations

import json
import re

from ..fileio import printable
from ..plan.values import ValueReader, join
from .model import Text

MAX_CAPTION_CHARS = 600
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def parse_json(text: str):
    """The document in `text`: json.JSONDecodeError, ValueError, RecursionError or
    MemoryError when it is not JSON the reader takes."""
    return json.loads(text, object_pairs_hook=_Object, parse_constant=_no_constant)


class _Object(dict):
    """A JSON object that remembers keys given more than once (json keeps the last)."""

    def __init__(self, pairs):
        super().__init__(pairs)
        seen: set = set()
        self.twice: list = []
        for k, _ in pairs:
            if k in seen:
                self.twice.append(k)
            seen.add(k)


def _no_constant(token: str):
    raise ValueError(f"{token} is not a number JSON allows")


def json_type(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return {
        dict: "an object",
        _Object: "an object",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)


class JsonValues(ValueReader):
    """Converts JSON values, collecting problems as 'file: key.path: message'."""

    # ---- values in JSON's words -------------------------------------------------

    TABLE = "an object"

    def kind(self, value) -> str:
        return json_type(value)

    def key_text(self, key) -> str:
        return printable(key)

    def table(self, value, where, required=(), optional=(), free=False) -> dict | None:
        for key in getattr(value, "twice", ()):
            self.bad(join(where, printable(key)), "given twice")
        return super().table(value, where, required, optional, free)

    def prose(self, value, where, max_len=MAX_CAPTION_CHARS) -> str:
        s = self.string(value, where, max_len=max_len)
        if _CONTROL.search(s):
            self.bad(
                where,
                "contains a control character or a line break (captions "
                "are one paragraph; the player wraps them)",
            )
        return s

    def text(self, value, where) -> Text | None:
        t = self.table(value, where, ("en", "ru"))
        if t is None:
            return None
        return Text(
            self.prose(t["en"], join(where, "en")) if "en" in t else "",
            self.prose(t["ru"], join(where, "ru")) if "ru" in t else "",
        )

    def id_list(self, value, where, limit: int) -> list[str]:
        if not isinstance(value, list):
            self.bad(where, f"expected a list, found {json_type(value)}")
            return []
        if len(value) > limit:
            self.bad(where, f"{len(value)} entries; at most {limit}")
            return []
        out: list[str] = []
        for i, item in enumerate(value):
            s = self.string(item, f"{where}[{i}]")
            if s in out:
                self.bad(f"{where}[{i}]", f"'{printable(s)}' is listed twice")
            elif s:
                out.append(s)
        return out
