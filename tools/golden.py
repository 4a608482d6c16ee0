"""Golden pictures: one small reference render per bundled plan, kept in
tests/gl/golden/<plan>.png, that tests/gl/test_golden.py compares every render against
with the structural similarity index (models3d.similarity, pass at SSIM >= 0.98).

This module owns how a golden picture is made, for the tool and the test alike: the
plan's final phase, the "iso" framing the command line's export uses, the sky without
its stars, 640x360 with 2x2 supersampling, drawn by ui.export.offscreen.StationRenderer
(the export path). Regenerate them after a change that is meant to alter the pictures,
and review the PNG diff in the commit:

    make golden
    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python tools/golden.py [PLAN ...]

It prints each plan's SSIM against the picture it replaces.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models3d.catalogue import load_plan, plan_paths  # noqa: E402
from models3d.imaging import atomic_write  # noqa: E402
from models3d.similarity import ssim  # noqa: E402

GOLDEN_DIR = ROOT / "tests" / "gl" / "golden"
WIDTH, HEIGHT = 640, 360
SSAA = 2
PRESET = "iso"
THRESHOLD = 0.98  # the bar: a render passes at SSIM >= THRESHOLD


def golden_plans() -> list[str]:
    """The plans that have a golden picture: every bundled plan."""
    return list(plan_paths())


def golden_path(plan_id: str) -> Path:
    return GOLDEN_DIR / f"{plan_id}.png"


@contextmanager
def golden_renderer(plan_id: str) -> Iterator:
    """A StationRenderer on the plan's final phase, stars off (needs a QApplication
    whose Qt was configured by ui.app._configure_qt)."""
    from ui.export.offscreen import StationRenderer

    plan = load_plan(plan_paths()[plan_id])
    r = StationRenderer(plan)
    try:
        # the star field is fixed, but its points are single pixels that a rasteriser
        # may place a pixel apart; without them the picture is the station on the
        # sky's smooth gradient
        r.view.sky.show_stars = False
        r.set_phase(len(plan.phases) - 1)
        yield r
    finally:
        r.close()


def render(r, preset: str = PRESET, hidden: Sequence[str] = ()) -> np.ndarray:
    """The golden picture of renderer `r` as (HEIGHT, WIDTH, 3) uint8: framed on the
    final phase like the command line's default export; `preset` and `hidden` exist
    to make deliberately different pictures."""
    final = len(r.plan.phases) - 1
    r.set_phase(final, hidden=tuple(hidden))
    r.fit(WIDTH, HEIGHT, preset, phase=final)
    return np.ascontiguousarray(r.picture(WIDTH, HEIGHT, SSAA)[..., :3])


def golden_picture(plan_id: str) -> np.ndarray:
    with golden_renderer(plan_id) as r:
        return render(r)


def png_bytes(rgb: np.ndarray) -> bytes:
    """Lossless PNG, compressed as far as Pillow goes (the files are committed)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(rgb, "RGB").save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def write_png(rgb: np.ndarray, path: Path) -> Path:
    data = png_bytes(rgb)
    path.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))


def read_png(path: Path) -> np.ndarray:
    from PIL import Image

    with Image.open(path) as img:
        return np.asarray(img.convert("RGB"))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("plans", nargs="*", help="plan ids (default: every bundled plan)")
    args = ap.parse_args(argv)
    known = golden_plans()
    unknown = [p for p in args.plans if p not in known]
    if unknown:
        ap.error(f"unknown plan {', '.join(unknown)} (plans: {', '.join(known)})")

    from ui.app import _configure_qt

    _configure_qt()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841
    for plan_id in args.plans or known:
        path = golden_path(plan_id)
        old = read_png(path) if path.exists() else None
        new = golden_picture(plan_id)
        write_png(new, path)
        if old is None:
            change = "new"
        elif old.shape != new.shape:
            change = f"was {old.shape[1]}x{old.shape[0]}"
        else:
            change = f"SSIM {ssim(old, new):.4f} against the previous picture"
        size = path.stat().st_size / 1024
        print(f"{path.relative_to(ROOT)}: {size:.0f} KiB, {change}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
