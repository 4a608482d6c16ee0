"""Tour captions as text: the caption with its sources line, the WebVTT file that
goes beside a tour video, and captions burnt into video frames (Pillow, no Qt).

A cue starts exactly when its step starts (to the millisecond, so within one frame
of the step boundary at any frame rate up to 1000 fps) and lasts until the caption
changes; consecutive steps with the same caption make one cue. Each cue ends with the
sources of what it states, as every figure in the app does.
"""

from __future__ import annotations

import functools

import numpy as np

from ..plan.model import Plan
from .evaluate import TourTimeline
from .model import Caption

SOURCES_WORD = {"en": "Sources", "ru": "Источники"}


def sources_line(caption: Caption, plan: Plan, lang: str = "en") -> str:
    """'Sources: TASS [S46], Interfax [S64]' ('' for a title)."""
    if not caption.sources:
        return ""
    parts = []
    for sid in caption.sources:
        src = plan.sources.get(sid)
        parts.append(f"{src.outlet} [{sid}]" if src is not None else f"[{sid}]")
    return f"{SOURCES_WORD.get(lang, 'Sources')}: {', '.join(parts)}"


def cues(
    timeline: TourTimeline, lang: str = "en"
) -> list[tuple[float, float, str, str]]:
    """(start, end, caption text, sources line) for every stretch of the tour with one
    caption, in order."""
    out: list[tuple[float, float, str, str]] = []
    previous = None
    for rs in timeline.steps:
        step = rs.step
        end = rs.start + step.duration
        if step.caption is None:
            previous = None
            continue
        key = (step.plan, step.caption)
        if key == previous and out:
            start, _end, text, line = out[-1]
            out[-1] = (start, end, text, line)
            continue
        plan = timeline.plan(step.plan)
        out.append(
            (
                rs.start,
                end,
                step.caption.text.get(lang),
                sources_line(step.caption, plan, lang),
            )
        )
        previous = key
    return out


def timestamp(seconds: float) -> str:
    """WebVTT time: HH:MM:SS.mmm, rounded to the millisecond."""
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def _escape(text: str) -> str:
    # cue text is HTML-like: & and < start entities and tags; '-->' must not appear
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def webvtt(timeline: TourTimeline, lang: str = "en") -> str:
    """The WebVTT caption file of the tour in one language."""
    title = timeline.tour.title.get(lang)
    lines = ["WEBVTT", "", "NOTE", _escape(title), ""]
    for n, (start, end, text, sources) in enumerate(cues(timeline, lang), 1):
        lines.append(str(n))
        lines.append(f"{timestamp(start)} --> {timestamp(end)}")
        lines.append(_escape(text))
        if sources:
            lines.append(_escape(sources))
        lines.append("")
    return "\n".join(lines)


# ---- captions burnt into frames ------------------------------------------------


def _wrap(draw, text: str, font, width: float) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if line and draw.textlength(trial, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def burn_caption(frame: np.ndarray, text: str, sources: str = "") -> np.ndarray:
    """The frame (H x W x 3 or 4, uint8) with the caption on a translucent plate at
    the bottom, readable on any background; the sources line in smaller type. The
    plate is drawn once per caption and size, then blended into each frame."""
    h, w = frame.shape[:2]
    plate = _plate(text, sources, w, h)
    if plate is None:
        return frame
    x0, y0, rgb, alpha = plate
    out = np.array(frame, copy=True)
    ph, pw = alpha.shape[:2]
    region = out[y0 : y0 + ph, x0 : x0 + pw, :3].astype(np.float32)
    region += (rgb - region) * alpha
    out[y0 : y0 + ph, x0 : x0 + pw, :3] = np.rint(region).astype(np.uint8)
    return out


@functools.lru_cache(maxsize=8)
def _plate(text: str, sources: str, w: int, h: int):
    """(x, y, RGB, alpha) of the caption plate for a w x h frame, or None."""
    from PIL import Image, ImageDraw

    from ..imaging import _font  # the project's font lookup, checked like any file

    px = max(10, round(min(h, w * 0.6) * 0.034))
    font, small = _font(px), _font(max(8, round(px * 0.68)))
    measure = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    pad = round(px * 0.6)
    max_w = w * 0.86 - 2 * pad
    rows = [(ln, font) for ln in _wrap(measure, text, font, max_w)]
    if sources:
        rows += [(ln, small) for ln in _wrap(measure, sources, small, max_w)]
    if not rows:
        return None
    heights = [round(measure.textbbox((0, 0), "Ag", font=f)[3]) for _, f in rows]
    gap = round(px * 0.28)
    box_h = min(h, sum(heights) + gap * (len(rows) - 1) + 2 * pad)
    box_w = min(
        w, round(max(measure.textlength(ln, font=f) for ln, f in rows)) + 2 * pad
    )
    layer = Image.new("RGBA", (box_w, box_h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.rounded_rectangle(
        (0, 0, box_w - 1, box_h - 1), radius=pad, fill=(8, 12, 24, 178)
    )
    y = pad
    for (ln, f), lh in zip(rows, heights, strict=True):
        colour = (240, 244, 252, 255) if f is font else (190, 200, 220, 255)
        draw.text((pad, y), ln, font=f, fill=colour)
        y += lh + gap
    arr = np.asarray(layer).astype(np.float32)
    x0 = (w - box_w) // 2
    y0 = max(0, h - box_h - round(h * 0.05))
    return x0, y0, arr[..., :3], arr[..., 3:] / 255.0
