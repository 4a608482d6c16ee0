"""How alike two pictures look: the structural similarity index (SSIM) and the checks
that go with comparing a render against a reference picture (no Qt, numpy only).

SSIM is the measure of Wang, Bovik, Sheikh and Simoncelli, "Image quality assessment:
from error visibility to structural similarity", IEEE Trans. Image Processing 13(4),
2004: local means, variances and covariance under an 11x11 Gaussian window (sigma 1.5),
with the constants C1 = (K1 L)^2, C2 = (K2 L)^2, K1 = 0.01, K2 = 0.03 and L = 255 for
8-bit pictures. As in the paper's reference code, only windows that lie wholly inside
the picture count (a "valid" filter), and the index is the mean of the local map.
Unlike that code, pictures are not downsampled first: golden pictures are small, and
comparing at full size is the stricter test.

Colour pictures are compared on their luma (ITU-R BT.601 weights, as MATLAB's rgb2gray
that the paper used) or, with `channels="rgb"`, as the mean of the three channels'
indices, which also sees a change of hue at equal brightness. An alpha channel is
ignored.

The mean over the whole picture dilutes a change that is small beside a large
unchanged background (one module hidden from a station on the sky scores 0.99 or
more), so `compare` also reports the worst mean over square tiles of the local map:
a change confined to one place shows there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

WINDOW = 11
SIGMA = 1.5
K1 = 0.01
K2 = 0.03
DATA_RANGE = 255.0
# ITU-R BT.601 luma weights (as MATLAB's rgb2gray)
LUMA = np.array([0.299, 0.587, 0.114])

Channels = Literal["luma", "rgb"]


def gaussian_kernel(size: int = WINDOW, sigma: float = SIGMA) -> np.ndarray:
    """The 1-D Gaussian of `size` taps, summing to 1 (its outer product with itself is
    the paper's 2-D window)."""
    x = np.arange(size, dtype=np.float64) - (size - 1) / 2
    k = np.exp(-(x**2) / (2 * sigma**2))
    return k / k.sum()


def _filter_valid(img: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """`img` (h, w) filtered by the separable window kernel x kernel, keeping only the
    positions where the window lies wholly inside: (h - n + 1, w - n + 1)."""
    n = kernel.size
    h, w = img.shape
    rows = np.zeros((h, w - n + 1))
    for i, c in enumerate(kernel):
        rows += c * img[:, i : i + w - n + 1]
    out = np.zeros((h - n + 1, w - n + 1))
    for i, c in enumerate(kernel):
        out += c * rows[i : i + h - n + 1]
    return out


def _planes(img: np.ndarray, channels: Channels) -> list[np.ndarray]:
    """The 2-D float planes that are compared: the luma or each of R, G, B."""
    px = np.asarray(img, dtype=np.float64)
    if px.ndim == 2:
        return [px]
    rgb = px[..., :3]
    if channels == "rgb":
        return [rgb[..., c] for c in range(3)]
    return [rgb @ LUMA]


def _check_pair(a: np.ndarray, b: np.ndarray) -> None:
    if a.shape != b.shape:
        raise ValueError(
            f"cannot compare pictures of different shapes: {a.shape} and {b.shape}"
        )
    if a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] not in (1, 3, 4)):
        raise ValueError(
            f"a picture is (h, w) grey, (h, w, 3) RGB or (h, w, 4) RGBA, not {a.shape}"
        )
    if min(a.shape[:2]) < WINDOW:
        raise ValueError(
            f"pictures of {a.shape[1]}x{a.shape[0]} are smaller than the "
            f"{WINDOW}x{WINDOW} window"
        )


def _squeeze(img: np.ndarray) -> np.ndarray:
    return img[..., 0] if img.ndim == 3 and img.shape[2] == 1 else img


def ssim_map(
    a: np.ndarray,
    b: np.ndarray,
    channels: Channels = "luma",
    data_range: float = DATA_RANGE,
) -> np.ndarray:
    """The local SSIM of two pictures of one shape, (h - 10, w - 10): 1 where they
    agree, lower where structure, contrast or brightness differ (averaged over the
    channels with `channels="rgb"`). Raises ValueError for mismatched or unusable
    shapes."""
    a, b = np.asarray(a), np.asarray(b)
    _check_pair(a, b)
    a, b = _squeeze(a), _squeeze(b)
    c1 = (K1 * data_range) ** 2
    c2 = (K2 * data_range) ** 2
    k = gaussian_kernel()
    maps = []
    for x, y in zip(_planes(a, channels), _planes(b, channels), strict=True):
        mu_x, mu_y = _filter_valid(x, k), _filter_valid(y, k)
        # the local (co)variances as E[xy] - E[x]E[y] under the window
        var_x = _filter_valid(x * x, k) - mu_x**2
        var_y = _filter_valid(y * y, k) - mu_y**2
        cov = _filter_valid(x * y, k) - mu_x * mu_y
        num = (2 * mu_x * mu_y + c1) * (2 * cov + c2)
        den = (mu_x**2 + mu_y**2 + c1) * (var_x + var_y + c2)
        maps.append(num / den)
    return np.mean(maps, axis=0)


