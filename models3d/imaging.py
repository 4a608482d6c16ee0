"""Pictures from rendered pixels (no Qt): size and memory checks, captions, encoding.

Files are written through `models3d.fileio` (re-exported here as `atomic_write` and
`check_destination` for existing callers): temporary names, all-or-nothing sets,
destination checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import ExportError
from .fileio import FileRefused, check_regular, printable
from .fileio import atomic_write as atomic_write
from .fileio import check_destination as check_destination

MAX_SIDE = 16384
MIN_SIDE = 16
PICTURE_FORMATS = {
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "tiff": "TIFF",
    "tif": "TIFF",
    "webp": "WEBP",
}
ANIMATION_FORMATS = ("gif", "mp4")
SCENE_FORMATS = ("glb", "obj", "stl")
ALL_FORMATS = tuple(PICTURE_FORMATS) + ANIMATION_FORMATS + SCENE_FORMATS
SSAA_FACTORS = (1, 2, 4)
MAX_FONT_BYTES = 64 * 2**20


@dataclass(frozen=True)
class PictureOptions:
    width: int
    height: int
    ssaa: int = 1  # render ssaa x larger on each side, then box-filter down
    transparent: bool = False
    fmt: str = "png"
    caption: bool = False
    quality: int = 92  # JPEG/WebP


def format_of(path: str | Path, fmt: str | None = None) -> str:
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt not in ALL_FORMATS:
        raise ExportError(
            f"{path}: unknown format '{fmt or '(none)'}' "
            f"(use one of {', '.join(ALL_FORMATS)})"
        )
    return fmt


def available_memory() -> int:
    """Bytes of memory the system can give without swapping (MemAvailable)."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 8 * 2**30


def picture_bytes(width: int, height: int, ssaa: int, tile: int = 4096) -> int:
    """Peak extra memory of a picture export: the RGBA result, one encoding copy and
    one supersampled tile."""
    out = width * height * 4
    t = min(tile, width * ssaa) * min(tile, height * ssaa) * 4
    return 2 * out + 2 * t


def animation_bytes(width: int, height: int, ssaa: int, fmt: str) -> int:
    """Peak extra memory of a whole GIF or MP4 export. Frames are streamed to the
    encoder one at a time, so this is one picture's render memory plus the encoder's
    working set: for GIF the RGB frame, the previous frame (to send only what changed),
    the palette image and one encoded frame; for MP4 the RGB frame and x264's own
    look-ahead and reference frames (about 60 YUV 4:2:0 frames at 1.5 bytes a pixel,
    a generous bound of its default settings)."""
    px = width * height
    per_pixel = 3 + 3 + 1 + 2 if fmt == "gif" else 3 + 60 * 1.5
    return picture_bytes(width, height, ssaa) + int(per_pixel * px)


def check_picture(
    opts: PictureOptions, path: str | Path | None = None, animation: str | None = None
) -> None:
    """Refuse sizes, options and memory needs that cannot work (ExportError); with
    `animation` ("gif" or "mp4") the memory of the whole animation job is counted."""
    where = f"{printable(path)}: " if path else ""
    for name, v in (("width", opts.width), ("height", opts.height)):
        if (
            isinstance(v, bool)
            or not isinstance(v, int)
            or not MIN_SIDE <= v <= MAX_SIDE
        ):
            raise ExportError(
                f"{where}{name} {v} is outside {MIN_SIDE}–{MAX_SIDE} pixels"
            )
    if opts.ssaa not in SSAA_FACTORS:
        raise ExportError(
            f"{where}supersampling {opts.ssaa}x is not one of "
            f"{', '.join(f'{k}x' for k in SSAA_FACTORS)}"
        )
    if opts.transparent and opts.fmt in ("jpg", "jpeg"):
        raise ExportError(
            f"{where}JPEG cannot store transparency; choose PNG, TIFF or WebP"
        )
    if opts.fmt == "webp" and max(opts.width, opts.height) > 16383:
        raise ExportError(f"{where}WebP pictures are at most 16383 pixels on a side")
    if animation:
        need = animation_bytes(opts.width, opts.height, opts.ssaa, animation)
    else:
        need = picture_bytes(opts.width, opts.height, opts.ssaa)
    avail = available_memory()
    if need > 0.8 * avail:
        what = f"a {animation.upper()} of " if animation else ""
        raise ExportError(
            f"{where}{what}{opts.width}x{opts.height} needs about "
            f"{need / 2**30:.1f} GiB of memory but only {avail / 2**30:.1f} GiB is "
            "available; choose a smaller size"
        )


def unpremultiply(rgba: np.ndarray) -> np.ndarray:
    """Straight alpha from premultiplied pixels (blending over a transparent clear)."""
    a = rgba[..., 3:4].astype(np.uint32)
    rgb = rgba[..., :3].astype(np.uint32)
    out = rgba.copy()
    nz = a[..., 0] > 0
    out[..., :3][nz] = np.minimum(255, (rgb[nz] * 255 + a[nz] // 2) // a[nz])
    return out


def _font(px: int):
    from PIL import ImageFont

    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    ):
        try:
            check_regular(path, MAX_FONT_BYTES, "font")
        except FileRefused:
            continue
        return ImageFont.truetype(path, px)
    return ImageFont.load_default(size=px)


def draw_caption(image, lines: list[str]) -> None:
    """Caption lines at the bottom left, sized in proportion to the picture."""
    from PIL import ImageDraw

    w, h = image.size
    # at least 13 and 11 pixels: the sources line stays legible in small pictures
    px = max(13, round(min(h, w * 0.6) * 0.022))
    font, small = _font(px), _font(max(11, int(px * 0.72)))
    draw = ImageDraw.Draw(image)
    pad = px
    y = h - pad
    for i, line in enumerate(reversed(lines)):
        f = small if i < len(lines) - 1 else font
        bbox = draw.textbbox((0, 0), line, font=f)
        y -= bbox[3] - bbox[1] + int(px * 0.35)
        draw.text(
            (pad + max(1, px // 12), y + max(1, px // 12)),
            line,
            font=f,
            fill=(0, 0, 0, 200),
        )
        draw.text((pad, y), line, font=f, fill=(236, 240, 250, 255))


def save_picture(
    rgba: np.ndarray,
    path: str | Path,
    opts: PictureOptions,
    caption: list[str] | None = None,
) -> Path:
    from PIL import Image

    img = Image.fromarray(rgba, "RGBA")
    if caption:
        draw_caption(img, caption)
    pil_format = PICTURE_FORMATS[opts.fmt]
    if not opts.transparent or pil_format == "JPEG":
        img = img.convert("RGB")

    def write(tmp):
        kw: dict[str, object] = {}
        if pil_format == "PNG":
            kw = {"compress_level": 3}
        elif pil_format in ("JPEG", "WEBP"):
            kw = {"quality": opts.quality}
        elif pil_format == "TIFF":
            kw = {"compression": "tiff_deflate"}
        img.save(tmp, format=pil_format, **kw)

    return atomic_write(path, write)


def default_name(plan_id: str, phase: int, stamp: str, ext: str = "png") -> str:
    return f"{plan_id}_phase{phase + 1:02d}_{stamp}.{ext}"
