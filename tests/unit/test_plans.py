"""The bundled plans: complete, sourced, bilingual, and saying what the sources say."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from models3d.catalogue import load_plan, plan_paths
from models3d.figures import CONFIDENCES
from tests.conftest import BUNDLED, PLANS

ROS_PLANS = ["ross-2022", "ros-2024", "ros-2026"]
DOCUMENTED = ["mir", "tiangong", "iss"]

# hosts and words that mark an aggregator, a forum, a mirror or a copy: such a source
# must say it is of low reliability
_LOW_HOSTS = (
    "forum.",
    "particle.news",
    "studentb",
    "easychat",
    "wikiwand",
    "liquisearch",
    "uncensored-wiki",
    "ourairports",
    "satobs",
    "amsat",
    "gadgetonus",
    "gcoop",
    "newswep",
    "www1.ru",
    "astronautix",
    "richxsearch",
    "wiki.av1",
    "docslib",
    "kevinjamesng",
    "newspaceeconomy",
    "window-to-china",
    "upvid",
    "urdupoint",
)
_LOW_WORDS = ("copy of", "mirror", "mailing list", "relay")  # in title or outlet
_LOW_OUTLET_WORDS = ("forum",)  # "the Army-2022 forum" in a title is a trade show


@pytest.fixture(scope="module", params=BUNDLED)
def plan(request):
    return load_plan(PLANS / f"{request.param}.toml")


def _prose(plan):
    """Every bilingual prose table of a plan, with where it is."""
    yield "plan.title", plan.title
    yield "plan.summary", plan.summary
    for key in ("interpretation", "axes", "drawing"):
        if getattr(plan, key):
            yield f"plan.{key}", getattr(plan, key)
    for mid, m in plan.modules.items():
        for key in ("name", "abbr", "role", "note"):
            if getattr(m, key):
                yield f"{mid}.{key}", getattr(m, key)
        if m.shape.note:
            yield f"{mid}.shape.note", m.shape.note
        if m.launch:
            for key in ("vehicle", "site", "note"):
                if getattr(m.launch, key):
                    yield f"{mid}.launch.{key}", getattr(m.launch, key)
        for q, f in m.figures.items():
            if f.note:
                yield f"{mid}.{q}.note", f.note
    for ph in plan.phases:
        yield f"{ph.id}.name", ph.name
        if ph.note:
            yield f"{ph.id}.note", ph.note
        for q, f in [*ph.published_totals.items(), ("crew", ph.crew)]:
            if f is not None and f.note:
                yield f"{ph.id}.{q}.note", f.note
    for q, f in plan.orbit.items():
        if f.note:
            yield f"orbit.{q}.note", f.note


def test_the_six_plans_are_bundled():
    assert set(BUNDLED) == {
        "ross-2022",
        "ros-2024",
        "ros-2026",
        "mir",
        "tiangong",
        "iss",
    }
    assert set(plan_paths()) == set(BUNDLED)


def test_plan_is_complete_and_sourced(plan):
    assert plan.title["en"]
    assert plan.summary["en"]
    assert plan.sources
    cited = set(plan.plan_sources)
    for mid, m in plan.modules.items():
        if m.shape.basis == "inferred":
            assert m.shape.note, f"{mid}: inferred drawing size without a note"
        for q, f in m.figures.items():
            # a missing figure is absent; a real zero is stated, confirmed and explained
            assert f.value > 0 or (f.confidence == "confirmed" and f.note), f"{mid}.{q}"
            assert f.low <= f.value <= f.high
            assert f.confidence in CONFIDENCES
            assert f.sources
            if f.confidence == "conflict":
                assert f.has_range, f"{mid}.{q}: conflict without a range"
            cited |= set(f.sources)
        if m.launch:
            cited |= set(m.launch.sources)
    for ph in plan.phases:
        assert ph.sources
        assert ph.confidence in CONFIDENCES
        cited |= set(ph.sources)
    assert cited <= set(plan.sources)


def test_every_prose_field_is_in_english_and_russian(plan):
    for where, table in _prose(plan):
        assert table.get("en", "").strip(), where
        assert table.get("ru", "").strip(), where


def test_russian_prose_has_no_latin_words_but_names_and_ids(plan):
    """Latin letters in Russian text are allowed only for source ids, the names of the
    plan's sources and outlets, and a few international abbreviations."""
    allowed = {"UTC", "NASA", "ESA", "JAXA", "JPL", "CMSA", "STS", "CZ", "PMA", "CBM"}
    for s in plan.sources.values():
        allowed |= set(re.findall(r"[A-Za-z][A-Za-z!']*", f"{s.title} {s.outlet}"))
    for mid, m in plan.modules.items():  # module, ship and rocket names are names
        vehicle = m.launch.vehicle.get("en", "") if m.launch else ""
        allowed |= set(
            re.findall(
                r"[A-Za-z][A-Za-z!']*", f"{mid} {m.name['en']} {m.abbr['en']} {vehicle}"
            )
        )

    for pid in BUNDLED:  # plan ids such as ros-2026
        allowed |= set(re.findall(r"[a-z]+", pid))
    for where, table in _prose(plan):
        for word in re.findall(r"[A-Za-z][A-Za-z!']*", table["ru"]):
            ok = word in allowed or re.fullmatch(r"[SMTI]\d*|[XYZ]|Y\d", word)
            assert ok, f"{plan.id} {where}: Latin word '{word}' in Russian text"


