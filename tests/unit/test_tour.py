"""Tours without Qt: the bundled tours, the writer's round trip, the evaluator (easing,
step boundaries, cameras) and the WebVTT captions."""

from __future__ import annotations

import json
import math
import re

import numpy as np
import pytest

from models3d.tour import (
    EASINGS,
    TOURS_DIR,
    Camera,
    Caption,
    Step,
    Text,
    Tour,
    TourTimeline,
    Transition,
    bundled_plans,
    bundled_tours,
    cues,
    dumps_tour,
    ease,
    interpolate,
    read_tour,
    tour_paths,
    webvtt,
)
from models3d.tour.camera import clamp_distance, fit_distance, view_rotation

TOURS = bundled_tours()


def small_tour(**over) -> Tour:
    steps = (
        Step(
            "ros-2024",
            "nem",
            4.0,
            Camera(view="iso"),
            caption=Caption(Text("NEM", "НЭМ"), ("S46",)),
        ),
        Step(
            "ros-2024",
            "uum-shm",
            6.0,
            Camera(frame="uum", view="top"),
            easing="linear",
            transition=Transition("nem", 2.0),
            caption=Caption(Text("Node", "Узел"), ("S40",)),
            highlight=("uum",),
        ),
        Step(
            "ros-2024",
            "uum-shm",
            3.0,
            Camera.keyframe((1, 2, 3), 40.0, 10.0, 170.0),
            fly=1.0,
            easing="ease-out",
            caption=Caption(Text("Node", "Узел"), ("S40",)),
            mode="xray",
        ),
        Step(
            "mir",
            "final",
            2.0,
            Camera(view="side", distance=120.0),
            fly=0.0,
            caption=Caption(Text("Mir", "Мир"), kind="title"),
        ),
    )
    return Tour(over.get("id", "small"), Text("Small", "Малый"), steps)


# ---- the bundled tours ---------------------------------------------------------------


def test_there_are_four_bundled_tours_of_one_to_two_minutes():
    assert set(TOURS) == {"ross-2022", "ros-2024", "ros-2026", "compare"}
    for tid, tour in TOURS.items():
        assert tour.id == tid
        assert 60 <= tour.duration <= 120, tid


def test_bundled_tours_show_what_they_promise():
    assert {s.plan for s in TOURS["ross-2022"].steps} >= {"ross-2022"}
    assert {s.plan for s in TOURS["ros-2024"].steps} == {"ros-2024"}
    assert {s.plan for s in TOURS["ros-2026"].steps} == {"ros-2026"}
    plans = [s.plan for s in TOURS["compare"].steps]
    assert {"mir", "tiangong", "iss"} <= set(plans)
    # at one scale: every step of the comparison frames its station from one distance
    assert {s.camera.distance for s in TOURS["compare"].steps} == {175.0}
    # the separation is shown as a docking animation
    assert any(
        s.transition is not None and s.phase == "separation"
        for s in TOURS["ros-2026"].steps
    )


def test_every_fact_caption_cites_sources_of_its_plan_and_reads_in_both_languages():
    plans = bundled_plans()
    for tour in TOURS.values():
        for step in tour.steps:
            cap = step.caption
            assert cap is not None
            assert cap.text.en
            assert cap.text.ru
            assert re.search("[а-яё]", cap.text.ru, re.I)
            if cap.kind == "fact":
                assert cap.sources
                assert set(cap.sources) <= set(plans.get(step.plan).sources)


def test_bundled_files_are_in_the_writers_layout():
    for tid, path in tour_paths().items():
        assert dumps_tour(TOURS[tid]) == path.read_bytes(), tid


