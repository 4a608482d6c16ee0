"""Text and JSON reports of a plan for the command line (`main.py info`, `plans`).

The JSON report gives, per phase, the modules on the station, how each one is attached
(parent module, parent port, own port), the totals with what they count and what they
miss, and the published totals. A total nobody can sum has `value` null, no `range`
and `confidence` null (never a confirmed zero); a lower bound has `lower_bound` true and
the range [value, null]; a complete total has the range [low, high]. Prose fields are
{"en": ..., "ru": ...} tables. The text report is written in English or Russian.
"""

from __future__ import annotations

import textwrap

from . import wording
from .assembly import StationState
from .catalogue import load_plan, plan_paths
from .figures import MODULE_QUANTITIES, TOTAL_QUANTITIES, Figure, Span
from .geometry import build_plan, station_triangles
from .plan import Plan, text
from .totals import PhaseTotals, missing_labels, phase_totals

_AXIS = {
    "fwd": "+X",
    "aft": "−X",
    "port": "+Y",
    "stbd": "−Y",
    "zenith": "+Z",
    "nadir": "−Z",
}

_WORDS = {
    "en": {
        "status": "Status",
        "announced": "announced",
        "as_of": "as of",
        "orbit": "Orbit",
        "interpretation": "INTERPRETATION",
        "axes": "Axes",
        "drawing": "Drawing",
        "layout_documented": "Layout: documented by the sources",
        "layout_interpretation": "Layout: an interpretation",
        "modules": "Modules",
        "modules_after": "Modules on the station after phase",
        "launch": "launch",
        "no_figures": "no published figures",
        "drawn": "drawn at",
        "phases": "Phases",
        "phase": "Phase",
        "changes": "changes",
        "attached": "attached",
        "on": "on",
        "own": "own port",
        "missing": "not published for",
        "published": "published",
        "crew": "crew",
        "not_stated": "not stated",
        "ports_used": "ports used",
        "free": "free",
        "sources": "Sources",
        "low": "low reliability",
        "outlet_only": "outlet only, no page to link",
        "published_size": "published",
        "inferred_size": "inferred",
    },
    "ru": {
        "status": "Статус",
        "announced": "объявлен",
        "as_of": "по состоянию на",
        "orbit": "Орбита",
        "interpretation": "ИНТЕРПРЕТАЦИЯ",
        "axes": "Оси",
        "drawing": "Рисунок",
        "layout_documented": "Компоновка: по источникам",
        "layout_interpretation": "Компоновка: интерпретация",
        "modules": "Модули",
        "modules_after": "Модули станции после этапа",
        "launch": "запуск",
        "no_figures": "данные не опубликованы",
        "drawn": "нарисован размером",
        "phases": "Этапы",
        "phase": "Этап",
        "changes": "изменения",
        "attached": "стыковки",
        "on": "к",
        "own": "свой порт",
        "missing": "нет данных для",
        "published": "опубликовано",
        "crew": "экипаж",
        "not_stated": "не указан",
        "ports_used": "занято портов",
        "free": "свободно",
        "sources": "Источники",
        "low": "низкая надёжность",
        "outlet_only": "известно только издание, ссылки нет",
        "published_size": "опубликованный",
        "inferred_size": "выведенный",
    },
}


def figure_json(f: Figure | None) -> dict | None:
    if f is None:
        return None
    out = {
        "value": f.value,
        "unit": f.unit,
        "sources": list(f.sources),
        "confidence": f.confidence,
    }
    if f.has_range:
        out["range"] = [f.low, f.high]
    if f.note:
        out["note"] = f.note
    return out


def span_json(s: Span, plan: Plan | None = None) -> dict:
    """A total: value null and confidence null when nothing could be summed."""
    out: dict[str, object] = {
        "value": s.value,
        "unit": s.unit,
        "confidence": s.confidence,
        "lower_bound": s.lower_bound,
        "counted": list(s.counted),
        "missing": list(s.missing),
    }
    if s.counted:
        # a lower bound has no upper end: [value, null]; otherwise [low, high]
        out["range"] = [s.value, None] if s.lower_bound else [s.low, s.high]
    if s.step is not None:
        out["step"] = s.step
    if plan is not None:
        out["missing_abbr"] = {
            lang: missing_labels(plan, s, lang) for lang in wording.LANGUAGES
        }
    return out


def attachments(state: StationState) -> list[dict]:
    """How each module of a phase is attached: parent module, parent port, own port."""
    out = []
    for mid in state.modules:
        j = state.joints.get(mid)
        if j is None:
            continue
        out.append(
            {
                "module": mid,
                "parent": j.parent,
                "parent_port": j.port,
                "own_port": j.own_port,
                "roll": j.roll,
            }
        )
    return out