def test_sources_link_the_cited_page_or_say_outlet_only(plan):
    for sid, s in plan.sources.items():
        assert s.title, sid
        assert s.outlet, sid
        if s.outlet_only:
            assert not s.url, sid
            continue
        parts = urlsplit(s.url)
        assert parts.scheme in ("http", "https"), sid
        assert parts.path not in ("", "/") or parts.query, f"{sid}: a home page"


def test_aggregators_forums_and_copies_are_low_reliability(plan):
    for sid, s in plan.sources.items():
        text = f"{s.title} {s.outlet}".lower()
        weak = (
            any(h in s.url for h in _LOW_HOSTS)
            or any(w in text for w in _LOW_WORDS)
            or any(w in s.outlet.lower() for w in _LOW_OUTLET_WORDS)
        )
        # a relay by a major agency through an established outlet is not a copy
        if weak and "nasa" not in text:
            assert s.reliability == "low", f"{plan.id} {sid}: {s.outlet}"


@pytest.mark.parametrize("pid", ROS_PLANS)
def test_ros_plans_say_their_layout_is_an_interpretation(pid):
    plan = load_plan(PLANS / f"{pid}.toml")
    assert plan.layout == "interpretation"
    assert "interpretation" in plan.interpretation["en"].lower()


@pytest.mark.parametrize("pid", DOCUMENTED)
def test_historical_layouts_are_documented(pid):
    plan = load_plan(PLANS / f"{pid}.toml")
    assert plan.layout == "documented"
    assert not plan.interpretation


def test_ros_2024_follows_the_july_2024_schedule():
    plan = load_plan(PLANS / "ros-2024.toml")
    order = [
        a.module
        for ph in plan.phases
        for a in ph.add
        if plan.modules[a.module].category == "module"
    ]
    assert order == ["nem", "uum", "shm", "bm", "tsm1", "tsm2"]
    uum_shm = plan.phases[1]
    assert {a.module for a in uum_shm.add} == {"uum", "shm"}
    assert any(r.module == "shm" for ph in plan.phases for r in ph.relocate)
    nem = plan.modules["nem"]
    assert (nem.figures["mass"].low, nem.figures["mass"].high) == (20.0, 21.0)
    # the ~50 kW installed figure the note cites is inside the range
    assert nem.figures["power"].high == 50
    assert plan.modules["uum"].figures["mass"].confidence == "inferred"
    assert "length" not in plan.modules["bm"].figures
    assert plan.phases[0].date == "2027-12"


def test_ros_2024_flags_what_its_sources_do_not_say():
    plan = load_plan(PLANS / "ros-2024.toml")
    bm = plan.modules["bm"].launch
    assert (bm.date, bm.date_end, bm.confidence) == ("2029", "2030", "conflict")
    assert not bm.vehicle  # Angara-A5M was named only in 2026
    for tsm in ("tsm1", "tsm2"):
        launch = plan.modules[tsm].launch
        assert (launch.date, launch.date_end) == ("2031", "2033")
        assert not launch.vehicle
    published = plan.phases[plan.phase_index("bm")].published_totals
    assert {f.confidence for f in published.values()} == {"uncertain"}
    assert plan.modules["progress-2"].launch.confidence == "inferred"


def test_ros_2026_docks_to_the_iss_russian_segment_then_separates():
    plan = load_plan(PLANS / "ros-2026.toml")
    partners = {m for m, mod in plan.modules.items() if mod.category == "partner"}
    assert {"zvezda", "poisk", "nauka", "prichal"} == partners
    assert all(plan.modules[m].figures.get("mass") for m in partners)
    first = plan.phases[0]
    assert {"nauka", "prichal"} <= {a.module for a in first.add}
    assert any(ph.remove for ph in plan.phases), "the bundle must leave the ISS"
    assert plan.orbit["inclination"].value == 51.6
    assert plan.modules["uum"].launch.confidence == "inferred"
    assert plan.sources["S71"].date == "2026-03-10"
    assert plan.sources["S64"].date == "2025-12-18"
    summary = plan.summary["en"]
    assert "Progress ROS" in summary
    assert "Northern Sea Route" in summary


