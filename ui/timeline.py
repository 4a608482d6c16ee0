"""The phase timeline under the view: a tick and a label per phase, click or drag to jump,
Left/Right, Home/End and Space to play."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from models3d.plan import text
from models3d.viewer_model import ViewerModel

from .binding import Bindings

ACCENT = QColor(255, 176, 46)
MARGIN = 46


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
        self.play_timer = QTimer(self)
        self.play_timer.setInterval(1700)
        self.play_timer.timeout.connect(self._on_play_tick)
        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self._on_plan)
        self.bindings.connect(model.phase_changed, self._on_phase)
        self.bindings.connect(model.language_changed, self._on_phase)

    def lang(self) -> str:
        return self.model.language

    def _on_phase(self, *_) -> None:
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(800, 74)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 74)

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
        self.setToolTip(f"<b>{i + 1}. {text(ph.name, self.lang())}</b><br>"
                        f"{ph.date_label()} · {ph.confidence}"
                        + (f"<br><br>{note}" if note else ""))

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
        y = 20.0
        text_col = pal.color(QPalette.ColorRole.WindowText)
        dim = QColor(text_col)
        dim.setAlpha(120)
        # track, with the part already built in the accent colour
        p.setPen(QPen(dim, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(self.tick_x(0), y), QPointF(self.tick_x(n - 1), y))
        p.setPen(QPen(ACCENT, 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        p.drawLine(QPointF(self.tick_x(0), y), QPointF(self.tick_x(cur), y))
        spacing = (self.width() - 2 * MARGIN) / max(n - 1, 1)
        font = QFont(self.font())
        small = QFont(font)
        small.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
        for i, ph in enumerate(plan.phases):
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
            width = max(spacing - 6, 40)
            bold = QFont(font)
            bold.setBold(i == cur)
            p.setFont(bold)
            p.setPen(text_col if i == cur else (text_col if i < cur else dim))
            name = f"{i + 1}. {text(ph.name, self.lang())}"
            name = QFontMetrics(bold).elidedText(name, Qt.TextElideMode.ElideRight,
                                                 int(width))
            rect = QRectF(x - width / 2, y + 11, width, 18)
            p.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, name)
            p.setFont(small)
            date = QFontMetrics(small).elidedText(
                ph.date_label() if ph.date else "n.d.", Qt.TextElideMode.ElideRight,
                int(width))
            p.drawText(QRectF(x - width / 2, y + 29, width, 16),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, date)
        if self.hasFocus():
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(self.rect().adjusted(1, 1, -2, -2))
        p.end()
