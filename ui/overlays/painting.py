"""What the view aids' drawing shares: a `Projector` (world points to picture pixels
for a view's camera), `Style` (sizes for the screen or a large export), the colours and
the QPainter primitives (lines with a dark halo, dots, arrowheads, plates, outlined
text).

Light text and lines on a dark plate, and lines with a dark halo, read on the black of
space and on white hulls alike. The app's overlay widget and the off-screen exporter
draw through these same functions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from models3d import wording

FONT_FAMILY = "DejaVu Sans"
INK = QColor(244, 246, 252)
PLATE = QColor(11, 16, 30, 226)
EDGE = QColor(140, 165, 220, 215)
SELECTED_EDGE = QColor(255, 178, 46)
HALO = QColor(0, 0, 0, 200)
MEASURE = QColor(255, 196, 64)
DIMENSION = QColor(120, 222, 255)
# the Properties panel's confidence badge colours (ui.panels), and grey for a size
# that only the drawing gives
BADGE = {
    "confirmed": QColor("#2e7d32"),
    "conflict": QColor("#d84315"),
    "uncertain": QColor("#8d6e00"),
    "inferred": QColor("#6a1b9a"),
    None: QColor("#5a5f6b"),
}
SCALE_BAR_MAX_PX = 160.0


@dataclass(frozen=True)
class Style:
    """Sizes for one picture: 1 on screen (logical pixels), more for large exports."""

    scale: float = 1.0

    def px(self, v: float) -> float:
        return v * self.scale

    def font(self, size: float = 12.0, bold: bool = False) -> QFont:
        f = QFont(FONT_FAMILY)
        f.setPixelSize(max(1, round(size * self.scale)))
        f.setBold(bold)
        # the same glyphs whatever the platform's font settings (xcb reads the X
        # server's hinting, the offscreen platform has its own): a picture from the
        # command line, with or without a display, matches the app's to the pixel
        f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        f.setStyleStrategy(QFont.StyleStrategy.NoSubpixelAntialias)
        return f


class Projector:
    """World points to picture pixels (y down) for a view's current camera."""

    def __init__(self, view):
        w, h = max(int(view.width()), 1), max(int(view.height()), 1)
        full = (0, 0, w, h)
        proj = view.projectionMatrix(full, full)
        m = proj * view.viewMatrix()
        self.matrix = np.array(m.data(), dtype=np.float64).reshape(4, 4).T
        # pixels per unit of tan(angle) off the view axis: a pixel's angular size
        self.focal_px = float(proj.data()[0]) * w / 2
        rot = np.array(view.viewMatrix().data(), dtype=np.float64).reshape(4, 4).T
        self.right = rot[0, :3]  # the camera's x axis in world space
        self.width, self.height = w, h
        self.eye = np.array(view.cameraPosition(), dtype=np.float64)
        self.center = np.asarray(view.camera_state()[0], dtype=np.float64)

    def __call__(self, points) -> tuple[np.ndarray, np.ndarray]:
        """(N, 2) pixel positions and whether each point lies in front of the eye."""
        p = np.atleast_2d(np.asarray(points, dtype=np.float64))
        hom = np.c_[p, np.ones(len(p))] @ self.matrix.T
        ok = hom[:, 3] > 1e-9
        ndc = hom[:, :2] / np.where(ok, hom[:, 3], 1.0)[:, None]
        xy = np.stack(
            [(ndc[:, 0] + 1) * self.width / 2, (1 - ndc[:, 1]) * self.height / 2],
            axis=1,
        )
        return xy, ok

    def point(self, p) -> QPointF | None:
        xy, ok = self(p)
        return QPointF(*xy[0]) if ok[0] else None

    def inside(self, xy, margin: float = 0.0) -> bool:
        return bool(
            -margin <= xy[0] <= self.width + margin
            and -margin <= xy[1] <= self.height + margin
        )


def length_text(metres: float, lang: str, decimals: int | None = None) -> str:
    """'12.34 m' or '12,34 м'."""
    return wording.with_unit(wording.number(metres, decimals, lang), "m", lang, metres)


# ---- primitives ----------------------------------------------------------------------


def halo_line(
    painter: QPainter,
    a: QPointF,
    b: QPointF,
    color: QColor,
    style: Style,
    width: float = 1.6,
) -> None:
    painter.setPen(
        QPen(
            HALO, style.px(width + 2.4), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap
        )
    )
    painter.drawLine(a, b)
    painter.setPen(
        QPen(color, style.px(width), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    )
    painter.drawLine(a, b)


def dot(painter: QPainter, p: QPointF, color: QColor, style: Style, r: float = 3.0):
    painter.setPen(QPen(HALO, style.px(1.5)))
    painter.setBrush(color)
    painter.drawEllipse(p, style.px(r), style.px(r))


def arrow(
    painter: QPainter, tip: QPointF, towards: QPointF, color: QColor, style: Style
) -> None:
    """A filled arrowhead at `tip` pointing away from `towards`."""
    d = np.array([tip.x() - towards.x(), tip.y() - towards.y()])
    n = float(np.linalg.norm(d))
    if n < 1e-6:
        return
    d /= n
    size = min(style.px(9.0), n * 0.45)
    back = np.array([tip.x(), tip.y()]) - d * size
    side = np.array([-d[1], d[0]]) * size * 0.42
    poly = QPolygonF([tip, QPointF(*(back + side)), QPointF(*(back - side))])
    painter.setPen(QPen(HALO, style.px(1.0)))
    painter.setBrush(color)
    painter.drawPolygon(poly)


def plate(painter: QPainter, rect: QRectF, style: Style, edge: QColor = EDGE) -> None:
    painter.setPen(QPen(edge, style.px(1.0)))
    painter.setBrush(PLATE)
    painter.drawRoundedRect(rect, style.px(4.0), style.px(4.0))


def outlined_text(
    painter: QPainter, pos: QPointF, s: str, font: QFont, style: Style
) -> None:
    """Light text with a dark outline, readable without a plate."""
    path = QPainterPath()
    path.addText(pos, font, s)
    painter.setPen(
        QPen(
            HALO,
            style.px(3.0),
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
    )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(INK)
    painter.drawPath(path)