def test_ross_2022_is_four_modules_then_two_and_a_platform():
    plan = load_plan(PLANS / "ross-2022.toml")
    modules = [
        a.module
        for ph in plan.phases
        for a in ph.add
        if plan.modules[a.module].category == "module"
    ]
    assert modules[:4] == ["nem", "uum", "shm", "bm"]
    assert [plan.modules[m].kind for m in modules[4:]] == [
        "cylinder",
        "cylinder",
        "platform",
    ]
    crew = [ph.crew for ph in plan.phases if ph.crew]
    assert crew[-1].high == 4


def _joints(plan, phase="final"):
    return plan.station.snapshots[plan.phase_index(phase)].joints


def test_mir_is_built_as_it_really_was():
    mir = load_plan(PLANS / "mir.toml")
    assert len([m for m in mir.modules.values() if m.category == "module"]) == 7
    assert mir.axes["en"]
    assert "−X" in mir.axes["en"]
    # every module after Kvant-1 arrives at the axial port and is moved to a radial one
    for mid in ("kvant2", "kristall", "spektr", "priroda"):
        arrival = next(a for ph in mir.phases for a in ph.add if a.module == mid)
        assert arrival.port == "fwd", mid
        assert any(r.module == mid for ph in mir.phases for r in ph.relocate), mid
    # 1990-1995: Kvant-2 and Kristall on opposite radial ports
    j = _joints(mir, "kristall-radial")
    assert {j["kvant2"].port, j["kristall"].port} == {"port", "stbd"}
    # June 1995: Kristall on the axial port for the first Shuttle docking
    assert _joints(mir, "kristall-axial-sts71")["kristall"].port == "fwd"
    final = _joints(mir)
    opposite = [{"port", "stbd"}, {"zenith", "nadir"}]
    assert {final["kvant2"].port, final["spektr"].port} in opposite
    assert {final["kristall"].port, final["priroda"].port} in opposite
    assert final["docking_module"].parent == "kristall"
    assert mir.phases[mir.phase_index("kvant1")].date == "1987-04-11"
    assert mir.modules["spektr"].launch.date == "1995-05-20"
    assert mir.modules["spektr"].launch.confidence == "confirmed"
    assert mir.modules["docking_module"].shape.diameter == 2.9
    assert mir.modules["priroda"].figures["length"].confidence == "conflict"


def test_tiangong_side_ports_and_docking_times():
    tg = load_plan(PLANS / "tiangong.toml")
    relocated = [(r.module, r.port) for ph in tg.phases for r in ph.relocate]
    assert relocated == [("wentian", "stbd"), ("mengtian", "port")]
    notes = " ".join(ph.note.get("en", "") for ph in tg.phases)
    for time in ("19:13 UTC", "04:44 UTC", "20:27 UTC", "01:32 UTC"):
        assert time in notes


def test_iss_russian_segment_agrees_between_iss_and_ros_2026():
    iss = load_plan(PLANS / "iss.toml")
    ros = load_plan(PLANS / "ros-2026.toml")
    shared = set(iss.modules) & set(ros.modules)
    assert {"zvezda", "poisk", "nauka", "prichal"} <= shared
    for mid in ("zvezda", "poisk", "nauka", "prichal"):
        a, b = iss.modules[mid], ros.modules[mid]
        assert a.kind == b.kind, mid
        assert a.shape == b.shape, mid
        for q in set(a.figures) | set(b.figures):
            fa, fb = a.figures.get(q), b.figures.get(q)
            assert fa is not None, f"iss {mid}.{q}"
            assert fb is not None, f"ros-2026 {mid}.{q}"
            assert (fa.value, fa.low, fa.high, fa.unit, fa.confidence) == (
                fb.value,
                fb.low,
                fb.high,
                fb.unit,
                fb.confidence,
            ), f"{mid}.{q}"
    # the same ports: where a shared module is attached in ros-2026, it sits on the
    # same parent port with the same own port in the completed ISS
    ros_first = ros.station.snapshots[0].joints
    iss_final = iss.station.snapshots[-1].joints
    for mid in ("poisk", "nauka", "prichal"):
        a, b = ros_first[mid], iss_final[mid]
        assert (a.parent, a.port, a.own_port) == (b.parent, b.port, b.own_port), mid
