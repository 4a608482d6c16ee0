"""The caption printed on a picture of a phase (`--caption`), in English or Russian.

Three lines at most: the plan, the phase and its date (planned phases say so); that the
layout is an interpretation, when the plan says it is; and the sources of the phase.
A newspaper prints that last line as it stands, so sources the plan rates of low
reliability (aggregators, reposts) are counted and named by id, not by outlet: the
picture names the outlets a reader can check, and the ids lead to every source in the
plan's source list (`main.py info`).
"""

from __future__ import annotations

import datetime as _dt

from .plan import Plan, text
from .wording import lang_of

_WORDS = {
    "en": {
        "phase": "phase",
        "planned": "planned",
        "layout": "Layout: an interpretation; no source gives port-by-port assignments",
        "sources": "Sources",
        "low": "of low reliability",
    },
    "ru": {
        "phase": "этап",
        "planned": "план:",
        "layout": "Компоновка — интерпретация: ни один источник не называет порты",
        "sources": "Источники",
        "low": "низкой надёжности",
    },
}


def _planned(date: str, today: _dt.date) -> bool:
    """A phase dated after today (a year, year-month or full date) is a plan."""
    year = date[:4]
    return year.isdigit() and (int(year), date[5:7] or "12") > (
        today.year,
        f"{today.month:02d}",
    )


def caption_lines(
    plan: Plan, phase: int, lang: str = "en", today: _dt.date | None = None
) -> list[str]:
    lang = lang_of(lang)
    w = _WORDS[lang]
    ph = plan.phases[phase]
    when = ph.date_label(lang)
    if _planned(ph.date or "", today or _dt.date.today()):
        when = f"{w['planned']} {when}"
    lines = [
        f"{text(plan.title, lang)} — {w['phase']} {phase + 1}/{len(plan.phases)}: "
        f"{text(ph.name, lang)} ({when})"
    ]
    if plan.interpretation:
        lines.append(w["layout"])
    outlets: list[str] = []
    cited: list[str] = []
    low: list[str] = []
    for sid in ph.sources:
        src = plan.sources.get(sid)
        if src is None:
            continue
        if src.low_reliability:
            low.append(sid)
            continue
        cited.append(sid)
        if src.outlet not in outlets:
            outlets.append(src.outlet)
    ids = ", ".join(cited)
    if low:
        more = f"{len(low)} {w['low']}: {', '.join(low)}"
        ids = f"{ids}; + {more}" if ids else more
    named = ", ".join(outlets)
    lines.append(
        f"{w['sources']}: {named} ({ids}) · ROSS Explorer"
        if named
        else f"{w['sources']}: {ids} · ROSS Explorer"
    )
    return lines
