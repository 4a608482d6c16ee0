"""Station totals: the sums of the current phase in numbers and in one plain sentence
each (what is counted, what is missing), and charts of mass, volume and power over the
phases, in the interface language."""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QTextBrowser, QToolButton, QVBoxLayout, QWidget

from models3d import wording
from models3d.figures import TOTAL_QUANTITIES, Span
from models3d.plan import text
from models3d.totals import missing_labels
from models3d.viewer_model import ViewerModel

from ..binding import Bindings, delete_with
from ..i18n import plural
from .common import badge, quantity_label, source_links

LEFT_AXIS_PX = 64


def tr(s: str) -> str:
    return QCoreApplication.translate("panels", s)


def ntr(s: str, n: int) -> str:
    return plural("panels", s, n)


def span_text(s: Span, plan=None, lang: str = "en") -> str:
    """A summed figure, '≥ 44 t (without ShM)', the missing modules by their
    abbreviation in `lang` (ids without a plan)."""
    if not s.counted:
        return tr("not published")
    out = s.format(lang=lang)
    if s.missing:
        missing = missing_labels(plan, s, lang) if plan is not None else list(s.missing)
        out += " " + tr("(without {0})").format(", ".join(missing))
    return out


def span_sentence(plan, s: Span, lang: str = "en") -> str:
    """What a total means, in one sentence of the interface language."""
    if not s.counted:
        return tr("Unknown: no module of this phase has a published figure.")
    value = wording.with_unit(
        wording.number(s.value, s.decimals, lang), s.unit, lang, s.value
    )
    n = len(s.counted)
    if s.lower_bound:
        missing = ", ".join(missing_labels(plan, s, lang))
        return ntr(
            "At least {0}: %n module(s) counted; no figure published for {1}.", n
        ).format(value, missing)
    if s.low != s.high:
        spread = wording.with_unit(
            f"{wording.number(s.low, s.decimals, lang)}–"
            f"{wording.number(s.high, s.decimals, lang)}",
            s.unit,
            lang,
            s.high,
        )
        return ntr(
            "About {0} ({1} where sources differ); %n module(s) counted, none missing.",
            n,
        ).format(value, spread)
    return ntr("{0}; %n module(s) counted, none missing.", n).format(value)


def totals_html(plan, model: ViewerModel) -> str:
    lang = model.language
    tot = model.totals[model.phase]
    ph = plan.phases[model.phase]
    rows = []
    for q in TOTAL_QUANTITIES:
        s = tot.sums[q]
        conf = badge(s.confidence) if s.counted else ""
        shown = s.format(lang=lang)
        rows.append(
            f"<tr><td>{quantity_label(q)}</td><td><b>{html.escape(shown)}</b>"
            f"<br><span style='font-size:small;'>"
            f"{html.escape(span_sentence(plan, s, lang))}</span></td>"
            f"<td>{conf}</td></tr>"
        )
        if q in tot.published:
            f = tot.published[q]
            note = (
                f'<br><span style="font-size:small; color:gray;">'
                f"{html.escape(text(f.note, lang))}</span>"
                if f.note
                else ""
            )
            rows.append(
                f'<tr><td style="color:gray;">&nbsp;&nbsp;{tr("published")}</td>'
                f"<td>{html.escape(f.format(lang=lang))}{note}</td>"
                f"<td>{badge(f.confidence)} {source_links(plan, f.sources)}</td>"
                "</tr>"
            )
    if tot.crew:
        crew = (
            html.escape(tot.crew.format(lang=lang))
            + " "
            + badge(tot.crew.confidence)
            + " "
            + source_links(plan, tot.crew.sources)
        )
    else:
        crew = tr("not stated")
    rows.append(f"<tr><td>{tr('Crew')}</td><td colspan='2'>{crew}</td></tr>")
    rows.append(
        f"<tr><td>{tr('Docking ports')}</td><td colspan='2'>"
        + html.escape(tr("{0} used, {1} free").format(tot.ports_used, tot.ports_free))
        + "</td></tr>"
    )
    on_station = (
        ntr("%n module(s)", tot.modules)
        + ", "
        + ntr("%n visiting vehicle(s)", tot.vehicles)
    )
    rows.append(
        f"<tr><td>{tr('On the station')}</td><td colspan='2'>"
        f"{html.escape(on_station)}</td></tr>"
    )
    footnote = tr(
        "Sums of the module figures: a range where sources disagree; ≥ where a "
        "module has no published figure. Visiting vehicles are not counted."
    )
    return (
        f"<p><b>{model.phase + 1}. {html.escape(text(ph.name, lang))}</b> — "
        f"{html.escape(ph.date_label(lang))} {badge(ph.confidence)} "
        f"{source_links(plan, ph.sources)}</p>"
        '<table cellspacing="0" cellpadding="2">' + "".join(rows) + "</table>"
        f'<p style="font-size:small; color:gray;">{html.escape(footnote)}</p>'
    )


