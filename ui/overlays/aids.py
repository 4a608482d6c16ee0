"""The scale bar, a measured distance, the selected module's dimension lines (from the
plan's figures with their confidence, or the drawing's size) and the hover plate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
)

from models3d import wording
from models3d.plan import text
from models3d.scale_figures import nice_length
from models3d.viewer_model import ViewerModel

from .painting import (
    BADGE,
    DIMENSION,
    INK,
    MEASURE,
    SCALE_BAR_MAX_PX,
    Projector,
    Style,
    arrow,
    dot,
    halo_line,
    length_text,
    outlined_text,
    plate,
)


def tr(s: str) -> str:
    return QCoreApplication.translate("overlays", s)


# ---- scale bar -----------------------------------------------------------------------


def scale_at_centre(projector: Projector) -> float:
    """Pixels per metre at the orbit centre (the depth the camera turns about)."""
    xy, ok = projector(np.stack([projector.center, projector.center + projector.right]))
    if not ok.all():
        return 0.0
    return float(np.linalg.norm(xy[1] - xy[0]))


def draw_scale_bar(
    painter: QPainter,
    projector: Projector,
    style: Style,
    lang: str,
    right: bool = False,
) -> tuple[QRectF, float, float] | None:
    """A round length (1, 2, 5 x 10^n m) at the orbit centre's depth, bottom left
    (or right, clear of a picture's caption). Returns its rectangle, the length in
    metres and in pixels."""
    px_per_m = scale_at_centre(projector)
    if px_per_m <= 0:
        return None
    metres = nice_length(style.px(SCALE_BAR_MAX_PX) / px_per_m)
    length = metres * px_per_m
    x0, y0 = style.px(18.0), projector.height - style.px(18.0)
    if right:
        x0 = projector.width - style.px(18.0) - length
    a, b = QPointF(x0, y0), QPointF(x0 + length, y0)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    tick = style.px(6.0)
    for p, q in ((a, b), (a, a - QPointF(0, tick)), (b, b - QPointF(0, tick))):
        halo_line(painter, p, q, INK, style, 2.0)
    font = style.font(12.0, bold=True)
    words = length_text(metres, lang)
    fm = QFontMetricsF(font)
    outlined_text(
        painter,
        QPointF(
            x0 + (length - fm.horizontalAdvance(words)) / 2, y0 - tick - style.px(4.0)
        ),
        words,
        font,
        style,
    )
    rect = QRectF(
        x0 - style.px(4),
        y0 - tick - fm.height() - style.px(6),
        max(length, fm.horizontalAdvance(words)) + style.px(8),
        tick + fm.height() + style.px(10),
    )
    return rect, metres, length


# ---- measured distance ---------------------------------------------------------------


def draw_measurement(
    painter: QPainter,
    projector: Projector,
    points,
    style: Style,
    words: str = "",
    cursor: QPointF | None = None,
) -> QRectF | None:
    """The picked points, the line between them (or to the cursor while the second
    is being picked) and the distance on a plate at the line's middle."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ends = [projector.point(p) for p in points]
    ends = [e for e in ends if e is not None]
    if len(ends) == 1 and cursor is not None:
        halo_line(painter, ends[0], cursor, MEASURE, style, 1.4)
    if len(ends) == 2:
        halo_line(painter, ends[0], ends[1], MEASURE, style, 2.0)
    for e in ends:
        dot(painter, e, MEASURE, style, 3.5)
    if len(ends) < 2 or not words:
        return None
    font = style.font(13.0, bold=True)
    fm = QFontMetricsF(font)
    mid = (ends[0] + ends[1]) / 2
    w, h = fm.horizontalAdvance(words) + style.px(12), fm.height() + style.px(6)
    rect = QRectF(mid.x() - w / 2, mid.y() - h - style.px(8), w, h)
    plate(painter, rect, style, MEASURE)
    painter.setFont(font)
    painter.setPen(INK)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, words)
    return rect


