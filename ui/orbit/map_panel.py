"""The orbit map panel: a day of ground track over a world map with Russia coloured by
coverage band (the layers of models3d.orbit_map, so the panel and `orbit --map`
show the same things), the station's place at the clock's time, the day/night line,
and the plan's orbit numbers (models3d.orbit_report.orbit_summary) with their method.

Drawn with pyqtgraph in degrees (longitude x, latitude y). Built when first shown
and again only when the plan or the date changes; a time step moves two items."""

from __future__ import annotations

import datetime as _dt

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from models3d import coverage, sunlight
from models3d.orbit_map import (
    BAND_LINES,
    GRID,
    LAND,
    OCEAN,
    RUSSIA_FAR,
    TRACK,
    ZONE_COLOURS,
    map_layers,
)
from models3d.orbit_report import DISTANCES_KM, orbit_summary
from models3d.viewer_model import ViewerModel

from ..binding import Bindings, delete_with
from .clock import OrbitClock, PlanOrbit
from .panel import OrbitCache, no_orbit_text, number


def tr(s: str) -> str:
    return QCoreApplication.translate("orbit", s)


def summary_table_rows(s: dict, lang: str) -> list[tuple[str, str]]:
    """Label and value of each number of an orbit summary, in the UI's language."""
    km, deg, pct = tr("km"), "°", " %"
    low, high = s["beta_range_deg"]
    rows = [
        (tr("Inclination"), number(s["inclination_deg"], 2, lang) + deg),
        (tr("Altitude"), f"{number(s['altitude_km'], 0, lang)} {km}"),
        (
            tr("Period (node to node)"),
            f"{number(s['period_min'], 2, lang)} {tr('min')}",
        ),
        (
            tr("Node drift"),
            number(s["nodal_drift_deg_per_day"], 3, lang) + tr("°/day"),
        ),
        (tr("Highest latitude below"), number(s["max_latitude_deg"], 2, lang) + deg),
        (
            tr("Sun-synchronous inclination"),
            number(s["sun_synchronous_inclination_deg"], 2, lang) + deg,
        ),
        (
            tr("Russia overflown"),
            number(100 * s["russia_overflown_share"], 1, lang) + pct,
        ),
    ]
    for k, v in s["russia_within_km"].items():
        rows.append(
            (tr("Russia within {0} km").format(k), number(100 * v, 1, lang) + pct)
        )
    rows += [
        (
            tr("Longest shadow per orbit"),
            f"{number(s['eclipse_max_min'], 1, lang)} {tr('min')}",
        ),
        (tr("No shadow above beta"), number(s["beta_no_eclipse_deg"], 1, lang) + deg),
        (
            tr("Beta over the year"),
            tr("{0}° to {1}°").format(number(low, 1, lang), number(high, 1, lang)),
        ),
    ]
    return rows


def _path(rings) -> QPainterPath:
    path = QPainterPath()
    for ring in rings:
        path.addPath(pg.arrayToQPath(ring[:, 0], ring[:, 1]))
        path.closeSubpath()
    return path


def _colour(rgb, alpha: int = 255) -> QColor:
    return QColor(*rgb, alpha)


