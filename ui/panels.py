"""Side panels: the module list, the module (or plan) properties, the station totals."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (QLabel, QTextBrowser, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from models3d.figures import LABELS, MODULE_QUANTITIES, TOTAL_QUANTITIES, Figure, Span
from models3d.plan import text
from models3d.viewer_model import ViewerModel

from .binding import Bindings

BADGE = {  # confidence -> (background, label key)
    "confirmed": "#2e7d32",
    "conflict": "#d84315",
    "uncertain": "#8d6e00",
    "inferred": "#6a1b9a",
}
ROLE_MODULE = Qt.ItemDataRole.UserRole
ROLE_REFERENCE = Qt.ItemDataRole.UserRole + 1


def tr(s: str) -> str:
    return QCoreApplication.translate("panels", s)


def quantity_label(q: str) -> str:
    return {
        "mass": tr("Mass"), "length": tr("Length"), "diameter": tr("Diameter"),
        "pressurized_volume": tr("Pressurized volume"), "power": tr("Electrical power"),
        "array_area": tr("Solar array area"), "propellant": tr("Propellant"),
        "design_life": tr("Design life"), "docking_ports": tr("Docking ports"),
        "crew": tr("Crew"), "inclination": tr("Inclination"), "altitude": tr("Altitude"),
    }.get(q, LABELS.get(q, q))


def confidence_label(c: str) -> str:
    return {"confirmed": tr("confirmed"), "conflict": tr("conflict"),
            "uncertain": tr("uncertain"), "inferred": tr("inferred")}.get(c, c)


def badge(conf: str) -> str:
    color = BADGE.get(conf, "#555555")
    return (f'<span style="background-color:{color}; color:#ffffff;">'
            f'&nbsp;{html.escape(confidence_label(conf))}&nbsp;</span>')


def source_links(plan, ids) -> str:
    out = []
    for sid in ids:
        src = plan.sources.get(sid)
        if src is None:
            out.append(html.escape(sid))
            continue
        title = html.escape(f"{src.title} — {src.outlet}"
                            + (f", {src.date}" if src.date else ""), quote=True)
        low = "*" if src.reliability else ""
        out.append(f'<a href="{html.escape(src.url, quote=True)}" title="{title}">'
                   f'{html.escape(sid)}{low}</a>')
    return ", ".join(out)


def _figure_row(plan, label: str, f: Figure, lang: str = "en") -> str:
    note = (f'<br><span style="font-size:small; color:gray;">'
            f'{html.escape(text(f.note, lang))}</span>' if f.note else "")
    return (f"<tr><td>{html.escape(label)}</td><td><b>{html.escape(f.format())}</b>{note}"
            f"</td><td>{badge(f.confidence)}</td><td>{source_links(plan, f.sources)}</td>"
            "</tr>")


def module_html(plan, mid: str, lang: str = "en") -> str:
    m = plan.modules[mid]
    other = "ru" if lang == "en" else "en"
    parts = [f"<h3>{html.escape(text(m.abbr, lang))} — {html.escape(text(m.name, lang))}"
             "</h3>"]
    if m.name.get(other):
        parts.append(f"<p><i>{html.escape(m.name[other])}</i></p>")
    kind = {"module": tr("station module"), "vehicle": tr("visiting vehicle"),
            "partner": tr("module of another station")}[m.category]
    parts.append(f"<p>{html.escape(text(m.role, lang))}</p>")
    parts.append(f'<p style="color:gray;">{html.escape(kind)} · {html.escape(m.kind)}'
                 f" · id {html.escape(mid)}</p>")
    if m.launch:
        bits = [b for b in (m.launch.date_label(), text(m.launch.vehicle, lang),
                            text(m.launch.site, lang)) if b]
        note = (f'<br><span style="font-size:small; color:gray;">'
                f"{html.escape(text(m.launch.note, lang))}</span>" if m.launch.note else "")
        parts.append(f"<p><b>{tr('Launch')}:</b> {html.escape(', '.join(bits) or '—')} "
                     f"{badge(m.launch.confidence)} {source_links(plan, m.launch.sources)}"
                     f"{note}</p>")
    rows = [_figure_row(plan, quantity_label(q), m.figures[q], lang)
            for q in MODULE_QUANTITIES if q in m.figures]
    if rows:
        parts.append('<table cellspacing="0" cellpadding="3">' + "".join(rows) + "</table>")
    else:
        parts.append(f"<p><i>{tr('No figures published for this module.')}</i></p>")
    missing = [quantity_label(q) for q in ("mass", "length", "diameter",
                                          "pressurized_volume", "power")
               if q not in m.figures]
    if missing and rows:
        parts.append(f'<p style="color:gray;">{tr("Not published")}: '
                     f"{html.escape(', '.join(missing))}</p>")
    basis = tr("published size") if m.shape.basis == "published" else \
        tr("drawing size, not a published figure")
    parts.append(f'<p style="font-size:small;"><b>{tr("Drawn at")}</b> '
                 f"{m.shape.length:g} m × {m.shape.diameter:g} m ({html.escape(basis)})"
                 + (f": {html.escape(text(m.shape.note, lang))}" if m.shape.note else "")
                 + "</p>")
    if m.note:
        parts.append(f'<p style="font-size:small;">{html.escape(text(m.note, lang))}</p>')
    return "".join(parts)


def plan_html(plan, lang: str = "en") -> str:
    parts = [f"<h3>{html.escape(text(plan.title, lang))}</h3>",
             f'<p style="color:gray;">{html.escape(plan.status)} · {tr("announced")} '
             f"{html.escape(plan.date)} · {len(plan.phases)} {tr('phases')}</p>",
             f"<p>{html.escape(text(plan.summary, lang))}</p>"]
    if plan.interpretation:
        parts.append(f'<p style="background-color:#fff3cd; color:#5c4400;">'
                     f"<b>{tr('Interpretation')}:</b> "
                     f"{html.escape(text(plan.interpretation, lang))}</p>")
    if plan.orbit:
        rows = [_figure_row(plan, quantity_label(q), f, lang) for q, f in plan.orbit.items()]
        parts.append(f"<p><b>{tr('Orbit')}</b></p><table cellpadding='3'>"
                     + "".join(rows) + "</table>")
    parts.append(f"<p><b>{tr('Sources')}</b> ({tr('* low reliability')})</p><ul>")
    for sid, s in plan.sources.items():
        star = "*" if s.reliability else ""
        parts.append(f'<li><a href="{html.escape(s.url, quote=True)}">{sid}{star}</a> '
                     f"{html.escape(s.title)} — {html.escape(s.outlet)}"
                     + (f", {html.escape(s.date)}" if s.date else "") + "</li>")
    parts.append("</ul>")
    parts.append(f'<p style="color:gray;">{tr("Select a module in the view or the list to see its figures.")}</p>')
    return "".join(parts)


def span_text(s: Span, names=None) -> str:
    """A summed figure; `names` maps module ids to what to call the missing ones."""
    if not s.counted:
        return tr("not published")
    out = s.format()
    if s.missing:
        missing = [names(m) if names else m for m in s.missing]
        out += " " + tr("(without {0})").format(", ".join(missing))
    return out


def totals_html(plan, model: ViewerModel) -> str:
    tot = model.totals[model.phase]
    ph = plan.phases[model.phase]
    rows = []
    for q in TOTAL_QUANTITIES:
        s = tot.sums[q]
        conf = badge(s.confidence) if s.counted else ""
        abbr = lambda m: text(plan.modules[m].abbr)  # noqa: E731
        rows.append(f"<tr><td>{quantity_label(q)}</td><td><b>{html.escape(span_text(s, abbr))}"
                    f"</b></td><td>{conf}</td></tr>")
        if q in tot.published:
            f = tot.published[q]
            note = (f'<br><span style="font-size:small; color:gray;">'
                    f"{html.escape(text(f.note))}</span>" if f.note else "")
            rows.append(f'<tr><td style="color:gray;">&nbsp;&nbsp;{tr("published")}</td>'
                        f"<td>{html.escape(f.format())}{note}</td><td>{badge(f.confidence)} "
                        f"{source_links(plan, f.sources)}</td></tr>")
    crew = html.escape(tot.crew.format()) + " " + badge(tot.crew.confidence) + " " + \
        source_links(plan, tot.crew.sources) if tot.crew else tr("not stated")
    rows.append(f"<tr><td>{tr('Crew')}</td><td colspan='2'>{crew}</td></tr>")
    rows.append(f"<tr><td>{tr('Docking ports')}</td><td colspan='2'>"
                f"{tot.ports_used} {tr('used')}, {tot.ports_free} {tr('free')}</td></tr>")
    rows.append(f"<tr><td>{tr('On the station')}</td><td colspan='2'>{tot.modules} "
                f"{tr('modules')}, {tot.vehicles} {tr('visiting vehicles')}</td></tr>")
    return (f"<p><b>{model.phase + 1}. {html.escape(text(ph.name))}</b> — "
            f"{html.escape(ph.date_label())} {badge(ph.confidence)} "
            f"{source_links(plan, ph.sources)}</p>"
            '<table cellspacing="0" cellpadding="2">' + "".join(rows) + "</table>"
            f'<p style="font-size:small; color:gray;">{tr("Sums of the module figures; a range where sources disagree; ≥ where a module has no published figure. Visiting vehicles are not counted.")}</p>')


class ModuleList(QTreeWidget):
    """Modules grouped by the phase that brings them, with visibility checkboxes; the
    user's reference models in a group of their own."""

    reference_activated = Signal(str)  # the user asks to move or rescale a reference

    def __init__(self, model: ViewerModel, parent=None):
        super().__init__(parent)
        self.setObjectName("module_list")
        self.model = model
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.ref_group: QTreeWidgetItem | None = None
        self._updating = False
        self.itemChanged.connect(self._on_item_changed)
        self.itemDoubleClicked.connect(self._on_double_click)
        self.itemSelectionChanged.connect(self._on_selection)
        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self.rebuild)
        self.bindings.connect(model.phase_changed, self.refresh)
        self.bindings.connect(model.selection_changed, self.refresh)
        self.bindings.connect(model.hidden_changed, self.refresh)
        self.bindings.connect(model.references_changed, self._show_references)
        self.bindings.connect(model.language_changed, self.rebuild)

    def lang(self) -> str:
        return self.model.language

    def _show_references(self) -> None:
        from pathlib import Path

        refs = self.model.references.values()
        self._updating = True
        if self.ref_group is not None:
            self.takeTopLevelItem(self.indexOfTopLevelItem(self.ref_group))
            self.ref_group = None
        if refs:
            self.ref_group = QTreeWidgetItem([tr("Reference models (not in totals)")])
            self.ref_group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(self.ref_group)
            for ref in refs:
                item = QTreeWidgetItem([Path(ref.path).name or ref.id])
                item.setData(0, ROLE_REFERENCE, ref.id)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked if ref.visible
                                   else Qt.CheckState.Unchecked)
                item.setToolTip(0, tr("Double-click to move or rescale it"))
                self.ref_group.addChild(item)
            self.ref_group.setExpanded(True)
        self._updating = False

    def _on_double_click(self, item, column) -> None:
        rid = item.data(0, ROLE_REFERENCE)
        if rid:
            self.reference_activated.emit(rid)

    def rebuild(self, *_) -> None:
        self._updating = True
        self.clear()
        self.items = {}
        self.ref_group = None
        plan = self.model.plan
        placed = set()
        for i, ph in enumerate(plan.phases):
            new = [m for m in self.model.modules(i) if m not in placed]
            group = QTreeWidgetItem([f"{i + 1}. {text(ph.name, self.lang())} — "
                                     f"{ph.date_label()}"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            f = group.font(0)
            f.setBold(True)
            group.setFont(0, f)
            self.addTopLevelItem(group)
            for mid in new:
                m = plan.modules[mid]
                item = QTreeWidgetItem([f"{text(m.abbr, self.lang())} — "
                                        f"{text(m.name, self.lang())}"])
                item.setData(0, ROLE_MODULE, mid)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                              | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked)
                item.setToolTip(0, text(m.role, self.lang()))
                group.addChild(item)
                self.items[mid] = item
                placed.add(mid)
            group.setExpanded(True)
        self._updating = False
        self._show_references()
        self.refresh()

    def refresh(self, *_) -> None:
        if self.model.plan is None:
            return
        self._updating = True
        on = set(self.model.modules())
        pal = self.palette()
        for mid, item in self.items.items():
            present = mid in on
            hidden = mid in self.model.hidden
            item.setCheckState(0, Qt.CheckState.Unchecked if hidden else
                               Qt.CheckState.Checked)
            color = pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
            if not present:
                color = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            item.setForeground(0, QBrush(color))
            f = QFont(item.font(0))
            f.setItalic(not present)
            item.setFont(0, f)
            item.setSelected(mid == self.model.selected)
        for i in range(self.topLevelItemCount()):
            g = self.topLevelItem(i)
            f = g.font(0)
            f.setUnderline(i == self.model.phase)
            g.setFont(0, f)
        if self.model.selected in self.items:
            self.scrollToItem(self.items[self.model.selected])
        self._updating = False

    def _on_item_changed(self, item, column) -> None:
        if self._updating:
            return
        rid = item.data(0, ROLE_REFERENCE)
        if rid:
            self.model.set_reference_visible(
                rid, item.checkState(0) == Qt.CheckState.Checked)
            return
        mid = item.data(0, ROLE_MODULE)
        if mid:
            self.model.set_hidden(mid, item.checkState(0) != Qt.CheckState.Checked)

    def _on_selection(self) -> None:
        if self._updating:
            return
        sel = self.selectedItems()
        mid = sel[0].data(0, ROLE_MODULE) if sel else None
        if mid and mid not in self.model.modules():
            # a module that is not on the station yet (or any more): go to its phase
            first = self.model.first_phase_of(mid)
            if first is not None:
                self.model.set_phase(first)
        self.model.select(mid)


class PropertiesPanel(QTextBrowser):
    def __init__(self, model: ViewerModel, parent=None):
        super().__init__(parent)
        self.setObjectName("properties")
        self.model = model
        self.setOpenExternalLinks(True)
        self.bindings = Bindings(self)
        for signal in (model.plan_changed, model.selection_changed,
                       model.language_changed, model.override_changed):
            self.bindings.connect(signal, self.refresh)

    def lang(self) -> str:
        return self.model.language

    def refresh(self, *_) -> None:
        plan = self.model.plan
        if plan is None:
            return
        if self.model.selected:
            self.setHtml(module_html(plan, self.model.selected, self.lang()))
        else:
            self.setHtml(plan_html(plan, self.lang()))


class TotalsPanel(QWidget):
    """Totals of the current phase, and mass/volume/power over the phases with ranges."""

    def __init__(self, model: ViewerModel, parent=None):
        super().__init__(parent)
        self.setObjectName("totals")
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QTextBrowser()
        self.summary.setOpenExternalLinks(True)
        layout.addWidget(self.summary, 3)
        pal = self.palette()
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setMinimumHeight(240)
        self.plots.setBackground(pal.color(QPalette.ColorRole.Base))
        layout.addWidget(self.plots, 4)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)
        self.markers = []
        self._plots: list = []
        self._menus: list = []
        # a list the closure holds, not self: the menus go when the panel is destroyed
        menus = self._menus
        self.destroyed.connect(lambda *_: [m.deleteLater() for m in menus])
        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self.rebuild)
        self.bindings.connect(model.language_changed, self.rebuild)
        self.bindings.connect(model.phase_changed, self.refresh)

    def _plot(self, row: int):
        """The plot of one quantity, made once: pyqtgraph gives every plot context
        menus without a parent, so remaking plots per plan would pile them up."""
        while len(self._plots) <= row:
            plot = self.plots.addPlot(row=len(self._plots), col=0, enableMenu=False)
            if getattr(plot, "ctrlMenu", None) is not None:
                self._menus.append(plot.ctrlMenu)
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            self._plots.append(plot)
        plot = self._plots[row]
        plot.clear()
        return plot

    def rebuild(self, *_) -> None:
        self.markers = []
        tot = self.model.totals
        x = np.arange(1, len(tot) + 1, dtype=float)
        fg = self.palette().color(QPalette.ColorRole.Text)
        colors = {"mass": (90, 160, 255), "pressurized_volume": (120, 200, 120),
                  "power": (255, 180, 60)}
        for row, q in enumerate(TOTAL_QUANTITIES):
            plot = self._plot(row)
            unit = tot[0].sums[q].unit if tot else ""
            short = {"mass": tr("Mass"), "pressurized_volume": tr("Volume"),
                     "power": tr("Power")}[q]
            plot.setLabel("left", f"{short}, {unit.replace('m3', 'm³')}", color=fg)
            for axis in ("left", "bottom"):
                plot.getAxis(axis).setTextPen(fg)
                plot.getAxis(axis).setPen(fg)
            plot.getAxis("bottom").setTicks([[(v, str(int(v))) for v in x]])
            value = np.array([t.sums[q].value if t.sums[q].counted else np.nan for t in tot])
            low = np.array([t.sums[q].low if t.sums[q].counted else np.nan for t in tot])
            high = np.array([t.sums[q].high if t.sums[q].counted else np.nan for t in tot])
            c = colors[q]
            if np.isfinite(value).any():
                lo_c = pg.PlotDataItem(x, np.nan_to_num(low, nan=0.0), pen=None)
                hi_c = pg.PlotDataItem(x, np.nan_to_num(high, nan=0.0), pen=None)
                plot.addItem(lo_c)
                plot.addItem(hi_c)
                plot.addItem(pg.FillBetweenItem(lo_c, hi_c, brush=(*c, 60)))
                plot.plot(x, value, pen=pg.mkPen(c, width=2), symbol="o", symbolSize=6,
                          symbolBrush=c, connect="finite")
            pub = [(i + 1, t.published[q]) for i, t in enumerate(tot) if q in t.published]
            if pub:
                px = np.array([p[0] for p in pub], dtype=float)
                pv = np.array([p[1].value for p in pub])
                plot.addItem(pg.ErrorBarItem(
                    x=px, y=pv, top=np.array([p[1].high - p[1].value for p in pub]),
                    bottom=np.array([p[1].value - p[1].low for p in pub]), beam=0.15,
                    pen=pg.mkPen(fg, width=1.5)))
                plot.plot(px, pv, pen=None, symbol="d", symbolSize=9,
                          symbolBrush=(255, 255, 255), symbolPen=pg.mkPen(fg))
            if not np.isfinite(value).any() and not pub:
                note = pg.TextItem(tr("no figures published for this plan"), color=fg,
                                   anchor=(0.5, 0.5))
                note.setPos((len(tot) + 1) / 2, 0.5)
                plot.addItem(note)
                plot.setYRange(0, 1, padding=0)
                plot.getAxis("left").setTicks([[]])
            marker = pg.InfiniteLine(angle=90, pen=pg.mkPen((255, 176, 46), width=2))
            plot.addItem(marker)
            self.markers.append(marker)
            plot.setXRange(0.6, len(tot) + 0.4, padding=0)
        self.caption.setText(tr("Lines: sums of module figures; bands: ranges where sources "
                                "disagree; diamonds: station totals a source published."))
        self.refresh()

    def refresh(self, *_) -> None:
        if self.model.plan is None:
            return
        for m in self.markers:
            m.setValue(self.model.phase + 1)
        self.summary.setHtml(totals_html(self.model.plan, self.model))
