"""Animated GIF written frame by frame (no Qt), so an animation never sits in memory.

Pillow's `save_all` keeps every frame until the end (1.1 GB for Mir at 1080p). Here each
frame is quantised on its own (255 colours, median cut, no dithering: as before), only
the rectangle that changed since the previous frame is encoded (Pillow's GIF encoder
does the LZW), and the bytes go to the file at once with the frame's own colour table.
A frame identical to the previous one only lengthens its delay. Memory: the previous
frame, the current one and one encoded rectangle.

`check_gif(path)` walks the written file's blocks (header, frames, trailer) without
decoding pixels: the read-back before the file may replace a user's file.
"""

from __future__ import annotations

import io
import struct
from typing import BinaryIO

import numpy as np


class GifStream:
    """Frames (H x W x 3 uint8) in, an animated GIF out to `out` (a binary file)."""

    def __init__(
        self, out: BinaryIO, width: int, height: int, delay_ms: int, loop: int = 0
    ):
        self.out = out
        self.size = (width, height)
        self.delay_cs = max(2, round(delay_ms / 10))  # browsers slow down 0 and 1
        self.frames = 0
        self._previous: np.ndarray | None = None
        self._pending: tuple[bytes, int] | None = None  # (frame blocks, delay)
        out.write(b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0))
        out.write(b"\x21\xff\x0bNETSCAPE2.0\x03\x01" + struct.pack("<H", loop) + b"\0")

    def add(self, rgb: np.ndarray) -> None:
        if rgb.shape != (self.size[1], self.size[0], 3):
            raise ValueError(f"frame of shape {rgb.shape}; expected {self.size} RGB")
        prev = self._previous
        if prev is not None:
            changed = np.any(rgb != prev, axis=2)
            if not changed.any() and self._pending is not None:
                # a still: the previous frame shows longer
                blocks, delay = self._pending
                self._pending = (blocks, delay + self.delay_cs)
                return
            rows = np.flatnonzero(changed.any(axis=1))
            cols = np.flatnonzero(changed.any(axis=0))
            top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
        else:
            top, bottom, left, right = 0, rgb.shape[0], 0, rgb.shape[1]
        self._flush()
        self._pending = (
            _frame_blocks(rgb[top:bottom, left:right], left, top),
            self.delay_cs,
        )
        self._previous = rgb.copy()

    def _flush(self) -> None:
        if self._pending is None:
            return
        blocks, delay = self._pending
        # graphic control: disposal 1 (leave the frame: the next one covers only the
        # rectangle that changed), the delay in 1/100 s, no transparency
        self.out.write(
            b"\x21\xf9\x04" + struct.pack("<BHB", 1 << 2, min(delay, 65535), 0) + b"\0"
        )
        self.out.write(blocks)
        self.frames += 1
        self._pending = None

    def close(self) -> None:
        self._flush()
        self.out.write(b"\x3b")


def _frame_blocks(rgb: np.ndarray, left: int, top: int) -> bytes:
    """Image descriptor, local colour table and LZW data of one rectangle, taken
    from the one-frame GIF that Pillow encodes for it."""
    from PIL import Image

    img = Image.fromarray(np.ascontiguousarray(rgb), "RGB").quantize(
        colors=255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    buf = io.BytesIO()
    img.save(buf, format="GIF", optimize=False)
    data = buf.getvalue()
    packed = data[10]
    table_size = 3 << ((packed & 7) + 1) if packed & 0x80 else 0
    table = data[13 : 13 + table_size]
    pos = 13 + table_size
    while data[pos] == 0x21:  # extensions Pillow may add: skip them
        pos = _skip_sub_blocks(data, pos + 2)
    if data[pos] != 0x2C:
        raise ValueError("Pillow wrote no image block")
    _, _, w, h, img_packed = struct.unpack_from("<HHHHB", data, pos + 1)
    pos += 10
    if img_packed & 0x80:  # Pillow used a local table after all
        table_size = 3 << ((img_packed & 7) + 1)
        table = data[pos : pos + table_size]
        pos += table_size
    end = _skip_sub_blocks(data, pos + 1)
    bits = (table_size // 3).bit_length() - 2
    descriptor = b"\x2c" + struct.pack(
        "<HHHHB", left, top, w, h, 0x80 | (img_packed & 0x40) | bits
    )
    return descriptor + table + data[pos:end]


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    """The position after the sub-blocks starting at `pos` (and their terminator)."""
    while True:
        n = data[pos]
        pos += 1 + n
        if n == 0:
            return pos


def check_gif(path, width: int, height: int, min_frames: int) -> str | None:
    """None if the file at `path` is a complete GIF of width x height with at least
    `min_frames` frames; else what is wrong (its blocks are walked, not decoded)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        return f"cannot be read again ({exc.strerror})"
    try:
        if data[:6] not in (b"GIF87a", b"GIF89a"):
            return "no GIF header"
        w, h, packed = struct.unpack_from("<HHB", data, 6)
        if (w, h) != (width, height):
            return f"it is {w}x{h}, not {width}x{height}"
        pos = 13 + (3 << ((packed & 7) + 1) if packed & 0x80 else 0)
        frames = 0
        while data[pos] != 0x3B:
            if data[pos] == 0x21:
                pos = _skip_sub_blocks(data, pos + 2)
            elif data[pos] == 0x2C:
                img_packed = data[pos + 9]
                pos += 10 + (3 << ((img_packed & 7) + 1) if img_packed & 0x80 else 0)
                pos = _skip_sub_blocks(data, pos + 1)
                frames += 1
            else:
                return f"an unknown block 0x{data[pos]:02x} at byte {pos}"
    except (IndexError, struct.error):
        return f"it is cut short ({len(data):,} bytes)"
    if frames < min_frames:
        return f"{frames} frame(s); at least {min_frames} were written"
    return None