class MapPanel(QWidget):
    """The window's orbit map dock: map, band legend, numbers and method."""

    def __init__(self, model: ViewerModel, clock: OrbitClock, parent=None):
        super().__init__(parent)
        self.setObjectName("orbit_map_panel")
        self.model = model
        self.clock = clock
        self.cache = OrbitCache()
        self.active: bool | None = None  # set by a dock: is its tab the current one
        self._built_for = None  # (params, date) the map layers were drawn for
        self.summary: dict | None = None
        before = set(QApplication.topLevelWidgets())
        self.plot = pg.PlotWidget(background=_colour(OCEAN), enableMenu=False)
        # pyqtgraph makes its context menus and control widget without a parent:
        # delete them when this panel goes (as ui.panels.totals does); a list the
        # closure holds, not self
        strays = [
            w
            for w in set(QApplication.topLevelWidgets()) - before - {self.plot}
            if w.parent() is None  # the submenus go with their menu
        ]
        delete_with(self, strays)
        self.plot.setObjectName("orbit_map")
        self.plot.setAspectLocked(True)
        self.plot.hideButtons()
        self.plot.setLimits(xMin=-200, xMax=200, yMin=-100, yMax=100)
        self._zoomed = False  # until the user zooms or pans, resizing shows the world
        box = self.plot.getViewBox()
        box.sigRangeChangedManually.connect(self._on_zoom)
        box.sigResized.connect(self._fit_world)
        self._fit_world()
        for ticks in ("bottom", "left"):
            axis = self.plot.getAxis(ticks)
            axis.setTickSpacing(30, 30)
        self._land = QGraphicsPathItem(_path(coverage.world_land().rings))
        self._land.setPen(QPen(Qt.PenStyle.NoPen))
        self._land.setBrush(QBrush(_colour(LAND)))
        self.plot.addItem(self._land)
        grid = pg.mkPen(_colour(GRID), width=1)
        for lon in range(-180, 181, 30):
            self.plot.addItem(pg.InfiniteLine(lon, 90, pen=grid))
        for lat in range(-90, 91, 30):
            self.plot.addItem(pg.InfiniteLine(lat, 0, pen=grid))
        self._russia_path = _path(coverage.russia().rings)
        self._layer_items: list = []
        self.track = pg.PlotDataItem(pen=pg.mkPen(_colour(TRACK), width=1.6))
        self.terminator = pg.PlotDataItem(
            pen=pg.mkPen(QColor(60, 60, 90, 200), width=1.4, style=Qt.PenStyle.DashLine)
        )
        self.start = pg.ScatterPlotItem(size=9, brush=_colour(TRACK), pen="w")
        self.station = pg.ScatterPlotItem(
            size=12, brush=QColor(230, 60, 40), pen=pg.mkPen("w", width=1.5)
        )
        for item in (self.track, self.terminator, self.start, self.station):
            item.setZValue(10)
            self.plot.addItem(item)
        self.legend = QLabel()
        self.legend.setObjectName("orbit_map_legend")
        self.legend.setWordWrap(True)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("orbit_numbers")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.method = QTextBrowser()
        self.method.setObjectName("orbit_method")
        top = QWidget()
        top_lay = QVBoxLayout(top)
        top_lay.setContentsMargins(0, 0, 0, 0)
        top_lay.addWidget(self.plot, 1)
        top_lay.addWidget(self.legend)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.table)
        split.addWidget(self.method)
        split.setSizes([460, 260, 120])
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.stack = QStackedWidget()
        self.stack.addWidget(split)
        self.stack.addWidget(self.message)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.stack)
        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self.refresh)
        self.bindings.connect(model.language_changed, self.retranslate)
        clock.time_changed.connect(self._on_time)
        clock.date_changed.connect(self.refresh)
        self.retranslate()

    def shown(self) -> PlanOrbit | None:
        return self.cache.get(self.model.plan, self.clock.date)

    # ---- building ----------------------------------------------------------------

    def showing(self) -> bool:
        return self.isVisible() and self.active is not False

    def set_active(self, on: bool) -> None:
        self.active = bool(on)
        if on:
            self.refresh()

    def _on_zoom(self, *_) -> None:
        self._zoomed = True

    def _fit_world(self, *_) -> None:
        if not self._zoomed:
            self.plot.setRange(xRange=(-180, 180), yRange=(-90, 90), padding=0.02)

    def refresh(self, *_) -> None:
        if not self.showing():
            return
        shown = self.shown()
        self.stack.setCurrentIndex(0 if shown is not None else 1)
        if shown is None:
            self.message.setText(no_orbit_text(self.model.plan, self.model.language))
            self._built_for = None
            return
        key = (shown.params, shown.date)
        if key != self._built_for:
            self._build(shown)
            self._built_for = key
        self._fill_numbers()
        self._on_time(self.clock.seconds)

    def _build(self, shown: PlanOrbit) -> None:
        for item in self._layer_items:
            self.plot.removeItem(item)
        self._layer_items = []
        layers = map_layers(shown.params, shown.date)
        self.layers = layers
        self.summary = orbit_summary(shown.params, shown.date)
        russia = QGraphicsPathItem(self._russia_path)
        russia.setPen(QPen(Qt.PenStyle.NoPen))
        russia.setBrush(QBrush(_colour(RUSSIA_FAR)))
        self._add(russia)
        # Russia's area in each band, the widest first so narrower ones sit on top
        for (_, limit, _), rgb in reversed(
            list(zip(layers.bands, ZONE_COLOURS, strict=True))
        ):
            clip = QGraphicsRectItem(QRectF(-180.0, -limit, 360.0, 2.0 * limit))
            clip.setPen(QPen(Qt.PenStyle.NoPen))
            clip.setFlag(QGraphicsItem.GraphicsItemFlag.ItemClipsChildrenToShape)
            zone = QGraphicsPathItem(self._russia_path, clip)
            zone.setPen(QPen(Qt.PenStyle.NoPen))
            zone.setBrush(QBrush(_colour(rgb)))
            self._add(clip)
        outline = QGraphicsPathItem(self._russia_path)
        outline.setPen(pg.mkPen(QColor(110, 20, 20), width=1))
        self._add(outline)
        for (_, limit, _), rgb in zip(layers.bands, BAND_LINES, strict=True):
            if limit >= 89.9:
                continue
            pen = pg.mkPen(_colour(rgb), width=1.5, style=Qt.PenStyle.DashLine)
            for sign in (1, -1):
                self._add(pg.InfiniteLine(sign * limit, 0, pen=pen))
        xs, ys = [], []
        for lon, lat in layers.track:
            xs += [lon, [np.nan]]
            ys += [lat, [np.nan]]
        self.track.setData(np.concatenate(xs), np.concatenate(ys), connect="finite")
        self.start.setData([layers.start[0]], [layers.start[1]])

    def _add(self, item) -> None:
        item.setZValue(1)
        self.plot.addItem(item)
        self._layer_items.append(item)

    def _fill_numbers(self) -> None:
        lang = self.model.language
        rows = summary_table_rows(self.summary, lang)
        self.table.setRowCount(len(rows))
        for r, (label, value) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(label))
            cell = QTableWidgetItem(value)
            cell.setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            self.table.setItem(r, 1, cell)
        self.table.setHorizontalHeaderLabels([tr("Number"), self._column_title()])
        bands = []
        names = [tr("overflown")] + [
            tr("within {0} km").format(d) for d in DISTANCES_KM
        ]
        for name, (_, limit, share) in zip(names, self.layers.bands, strict=True):
            bands.append(
                tr("{0}: |lat| ≤ {1}°, {2} % of Russia").format(
                    name, number(limit, 1, lang), number(100 * share, 1, lang)
                )
            )
        date = self.shown().date.isoformat()
        self.legend.setText(
            tr(
                "24 h of ground track from {0} 00:00 UTC (first ascending node over "
                "0°; the plans give no node). Red dot: the station at the time shown; "
                "dashed: day/night line."
            ).format(date)
            + "\n"
            + " · ".join(bands)
        )
        self.method.setPlainText(
            tr("Outline: {0}").format(self.summary["outline"])
            + "\n\n"
            + method_in(self.summary, self.shown(), lang)
        )

    def _column_title(self) -> str:
        plan = self.model.plan
        return plan.id if plan is not None else ""

    # ---- time ----------------------------------------------------------------------

    def _on_time(self, seconds: float) -> None:
        if not self.showing():
            return
        shown = self.shown()
        if shown is None:
            return
        lat, lon = shown.orbit.subpoint(seconds)
        self.station.setData([float(lon)], [float(lat)])
        t_lat, t_lon = sunlight.terminator(self.clock.moment)
        self.terminator.setData(t_lon, t_lat)

    def retranslate(self, *_) -> None:
        plot = self.plot.getPlotItem()
        plot.setLabel("bottom", tr("longitude (°)"))
        plot.setLabel("left", tr("latitude (°)"))
        if self.summary is not None and self.showing() and self.shown() is not None:
            self._fill_numbers()
        self.refresh()

    def showEvent(self, ev) -> None:
        super().showEvent(ev)
        self.refresh()

    def close_panel(self) -> None:
        self.bindings.release()


