"""The Properties panel: the selected module's figures with units, ranges, confidence
badges and sources, where it is docked in the current phase, or the plan's overview
when nothing is selected. Everything is written in the interface language."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser

from models3d import wording
from models3d.figures import MODULE_QUANTITIES, Figure
from models3d.plan import text
from models3d.portmap import docked_text
from models3d.viewer_model import ViewerModel

from ..binding import Bindings
from ..i18n import plural
from .common import badge, kind_label, quantity_label, source_links, source_ref


def tr(s: str) -> str:
    return QCoreApplication.translate("panels", s)


def ntr(s: str, n: int) -> str:
    return plural("panels", s, n)


def _small(s: str) -> str:
    return f'<br><span style="font-size:small; color:gray;">{html.escape(s)}</span>'


def _figure_row(plan, label: str, f: Figure, lang: str = "en") -> str:
    note = _small(text(f.note, lang)) if f.note else ""
    return (
        f"<tr><td>{html.escape(label)}</td><td><b>{html.escape(f.format(lang=lang))}"
        f"</b>{note}</td><td>{badge(f.confidence)}</td>"
        f"<td>{source_links(plan, f.sources)}</td></tr>"
    )


def _metres(x: float, lang: str) -> str:
    return wording.with_unit(wording.number(x, None, lang), "m", lang)


def module_html(plan, mid: str, lang: str = "en", phase: int | None = None) -> str:
    """A module's page; with `phase`, where it is docked in that phase."""
    m = plan.modules[mid]
    other = "ru" if lang == "en" else "en"
    parts = [
        f"<h3>{html.escape(text(m.abbr, lang))} — {html.escape(text(m.name, lang))}"
        "</h3>"
    ]
    if m.name.get(other):
        parts.append(f"<p><i>{html.escape(m.name[other])}</i></p>")
    kind = {
        "module": tr("station module"),
        "vehicle": tr("visiting vehicle"),
        "partner": tr("module of another station"),
    }[m.category]
    parts.append(f"<p>{html.escape(text(m.role, lang))}</p>")
    parts.append(
        f'<p style="color:gray;">{html.escape(kind)} · '
        f"{html.escape(kind_label(m.kind))} · {tr('id')} {html.escape(mid)}</p>"
    )
    if phase is not None:
        docked = docked_text(plan, phase, mid, lang)
        if docked:
            docked = docked[0].upper() + docked[1:]
        elif plan.station.snapshots[phase].root == mid:
            docked = tr("The root of the station: the other modules attach to it.")
        if docked:
            parts.append(f"<p>{html.escape(docked)}</p>")
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
        note = _small(text(m.launch.note, lang)) if m.launch.note else ""
        parts.append(
            f"<p><b>{tr('Launch')}:</b> {html.escape(', '.join(bits) or '—')} "
            f"{badge(m.launch.confidence)} {source_links(plan, m.launch.sources)}"
            f"{note}</p>"
        )
    rows = [
        _figure_row(plan, quantity_label(q), m.figures[q], lang)
        for q in MODULE_QUANTITIES
        if q in m.figures
    ]
    if rows:
        parts.append(
            '<table cellspacing="0" cellpadding="3">' + "".join(rows) + "</table>"
        )
    else:
        parts.append(f"<p><i>{tr('No figures published for this module.')}</i></p>")
    missing = [
        quantity_label(q)
        for q in ("mass", "length", "diameter", "pressurized_volume", "power")
        if q not in m.figures
    ]
    if missing and rows:
        parts.append(
            f'<p style="color:gray;">{tr("Not published")}: '
            f"{html.escape(', '.join(missing))}</p>"
        )
    basis = (
        tr("published size")
        if m.shape.basis == "published"
        else tr("drawing size, not a published figure")
    )
    parts.append(
        f'<p style="font-size:small;"><b>{tr("Drawn at")}</b> '
        f"{html.escape(_metres(m.shape.length, lang))} × "
        f"{html.escape(_metres(m.shape.diameter, lang))} ({html.escape(basis)})"
        + (f": {html.escape(text(m.shape.note, lang))}" if m.shape.note else "")
        + "</p>"
    )
    if m.note:
        parts.append(
            f'<p style="font-size:small;">{html.escape(text(m.note, lang))}</p>'
        )
    return "".join(parts)


def plan_html(plan, lang: str = "en") -> str:
    status = wording.STATUS_LABELS[wording.lang_of(lang)].get(plan.status, plan.status)
    parts = [
        f"<h3>{html.escape(text(plan.title, lang))}</h3>",
        f'<p style="color:gray;">{html.escape(status)} · {tr("announced")} '
        f"{html.escape(plan.date)} · "
        f"{html.escape(ntr('%n phase(s)', len(plan.phases)))}</p>",
        f"<p>{html.escape(text(plan.summary, lang))}</p>",
    ]
    if plan.interpretation:
        parts.append(
            f'<p style="background-color:#fff3cd; color:#5c4400;">'
            f"<b>{tr('Interpretation')}:</b> "
            f"{html.escape(text(plan.interpretation, lang))}</p>"
        )
    if plan.orbit:
        rows = [
            _figure_row(plan, quantity_label(q), f, lang) for q, f in plan.orbit.items()
        ]
        parts.append(
            f"<p><b>{tr('Orbit')}</b></p><table cellpadding='3'>"
            + "".join(rows)
            + "</table>"
        )
    parts.append(
        f"<p><b>{tr('Sources')}</b> ({tr('* low reliability')}; "
        f"{tr('grey: only the outlet is known, no page to link')})</p><ul>"
    )
    for sid, s in plan.sources.items():
        star = "*" if s.low_reliability else ""
        # the title and outlet are names: they stay in their own language
        parts.append(
            f"<li>{source_ref(s, sid + star)} "
            f"{html.escape(s.title)} — {html.escape(s.outlet)}"
            + (f", {html.escape(s.date)}" if s.date else "")
            + "</li>"
        )
    parts.append("</ul>")
    parts.append(
        '<p style="color:gray;">'
        f"{tr('Select a module in the view or the list to see its figures.')}</p>"
    )
    return "".join(parts)


class PropertiesPanel(QTextBrowser):
    def __init__(self, model: ViewerModel, parent=None):
        super().__init__(parent)
        self.setObjectName("properties")
        self.model = model
        self.setOpenExternalLinks(True)
        self.bindings = Bindings(self)
        for signal in (
            model.plan_changed,
            model.selection_changed,
            model.language_changed,
            model.override_changed,
        ):
            self.bindings.connect(signal, self.refresh)
        self.bindings.connect(model.phase_changed, self._on_phase)

    def lang(self) -> str:
        return self.model.language

    def _on_phase(self, *_) -> None:
        # a relocated module's port changes with the phase; the plan's page does not
        # (redrawing it would scroll a reader back to the top)
        if self.model.selected:
            self.refresh()

    def refresh(self, *_) -> None:
        plan = self.model.plan
        if plan is None:
            return
        if self.model.selected:
            self.setHtml(
                module_html(plan, self.model.selected, self.lang(), self.model.phase)
            )
        else:
            self.setHtml(plan_html(plan, self.lang()))