def plan_json(plan: Plan, phase: int | None = None) -> dict:
    states = plan.station.snapshots
    totals = phase_totals(plan, states)
    meshes = build_plan(plan)
    shown = range(len(plan.phases)) if phase is None else [phase]
    present = set(states[phase].modules) if phase is not None else set(plan.modules)
    return {
        "id": plan.id,
        "title": plan.title,
        "date": plan.date,
        "status": plan.status,
        "summary": plan.summary,
        "layout": plan.layout,
        "interpretation": plan.interpretation or None,
        "axes": plan.axes or None,
        "drawing": plan.drawing or None,
        "orbit": {q: figure_json(f) for q, f in plan.orbit.items()},
        "orbit_numbers": _orbit_numbers(plan),
        "modules": [_module_json(plan, mid) for mid in plan.modules if mid in present],
        "phases": [_phase_json(plan, states[i], totals[i], meshes) for i in shown],
        "sources": {
            sid: {
                "title": s.title,
                "outlet": s.outlet,
                "date": s.date or None,
                "url": s.url or None,
                "outlet_only": s.outlet_only,
                "reliability": s.reliability or None,
            }
            for sid, s in plan.sources.items()
        },
    }


def _orbit_numbers(plan: Plan) -> dict | None:
    """What the plan's orbit means (period, node drift, coverage of Russia, shadow and
    beta; see models3d.orbit_report), for the year from the plan's own date, so the
    report is the same whenever it is made. None for a plan that states no orbit."""
    import datetime as _dt

    from .orbit_report import orbit_summary

    y, m, d = (int(x) for x in (plan.date + "-01-01")[:10].split("-"))
    return orbit_summary(plan, _dt.date(y, m, d))


def _module_json(plan: Plan, mid: str) -> dict:
    m = plan.modules[mid]
    launch = None
    if m.launch:
        launch = {
            "date": m.launch.date or None,
            "date_end": m.launch.date_end or None,
            "vehicle": m.launch.vehicle or None,
            "site": m.launch.site or None,
            "sources": list(m.launch.sources),
            "confidence": m.launch.confidence,
            "note": m.launch.note or None,
        }
    return {
        "id": mid,
        "kind": m.kind,
        "category": m.category,
        "name": m.name,
        "abbr": m.abbr,
        "role": m.role,
        "note": m.note or None,
        "launch": launch,
        "figures": {q: figure_json(f) for q, f in m.figures.items()},
        "shape": {
            "length": m.shape.length,
            "diameter": m.shape.diameter,
            "basis": m.shape.basis,
            "note": m.shape.note or None,
        },
    }


def _phase_json(plan, state: StationState, tot: PhaseTotals, meshes) -> dict:
    ph = plan.phases[state.phase_index]
    return {
        "number": ph.index + 1,
        "id": ph.id,
        "name": ph.name,
        "date": ph.date or None,
        "date_end": ph.date_end or None,
        "confidence": ph.confidence,
        "sources": list(ph.sources),
        "note": ph.note or None,
        "added": list(state.added),
        "removed": list(state.removed),
        "relocated": list(state.relocated),
        "modules": list(state.modules),
        "root": state.root,
        "attachments": attachments(state),
        "totals": {q: span_json(s, plan) for q, s in tot.sums.items()},
        "published_totals": {q: figure_json(f) for q, f in tot.published.items()},
        "crew": figure_json(tot.crew),
        "ports": {"used": tot.ports_used, "free": tot.ports_free},
        "triangles": station_triangles(state, meshes),
    }


def port_text(port: str, lang: str = "en") -> str:
    """'zenith (+Z)': a port name as shown, with its axis in the module's frame."""
    label = wording.PORT_LABELS[wording.lang_of(lang)].get(port, port)
    return f"{label} ({_AXIS[port]})" if port in _AXIS else label


def plan_text(plan: Plan, phase: int | None = None, lang: str = "en") -> str:
    lang = wording.lang_of(lang)
    w_ = _WORDS[lang]
    labels = wording.QUANTITY_LABELS[lang]
    states = plan.station.snapshots
    totals = phase_totals(plan, states)
    out: list[str] = []
    w = out.append
    other = "ru" if lang == "en" else "en"
    w(f"{text(plan.title, lang)}  [{plan.id}]")
    if plan.title.get(other):
        w(plan.title[other])
    status = wording.STATUS_LABELS[lang].get(plan.status, plan.status)
    w(
        f"{w_['status']}: {status} · "
        f"{w_['as_of' if plan.status == 'historical' else 'announced']} {plan.date} · "
        f"{wording.counted(len(plan.phases), 'phase', lang)} · "
        f"{wording.counted(len(plan.modules), 'module', lang)}"
    )
    if plan.orbit:
        w(
            f"{w_['orbit']}: "
            + "; ".join(
                f"{labels[q].lower()} {_fig(f, lang)}" for q, f in plan.orbit.items()
            )
        )
    w("")
    w(_wrap(text(plan.summary, lang)))
    w("")
    w(w_["layout_" + plan.layout])
    if plan.interpretation:
        w(_wrap(f"{w_['interpretation']}: " + text(plan.interpretation, lang)))
    for key in ("axes", "drawing"):
        if getattr(plan, key):
            w(_wrap(f"{w_[key]}: " + text(getattr(plan, key), lang)))

    present = set(states[phase].modules) if phase is not None else set(plan.modules)
    w("")
    w(w_["modules"] if phase is None else f"{w_['modules_after']} {phase + 1}")
    for mid, m in plan.modules.items():
        if mid in present:
            _module_text(w, m, mid, lang)
    w("")
    w(w_["phases"] if phase is None else w_["phase"])
    shown = range(len(plan.phases)) if phase is None else [phase]
    for i in shown:
        _phase_text(w, plan, states[i], totals[i], lang)
    w("")
    w(w_["sources"])
    for sid, s in plan.sources.items():
        rel = f" [{w_['low']}]" if s.reliability else ""
        date = f", {s.date}" if s.date else ""
        w(f"  {sid:<4} {s.title} — {s.outlet}{date}{rel}")
        w(f"       {s.url}" if s.url else f"       ({w_['outlet_only']})")
    return "\n".join(out) + "\n"