# ---- dimensions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Dimension:
    """One dimension line of a module: a figure (or the drawing's size) between two
    world points, with extension lines from the hull."""

    quantity: str  # "length" | "diameter"
    value: float  # metres
    confidence: str | None  # None: no published figure, the drawing's size
    start: np.ndarray
    end: np.ndarray
    extensions: tuple  # ((a, b), ...) world segments
    origin: np.ndarray  # the module's centre: plates go on the far side of the line

    def words(self, lang: str) -> tuple[str, str]:
        """The value and the badge: '25.3 m', 'uncertain' (or 'drawing size')."""
        badge = (
            wording.CONFIDENCE_LABELS[wording.lang_of(lang)].get(self.confidence)
            if self.confidence
            else tr("drawing size")
        )
        return length_text(self.value, lang), badge


def module_dimensions(
    model: ViewerModel, mid: str, transform: np.ndarray, projector: Projector
) -> list[Dimension]:
    """Length along the module's axis and diameter across it, drawn in the plane of
    the axis that faces the camera most, on the side lower in the picture."""
    module = model.plan.modules[mid]
    figs = module.figures

    def figure(q: str, drawn: float) -> tuple[float, str | None]:
        f = figs.get(q)
        return (float(f.value), f.confidence) if f is not None else (float(drawn), None)

    length, l_conf = figure("length", module.shape.length)
    diameter, d_conf = figure("diameter", module.shape.diameter)
    t = np.asarray(transform, dtype=np.float64)
    origin, axis = t[:3, 3], t[:3, 0]
    radius = diameter / 2
    # the cross axis (module Y or Z) that shows longest in the picture
    xy0 = projector(origin)[0][0]
    best = max(
        (t[:3, 1], t[:3, 2]),
        key=lambda v: float(np.linalg.norm(projector(origin + v)[0][0] - xy0)),
    )
    below = (
        best
        if projector(origin + best)[0][0][1] >= projector(origin - best)[0][0][1]
        else -best
    )
    off = radius + max(0.6, 0.15 * diameter)
    over = 0.3  # extension lines run a little past the dimension line
    half = length / 2
    ends = [origin + axis * s * half for s in (-1, 1)]
    dims = [
        Dimension(
            "length",
            length,
            l_conf,
            ends[0] + below * off,
            ends[1] + below * off,
            tuple((e + below * radius, e + below * (off + over)) for e in ends),
            origin,
        )
    ]
    aft = origin - axis * half
    gap = max(0.8, 0.12 * length)
    sides = [aft + below * s * radius for s in (-1, 1)]
    dims.append(
        Dimension(
            "diameter",
            diameter,
            d_conf,
            sides[0] - axis * gap,
            sides[1] - axis * gap,
            tuple((p, p - axis * (gap + over)) for p in sides),
            origin,
        )
    )
    return dims


