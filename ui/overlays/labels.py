"""Module labels and the scale figures' captions: anchors on the modules, a layout
with models3d.label_layout (no overlaps, leader lines), dark plates with light text;
and the same labels drawn into exported pictures.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFontMetricsF,
    QImage,
    QPainter,
)

from models3d.label_layout import (
    LabelRequest,
    PlacedLabel,
    anchor_candidates,
    layout_labels,
    visible_anchor,
)
from models3d.plan import text
from models3d.scale_figures import HUMAN_HEIGHT
from models3d.viewer_model import ViewerModel

from .aids import draw_scale_bar
from .painting import (
    EDGE,
    INK,
    SELECTED_EDGE,
    Projector,
    Style,
    dot,
    halo_line,
    length_text,
    plate,
)

ANCHOR_MARGIN_PX = 3.0  # an anchor keeps this far inside its module's outline


def tr(s: str) -> str:
    return QCoreApplication.translate("overlays", s)


# ---- labels --------------------------------------------------------------------------


def module_transforms(scene) -> dict[str, np.ndarray]:
    """World transforms of the modules drawn now, as the scene poses them (mid-docking
    too)."""
    return {
        mid: np.array(item.transform().data(), dtype=np.float64).reshape(4, 4).T
        for mid, item in scene.items.items()
        if item.visible()
    }


def label_anchors(model: ViewerModel, transforms: dict, projector: Projector) -> dict:
    """A world anchor per module: the point of its surface the eye sees near its
    middle, at least ANCHOR_MARGIN_PX inside its outline where it can be (a few rays
    per module; models3d.label_layout.visible_anchor)."""
    spread = ANCHOR_MARGIN_PX / max(projector.focal_px, 1e-6)
    return {
        mid: visible_anchor(
            mid,
            anchor_candidates(model.meshes(mid), t),
            projector.eye,
            model.pick,
            spread,
        )
        for mid, t in transforms.items()
    }


def figure_captions(model: ViewerModel) -> dict[str, tuple[np.ndarray, str]]:
    """Caption and world anchor (top centre) of each scale figure shown."""
    words = {
        "human": tr("Person, {0}").format(length_text(HUMAN_HEIGHT, model.language)),
        "iss": tr("ISS at the same scale"),
    }
    out = {}
    for name, (meshes, t) in model.scale_figures().items():
        lo, hi = meshes.bounds()
        top = t[:3, :3] @ np.array([(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, hi[2]])
        out[f"figure:{name}"] = (top + t[:3, 3], words[name])
    return out


@dataclass
class LabelLayout:
    placed: list[PlacedLabel]
    texts: dict[str, str]
    dropped: list[str]


def place_labels(
    model: ViewerModel,
    projector: Projector,
    anchors: dict,
    style: Style,
    captions: dict | None = None,
    obstacles=(),
) -> LabelLayout:
    """Module abbreviations (the selected and hovered first, then nearest first) and
    the figures' captions, placed so that none overlaps another or an obstacle."""
    fm = QFontMetricsF(style.font(12.0, bold=True))
    pad_x, pad_y = style.px(5.0), style.px(2.0)
    items = []  # (key, world anchor, text)
    order = sorted(
        anchors,
        key=lambda m: (
            m != model.selected,
            m != model.hovered,
            float(np.linalg.norm(anchors[m] - projector.eye)),
        ),
    )
    for mid in order:
        items.append(
            (mid, anchors[mid], text(model.plan.modules[mid].abbr, model.language))
        )
    for key, (anchor, words) in (captions or {}).items():
        items.append((key, anchor, words))
    requests, texts = [], {}
    for key, anchor, words in items:
        xy, ok = projector(anchor)
        if not ok[0] or not projector.inside(xy[0]):
            continue
        size = (fm.horizontalAdvance(words) + 2 * pad_x, fm.height() + 2 * pad_y)
        requests.append(LabelRequest(key, (float(xy[0][0]), float(xy[0][1])), size))
        texts[key] = words
    placed, dropped = layout_labels(
        requests,
        projector.width,
        projector.height,
        obstacles=obstacles,
        gap=style.px(3.0),
        distances=[style.px(d) for d in (14.0, 28.0, 46.0, 68.0, 94.0)],
    )
    return LabelLayout(placed, texts, dropped)


def draw_labels(
    painter: QPainter, layout: LabelLayout, style: Style, selected: str | None = None
) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for p in layout.placed:
        a, b = QPointF(*p.anchor), QPointF(*p.leader_end)
        if p.leader_length > style.px(2.0):
            halo_line(painter, a, b, INK, style, 1.2)
        dot(painter, a, INK, style, 2.6)
    font = style.font(12.0, bold=True)
    painter.setFont(font)
    for p in layout.placed:
        rect = QRectF(*p.rect)
        plate(painter, rect, style, SELECTED_EDGE if p.key == selected else EDGE)
        painter.setPen(INK)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, layout.texts[p.key])


# ---- exported pictures ---------------------------------------------------------------


def draw_picture_overlays(
    px: np.ndarray, view, model: ViewerModel, scene, caption: bool = False
) -> np.ndarray:
    """Module labels (when on), the scale figures' captions and the scale bar (when
    on) drawn into an exported picture (h, w, 4 RGBA) with the same layout as the
    view. Returns the picture; with none shown it is returned untouched (the same
    pixels as without this step). With a caption (drawn later, bottom left) the scale
    bar goes to the bottom right."""
    captions = figure_captions(model)
    bar = model.overlays.get("scale_bar", False)
    if not model.labels and not captions and not bar:
        return px
    h, w = px.shape[:2]
    # the image owns its pixels: a QImage made on a Python buffer may outlive that
    # buffer's memory, and painting then writes into freed memory
    img = QImage(w, h, QImage.Format.Format_RGBA8888)
    bits = np.frombuffer(img.bits(), dtype=np.uint8).reshape(h, img.bytesPerLine())
    bits[:, : w * 4] = px.reshape(h, w * 4)
    del bits
    style = Style(max(1.0, h / 1080))
    projector = Projector(view)
    anchors = (
        label_anchors(model, module_transforms(scene), projector)
        if model.labels
        else {}
    )
    painter = QPainter(img)
    try:
        obstacles = []
        if bar:
            drawn = draw_scale_bar(
                painter, projector, style, model.language, right=caption
            )
            if drawn is not None:
                obstacles.append(drawn[0].getRect())
        draw_labels(
            painter,
            place_labels(model, projector, anchors, style, captions, obstacles),
            style,
            model.selected,
        )
    finally:
        painter.end()
    out = np.frombuffer(img.constBits(), dtype=np.uint8).reshape(h, img.bytesPerLine())
    return out[:, : w * 4].reshape(h, w, 4).copy()
