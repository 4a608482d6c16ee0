"""The structural similarity index of models3d.similarity, checked on its definition
(Wang et al. 2004) and on the properties the golden-picture tests rely on."""

from __future__ import annotations

import numpy as np
import pytest

from models3d.similarity import (
    K1,
    K2,
    compare,
    difference_picture,
    gaussian_kernel,
    picture_problem,
    ssim,
    ssim_map,
)


def scene(h: int = 96, w: int = 128, seed: int = 1) -> np.ndarray:
    """An RGB test picture with edges, gradients and texture: a dark gradient sky
    with a few bright blocks and a disc, plus fine noise."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    img = np.zeros((h, w, 3))
    img[..., 2] = 20 + 40 * yy / h
    img[20:50, 15:70] = (220, 215, 200)
    img[55:80, 60:110] = (40, 60, 150)
    disc = (yy - 40) ** 2 + (xx - 95) ** 2 < 15**2
    img[disc] = (200, 160, 60)
    img += rng.normal(0, 3, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def noisy(img: np.ndarray, sigma: float, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = img.astype(float) + rng.normal(0, sigma, img.shape)
    return np.clip(out, 0, 255).astype(np.uint8)


def box_blur(img: np.ndarray, r: int = 2) -> np.ndarray:
    px = img.astype(float)
    out = np.zeros_like(px)
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            out += np.roll(px, (dy, dx), axis=(0, 1))
    return (out / (2 * r + 1) ** 2).astype(np.uint8)


def brute_force_ssim(x: np.ndarray, y: np.ndarray) -> float:
    """The paper's formula window by window with the 2-D Gaussian (no separability,
    no shortcuts): the reference the fast code must match."""
    k = gaussian_kernel()
    w2 = np.outer(k, k)
    c1, c2 = (K1 * 255) ** 2, (K2 * 255) ** 2
    n = k.size
    vals = []
    for i in range(x.shape[0] - n + 1):
        for j in range(x.shape[1] - n + 1):
            a = x[i : i + n, j : j + n].astype(float)
            b = y[i : i + n, j : j + n].astype(float)
            ma, mb = (w2 * a).sum(), (w2 * b).sum()
            va = (w2 * (a - ma) ** 2).sum()
            vb = (w2 * (b - mb) ** 2).sum()
            cov = (w2 * (a - ma) * (b - mb)).sum()
            vals.append(
                (2 * ma * mb + c1)
                * (2 * cov + c2)
                / ((ma**2 + mb**2 + c1) * (va + vb + c2))
            )
    return float(np.mean(vals))


def test_the_window_is_the_papers_gaussian():
    k = gaussian_kernel()
    assert k.size == 11
    assert k.sum() == pytest.approx(1.0)
    assert np.allclose(k, k[::-1])
    # sigma 1.5: the tap one step out is exp(-1 / (2 * 1.5^2)) of the centre
    assert k[6] / k[5] == pytest.approx(np.exp(-1 / 4.5))


def test_matches_the_formula_computed_window_by_window():
    a = scene(32, 40)[..., 0]
    b = noisy(a, 12.0)
    assert ssim(a, b) == pytest.approx(brute_force_ssim(a, b), abs=1e-9)


def test_flat_pictures_give_the_luminance_term_exactly():
    # no structure or contrast: only (2 mx my + C1) / (mx^2 + my^2 + C1) is left
    a = np.full((20, 30), 100, np.uint8)
    b = np.full((20, 30), 140, np.uint8)
    c1 = (K1 * 255) ** 2
    assert ssim(a, b) == pytest.approx((2 * 100 * 140 + c1) / (100**2 + 140**2 + c1))


def test_identical_pictures_give_one():
    img = scene()
    assert ssim(img, img) == pytest.approx(1.0, abs=1e-12)
    assert ssim(img, img.copy(), channels="rgb") == pytest.approx(1.0, abs=1e-12)
    assert ssim_map(img, img).shape == (96 - 10, 128 - 10)


def test_more_noise_scores_lower():
    img = scene()
    scores = [ssim(img, noisy(img, s)) for s in (1, 3, 6, 12, 25, 50)]
    assert all(s < 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True), scores
    assert scores[-1] < 0.5


def test_a_shifted_or_blurred_picture_is_below_the_golden_threshold():
    img = scene()
    shifted = np.roll(img, 2, axis=1)
    assert ssim(img, shifted) < 0.98
    assert ssim(img, box_blur(img)) < 0.98
    # rounding-level jitter (what two rasterisers may differ by) stays above it
    assert ssim(img, noisy(img, 1.0)) > 0.98


def test_symmetric():
    img = scene()
    other = box_blur(noisy(img, 8))
    assert ssim(img, other) == pytest.approx(ssim(other, img), abs=1e-12)
    assert ssim(img, other, channels="rgb") == pytest.approx(
        ssim(other, img, channels="rgb"), abs=1e-12
    )


def test_grey_rgb_and_rgba_agree():
    img = scene()
    other = noisy(img, 10)
    grey = np.stack([img[..., 0]] * 3, axis=2)
    grey_other = np.stack([other[..., 0]] * 3, axis=2)
    # a grey picture as RGB has the same luma as its one plane
    assert ssim(grey, grey_other) == pytest.approx(
        ssim(img[..., 0], other[..., 0]), abs=1e-9
    )
    assert ssim(img[..., :1], other[..., :1]) == pytest.approx(
        ssim(img[..., 0], other[..., 0])
    )
    # alpha is ignored
    alpha = np.full((*img.shape[:2], 1), 255, np.uint8)
    assert ssim(np.concatenate([img, alpha], 2), np.concatenate([other, alpha], 2)) == (
        pytest.approx(ssim(img, other))
    )


def test_rgb_mode_sees_a_hue_change_that_luma_does_not():
    a = scene()
    # swap red and green where the luma barely moves: the blue panel's R and G
    b = a.copy()
    b[55:80, 60:110] = (60, 50, 150)
    luma_a = a[55:80, 60:110] @ np.array([0.299, 0.587, 0.114])
    luma_b = b[55:80, 60:110] @ np.array([0.299, 0.587, 0.114])
    assert abs(luma_a.mean() - luma_b.mean()) < 5
    assert ssim(a, b, channels="rgb") < ssim(a, b)


@pytest.mark.parametrize(
    ("a", "b", "text"),
    [
        ((20, 30, 3), (30, 20, 3), "different shapes"),
        ((20, 30, 3), (20, 30), "different shapes"),
        ((20, 30, 3), (20, 30, 4), "different shapes"),
        ((20, 30, 2), (20, 30, 2), "grey"),
        ((8, 30), (8, 30), "smaller than the 11x11 window"),
        ((20,), (20,), "grey"),
    ],
)
def test_unusable_shapes_are_refused(a, b, text):
    with pytest.raises(ValueError, match=text):
        ssim(np.zeros(a, np.uint8), np.zeros(b, np.uint8))


def test_a_small_local_change_shows_in_the_worst_tile():
    big = np.concatenate([scene(seed=s) for s in (1, 2, 3)], axis=1)  # 96 x 384
    changed = big.copy()
    changed[60:70, 300:312] = (220, 215, 200)  # a small bright patch
    result = compare(big, changed, tile=32)
    assert result.ssim > 0.98  # diluted over the picture
    assert result.worst_tile < 0.9
    assert not result.passes(0.98)
    x, y, w, h = result.worst_box
    assert x <= 306 < x + w + 10
    assert y <= 65 < y + h + 10
    assert "worst tile" in str(result)
    same = compare(big, big.copy(), tile=32)
    assert same.ssim == same.worst_tile == pytest.approx(1.0)
    assert same.passes(0.98)


def test_difference_picture_marks_the_changed_part():
    a = scene()
    b = a.copy()
    b[20:50, 15:70] = 0  # the white block gone
    diff = difference_picture(a, b)
    assert diff.shape == a.shape
    assert diff.dtype == np.uint8
    red = (diff[..., 0] > 200) & (diff[..., 1] < 60)
    assert red[25:45, 20:65].mean() > 0.5
    assert not red[60:, :].any()  # below the change nothing is marked
    assert not difference_picture(a, a)[..., 0].max() > 255 / 3 + 1


def test_blank_and_one_colour_renders_are_named():
    assert picture_problem(np.zeros((90, 160, 3), np.uint8)).startswith("blank")
    flat = np.full((90, 160, 3), (6, 9, 20), np.uint8)
    flat[::2] = (200, 200, 200)  # stripes: varied, but only two colours
    assert picture_problem(flat).startswith("all one colour")
    assert picture_problem(scene()) is None