def draw_dimension(
    painter: QPainter,
    projector: Projector,
    dim: Dimension,
    style: Style,
    lang: str,
    avoid=(),
) -> QRectF | None:
    """Extension lines, the dimension line with arrows at both ends, and a plate with
    the value and a confidence badge beside the line's middle, on the side away from
    the module and clear of the rectangles in `avoid`. Returns the plate's
    rectangle."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    a, b = projector.point(dim.start), projector.point(dim.end)
    if a is None or b is None:
        return None
    for p, q in dim.extensions:
        pp, qq = projector.point(p), projector.point(q)
        if pp is not None and qq is not None:
            halo_line(painter, pp, qq, DIMENSION, style, 1.0)
    halo_line(painter, a, b, DIMENSION, style, 1.6)
    mid = (a + b) / 2
    arrow(painter, a, mid, DIMENSION, style)
    arrow(painter, b, mid, DIMENSION, style)
    value, badge = dim.words(lang)
    vfont, bfont = style.font(12.0, bold=True), style.font(10.5)
    vfm, bfm = QFontMetricsF(vfont), QFontMetricsF(bfont)
    pad = style.px(5.0)
    bw = bfm.horizontalAdvance(badge) + 2 * pad
    w = vfm.horizontalAdvance(value) + bw + 3 * pad
    h = max(vfm.height(), bfm.height()) + style.px(6)
    rect = _beside(projector, dim, mid, w, h, style, avoid)
    plate(painter, rect, style, DIMENSION)
    painter.setFont(vfont)
    painter.setPen(INK)
    painter.drawText(
        QRectF(rect.x() + pad, rect.y(), w - bw - 2 * pad, h),
        Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
        value,
    )
    badge_rect = QRectF(
        rect.right() - bw - pad / 2, rect.y() + style.px(3), bw, h - style.px(6)
    )
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BADGE.get(dim.confidence, BADGE[None]))
    painter.drawRoundedRect(badge_rect, style.px(3), style.px(3))
    painter.setFont(bfont)
    painter.setPen(QColor(255, 255, 255))
    painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
    return rect


def _beside(projector, dim, mid: QPointF, w, h, style, avoid) -> QRectF:
    """A w x h rectangle just beyond the line's middle, seen from the module's centre,
    moved further out until it overlaps nothing in `avoid`."""
    centre = projector.point(dim.origin)
    out = np.array([0.0, 1.0])
    if centre is not None:
        d = np.array([mid.x() - centre.x(), mid.y() - centre.y()])
        if np.linalg.norm(d) > 1e-6:
            out = d / np.linalg.norm(d)
    # distance from the rectangle's centre to its edge along `out`, plus a gap
    reach = abs(out[0]) * w / 2 + abs(out[1]) * h / 2 + style.px(4.0)
    for step in range(8):
        c = np.array([mid.x(), mid.y()]) + out * (reach + step * (h + style.px(3)))
        rect = QRectF(c[0] - w / 2, c[1] - h / 2, w, h)
        if not any(rect.intersects(r) for r in avoid):
            break
    return rect


# ---- hover plate ---------------------------------------------------------------------


def hover_words(model: ViewerModel, mid: str) -> tuple[str, str]:
    """'Science and Power Module (NEM)' and its role, in the UI language."""
    m, lang = model.plan.modules[mid], model.language
    return f"{text(m.name, lang)} ({text(m.abbr, lang)})", text(m.role, lang)


def draw_hover(
    painter: QPainter,
    cursor: QPointF,
    title: str,
    role: str,
    style: Style,
    width: float,
    height: float,
) -> QRectF:
    """A plate below right of the cursor (kept inside the picture) with the module's
    name in bold and its role wrapped under it."""
    tfont, rfont = style.font(12.5, bold=True), style.font(11.5)
    tfm, rfm = QFontMetricsF(tfont), QFontMetricsF(rfont)
    pad = style.px(8.0)
    wrap = style.px(320.0)
    flags = int(Qt.TextFlag.TextWordWrap)
    tb = tfm.boundingRect(QRectF(0, 0, wrap, 10000), flags, title)
    rb = rfm.boundingRect(QRectF(0, 0, wrap, 10000), flags, role) if role else QRectF()
    w = max(tb.width(), rb.width()) + 2 * pad
    h = tb.height() + (rb.height() + style.px(4) if role else 0) + 2 * pad
    x = cursor.x() + style.px(16)
    y = cursor.y() + style.px(20)
    if x + w > width - 2:
        x = max(2.0, cursor.x() - style.px(12) - w)
    if y + h > height - 2:
        y = max(2.0, cursor.y() - style.px(12) - h)
    rect = QRectF(x, y, w, h)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    plate(painter, rect, style)
    painter.setPen(INK)
    painter.setFont(tfont)
    painter.drawText(
        QRectF(x + pad, y + pad, tb.width() + 1, tb.height()), flags, title
    )
    if role:
        painter.setFont(rfont)
        painter.setPen(QColor(200, 210, 230))
        painter.drawText(
            QRectF(
                x + pad,
                y + pad + tb.height() + style.px(4),
                rb.width() + 1,
                rb.height(),
            ),
            flags,
            role,
        )
    return rect
