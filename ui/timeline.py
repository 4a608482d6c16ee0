"""The phase timeline under the view: a tick and a label per phase, click or drag to jump,
Left/Right, Home/End and Space to play."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from models3d.plan import text
from models3d.viewer_model import ViewerModel

from .binding import Bindings
from .panels.common import confidence_label

ACCENT = QColor(255, 176, 46)
MARGIN = 46
TRACK_Y = 16.0
EDGE = 4  # labels keep this far from the widget's edges


@dataclass
class LabelBox:
    rect: QRectF  # where the name lines and the date go
    lines: list[str]
    date: str
    row: int  # 0: right under the track; 1, 2: the staggered rows below it
    small: bool = False  # drawn in the small font (a dense timeline's short names)


def _wrap(name: str, width: float, fm: QFontMetrics, max_lines: int = 2) -> list[str]:
    """The name in at most `max_lines` lines of `width` px, word by word; the last line
    is elided only when the words cannot fit."""
    words, lines, cur = name.split(), [], ""
    for w in words:
        trial = f"{cur} {w}".strip()
        if fm.horizontalAdvance(trial) <= width or not cur:
            cur = trial
        else:
            lines.append(cur)
            cur = w
    lines.append(cur)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [
        fm.elidedText(line, Qt.TextElideMode.ElideRight, int(width)) for line in lines
    ]


def layout_labels(
    names,
    dates,
    xs,
    width: int,
    fm: QFontMetrics,
    small: QFontMetrics,
    short_names=None,
) -> list[LabelBox]:
    """Each phase's label under its tick, in up to two lines. A label owns the stretch
    between the midpoints to its neighbours in the same row (the widget's edges for the
    first and last), so labels never overlap and are never clipped at the edges. When
    a name does not fit its stretch, labels are staggered over two rows (which doubles
    each stretch); when even that is too tight (a plan of many phases), the short names
    in the small font with the year alone are used, over up to three rows. The full name
    and date are always in the tooltip."""
    n = len(names)
    years = [d[:4] if d[:4].isdigit() else d for d in dates]

    def stretches(rows: int) -> list[tuple[float, float]]:
        out = []
        for i, x in enumerate(xs):
            lo = (xs[i - rows] + x) / 2 if i - rows >= 0 else EDGE
            hi = (x + xs[i + rows]) / 2 if i + rows < n else width - EDGE
            out.append((lo + 2, hi - 2))
        return out

    def fits(labels, when, font, rows: int) -> bool:
        return all(
            "…" not in "".join(_wrap(nm, hi - lo - 4, font))
            and small.horizontalAdvance(d) <= hi - lo - 4
            for nm, d, (lo, hi) in zip(labels, when, stretches(rows), strict=True)
        )

    tries = [(names, dates, fm, 1), (names, dates, fm, 2)]
    if short_names is not None:
        tries += [(short_names, years, small, r) for r in (1, 2, 3)]
    labels, when, font, rows = next((t for t in tries if n < 2 or fits(*t)), tries[-1])
    line_h, date_h = fm.height(), small.height()
    row_h = 2 * line_h + date_h + 6
    out = []
    for i, (nm, date, x, (lo, hi)) in enumerate(
        zip(labels, when, xs, stretches(rows), strict=True)
    ):
        room = max(hi - lo, 30.0)
        lines = _wrap(nm, room - 4, font)
        w = min(
            room,
            max(
                max(font.horizontalAdvance(ln) for ln in lines),
                small.horizontalAdvance(date),
            )
            + 4,
        )
        left = min(max(x - w / 2, lo), hi - w)
        top = TRACK_Y + 11 + (i % rows) * row_h
        out.append(
            LabelBox(
                QRectF(left, top, w, len(lines) * line_h + date_h),
                lines,
                small.elidedText(date, Qt.TextElideMode.ElideRight, int(w)),
                i % rows,
                font is small,
            )
        )
    return out


def short_names(model: ViewerModel) -> list[str]:
    """A phase's short name: what it changes ("+Zarya", "→ShM", "−Progress"), from
    the assembled station, for timelines too dense for the full names."""
    plan, station, lang = model.plan, model.station, model.language
    out = []
    for i in range(len(plan.phases)):
        ch = station.changes(i - 1, i) if i else station.changes(0, 0)
        added = station.modules(0) if i == 0 else ch.added
        abbr = lambda m: text(plan.modules[m].abbr, lang)  # noqa: E731
        bits = (
            [f"+{abbr(m)}" for m in added]
            + [f"→{abbr(m)}" for m in ch.relocated]
            + [f"−{abbr(m)}" for m in ch.removed]
        )
        out.append(f"{i + 1}. " + (" ".join(bits) if bits else "·"))
    return out


class Timeline(QWidget):
    play_state_changed = Signal(bool)

    def __init__(self, model: ViewerModel, parent=None):
        super().__init__(parent)
        self.setObjectName("timeline")
        self.model = model
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._hover = -1
        self._boxes: list[LabelBox] | None = None
        self.play_timer = QTimer(self)
        self.play_timer.setInterval(1700)
        self.play_timer.timeout.connect(self._on_play_tick)
        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self._on_plan)
        self.bindings.connect(model.phase_changed, self._on_phase)
        self.bindings.connect(model.language_changed, self._on_language)

    def lang(self) -> str:
        return self.model.language

    def _on_phase(self, *_) -> None:
        self.update()

    def _on_language(self, *_) -> None:
        self._boxes = None
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(800, self._height())

    def minimumSizeHint(self) -> QSize:
        return QSize(300, self._height())

    def _height(self) -> int:
        rows = max((b.row for b in self.label_boxes()), default=0) + 1
        fm = QFontMetrics(self.font())
        return int(
            TRACK_Y
            + 12
            + rows * (2 * fm.height() + QFontMetrics(self._small_font()).height() + 6)
        )

    def resizeEvent(self, ev):
        super().resizeEvent(ev)
        self._boxes = None
        self.updateGeometry()

    def _small_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1.5, 7.0))
        return small

    def label_boxes(self) -> list[LabelBox]:
        """Where each phase's name and date go at the current width (cached)."""
        plan = self.model.plan
        if plan is None:
            return []
        if self._boxes is None:
            lang = self.lang()
            bold = QFont(self.font())
            bold.setBold(True)  # the current phase is bold: lay out for the widest
            names = [
                f"{i + 1}. {text(ph.name, lang)}" for i, ph in enumerate(plan.phases)
            ]
            dates = [ph.date_label(lang) for ph in plan.phases]
            self._boxes = layout_labels(
                names,
                dates,
                [self.tick_x(i) for i in range(len(names))],
                self.width(),
                QFontMetrics(bold),
                QFontMetrics(self._small_font()),
                short_names(self.model),
            )
        return self._boxes

    # ---- geometry --------------------------------------------------------------------

    def tick_x(self, i: int) -> float:
        n = self.model.phase_count
        if n <= 1:
            return self.width() / 2
        return MARGIN + i * (self.width() - 2 * MARGIN) / (n - 1)

    def phase_at(self, x: float) -> int:
        n = self.model.phase_count
        if n <= 1:
            return 0
        step = (self.width() - 2 * MARGIN) / (n - 1)
        return max(0, min(n - 1, round((x - MARGIN) / step)))

    # ---- playing ---------------------------------------------------------------------

    @property
    def playing(self) -> bool:
        return self.play_timer.isActive()

    def set_playing(self, on: bool) -> None:
        if on == self.playing:
            return
        if on:
            if self.model.phase >= self.model.phase_count - 1:
                self.model.set_phase(0)
            self.play_timer.start()
        else:
            self.play_timer.stop()
        self.play_state_changed.emit(on)

    def toggle_play(self) -> None:
        self.set_playing(not self.playing)

    def _on_play_tick(self) -> None:
        if self.model.phase >= self.model.phase_count - 1:
            self.set_playing(False)
            return
        self.model.step(1)
        if self.model.phase >= self.model.phase_count - 1:
            self.set_playing(False)

    def _on_plan(self) -> None:
        self.set_playing(False)
        self._boxes = None
        self.updateGeometry()
        self.update()

    # ---- input -------------------------------------------------------------------

    def mousePressEvent(self, ev):
        if ev.button() == Qt.MouseButton.LeftButton:
            self.set_playing(False)
            self.model.set_phase(self.phase_at(ev.position().x()))

    def mouseMoveEvent(self, ev):
        i = self.phase_at(ev.position().x())
        if ev.buttons() & Qt.MouseButton.LeftButton:
            self.model.set_phase(i)
        if i != self._hover:
            self._hover = i
            self._update_tooltip(i)
            self.update()

    def leaveEvent(self, ev):
        self._hover = -1
        self.update()

    def keyPressEvent(self, ev):
        k = Qt.Key
        key = ev.key()
        if key == k.Key_Right:
            self.model.step(1)
        elif key == k.Key_Left:
            self.model.step(-1)
        elif key == k.Key_Home:
            self.model.set_phase(0)
        elif key == k.Key_End:
            self.model.set_phase(self.model.phase_count - 1)
        elif key == k.Key_Space:
            self.toggle_play()
        else:
            super().keyPressEvent(ev)
            return
        ev.accept()

    def _update_tooltip(self, i: int) -> None:
        plan = self.model.plan
        if plan is None or not 0 <= i < len(plan.phases):
            return
        ph = plan.phases[i]
        note = text(ph.note, self.lang()) if ph.note else ""
        self.setToolTip(
            f"<b>{i + 1}. {text(ph.name, self.lang())}</b><br>"
            f"{ph.date_label(self.lang())} · {confidence_label(ph.confidence)}"
            + (f"<br><br>{note}" if note else "")
        )

    # ---- painting ----------------------------------------------------------------

    def paintEvent(self, ev):
        plan = self.model.plan
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        p.fillRect(self.rect(), pal.color(QPalette.ColorRole.Window))
        if plan is None:
            return
        n = len(plan.phases)
        cur = self.model.phase
        y = TRACK_Y
        text_col = pal.color(QPalette.ColorRole.WindowText)
        dim = QColor(text_col)
        dim.setAlpha(120)
        # track, with the part already built in the accent colour
        p.setPen(QPen(dim, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(self.tick_x(0), y), QPointF(self.tick_x(n - 1), y))
        p.setPen(QPen(ACCENT, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(self.tick_x(0), y), QPointF(self.tick_x(cur), y))
        small = self._small_font()
        boxes = self.label_boxes()
        for i, _ph in enumerate(plan.phases):
            x = self.tick_x(i)
            r = 7.0 if i == cur else 5.0
            if i == cur:
                p.setPen(QPen(ACCENT.darker(140), 2))
                p.setBrush(ACCENT)
            elif i < cur:
                p.setPen(QPen(ACCENT, 2))
                p.setBrush(ACCENT.lighter(110))
            else:
                p.setPen(QPen(dim, 2))
                p.setBrush(pal.color(QPalette.ColorRole.Base))
            if i == self._hover and i != cur:
                r += 1.5
            p.drawEllipse(QPointF(x, y), r, r)
            box = boxes[i]
            font = QFont(small if box.small else self.font())
            font.setBold(i == cur)
            p.setFont(font)
            p.setPen(text_col if i <= cur else dim)
            if box.row:  # a lower row: a thin leader from the tick
                p.drawLine(QPointF(x, y + r + 2), QPointF(x, box.rect.top() - 1))
            line_h = QFontMetrics(font).height()
            top = box.rect.top()
            for line in box.lines:
                p.drawText(
                    QRectF(box.rect.left(), top, box.rect.width(), line_h),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    line,
                )
                top += line_h
            p.setFont(small)
            p.drawText(
                QRectF(box.rect.left(), top, box.rect.width(), line_h),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                box.date,
            )
        if self.hasFocus():
            p.setPen(
                QPen(pal.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine)
            )
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self.rect().adjusted(1, 1, -2, -2))
        p.end()
