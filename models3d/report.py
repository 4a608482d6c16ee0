"""Text and JSON reports of a plan for the command line (`main.py info`, `main.py plans`)."""

from __future__ import annotations

import textwrap

from .assembly import StationState
from .figures import LABELS, MODULE_QUANTITIES, TOTAL_QUANTITIES, Figure, Span
from .geometry import build_plan, station_triangles
from .plan import Plan, text
from .catalogue import load_plan, plan_paths
from .totals import PhaseTotals, phase_totals


def figure_json(f: Figure | None) -> dict | None:
    if f is None:
        return None
    out = {"value": f.value, "unit": f.unit, "sources": list(f.sources),
           "confidence": f.confidence}
    if f.has_range:
        out["range"] = [f.low, f.high]
    if f.note:
        out["note"] = f.note
    return out


def span_json(s: Span) -> dict:
    return {"value": s.value if s.counted else None, "range": [s.low, s.high],
            "unit": s.unit, "confidence": s.confidence, "counted": list(s.counted),
            "missing": list(s.missing)}


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
        "interpretation": plan.interpretation or None,
        "orbit": {q: figure_json(f) for q, f in plan.orbit.items()},
        "modules": [_module_json(plan, mid) for mid in plan.modules if mid in present],
        "phases": [_phase_json(plan, states[i], totals[i], meshes) for i in shown],
        "sources": {sid: {"title": s.title, "outlet": s.outlet, "date": s.date or None,
                          "url": s.url, "reliability": s.reliability or None}
                    for sid, s in plan.sources.items()},
    }


def _module_json(plan: Plan, mid: str) -> dict:
    m = plan.modules[mid]
    launch = None
    if m.launch:
        launch = {"date": m.launch.date or None, "vehicle": m.launch.vehicle or None,
                  "site": m.launch.site or None, "sources": list(m.launch.sources),
                  "confidence": m.launch.confidence, "note": m.launch.note or None}
    return {
        "id": mid, "kind": m.kind, "category": m.category, "name": m.name,
        "abbr": m.abbr, "role": m.role, "launch": launch,
        "figures": {q: figure_json(f) for q, f in m.figures.items()},
        "shape": {"length": m.shape.length, "diameter": m.shape.diameter,
                  "basis": m.shape.basis, "note": m.shape.note or None},
    }


def _phase_json(plan, state: StationState, tot: PhaseTotals, meshes) -> dict:
    ph = plan.phases[state.phase_index]
    return {
        "number": ph.index + 1, "id": ph.id, "name": ph.name,
        "date": ph.date or None, "date_end": ph.date_end or None,
        "confidence": ph.confidence, "sources": list(ph.sources),
        "added": list(state.added), "removed": list(state.removed),
        "relocated": list(state.relocated), "modules": list(state.modules),
        "totals": {q: span_json(s) for q, s in tot.sums.items()},
        "published_totals": {q: figure_json(f) for q, f in tot.published.items()},
        "crew": figure_json(tot.crew),
        "ports": {"used": tot.ports_used, "free": tot.ports_free},
        "triangles": station_triangles(state, meshes),
    }


def plan_text(plan: Plan, phase: int | None = None, lang: str = "en") -> str:
    states = plan.station.snapshots
    totals = phase_totals(plan, states)
    out: list[str] = []
    w = out.append
    w(f"{text(plan.title, lang)}  [{plan.id}]")
    if plan.title.get("ru") and lang == "en":
        w(f"{plan.title['ru']}")
    w(f"Status: {plan.status} · announced {plan.date} · {len(plan.phases)} phases · "
      f"{len(plan.modules)} modules and vehicles")
    if plan.orbit:
        w("Orbit: " + "; ".join(f"{LABELS[q].lower()} {_fig(f)}" for q, f in
                                plan.orbit.items()))
    w("")
    w(_wrap(text(plan.summary, lang)))
    if plan.interpretation:
        w("")
        w(_wrap("INTERPRETATION: " + text(plan.interpretation, lang)))

    present = set(states[phase].modules) if phase is not None else set(plan.modules)
    w("")
    w("Modules" if phase is None else f"Modules on the station after phase {phase + 1}")
    for mid, m in plan.modules.items():
        if mid not in present:
            continue
        w("")
        w(f"  {text(m.abbr, lang):<9} {text(m.name, 'en')} / {m.name.get('ru', '–')}"
          f"  [{mid}: {m.kind}, {m.category}]")
        if m.launch:
            bits = [b for b in (m.launch.date, m.launch.vehicle, m.launch.site) if b]
            w(f"            launch {', '.join(bits) or '–'}  "
              f"({m.launch.confidence}: {', '.join(m.launch.sources)})")
        for q in MODULE_QUANTITIES:
            f = m.figures.get(q)
            if f is not None:
                w(f"            {LABELS[q]:<20} {f.format():<22} {f.confidence:<10} "
                  f"{', '.join(f.sources)}")
        if not m.figures:
            w("            no published figures")
        w(f"            drawn at {m.shape.length:g} m × {m.shape.diameter:g} m "
          f"({m.shape.basis})")
    w("")
    w("Phases" if phase is None else "Phase")
    shown = range(len(plan.phases)) if phase is None else [phase]
    for i in shown:
        ph, st, tot = plan.phases[i], states[i], totals[i]
        w("")
        w(f"  {i + 1}. {text(ph.name, lang)} — {ph.date_label()}  ({ph.confidence}: "
          f"{', '.join(ph.sources)})")
        changes = [f"+{m}" for m in st.added] + [f"−{m}" for m in st.removed] + \
                  [f"↷{m}" for m in st.relocated]
        if changes:
            w(f"     changes: {' '.join(changes)}")
        w("     " + " · ".join(f"{LABELS[q].lower()} {tot.sums[q].format()}"
                               for q in TOTAL_QUANTITIES))
        for q, s in tot.sums.items():
            if s.missing and s.counted:
                w(f"       ({LABELS[q].lower()} not published for: {', '.join(s.missing)})")
        for q, f in tot.published.items():
            w(f"     published {LABELS[q].lower()}: {_fig(f)}")
        crew = _fig(tot.crew) if tot.crew else "not stated"
        w(f"     crew {crew} · ports used {tot.ports_used}, free {tot.ports_free} · "
          f"{tot.modules} modules, {tot.vehicles} visiting vehicles")
    w("")
    w("Sources")
    for sid, s in plan.sources.items():
        rel = " [low reliability]" if s.reliability else ""
        date = f", {s.date}" if s.date else ""
        w(f"  {sid:<4} {s.title} — {s.outlet}{date}{rel}")
        w(f"       {s.url}")
    return "\n".join(out) + "\n"


def plans_listing() -> list[dict]:
    out = []
    for pid, path in plan_paths().items():
        plan = load_plan(path)
        out.append({"id": pid, "title": text(plan.title), "status": plan.status,
                    "date": plan.date, "phases": len(plan.phases),
                    "modules": len(plan.modules), "path": str(path)})
    return out


def _fig(f: Figure) -> str:
    return f"{f.format()} ({f.confidence}: {', '.join(f.sources)})"


def _wrap(s: str) -> str:
    return "\n".join(textwrap.wrap(s, 92))