class TotalsPanel(QWidget):
    """Totals of the current phase, and mass, volume and power over the phases."""

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
        self.charts_button = QToolButton()
        self.charts_button.setObjectName("charts_toggle")
        self.charts_button.setCheckable(True)
        self.charts_button.setChecked(True)
        self.charts_button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        )
        self.charts_button.setAutoRaise(True)
        self.charts_button.toggled.connect(self.set_charts_visible)
        layout.addWidget(self.charts_button)
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
        delete_with(self, menus)
        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self.rebuild)
        self.bindings.connect(model.language_changed, self.rebuild)
        self.bindings.connect(model.phase_changed, self.refresh)

    def set_charts_visible(self, on: bool) -> None:
        """Show or fold the charts (folded on small screens: the text stays)."""
        self.charts_button.blockSignals(True)
        self.charts_button.setChecked(on)
        self.charts_button.blockSignals(False)
        self.plots.setVisible(on)
        self.caption.setVisible(on)
        self.charts_button.setArrowType(
            Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow
        )
        self.charts_button.setText(tr("Charts over the phases"))

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
            # one width for every left axis, so the three x-axes (and the phase marker)
            # line up whatever the tick labels' widths
            plot.getAxis("left").setWidth(LEFT_AXIS_PX)
            self._plots.append(plot)
        plot = self._plots[row]
        plot.clear()
        return plot

    def rebuild(self, *_) -> None:
        self.set_charts_visible(self.charts_button.isChecked())  # relabels it too
        self.markers = []
        tot = self.model.totals
        x = np.arange(1, len(tot) + 1, dtype=float)
        fg = self.palette().color(QPalette.ColorRole.Text)
        colors = {
            "mass": (90, 160, 255),
            "pressurized_volume": (120, 200, 120),
            "power": (255, 180, 60),
        }
        for row, q in enumerate(TOTAL_QUANTITIES):
            plot = self._plot(row)
            unit = tot[0].sums[q].unit if tot else ""
            short = {
                "mass": tr("Mass"),
                "pressurized_volume": tr("Volume"),
                "power": tr("Power"),
            }[q]
            shown_unit = wording.unit_text(unit, self.model.language)
            plot.setLabel("left", f"{short}, {shown_unit}", color=fg)
            for axis in ("left", "bottom"):
                plot.getAxis(axis).setTextPen(fg)
                plot.getAxis(axis).setPen(fg)
            plot.getAxis("bottom").setTicks([[(v, str(int(v))) for v in x]])
            value = np.array(
                [t.sums[q].value if t.sums[q].counted else np.nan for t in tot]
            )
            low = np.array(
                [t.sums[q].low if t.sums[q].counted else np.nan for t in tot]
            )
            high = np.array(
                [t.sums[q].high if t.sums[q].counted else np.nan for t in tot]
            )
            c = colors[q]
            if np.isfinite(value).any():
                lo_c = pg.PlotDataItem(x, np.nan_to_num(low, nan=0.0), pen=None)
                hi_c = pg.PlotDataItem(x, np.nan_to_num(high, nan=0.0), pen=None)
                plot.addItem(lo_c)
                plot.addItem(hi_c)
                plot.addItem(pg.FillBetweenItem(lo_c, hi_c, brush=(*c, 60)))
                plot.plot(
                    x,
                    value,
                    pen=pg.mkPen(c, width=2),
                    symbol="o",
                    symbolSize=6,
                    symbolBrush=c,
                    connect="finite",
                )
            pub = [
                (i + 1, t.published[q]) for i, t in enumerate(tot) if q in t.published
            ]
            if pub:
                px = np.array([p[0] for p in pub], dtype=float)
                pv = np.array([p[1].value for p in pub])
                plot.addItem(
                    pg.ErrorBarItem(
                        x=px,
                        y=pv,
                        top=np.array([p[1].high - p[1].value for p in pub]),
                        bottom=np.array([p[1].value - p[1].low for p in pub]),
                        beam=0.15,
                        pen=pg.mkPen(fg, width=1.5),
                    )
                )
                plot.plot(
                    px,
                    pv,
                    pen=None,
                    symbol="d",
                    symbolSize=9,
                    symbolBrush=(255, 255, 255),
                    symbolPen=pg.mkPen(fg),
                )
            if not np.isfinite(value).any() and not pub:
                note = pg.TextItem(
                    tr("no figures published for this plan"),
                    color=fg,
                    anchor=(0.5, 0.5),
                )
                note.setPos((len(tot) + 1) / 2, 0.5)
                plot.addItem(note)
                plot.setYRange(0, 1, padding=0)
                plot.getAxis("left").setTicks([[]])
            marker = pg.InfiniteLine(angle=90, pen=pg.mkPen((255, 176, 46), width=2))
            plot.addItem(marker)
            self.markers.append(marker)
            plot.setXRange(0.6, len(tot) + 0.4, padding=0)
        self.caption.setText(
            tr(
                "Lines: sums of module figures; bands: ranges where sources "
                "disagree; diamonds: station totals a source published."
            )
        )
        self.refresh()

    def refresh(self, *_) -> None:
        if self.model.plan is None:
            return
        for m in self.markers:
            m.setValue(self.model.phase + 1)
        self.summary.setHtml(totals_html(self.model.plan, self.model))
