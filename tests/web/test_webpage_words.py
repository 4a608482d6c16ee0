"""The web page says what the app says, in both languages: totals as '≥' lower bounds
or 'unknown' with a sentence saying what they count, launch vehicles, sites and notes
in the page's language, where a module is docked, and outlet-only sources without a
link. Partner modules count in the totals in the GLB's extras too."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from models3d.catalogue import load_plan, resolve_plan
from models3d.gltf_check import read_glb
from models3d.plan import text
from models3d.portmap import docked_text
from models3d.totals import missing_labels
from models3d.webpage import write_webpage
from tests.web.cdp import Browser

pytestmark = pytest.mark.web


@pytest.fixture(scope="module")
def plan():
    # ros-2026: partner modules (the ISS Russian segment), outlet-only sources, a
    # phase with an unknown total, lower bounds and launch windows
    return load_plan(resolve_plan("ros-2026"))


@pytest.fixture(scope="module")
def page(plan, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("web") / "ros-2026.html"
    write_webpage(plan, out)
    return out


@pytest.fixture(scope="module")
def browser(chromium, page):
    with Browser(1280, 800) as b:
        b.open(page)
        assert b.eval("window.ross.ready.then(() => true)") is True
        yield b


def _text(b: Browser, element: str) -> str:
    return b.eval(f"document.getElementById('{element}').innerText")


def test_partner_modules_count_in_the_extras(plan, page):
    html = page.read_text("utf-8")
    glb = re.search(r'id="ross-glb">(.*?)</script>', html, re.S)[1]
    doc, _ = read_glb(base64.b64decode(glb))
    extras = {
        n["extras"]["module"]["id"]: n["extras"]
        for n in doc["nodes"]
        if "extras" in n and "module" in n["extras"]
    }
    assert extras["nauka"]["type"] == "partner_module"
    for mid, x in extras.items():
        assert x["in_totals"] == plan.modules[mid].in_totals
    assert extras["nauka"]["in_totals"]
    assert not extras["soyuz-ros-1"]["in_totals"]


def test_totals_are_lower_bounds_or_unknown_with_a_sentence(browser, plan):
    last = len(plan.phases)
    browser.eval("window.ross.setLanguage('en')")
    browser.eval(f"window.ross.setPhase({last})")
    totals = _text(browser, "totals")
    from models3d.totals import phase_totals

    mass = phase_totals(plan)[-1].sums["mass"]
    assert mass.lower_bound
    assert f"≥ {mass.format()[2:]}" in totals
    missing = ", ".join(missing_labels(plan, mass, "en"))
    assert f"no figure published for {missing}." in totals
    assert f"{len(mass.counted)} modules counted" in totals
    browser.eval("window.ross.setLanguage('ru')")
    totals = _text(browser, "totals")
    assert mass.format(lang="ru") in totals  # "≥ 68 т"
    assert ", ".join(missing_labels(plan, mass, "ru")) in totals
    assert "Не менее" in totals
    # no Latin word in the Russian totals but source ids
    words = set(re.findall(r"[A-Za-z]+\d*", totals)) - set(plan.sources)
    assert not words, words
    # a phase nothing of which publishes a power figure: unknown, never 0
    i = next(i for i, t in enumerate(phase_totals(plan)) if not t.sums["power"].counted)
    browser.eval(f"window.ross.setPhase({i + 1})")
    assert "Неизвестно: ни для одного модуля" in _text(browser, "totals")
    browser.eval("window.ross.setLanguage('en')")
    totals = _text(browser, "totals")
    assert "Unknown: no module of this phase has a published figure." in totals
    assert " 0 kW" not in totals


@pytest.fixture(scope="module")
def ros2024(chromium, tmp_path_factory):
    """ros-2024's page: its target modules launch in a 2031-2033 window."""
    plan = load_plan(resolve_plan("ros-2024"))
    out = tmp_path_factory.mktemp("web") / "ros-2024.html"
    write_webpage(plan, out)
    with Browser(1280, 800) as b:
        b.open(out)
        assert b.eval("window.ross.ready.then(() => true)") is True
        yield plan, b


def test_launch_notes_and_docking_in_the_page_language(ros2024):
    plan, browser = ros2024
    last = len(plan.phases)
    browser.eval(f"window.ross.setPhase({last})")
    windowed = [
        m
        for m in plan.station.snapshots[-1].modules
        if plan.modules[m].launch and plan.modules[m].launch.date_end
    ]
    assert windowed
    for mid in [*windowed, "uum"]:
        launch = plan.modules[mid].launch
        for lang in ("en", "ru"):
            browser.eval(f"window.ross.setLanguage('{lang}')")
            assert browser.eval(f"window.ross.select('{mid}')") == mid
            shown = _text(browser, "module")
            assert launch.date_label() in shown
            for table in (launch.vehicle, launch.site, launch.note):
                if table:
                    assert text(table, lang) in shown
            docked = docked_text(plan, last - 1, mid, lang)
            assert docked
            assert docked[0].upper() + docked[1:] in shown
    browser.eval("window.ross.setLanguage('en')")


def test_outlet_only_sources_have_no_link(browser, plan):
    browser.eval("window.ross.setLanguage('en')")
    outlet_only = {sid for sid, s in plan.sources.items() if s.outlet_only}
    assert outlet_only
    hrefs = browser.eval("[...document.querySelectorAll('a')].map(a => a.href)")
    urls = {s.url.rstrip("/") for s in plan.sources.values() if s.url}
    assert hrefs
    assert all(h.rstrip("/") in urls for h in hrefs)
    unlinked = browser.eval(
        "[...document.querySelectorAll('#plan .outlet-only')].map(e => e.textContent)"
    )
    assert {u.rstrip("*") for u in unlinked} == outlet_only
    # a module citing outlet-only sources names them, unlinked, with the reason
    mid, cited = next(
        (m, ids & outlet_only)
        for m, mod in plan.modules.items()
        if (ids := {s for f in mod.figures.values() for s in f.sources}) & outlet_only
        and m in plan.station.snapshots[-1].modules
    )
    browser.eval(f"window.ross.setPhase({len(plan.phases)})")
    browser.eval(f"window.ross.select('{mid}')")
    shown = browser.eval(
        "[...document.querySelectorAll('#module .outlet-only')]"
        ".map(e => [e.textContent, e.title])"
    )
    assert {t.rstrip("*") for t, _ in shown} == cited
    assert all("outlet only" in title for _, title in shown)
