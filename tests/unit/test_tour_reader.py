"""The tour reader: a corpus of broken tours with the problems each must report (with
its key path), every problem of a file at once, and fuzzing: any bytes give a Tour or
one TourError."""

from __future__ import annotations

import copy
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models3d.errors import RossError, TourError
from models3d.tour import Tour, load_tour, read_tour, resolve_tour, tour_paths
from models3d.tour.reader import MAX_FILE_BYTES

BASE = {
    "schema": 1,
    "id": "base",
    "title": {"en": "Base", "ru": "База"},
    "steps": [
        {
            "plan": "ros-2024",
            "phase": "nem",
            "duration": 5,
            "camera": {"view": "iso"},
            "caption": {"en": "NEM", "ru": "НЭМ", "sources": ["S46"]},
        },
        {
            "plan": "ros-2024",
            "phase": "uum-shm",
            "duration": 6,
            "transition": {"from": "nem", "duration": 3},
            "camera": {"frame": "uum", "view": "top"},
            "highlight": ["uum", "shm"],
            "caption": {"en": "Node", "ru": "Узел", "sources": ["S40"]},
        },
        {
            "plan": "mir",
            "phase": 2,
            "duration": 4,
            "camera": {
                "center": [1, 2, 3],
                "distance": 50,
                "elevation": 10,
                "azimuth": 20,
            },
        },
    ],
}


def dump(doc) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode()


def problems(data: bytes) -> list[str]:
    with pytest.raises(TourError) as info:
        read_tour(data, "t.tour.json")
    err = info.value
    assert str(err).startswith("t.tour.json: ")
    assert all(p.startswith("t.tour.json: ") for p in err.problems)
    return err.problems


def mutated(path: str, value=..., delete=False) -> bytes:
    """BASE with the value at a dotted path (steps.1.camera.view) replaced or
    deleted."""
    doc = copy.deepcopy(BASE)
    keys = [int(k) if k.isdigit() else k for k in path.split(".")]
    node = doc
    for k in keys[:-1]:
        node = node[k]
    if delete:
        del node[keys[-1]]
    else:
        node[keys[-1]] = value
    return dump(doc)


def test_the_base_tour_reads():
    tour = read_tour(dump(BASE))
    assert isinstance(tour, Tour)
    assert [s.phase for s in tour.steps] == ["nem", "uum-shm", 2]


