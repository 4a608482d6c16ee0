"""Golden pictures: every bundled plan rendered as tools/golden.py renders it must look
like its committed reference in tests/gl/golden/ (SSIM >= 0.98 over the picture and in
its worst 64-pixel tile, models3d.similarity), and must not be blank or all one colour.
On a mismatch the new picture and a difference picture are written to out/golden/."""

from __future__ import annotations

import numpy as np
import pytest

from models3d.similarity import compare, difference_picture, picture_problem
from tests.conftest import ROOT
from tools import golden

pytestmark = pytest.mark.gl

OUT = ROOT / "out" / "golden"


def station_share(img: np.ndarray, empty: np.ndarray) -> float:
    """Share of the pixels the station changes from the picture without modules."""
    return float((np.abs(img.astype(int) - empty.astype(int)).sum(axis=2) > 30).mean())


@pytest.mark.parametrize("plan_id", golden.golden_plans())
def test_render_matches_its_golden_picture(qapp, gl_display, plan_id):
    path = golden.golden_path(plan_id)
    shown = path.relative_to(ROOT)
    assert path.exists(), f"no golden picture {shown}: `make golden` makes it"
    reference = golden.read_png(path)
    with golden.golden_renderer(plan_id) as r:
        new = golden.render(r)
        empty = golden.render(r, hidden=r.model.station.snapshots[-1].modules)

    assert picture_problem(new) is None, f"{plan_id}: {picture_problem(new)}"
    assert picture_problem(reference) is None, f"{shown}: {picture_problem(reference)}"
    share = station_share(new, empty)
    assert 0.01 < share < 0.6, f"{plan_id}: the station covers {share:.1%}"
    assert reference.shape == new.shape, (
        f"{shown} is {reference.shape[1]}x{reference.shape[0]}, the render "
        f"{new.shape[1]}x{new.shape[0]}: `make golden` regenerates it"
    )

    result = compare(reference, new)
    if not result.passes(golden.THRESHOLD):
        new_path = golden.write_png(new, OUT / f"{plan_id}.png")
        diff_path = golden.write_png(
            difference_picture(reference, new), OUT / f"{plan_id}-diff.png"
        )
        pytest.fail(
            f"{plan_id}: the render differs from {shown}: {result} (pass: "
            f">= {golden.THRESHOLD} for both). New picture: {new_path}; changes "
            f"in red: {diff_path}. If the change is meant, `make golden` "
            "regenerates the golden pictures; review their diff in the commit."
        )


def test_the_threshold_catches_real_changes(qapp, gl_display):
    """A different view and a module hidden fail the comparison that a render passes:
    a large module already lowers the mean SSIM below the bar; a small node lowers
    only the tile where it was, which is why the tile check exists."""
    with golden.golden_renderer("ros-2024") as r:
        base = golden.render(r)
        again = golden.render(r)
        side = golden.render(r, preset="side")
        no_nem = golden.render(r, hidden=["nem"])
        no_uum = golden.render(r, hidden=["uum"])
    assert compare(base, again).passes(golden.THRESHOLD)
    assert compare(base, side).ssim < golden.THRESHOLD
    assert compare(base, no_nem).ssim < golden.THRESHOLD
    small = compare(base, no_uum)
    assert not small.passes(golden.THRESHOLD), str(small)
    assert small.worst_tile < golden.THRESHOLD <= small.ssim + 0.015, str(small)
