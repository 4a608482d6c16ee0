"""Tour captions as text: the caption with its sources line, the WebVTT file that
goes beside a tour video, and captions burnt into video frames (Pillow, no Qt).

A cue starts exactly when its step starts (to the millisecond, so within one frame
of the step boundary at any frame rate up to 1000 fps) and lasts until the caption
changes; consecutive steps with the same caption make one cue. Each cue ends with the
sources of what it states, as every figure in the app does.
"""

from __future__ import annotations

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
    the bottom, readable on any background; the sources line in smaller type."""
    from PIL import Image, ImageDraw

    from ..imaging import _font  # the project's bundled-or-system font lookup

    h, w = frame.shape[:2]
    px = max(10, round(min(h, w * 0.6) * 0.034))
    font, small = _font(px), _font(max(8, round(px * 0.68)))
    base = Image.fromarray(np.ascontiguousarray(frame[..., :3]), "RGB").convert("RGBA")
    layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    pad = round(px * 0.6)
    max_w = w * 0.86 - 2 * pad
    rows = [(ln, font) for ln in _wrap(draw, text, font, max_w)]
    rows += (
        [(ln, small) for ln in _wrap(draw, sources, small, max_w)] if sources else []
    )
    if not rows:
        return frame
    heights = [draw.textbbox((0, 0), "Ag", font=f)[3] for _, f in rows]
    gap = round(px * 0.28)
    box_h = sum(heights) + gap * (len(rows) - 1) + 2 * pad
    box_w = max(draw.textlength(ln, font=f) for ln, f in rows) + 2 * pad
    x0 = (w - box_w) / 2
    y0 = h - box_h - round(h * 0.05)
    draw.rounded_rectangle(
        (x0, y0, x0 + box_w, y0 + box_h), radius=pad, fill=(8, 12, 24, 178)
    )
    y = y0 + pad
    for (ln, f), lh in zip(rows, heights, strict=True):
        colour = (240, 244, 252, 255) if f is font else (190, 200, 220, 255)
        draw.text((x0 + pad, y), ln, font=f, fill=colour)
        y += lh + gap
    out = Image.alpha_composite(base, layer).convert("RGB")
    result = np.asarray(out)
    if frame.shape[2] == 4:
        result = np.dstack([result, frame[..., 3]])
    return result