def method_in(summary: dict, shown: PlanOrbit, language: str) -> str:
    """The summary's method text; in Russian the translation of the same text with the
    same dates (tests check that the English template gives the summary's words)."""
    if language != "ru":
        return summary["method"]
    return method_template(shown)


def method_template(shown: PlanOrbit) -> str:
    """models3d.orbit_report.method_text through tr(): the English is the same."""
    start = shown.date
    end = start + _dt.timedelta(days=365)
    text = tr(
        "Circular orbit, radius = 6378.137 km (WGS 84 equatorial) + altitude; node and "
        "station drift at the first-order secular J2 rates (J2 = 1.08263e-3); period "
        "is node to node. Max latitude is the geodetic latitude of the point below the "
        "station at the orbit's top (inclination, or 180 - inclination if retrograde). "
        "Russia 'overflown' = the share of its area inside |lat| <= max latitude, the "
        "band its ground tracks cross as the node drifts (a track itself has no "
        "width); 'within d km' = inside that band widened by d along the meridian. "
        "Areas on the WGS 84 ellipsoid (cylindrical equal-area projection, edges "
        "straight in lon/lat, densified to 0.1 degree). Outline: Natural Earth 4.1.0 "
        "admin 0, 1:50m, de facto borders (Crimea and the southern Kurils inside "
        "Russia). Beta = the Sun's angle to the orbit plane, Sun by Meeus (ch. 25); "
        "its range is over {0} to {1} for every node "
        "(the plans give no node). Shadow: a cylinder of the equatorial radius; the "
        "longest is at the smallest |beta| in that range; no shadow above the "
        "no-eclipse beta."
    ).format(start.isoformat(), end.isoformat())
    if shown.params.altitude_assumed:
        text += tr(" The plan gives no altitude: {0:g} km is assumed.").format(
            shown.params.altitude_km
        )
    return text