def ssim(
    a: np.ndarray,
    b: np.ndarray,
    channels: Channels = "luma",
    data_range: float = DATA_RANGE,
) -> float:
    """The mean SSIM of two pictures of one shape: 1.0 for identical pictures, lower
    the less alike they look (symmetric in a and b)."""
    return float(ssim_map(a, b, channels, data_range).mean())


@dataclass(frozen=True)
class Comparison:
    """Two pictures compared: the mean SSIM, and the lowest mean SSIM of any tile with
    that tile's box (x, y, width, height) in picture pixels."""

    ssim: float
    worst_tile: float
    worst_box: tuple[int, int, int, int]

    def passes(self, threshold: float) -> bool:
        return self.ssim >= threshold and self.worst_tile >= threshold

    def __str__(self) -> str:
        x, y, w, h = self.worst_box
        return (
            f"SSIM {self.ssim:.4f}, worst tile {self.worst_tile:.4f} "
            f"at x={x} y={y} ({w}x{h})"
        )


def compare(
    a: np.ndarray,
    b: np.ndarray,
    tile: int = 64,
    channels: Channels = "luma",
) -> Comparison:
    """The mean SSIM of two pictures and their worst `tile` x `tile` tile (tiles of
    the local map, which starts 5 pixels inside the picture; the last row and column
    of tiles may be smaller)."""
    local = ssim_map(a, b, channels)
    h, w = local.shape
    worst, box = 2.0, (0, 0, 0, 0)
    for y in range(0, h, tile):
        for x in range(0, w, tile):
            part = local[y : y + tile, x : x + tile]
            value = float(part.mean())
            if value < worst:
                m = WINDOW // 2
                worst, box = value, (x + m, y + m, part.shape[1], part.shape[0])
    return Comparison(float(local.mean()), worst, box)


def difference_picture(
    reference: np.ndarray, other: np.ndarray, channels: Channels = "luma"
) -> np.ndarray:
    """An (h, w, 3) uint8 picture for a reviewer: the reference dimmed to a third in
    grey, with red where the local SSIM falls (full red at SSIM 0.5 or less) and a
    black 5-pixel border the window cannot reach."""
    ref = np.asarray(reference)
    local = ssim_map(ref, other, channels)
    grey = _planes(_squeeze(ref), "luma")[0] / 3
    out = np.repeat(grey[..., None], 3, axis=2)
    loss = np.clip((1.0 - local) * 2.0, 0.0, 1.0)
    m = WINDOW // 2
    core = out[m : m + local.shape[0], m : m + local.shape[1]]
    core[..., 0] = core[..., 0] * (1 - loss) + 255 * loss
    core[..., 1:] *= (1 - loss)[..., None]
    frame = np.zeros_like(out)
    frame[m : m + local.shape[0], m : m + local.shape[1]] = core
    return np.clip(frame, 0, 255).astype(np.uint8)


def picture_problem(img: np.ndarray, min_colours: int = 8) -> str | None:
    """Why a render cannot be a picture of the station, or None: blank (almost no
    variation) or all one colour, i.e. fewer than `min_colours` colour cells (16 levels
    per channel) that each hold at least 0.05% of the pixels."""
    px = np.asarray(img)
    rgb = px[..., :3] if px.ndim == 3 else px[..., None].repeat(3, axis=2)
    if float(rgb.std()) < 3.0:
        return f"blank: the pixel values vary by {float(rgb.std()):.2f} (std)"
    cells = (rgb.reshape(-1, 3).astype(np.int32) // 16) @ np.array([256, 16, 1])
    counts = np.bincount(cells, minlength=4096)
    many = int((counts >= max(1, counts.sum() // 2000)).sum())
    if many < min_colours:
        return f"all one colour: {many} colour cells hold 0.05% of the pixels or more"
    return None