# (what, the bytes, substrings one of the problems must contain, in order)
CORPUS = [
    ("empty file", b"", ["not valid JSON"]),
    ("not UTF-8", b'{"a": "\xff"}', ["not UTF-8 text (byte 7)"]),
    ("not JSON", b"{schema: 1}", ["not valid JSON", "line 1"]),
    ("a list", b"[]", ["expected an object, found a list"]),
    (
        "NaN",
        dump(BASE).replace(b'"duration": 5', b'"duration": NaN'),
        ["NaN is not a number JSON allows"],
    ),
    (
        "Infinity",
        dump(BASE).replace(b'"duration": 5', b'"duration": -Infinity'),
        ["-Infinity is not a number"],
    ),
    (
        "1e999",
        dump(BASE).replace(b'"duration": 5', b'"duration": 1e999'),
        ["steps[0].duration", "not a finite number"],
    ),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, ["not valid JSON"]),
    (
        "huge integer",
        dump(BASE).replace(b'"phase": 2', b'"phase": ' + b"9" * 5000),
        ["not valid JSON"],
    ),
    ("too big", b" " * (MAX_FILE_BYTES + 1), ["1,000,001 bytes"]),
    (
        "key twice",
        dump(BASE).replace(b'"id": "base"', b'"id": "base", "id": "b"'),
        ["id: given twice"],
    ),
    ("unknown top key", mutated("colour", "red"), ["colour: unknown key"]),
    ("schema 2", mutated("schema", 2), ["schema: unsupported schema 2"]),
    ("schema true", mutated("schema", True), ["unsupported schema True"]),
    ("missing title", mutated("title", delete=True), ["title: missing"]),
    (
        "title as text",
        mutated("title", "Base"),
        ["title: expected an object, found text"],
    ),
    ("title without ru", mutated("title.ru", delete=True), ["title.ru: missing"]),
    ("bad id", mutated("id", "a b"), ["id: 'a b' is not a valid id"]),
    ("no steps", mutated("steps", []), ["steps: a tour needs at least one step"]),
    ("steps not a list", mutated("steps", {}), ["steps: expected a list of steps"]),
    (
        "unknown plan",
        mutated("steps.0.plan", "ros-2099"),
        ["steps[0].plan: unknown plan 'ros-2099'"],
    ),
    (
        "unknown phase",
        mutated("steps.0.phase", "nemm"),
        ["steps[0].phase: no phase 'nemm'", "in plan 'ros-2024'"],
    ),
    (
        "phase number 0",
        mutated("steps.2.phase", 0),
        ["steps[2].phase: phase 0 is out of range"],
    ),
    (
        "phase true",
        mutated("steps.2.phase", True),
        ["steps[2].phase: expected a phase id"],
    ),
    ("superscript digit", mutated("steps.2.phase", "²"), ["steps[2].phase"]),
    (
        "zero duration",
        mutated("steps.0.duration", 0),
        ["steps[0].duration: 0 is outside 0.1–600"],
    ),
    (
        "duration text",
        mutated("steps.0.duration", "5"),
        ["steps[0].duration: expected a number, found text"],
    ),
    ("fly too long", mutated("steps.0.fly", 9), ["steps[0].fly: 9 s is longer than"]),
    (
        "unknown easing",
        mutated("steps.0.easing", "bounce"),
        ["steps[0].easing: 'bounce' is not one of linear"],
    ),
    ("unknown mode", mutated("steps.0.mode", "ghost"), ["steps[0].mode"]),
    (
        "orbit as text",
        mutated("steps.0.orbit", "yes"),
        ["steps[0].orbit: expected true or false"],
    ),
    (
        "transition to itself",
        mutated("steps.1.transition.from", "uum-shm"),
        ["steps[1].transition.from: is the step's own phase"],
    ),
    (
        "transition too long",
        mutated("steps.1.transition.duration", 7),
        ["steps[1].transition.duration: 7 s is longer than the step"],
    ),
    (
        "transition unknown phase",
        mutated("steps.1.transition.from", "x"),
        ["steps[1].transition.from: no phase 'x'"],
    ),
    (
        "transition without from",
        mutated("steps.1.transition.from", delete=True),
        ["steps[1].transition.from: missing"],
    ),
    (
        "caption without sources",
        mutated("steps.0.caption.sources", delete=True),
        ["steps[0].caption.sources: missing: a caption that states facts"],
    ),
    (
        "caption with empty sources",
        mutated("steps.0.caption.sources", []),
        ["steps[0].caption.sources: missing"],
    ),
    (
        "unknown source",
        mutated("steps.0.caption.sources", ["S999"]),
        ["steps[0].caption.sources[0]: unknown source id 'S999'"],
    ),
    (
        "source of another plan",
        mutated("steps.0.caption.sources", ["M1"]),
        ["not a source of plan 'ros-2024'"],
    ),
    (
        "source twice",
        mutated("steps.0.caption.sources", ["S46", "S46"]),
        ["steps[0].caption.sources[1]: 'S46' is listed twice"],
    ),
    (
        "title with a source",
        mutated("steps.0.caption.kind", "title"),
        ["steps[0].caption.sources: a title states no fact"],
    ),
    (
        "title with a year",
        dump(
            {
                **BASE,
                "steps": [
                    {
                        **BASE["steps"][0],
                        "caption": {
                            "en": "Since 2028",
                            "ru": "С тех пор",
                            "kind": "title",
                        },
                    }
                ],
            }
        ),
        ["steps[0].caption.en: a title contains a number"],
    ),
    (
        "caption line break",
        mutated("steps.0.caption.en", "two\nlines"),
        ["steps[0].caption.en: contains a control character"],
    ),
    (
        "caption escape",
        mutated("steps.0.caption.ru", "\x1b[31mred"),
        ["steps[0].caption.ru: contains a control character"],
    ),
    (
        "caption too long",
        mutated("steps.0.caption.en", "x" * 601),
        ["steps[0].caption.en: is 601 characters long"],
    ),
    (
        "caption blank",
        mutated("steps.0.caption.en", "   "),
        ["steps[0].caption.en: is empty"],
    ),
    (
        "unknown kind",
        mutated("steps.0.caption.kind", "opinion"),
        ["steps[0].caption.kind"],
    ),
    (
        "highlight unknown",
        mutated("steps.1.highlight", ["uum", "nemo"]),
        ["steps[1].highlight[1]: no module 'nemo' in plan 'ros-2024'"],
    ),
    (
        "highlight not there yet",
        mutated("steps.1.highlight", ["bm"]),
        ["steps[1].highlight[0]: module 'bm' is not on the station in this step"],
    ),
    (
        "highlight twice",
        mutated("steps.1.highlight", ["uum", "uum"]),
        ["steps[1].highlight[1]: 'uum' is listed twice"],
    ),
    (
        "frame unknown module",
        mutated("steps.1.camera.frame", "tsm9"),
        ["steps[1].camera.frame: no module 'tsm9'"],
    ),
    (
        "frame module not there",
        mutated("steps.0.camera.frame", "bm"),
        ["steps[0].camera.frame: module 'bm' is not on the station"],
    ),
    (
        "unknown view",
        mutated("steps.0.camera.view", "bottom"),
        ["steps[0].camera.view: 'bottom' is not one of iso"],
    ),
    (
        "view with angles",
        mutated("steps.0.camera.elevation", 10),
        [
            "steps[0].camera: elevation and azimuth are given together",
            "steps[0].camera.view: a named view sets elevation and azimuth",
        ],
    ),
    (
        "keyframe without distance",
        mutated("steps.2.camera.distance", delete=True),
        ["steps[2].camera.distance: missing: a keyframe"],
    ),
    (
        "keyframe with a view",
        mutated("steps.2.camera.view", "iso"),
        ["steps[2].camera.view: a keyframe (with a center) takes no view"],
    ),
    (
        "centre of two",
        mutated("steps.2.camera.center", [1, 2]),
        ["steps[2].camera.center: expected [x, y, z] in metres, found a list of 2"],
    ),
    (
        "centre far away",
        mutated("steps.2.camera.center", [1, 2, 1e9]),
        ["steps[2].camera.center[2]: 1e+09 is outside"],
    ),
    (
        "elevation 100",
        mutated("steps.2.camera.elevation", 100),
        ["steps[2].camera.elevation: 100 is outside -90–90"],
    ),
    (
        "distance 0",
        mutated("steps.2.camera.distance", 0),
        ["steps[2].camera.distance: 0 is outside 0.5–100000"],
    ),
    (
        "camera as list",
        mutated("steps.0.camera", []),
        ["steps[0].camera: expected an object, found a list"],
    ),
    ("unknown step key", mutated("steps.0.wait", 3), ["steps[0].wait: unknown key"]),
    ("control key", mutated("steps.0.\x1b", 3), ["steps[0].\\x1b: unknown key"]),
]


