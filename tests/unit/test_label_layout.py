"""Label placement (models3d.label_layout) and the scale aids (models3d.scale_figures):
no overlaps, labels near their anchors, anchors on their modules, round scale lengths,
figures at true scale. Qt-free."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from models3d import scale_figures
from models3d.catalogue import load_plan
from models3d.label_layout import (
    DISTANCES,
    LabelRequest,
    anchor_candidates,
    layout_labels,
    nearest_point,
    top_points,
    visible_anchor,
)
from models3d.picking import triangle_index
from models3d.viewer_model import ViewerModel
from tests.conftest import PLANS


def _overlaps(a, b) -> bool:
    return (
        a[0] < b[0] + b[2]
        and b[0] < a[0] + a[2]
        and a[1] < b[1] + b[3]
        and b[1] < a[1] + a[3]
    )


def _inside(r, w, h) -> bool:
    return r[0] >= 0 and r[1] >= 0 and r[0] + r[2] <= w and r[1] + r[3] <= h


def test_labels_on_one_spot_fan_out_without_overlapping():
    reqs = [LabelRequest(f"m{i}", (400.0, 300.0), (60.0, 20.0)) for i in range(12)]
    placed, dropped = layout_labels(reqs, 800, 600)
    assert len(placed) + len(dropped) == 12
    assert len(placed) >= 10  # eight directions at five distances leave room
    for a, b in itertools.combinations(placed, 2):
        assert not _overlaps(a.rect, b.rect), (a.key, b.key)
    for p in placed:
        assert _inside(p.rect, 800, 600)
        assert p.leader_length <= DISTANCES[-1] + 1e-6
        assert p.leader_end == nearest_point(p.rect, p.anchor)


def test_first_label_goes_straight_above_its_anchor():
    placed, dropped = layout_labels(
        [LabelRequest("a", (100.0, 100.0), (40.0, 16.0))], 400, 300
    )
    assert not dropped
    x, y, w, h = placed[0].rect
    assert x + w / 2 == pytest.approx(100.0)
    assert y + h == pytest.approx(100.0 - DISTANCES[0])


def test_labels_stay_inside_the_picture_near_edges_and_avoid_obstacles():
    corners = [(1.0, 1.0), (799.0, 1.0), (1.0, 599.0), (799.0, 599.0)]
    reqs = [LabelRequest(str(i), c, (70.0, 18.0)) for i, c in enumerate(corners)]
    bar = (0.0, 560.0, 200.0, 40.0)
    placed, dropped = layout_labels(reqs, 800, 600, obstacles=[bar])
    assert not dropped
    for p in placed:
        assert _inside(p.rect, 800, 600)
        assert not _overlaps(p.rect, bar)


def test_labels_keep_off_other_anchors_when_there_is_room():
    # two anchors 20 px apart: the second label must not sit on the first anchor
    reqs = [
        LabelRequest("a", (300.0, 300.0), (50.0, 16.0)),
        LabelRequest("b", (300.0, 280.0), (50.0, 16.0)),
    ]
    placed, _ = layout_labels(reqs, 600, 600)
    by = {p.key: p for p in placed}
    ax, ay = by["a"].anchor
    x, y, w, h = by["b"].rect
    assert not (x - 5 <= ax <= x + w + 5 and y - 5 <= ay <= y + h + 5)


def test_a_label_with_no_free_spot_is_left_out_not_drawn_over_others():
    reqs = [LabelRequest(str(i), (50.0, 20.0), (90.0, 30.0)) for i in range(30)]
    placed, dropped = layout_labels(reqs, 100, 40)
    assert dropped
    for a, b in itertools.combinations(placed, 2):
        assert not _overlaps(a.rect, b.rect)


def test_the_layout_is_deterministic():
    rng = np.random.default_rng(3)
    reqs = [
        LabelRequest(str(i), tuple(rng.uniform(0, 500, 2)), (48.0, 18.0))
        for i in range(15)
    ]
    assert layout_labels(reqs, 500, 500) == layout_labels(reqs, 500, 500)


@pytest.mark.parametrize("plan_id", ["ros-2024", "mir"])
def test_top_points_lie_on_their_module(plan_id):
    model = ViewerModel(load_plan(PLANS / f"{plan_id}.toml"))
    snap = model.station[model.phase]
    for mid in model.modules():
        meshes, t = model.meshes(mid), snap.transforms[mid]
        points = top_points(meshes, t)
        index = triangle_index(meshes)
        inv = np.linalg.inv(t)
        for p in points:
            # a ray straight down from just above the point meets this module there
            o = inv[:3, :3] @ (p + np.array([0.0, 0.0, 0.05])) + inv[:3, 3]
            hit = index.first_hit(o, inv[:3, :3] @ np.array([0.0, 0.0, -1.0]))
            assert hit is not None, mid
            assert hit[0] == pytest.approx(0.05, abs=1e-4), mid
        assert np.allclose(top_points(meshes, t), points)  # cached, same answer


def test_the_visible_anchor_is_one_the_eye_really_sees():
    model = ViewerModel(load_plan(PLANS / "ros-2024.toml"))
    snap = model.station[model.phase]
    eye = np.array([15.1, 0.0, 200.0])  # straight above the node and its airlock

    def seen(mid, p):
        d = p - eye
        hit = model.pick(eye, d / np.linalg.norm(d))
        return hit is not None and hit.module_id == mid

    for mid in model.modules():
        points = top_points(model.meshes(mid), snap.transforms[mid])
        anchor = visible_anchor(mid, points, eye, model.pick)
        if any(seen(mid, p) for p in points):
            assert seen(mid, anchor), mid
        else:
            assert np.allclose(anchor, points[0])
    # the airlock covers the node's top seen from above: the node's anchor moves aside
    uum = top_points(model.meshes("uum"), snap.transforms["uum"])
    assert not seen("uum", uum[0])
    assert seen("uum", visible_anchor("uum", uum, eye, model.pick))


def test_anchors_are_seen_from_every_side_and_rarely_on_an_edge():
    model = ViewerModel(load_plan(PLANS / "ros-2024.toml"))
    snap = model.station[model.phase]
    centre = model.bounds().mean(axis=0)
    seen, steady = 0, 0
    for eye_dir in ([1, 0, 0], [0, -1, 0], [0, 0, 1], [0.6, -0.7, 0.4], [-1, 0.2, 0]):
        eye = centre + 300.0 * np.asarray(eye_dir, float) / np.linalg.norm(eye_dir)
        for mid in model.modules():
            points = anchor_candidates(model.meshes(mid), snap.transforms[mid])
            anchor = visible_anchor(mid, points, eye, model.pick, spread=0.0005)
            d = anchor - eye
            d /= np.linalg.norm(d)
            hit = model.pick(eye, d)
            if hit is None or hit.module_id != mid:
                continue  # hidden from this side: the anchor is simply its middle
            seen += 1
            # rays 15 cm to either side of the anchor still meet the module: the
            # anchor sits inside the module's outline, not on its edge
            side = np.cross(d, [0.0, 0.0, 1.0] if abs(d[2]) < 0.9 else [1.0, 0, 0])
            side /= np.linalg.norm(side)
            up = np.cross(side, d)
            around = [model.pick(eye, d + 0.0005 * v) for v in (side, -side, up, -up)]
            steady += all(h is not None and h.module_id == mid for h in around)
    assert seen >= 30
    assert steady >= 0.85 * seen, (steady, seen)


def test_nice_lengths_are_one_two_five_times_a_power_of_ten():
    assert [
        scale_figures.nice_length(x)
        for x in (0.3, 1, 1.9, 2, 4.99, 10 - 1e-12, 37, 120, 999)
    ] == [0.2, 1, 1, 2, 2, 10, 20, 100, 500]
    for limit in np.geomspace(0.05, 5000, 200):
        n = scale_figures.nice_length(float(limit))
        assert n <= limit * (1 + 1e-9)
        assert n > limit / 2.5 - 1e-9
        mantissa = n / 10 ** math.floor(math.log10(n) + 1e-9)
        assert round(mantissa, 6) in (1.0, 2.0, 5.0)
    with pytest.raises(ValueError, match="positive finite"):
        scale_figures.nice_length(0.0)


def test_the_human_figure_is_exactly_1_8_m_tall_and_person_sized():
    lo, hi = scale_figures.human_figure().bounds()
    assert lo[2] == pytest.approx(0.0, abs=1e-5)
    assert hi[2] == pytest.approx(1.8, abs=1e-5)
    width, depth = hi[1] - lo[1], hi[0] - lo[0]
    assert 0.6 < width < 1.2  # arms a little out
    assert 0.3 < depth < 0.7  # a backpack
    assert set(scale_figures.human_figure().parts) == {"suit", "visor", "pack"}


def test_the_iss_outline_is_at_true_scale():
    meshes, origin = scale_figures.iss_outline()
    lo, hi = meshes.bounds()
    size = hi - lo
    # NASA: 109 m truss (across, Y) and 73 m over the arrays fore and aft (X)
    assert size[1] == pytest.approx(scale_figures.ISS_TRUSS_M, rel=0.08), origin
    assert size[0] == pytest.approx(scale_figures.ISS_ARRAYS_M, rel=0.08), origin
    assert np.allclose((lo + hi) / 2, 0.0, atol=1e-3)  # centred: placed by its box
    facts = scale_figures._iss_from_facts()
    flo, fhi = facts.bounds()
    assert (fhi - flo)[1] == pytest.approx(109.0, abs=0.01)
    assert (fhi - flo)[0] == pytest.approx(73.0, abs=0.01)


def test_a_missing_iss_plan_falls_back_to_the_published_figures(tmp_path):
    meshes, origin = scale_figures.iss_outline(tmp_path / "none.toml")
    assert origin == scale_figures.ISS_SOURCE
    lo, hi = meshes.bounds()
    assert (hi - lo)[1] == pytest.approx(109.0, abs=0.01)


def test_figures_stand_beside_the_station_and_join_fit_and_depth_range():
    model = ViewerModel(load_plan(PLANS / "ros-2024.toml"))
    events = []
    model.overlay_changed.connect(lambda n, on: events.append((n, on)))
    station = np.concatenate(
        [model.fit_points(None, i, references=False) for i in range(model.phase_count)]
    )
    slo, shi = station.min(axis=0), station.max(axis=0)
    before = model.bounds()
    _, radius = model.scene_sphere()
    model.set_overlay("human", True)
    model.set_overlay("iss", True)
    model.set_overlay("iss", True)  # no change, no event
    assert events == [("human", True), ("iss", True)]
    figs = model.scale_figures()
    assert set(figs) == {"human", "iss"}
    hm, ht = figs["human"]
    hlo, hhi = hm.bounds()
    feet, head = ht[:3, 3] + hlo, ht[:3, 3] + hhi
    assert head[2] - feet[2] == pytest.approx(1.8, abs=1e-4)
    assert feet[0] > shi[0]  # ahead of the forward end, clear of the station
    im, it = figs["iss"]
    ihi = im.bounds()[1]
    assert it[0, 3] + ihi[0] < slo[0]  # aft of the station, not through it
    after = model.bounds()
    assert after[0][0] < before[0][0]
    assert after[1][0] > before[1][0]
    assert model.scene_sphere()[1] > radius * 1.5
    model.set_overlay("human", False)
    assert set(model.scale_figures()) == {"iss"}
    with pytest.raises(KeyError):
        model.set_overlay("giraffe", True)


def test_pinned_figures_stand_beside_the_phase_shown():
    """A single picture of an early phase keeps its person beside that phase's
    station; unpinned, the figures stand beside the box of every phase (they stay put
    in the view while phases change)."""
    model = ViewerModel(load_plan(PLANS / "ros-2024.toml"), 0)
    model.set_overlay("human", True)

    def gap(phase_box) -> float:
        person = model.scale_figures()["human"][1][:3, 3]
        lo, hi = phase_box
        return float(
            np.linalg.norm(np.maximum(np.maximum(lo - person, person - hi), 0))
        )

    first = model.bounds(0, references=False)
    every = gap(first)
    model.pin_figures(0)
    pinned = gap(first)
    assert pinned < every / 2, (pinned, every)
    assert pinned < 10.0  # metres from the first module's box
    model.pin_figures(None)
    assert gap(first) == pytest.approx(every)
