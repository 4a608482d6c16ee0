"""The port map widget: the station of the current phase seen flat from one side.

Each module is a box at its true place and size on the chosen plane, drawn a little
smaller than it is so that two docked modules leave a gap; their meeting ports are dots
on the facing edges, joined by a line. Free ports are hollow dots. The view follows the
viewer model (plan, phase, selection, hover, hidden modules, language) and writes back
only through it: a click selects a module, the pointer hovers one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from models3d.plan import text
from models3d.portmap import PortMap, docked_text, port_map
from models3d.viewer_model import ViewerModel

from ..binding import Bindings

VIEWS = ("top", "side", "front")
# the world axis that points at the viewer in each view (models3d.portmap's planes):
# top looks down from zenith (+Z), side from starboard (-Y), front from ahead (+X)
_TOWARDS = {"top": (2, 1.0), "side": (1, -1.0), "front": (0, 1.0)}
SHRINK = 0.8  # boxes drawn at this share of their size, so docked ones leave a gap
MARGIN = 14  # pixels round the drawing
ACCENT = QColor(255, 176, 46)  # the timeline's marker colour: the selection
FILL = {  # category -> box colour
    "module": QColor(96, 132, 190),
    "partner": QColor(92, 158, 110),
    "vehicle": QColor(190, 128, 70),
}


def tr(s: str) -> str:
    return QCoreApplication.translate("portmap", s)


def view_label(view: str) -> str:
    return {
        "top": tr("From zenith"),
        "side": tr("From starboard"),
        "front": tr("From ahead"),
    }[view]


def best_view(plan) -> str:
    """The view in which the final station's boxes overlap least: radial modules
    hide behind their parents when seen along their own axis."""

    def overlap(pm: PortMap) -> float:
        total = 0.0
        boxes = pm.boxes
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                dx = min(
                    a.center[0] + a.half_size[0], b.center[0] + b.half_size[0]
                ) - max(a.center[0] - a.half_size[0], b.center[0] - b.half_size[0])
                dy = min(
                    a.center[1] + a.half_size[1], b.center[1] + b.half_size[1]
                ) - max(a.center[1] - a.half_size[1], b.center[1] - b.half_size[1])
                if dx > 0 and dy > 0:
                    total += dx * dy
        return total

    last = len(plan.phases) - 1
    return min(VIEWS, key=lambda v: overlap(port_map(plan, last, v)))


@dataclass(frozen=True)
class _Fit:
    """Metres on the plane -> widget pixels (y up on the plane, down on screen)."""

    scale: float
    cx: float
    cy: float
    wx: float
    wy: float

    def point(self, xy) -> QPointF:
        return QPointF(
            self.wx + (xy[0] - self.cx) * self.scale,
            self.wy - (xy[1] - self.cy) * self.scale,
        )


class PortMapView(QWidget):
    """The schematic itself; `view` is "top", "side" or "front"."""

    view_changed = Signal(str)

    def __init__(self, model: ViewerModel, parent=None):
        super().__init__(parent)
        self.setObjectName("port_map")
        self.model = model
        self.view = "top"
        self._map: PortMap | None = None
        self._order: list[str] = []  # module ids, farthest first (the drawing order)
        self.setMouseTracking(True)
        self.setMinimumSize(160, 120)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self._on_plan)
        for signal in (model.phase_changed, model.language_changed):
            self.bindings.connect(signal, self.rebuild)
        for signal in (
            model.selection_changed,
            model.hover_changed,
            model.hidden_changed,
        ):
            self.bindings.connect(signal, self._repaint)
        if model.plan is not None:
            self._on_plan()

    def _repaint(self, *_) -> None:
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 220)

    # ---- what is drawn -------------------------------------------------------------

    def _on_plan(self, *_) -> None:
        if self.model.plan is not None:
            self.set_view(best_view(self.model.plan))

    def set_view(self, view: str) -> None:
        if view not in VIEWS:
            raise ValueError(f"port map view must be one of {', '.join(VIEWS)}")
        changed = view != self.view
        self.view = view
        self.rebuild()
        if changed:
            self.view_changed.emit(view)

    def rebuild(self, *_) -> None:
        m = self.model
        if m.plan is None or m.phase < 0:
            self._map, self._order = None, []
            self.update()
            return
        self._map = port_map(m.plan, m.phase, self.view, m.language)
        axis, sign = _TOWARDS[self.view]
        transforms = m.station.snapshots[m.phase].transforms
        self._order = sorted(
            (b.module for b in self._map.boxes),
            key=lambda mid: sign * float(transforms[mid][axis, 3]),
        )
        self.update()

    @property
    def port_map(self) -> PortMap | None:
        return self._map

    def _fit(self) -> _Fit | None:
        if not self._map or not self._map.boxes:
            return None
        xs = [
            b.center[0] + s * b.half_size[0] for b in self._map.boxes for s in (-1, 1)
        ]
        ys = [
            b.center[1] + s * b.half_size[1] for b in self._map.boxes for s in (-1, 1)
        ]
        w = max(max(xs) - min(xs), 1.0)
        h = max(max(ys) - min(ys), 1.0)
        room_w = max(self.width() - 2 * MARGIN, 10)
        room_h = max(self.height() - 2 * MARGIN, 10)
        scale = min(room_w / w, room_h / h)
        return _Fit(
            scale,
            (max(xs) + min(xs)) / 2,
            (max(ys) + min(ys)) / 2,
            self.width() / 2,
            self.height() / 2,
        )

    def _shrunk(self, box, xy) -> tuple[float, float]:
        c = box.center
        return (c[0] + SHRINK * (xy[0] - c[0]), c[1] + SHRINK * (xy[1] - c[1]))

    def box_rect(self, module_id: str) -> QRectF | None:
        """Where a module's box is drawn, in widget pixels (None when not shown)."""
        fit = self._fit()
        box = self._box(module_id)
        if fit is None or box is None:
            return None
        hx, hy = box.half_size
        a = fit.point(self._shrunk(box, (box.center[0] - hx, box.center[1] + hy)))
        b = fit.point(self._shrunk(box, (box.center[0] + hx, box.center[1] - hy)))
        rect = QRectF(a, b).normalized()
        # a box seen end-on or very thin stays clickable
        if rect.width() < 6 or rect.height() < 6:
            rect = rect.adjusted(-3, -3, 3, 3)
        return rect

    def _box(self, module_id: str):
        if self._map is None:
            return None
        return next((b for b in self._map.boxes if b.module == module_id), None)

    def module_at(self, pos: QPointF) -> str | None:
        """The module drawn on top at a widget position."""
        for mid in reversed(self._order):
            rect = self.box_rect(mid)
            if rect is not None and rect.contains(pos):
                return mid
        return None

    # ---- painting ------------------------------------------------------------------

    def paintEvent(self, ev) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        fit = self._fit()
        if fit is None:
            return
        text_col = pal.color(QPalette.ColorRole.Text)
        boxes = {b.module: b for b in self._map.boxes}
        dot = max(2.5, min(5.0, fit.scale * 0.35))
        metrics = QFontMetricsF(self.font())
        for mid in self._order:
            box = boxes[mid]
            rect = self.box_rect(mid)
            fill = QColor(FILL.get(box.category, FILL["module"]))
            hidden = mid in self.model.hidden
            if hidden:
                fill.setAlpha(60)
            elif mid == self.model.hovered:
                fill = fill.lighter(125)
            selected = mid == self.model.selected
            pen = QPen(ACCENT if selected else text_col, 2.5 if selected else 1.0)
            if hidden:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(fill)
            p.drawRect(rect)
            self._label(p, rect, box.label, metrics)
            for port in box.ports:
                at = fit.point(self._shrunk(box, port.xy))
                p.setPen(QPen(text_col, 1.0))
                p.setBrush(text_col if port.occupied else Qt.BrushStyle.NoBrush)
                r = dot if port.occupied else dot * 0.75
                p.drawEllipse(at, r, r)
        # the joints over everything: a docked pair's two ports, joined
        p.setPen(QPen(ACCENT, 2.0))
        for link in self._map.links:
            child, parent = boxes.get(link.child), boxes.get(link.parent)
            if child is None or parent is None:
                continue
            a = self._port_point(fit, child, link.child_port)
            b = self._port_point(fit, parent, link.parent_port)
            if a is not None and b is not None:
                p.drawLine(a, b)

    @staticmethod
    def _label(p: QPainter, rect: QRectF, label: str, metrics: QFontMetricsF) -> None:
        """The abbreviation inside its box, turned along a tall box; none if it does
        not fit (the tooltip names every box)."""
        need_w, need_h = metrics.horizontalAdvance(label) + 4, metrics.height()
        p.setPen(QColor(255, 255, 255))
        if need_w <= rect.width() and need_h <= rect.height():
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
        elif need_w <= rect.height() and need_h <= rect.width():
            p.save()
            p.translate(rect.center())
            p.rotate(-90)
            turned = QRectF(
                -rect.height() / 2, -rect.width() / 2, rect.height(), rect.width()
            )
            p.drawText(turned, Qt.AlignmentFlag.AlignCenter, label)
            p.restore()

    def _port_point(self, fit: _Fit, box, name: str) -> QPointF | None:
        port = next((d for d in box.ports if d.name == name), None)
        return None if port is None else fit.point(self._shrunk(box, port.xy))

    # ---- pointer -------------------------------------------------------------------

    def mousePressEvent(self, ev) -> None:
        if ev.button() == Qt.MouseButton.LeftButton:
            self.model.select(self.module_at(ev.position()))
            ev.accept()
        else:
            super().mousePressEvent(ev)

    def mouseMoveEvent(self, ev) -> None:
        mid = self.module_at(ev.position())
        self.model.hover(mid)
        self.setToolTip(self.describe(mid) if mid else "")

    def leaveEvent(self, ev) -> None:
        self.model.hover(None)
        super().leaveEvent(ev)

    def describe(self, module_id: str) -> str:
        """'UUM — Node Module: docked to NEM, forward port' in the UI language."""
        m = self.model
        module = m.plan.modules[module_id]
        head = f"{text(module.abbr, m.language)} — {text(module.name, m.language)}"
        docked = docked_text(m.plan, m.phase, module_id, m.language)
        return f"{head}: {docked}" if docked else head
