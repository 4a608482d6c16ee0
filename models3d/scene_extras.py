"""The figures that travel inside exported 3D files: glTF `extras` of the root and of
every module node, and the OBJ/STL header lines.

Everything here is the JSON that `main.py info --json` prints (`models3d.report`), cut
per node, so a viewer, a script or the web page shows the same sourced figures as the
app: module nodes hold `extras.module` (names in English and Russian, abbreviation,
role, launch, every figure with value, unit, range, confidence and source ids, the drawn
shape); the root holds `extras.plan` (title, status, date, summary, interpretation note,
orbit and the source list with URLs) and `extras.phase` (that phase's changes and
totals). `extras.type` marks visiting vehicles, partners' modules and reference models;
`extras.imported_model` marks a module drawn with a user's own model.
"""

from __future__ import annotations

from .plan import Module, Plan, text

GENERATOR = "ROSS Explorer"
# what extras.axes says; models3d.axes derives and explains the rotation
AXES_NOTE = {
    "units": "metres",
    "up": "+Y is the station's zenith (the app's +Z)",
    "velocity": "+X is the flight direction (the app's +X)",
    "rotation": "file (x, y, z) = app (x, z, -y)",
}
_TYPES = {
    "module": "module",
    "vehicle": "visiting_vehicle",
    "partner": "partner_module",
}


def plan_report(plan: Plan, phase: int | None = None) -> dict:
    """`info --json` of the plan (every phase when `phase` is None)."""
    from .report import plan_json  # the report builds totals and meshes: import on use

    return plan_json(plan, phase)


def root_extras(report: dict, lang: str = "en") -> dict:
    """Extras of the root node from a `plan_report`; `phase` when it has one phase."""
    plan = {k: v for k, v in report.items() if k not in ("modules", "phases")}
    out = {"generator": GENERATOR, "language": lang, "axes": AXES_NOTE, "plan": plan}
    if len(report["phases"]) == 1:
        out["phase"] = report["phases"][0]
    return out


def module_extras(report: dict, module: Module, imported: bool = False) -> dict:
    """Extras of one module node from a `plan_report`. `in_totals` follows the totals'
    rule (Module.in_totals): every module on the station counts, a partner's too;
    visiting vehicles do not."""
    found = next(m for m in report["modules"] if m["id"] == module.id)
    return {
        "type": _TYPES.get(module.category, module.category),
        "imported_model": imported,
        "in_totals": module.in_totals,
        "module": found,
    }


def reference_extras(ref_id: str) -> dict:
    return {
        "type": "reference_model",
        "imported_model": True,
        "in_totals": False,
        "reference": {"id": ref_id},
    }


def root_name(plan: Plan, phase: int | None, lang: str = "en") -> str:
    """'ros-2024 — phase 7: Final station (2033)', or the plan alone for all phases."""
    if phase is None:
        return f"{plan.id} — {text(plan.title, lang)}"
    ph = plan.phases[phase]
    date = f" ({ph.date_label()})" if ph.date else ""
    return f"{plan.id} — phase {phase + 1}: {text(ph.name, lang)}{date}"


def module_name(plan: Plan, module_id: str, lang: str = "en") -> str:
    """'nem (Science and Power Module)': the id, then the translated name."""
    name = text(plan.modules[module_id].name, lang)
    return f"{module_id} ({name})" if name else module_id


def header_lines(plan: Plan, phase: int, lang: str = "en") -> list[str]:
    """Comment lines heading an OBJ file: what, which axes, the sources."""
    lines = [
        f"{GENERATOR}: {root_name(plan, phase, lang)}",
        f"{text(plan.title, lang)} · status {plan.status} · {plan.date}",
        "metres, +Y up (zenith), +X velocity, file (x, y, z) = app (x, z, -y)",
    ]
    if plan.interpretation:
        lines.append("interpretation: " + text(plan.interpretation, lang))
    # an outlet-only source has no page: its outlet, and no address
    lines += [
        f"source {sid}: {s.title} — {s.url or s.outlet + ' (outlet only, no page)'}"
        for sid, s in plan.sources.items()
    ]
    return lines