def _module_text(w, m, mid: str, lang: str) -> None:
    w_ = _WORDS[lang]
    labels = wording.QUANTITY_LABELS[lang]
    w("")
    w(
        f"  {text(m.abbr, lang):<9} {text(m.name, 'en')} / {m.name.get('ru', '–')}"
        f"  [{mid}: {m.kind}, {m.category}]"
    )
    if m.launch:
        bits = [
            b
            for b in (
                m.launch.date_label(),
                text(m.launch.vehicle, lang),
                text(m.launch.site, lang),
            )
            if b
        ]
        w(
            f"            {w_['launch']} {', '.join(bits) or '–'}  "
            f"({_conf(m.launch.confidence, lang)}: {', '.join(m.launch.sources)})"
        )
    for q in MODULE_QUANTITIES:
        f = m.figures.get(q)
        if f is not None:
            w(
                f"            {labels[q]:<20} {f.format(lang=lang):<22} "
                f"{_conf(f.confidence, lang):<10} {', '.join(f.sources)}"
            )
    if not m.figures:
        w(f"            {w_['no_figures']}")
    size = w_["published_size" if m.shape.basis == "published" else "inferred_size"]
    w(
        f"            {w_['drawn']} {wording.number(m.shape.length, lang=lang)} × "
        f"{wording.with_unit(wording.number(m.shape.diameter, lang=lang), 'm', lang)} "
        f"({size})"
    )


def _phase_text(w, plan: Plan, st: StationState, tot: PhaseTotals, lang: str) -> None:
    w_ = _WORDS[lang]
    labels = wording.QUANTITY_LABELS[lang]
    ph = plan.phases[st.phase_index]
    w("")
    w(
        f"  {ph.index + 1}. {text(ph.name, lang)} — {ph.date_label(lang)}  "
        f"({_conf(ph.confidence, lang)}: {', '.join(ph.sources)})"
    )
    changes = (
        [f"+{m}" for m in st.added]
        + [f"−{m}" for m in st.removed]
        + [f"↷{m}" for m in st.relocated]
    )
    if changes:
        w(f"     {w_['changes']}: {' '.join(changes)}")
    for a in attachments(st):
        if a["module"] in st.added or a["module"] in st.relocated:
            child, parent = plan.modules[a["module"]], plan.modules[a["parent"]]
            w(
                f"     {text(child.abbr, lang)} {w_['on']} {text(parent.abbr, lang)}, "
                f"{port_text(a['parent_port'], lang)}; {w_['own']} "
                f"{port_text(a['own_port'], lang)}"
            )
    w(
        "     "
        + " · ".join(
            f"{labels[q].lower()} {tot.sums[q].format(lang=lang)}"
            for q in TOTAL_QUANTITIES
        )
    )
    for q, s in tot.sums.items():
        if s.missing:
            w(
                f"       ({labels[q].lower()}: {w_['missing']} "
                f"{', '.join(missing_labels(plan, s, lang))})"
            )
    for q, f in tot.published.items():
        w(f"     {w_['published']} {labels[q].lower()}: {_fig(f, lang)}")
    crew = _fig(tot.crew, lang) if tot.crew else w_["not_stated"]
    w(
        f"     {w_['crew']} {crew} · {w_['ports_used']} {tot.ports_used}, {w_['free']} "
        f"{tot.ports_free} · {wording.counted(tot.modules, 'module', lang)}, "
        f"{wording.counted(tot.vehicles, 'vehicle', lang)}"
    )


def plans_listing() -> list[dict]:
    out = []
    for pid, path in plan_paths().items():
        plan = load_plan(path)
        out.append(
            {
                "id": pid,
                "title": text(plan.title),
                "status": plan.status,
                "date": plan.date,
                "layout": plan.layout,
                "phases": len(plan.phases),
                "modules": len(plan.modules),
                "path": str(path),
            }
        )
    return out


def _conf(c: str | None, lang: str) -> str:
    return wording.CONFIDENCE_LABELS[lang].get(c, c or "")


def _fig(f: Figure, lang: str = "en") -> str:
    return (
        f"{f.format(lang=lang)} ({_conf(f.confidence, lang)}: {', '.join(f.sources)})"
    )


def _wrap(s: str) -> str:
    return "\n".join(textwrap.wrap(s, 92))