def test_bundled_tours_follow_the_json_schema():
    import jsonschema

    schema = json.loads((TOURS_DIR / "tour.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in tour_paths().values():
        assert not list(validator.iter_errors(json.loads(path.read_bytes()))), path


def test_schema_md_documents_every_key_the_reader_knows():
    doc = (TOURS_DIR / "SCHEMA.md").read_text(encoding="utf-8")
    for key in (
        "schema",
        "id",
        "title",
        "summary",
        "steps",
        "plan",
        "phase",
        "transition",
        "from",
        "duration",
        "camera",
        "fly",
        "easing",
        "caption",
        "highlight",
        "mode",
        "orbit",
        "center",
        "distance",
        "elevation",
        "azimuth",
        "view",
        "frame",
        "en",
        "ru",
        "sources",
        "kind",
    ):
        assert f"`{key}`" in doc, key
    for easing in EASINGS:
        assert f'"{easing}"' in doc


# ---- round trip ----------------------------------------------------------------------


def test_writer_and_reader_round_trip_every_field():
    tour = small_tour()
    data = dumps_tour(tour)
    back = read_tour(data, "small.tour.json")
    assert back == tour
    assert dumps_tour(back) == data


def test_phase_numbers_and_ids_round_trip_as_written():
    tour = small_tour()
    steps = list(tour.steps)
    steps[0] = Step("ros-2024", 1, 4.0, Camera(view="iso"))
    tour = Tour("n", tour.title, tuple(steps))
    back = read_tour(dumps_tour(tour))
    assert back.steps[0].phase == 1
    assert back.steps[1].phase == "uum-shm"


# ---- evaluator -----------------------------------------------------------------------


@pytest.mark.parametrize("name", EASINGS)
def test_easings_run_from_zero_to_one_monotonically(name):
    s = np.linspace(0, 1, 201)
    v = np.array([ease(name, x) for x in s])
    assert v[0] == 0.0
    assert v[-1] == 1.0
    assert np.all(np.diff(v) >= -1e-12)
    assert ease(name, -1) == 0.0
    assert ease(name, 2) == 1.0


def test_easings_have_their_shapes():
    assert ease("linear", 0.25) == 0.25
    assert ease("ease-in", 0.5) < 0.5 < ease("ease-out", 0.5)
    assert ease("ease-in-out", 0.5) == pytest.approx(0.5)
    assert ease("ease-in-out", 0.25) < 0.25
    assert ease("ease-in-out", 0.75) > 0.75


def test_interpolation_turns_the_short_way_and_zooms_geometrically():
    a = ((0.0, 0.0, 0.0), 10.0, 0.0, 170.0)
    b = ((10.0, 0.0, 0.0), 1000.0, 40.0, -170.0)
    mid = interpolate(a, b, 0.5)
    assert mid[0] == (5.0, 0.0, 0.0)
    assert mid[1] == pytest.approx(100.0)  # geometric: sqrt(10 * 1000)
    assert mid[2] == pytest.approx(20.0)
    assert mid[3] == pytest.approx(180.0)  # through 180, not through 0
    end = interpolate(a, b, 1.0)
    assert (end[3] - b[3]) % 360 == pytest.approx(0.0)


def test_states_follow_the_steps_and_their_boundaries():
    tour = small_tour()
    tl = TourTimeline(tour, aspect=16 / 9)
    assert tl.duration == 15.0
    assert tl.starts == [0.0, 4.0, 10.0, 13.0]
    assert [tl.step_at(t) for t in (0, 3.999, 4.0, 9.99, 10.0, 13.0, 15.0, 99)] == [
        0,
        0,
        1,
        1,
        2,
        3,
        3,
        3,
    ]
    s0 = tl.state(0.0)
    assert (s0.plan, s0.phase, s0.transition, s0.mode) == ("ros-2024", 0, None, "solid")
    assert s0.camera == tl.steps[0].camera  # the first step starts at its camera
    s = tl.state(5.0)  # half-way through the 2 s docking
    assert s.transition == (0, 1, pytest.approx(0.5))
    assert s.highlight == ("uum",)
    assert tl.state(6.0).transition is None  # docking over: the phase is settled
    assert tl.state(10.0).mode == "xray"
    assert tl.state(13.5).plan == "mir"
    assert tl.state(13.5).camera == tl.steps[3].camera  # fly 0: a cut


def test_the_camera_flies_from_the_previous_step_and_holds_after_its_fly():
    tl = TourTimeline(small_tour())
    prev, cam = tl.steps[1].camera, tl.steps[2].camera
    assert tl.state(10.0).camera == interpolate(prev, cam, 0.0)
    half = tl.state(10.5).camera  # ease-out, fly 1 s
    assert half == interpolate(prev, cam, ease("ease-out", 0.5))
    for t in (11.0, 12.0, 12.99):
        assert tl.state(t).camera == interpolate(prev, cam, 1.0)
    # linear easing over the whole 6 s step
    a, b = tl.steps[0].camera, tl.steps[1].camera
    assert tl.state(7.0).camera == interpolate(a, b, 0.5)


def test_the_camera_is_continuous_across_step_boundaries():
    tl = TourTimeline(TOURS["ros-2024"])
    for start in tl.starts[1:]:
        before, after = tl.state(start - 1e-6).camera, tl.state(start).camera
        assert np.allclose(before[0], after[0], atol=1e-3)
        assert before[1] == pytest.approx(after[1], rel=1e-4)
        assert before[2] == pytest.approx(after[2], abs=1e-3)
        assert (before[3] - after[3] + 180) % 360 - 180 == pytest.approx(0, abs=1e-3)


def test_framed_cameras_contain_the_station_and_follow_the_aspect():
    plan = bundled_plans().get("ros-2024")
    tour = Tour("f", Text("F", "Ф"), (Step("ros-2024", "final", 1.0, Camera()),))
    wide, strip = TourTimeline(tour, aspect=16 / 9), TourTimeline(tour, aspect=5.0)
    # the field of view is horizontal: a very wide picture is framed by its height
    assert strip.steps[0].camera[1] > wide.steps[0].camera[1]
    center, distance, el, az = wide.steps[0].camera
    from models3d.viewer_model import ViewerModel

    pts = ViewerModel(plan).fit_points(None, len(plan.phases) - 1, references=False)
    need = fit_distance(pts, np.array(center), el, az, 16 / 9, 1.0)
    assert distance >= need
    assert (el, az) == (28.0, -55.0)


def test_keyframe_distance_is_clamped_like_the_view():
    assert clamp_distance(0.0, 20.0) == pytest.approx(0.9)
    assert clamp_distance(1e6, 20.0) == 800.0
    r = view_rotation(28.0, -55.0)
    assert np.allclose(r @ r.T, np.eye(3))


def test_frame_times_are_n_over_fps():
    tl = TourTimeline(small_tour())
    times = tl.frame_times(30)
    assert len(times) == 450
    assert times[1] == pytest.approx(1 / 30)


# ---- captions ------------------------------------------------------------------------


def _vtt_cues(text: str) -> list[tuple[float, float, list[str]]]:
    out = []
    blocks = text.strip().split("\n\n")
    assert blocks[0] == "WEBVTT"
    for block in blocks[1:]:
        lines = block.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        timing = next(ln for ln in lines if "-->" in ln)
        a, b = (_secs(x.strip()) for x in timing.split("-->"))
        out.append((a, b, lines[lines.index(timing) + 1 :]))
    return out


def _secs(stamp: str) -> float:
    h, m, s = stamp.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


@pytest.mark.parametrize("fps", [24, 25, 30, 60])
def test_vtt_cues_start_within_one_frame_of_step_boundaries(fps):
    for tour in TOURS.values():
        tl = TourTimeline(tour)
        parsed = _vtt_cues(webvtt(tl, "en"))
        assert len(parsed) == len(cues(tl, "en"))
        times = tl.frame_times(fps)
        for start, end, lines in parsed:
            assert end > start
            k = tl.step_at(start)
            assert abs(start - tl.starts[k]) <= 1 / fps
            # the first video frame showing this caption is within a frame of the cue
            first = next(t for t in times if t >= start - 1e-9)
            assert first - start < 1 / fps
            cap = tl.state(first).caption
            assert cap is not None
            assert lines[0] == cap.text.en.replace("&", "&amp;").replace(
                "<", "&lt;"
            ).replace(">", "&gt;")


def test_vtt_merges_repeated_captions_and_lists_sources_in_the_language():
    tl = TourTimeline(small_tour())
    en = _vtt_cues(webvtt(tl, "en"))
    assert [(a, b) for a, b, _ in en] == [(0, 4), (4, 13), (13, 15)]
    assert en[1][2] == ["Node", "Sources: TASS [S40]"]
    assert en[2][2] == ["Mir"]  # a title cites nothing
    ru = _vtt_cues(webvtt(tl, "ru"))
    assert ru[1][2] == ["Узел", "Источники: TASS [S40]"]


def test_vtt_escapes_cue_text():
    steps = (
        Step(
            "ros-2024",
            "nem",
            2.0,
            Camera(),
            caption=Caption(Text("A <b> & --> C", "А"), ("S46",)),
        ),
    )
    text = webvtt(TourTimeline(Tour("e", Text("T", "Т"), steps)))
    body = text.split("\n\n", 2)[2]
    assert "A &lt;b&gt; &amp; --&gt; C" in body
    assert "<b>" not in body


def test_burnt_caption_stays_inside_the_frame_and_is_deterministic():
    from models3d.tour import burn_caption

    frame = np.zeros((180, 320, 3), np.uint8)
    a = burn_caption(
        frame,
        "A caption long enough to wrap onto a second line here",
        "Sources: TASS [S46]",
    )
    b = burn_caption(
        frame,
        "A caption long enough to wrap onto a second line here",
        "Sources: TASS [S46]",
    )
    assert a.shape == frame.shape
    assert np.array_equal(a, b)
    changed = np.argwhere(a.any(axis=2))
    assert changed[:, 0].min() > 180 * 0.4  # at the bottom
    assert math.isclose(float(a[0, 0].sum()), 0.0)