@pytest.mark.parametrize(
    ("what", "data", "expected"), CORPUS, ids=[c[0] for c in CORPUS]
)
def test_broken_tours_report_each_problem_with_its_key_path(what, data, expected):
    found = problems(data)
    for part in expected:
        assert any(part in p for p in found), (what, part, found)


def test_a_tour_longer_than_an_hour_is_refused():
    long = {**BASE["steps"][0], "duration": 600}
    found = problems(dump({**BASE, "steps": [long] * 7}))
    assert any(
        "steps: the steps last 4200 s; a tour lasts at most 3600 s" in p for p in found
    )


def test_every_problem_of_a_file_is_reported_at_once():
    doc = copy.deepcopy(BASE)
    doc["steps"][0]["duration"] = -1
    doc["steps"][1]["camera"]["frame"] = "nemo"
    doc["steps"][2]["camera"]["elevation"] = 200
    doc["colour"] = 1
    found = problems(dump(doc))
    assert len(found) == 4
    assert [p.split(": ")[1] for p in found] == [
        "colour",
        "steps[0].duration",
        "steps[1].camera.frame",
        "steps[2].camera.elevation",
    ]


def test_a_byte_order_mark_is_accepted():
    assert read_tour(b"\xef\xbb\xbf" + dump(BASE)).id == "base"


def test_integral_floats_are_phase_numbers():
    assert read_tour(mutated("steps.2.phase", 2.0)).steps[2].phase == 2


def test_tour_files_are_refused_before_reading_when_not_regular(tmp_path):
    fifo = tmp_path / "pipe.tour.json"
    os.mkfifo(fifo)
    with pytest.raises(TourError, match="FIFO"):
        load_tour(fifo)
    with pytest.raises(TourError, match="is a folder"):
        load_tour(tmp_path)
    with pytest.raises(TourError, match="does not exist"):
        load_tour(tmp_path / "none.tour.json")


def test_resolve_tour_takes_ids_and_files(tmp_path):
    assert resolve_tour("compare") == tour_paths()["compare"]
    assert resolve_tour(str(tmp_path / "x.tour.json")) == tmp_path / "x.tour.json"
    with pytest.raises(TourError, match="neither a bundled tour"):
        resolve_tour("no-such-tour")


# ---- fuzzing -------------------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


ALL_PATHS = [p for p in _paths(BASE) if p]


def _read_never_fails_otherwise(data: bytes) -> None:
    try:
        tour = read_tour(data, "f.tour.json")
    except TourError as exc:
        error = exc
    else:
        assert isinstance(tour, Tour)
        return
    assert error.problems
    assert all(isinstance(p, str) and p for p in error.problems)
    assert isinstance(error, RossError)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_fuzz_any_bytes_give_a_tour_or_one_tour_error(data):
    _read_never_fails_otherwise(data)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_PATHS), json_values, st.booleans())
def test_fuzz_one_value_replaced_anywhere(path, value, delete):
    doc = copy.deepcopy(BASE)
    node = doc
    for k in path[:-1]:
        node = node[k]
    if delete and isinstance(node, dict):
        del node[path[-1]]
    else:
        node[path[-1]] = value
    _read_never_fails_otherwise(dump(doc))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2000), st.binary(min_size=1, max_size=4))
def test_fuzz_bytes_spliced_into_a_valid_file(at, junk):
    data = bytearray(dump(BASE))
    at = at % len(data)
    _read_never_fails_otherwise(bytes(data[:at] + junk + data[at + len(junk) :]))
