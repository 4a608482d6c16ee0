"""The Russian interface speaks Russian: walking every phase of every plan and selecting
every module, the Properties panel, the Totals panel, the status bar summary, the
timeline tooltips, the port map's tooltips and the plan selector show no Latin word
but names and ids.

What may stay in Latin letters (kept short on purpose):
- ids: module ids ("id nem"), source ids (S12, M3*), the plan id;
- the text of links (a source id linking its page), the titles and outlets of the
  sources and a module's English name (shown under its Russian one): names, which
  stay in their own language, removed as whole strings;
- the Latin words the plan file itself writes in its Russian prose (NASA, Soyuz MS-21's
  "MS"...), which tests/unit/test_plans.py vets against its own list of names.
Everything the interface adds (labels, units, statuses, kinds, plurals, sentences)
must be Russian.
"""

from __future__ import annotations

import html
import re

import pytest

from tests.conftest import BUNDLED
from tests.unit.test_plans import _prose

pytestmark = pytest.mark.gl

WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def allowed_words(plan) -> set[str]:
    words = set(WORD.findall(" ".join([plan.id, *plan.modules, *plan.sources])))
    for _where, table in _prose(plan):
        words |= set(WORD.findall(table.get("ru", "")))
    return words


def names_removed(plan, text: str) -> str:
    """`text` without the sources' titles and outlets and the modules' English names
    (names, in their own language), longest first."""
    names = [s.title for s in plan.sources.values()]
    names += [s.outlet for s in plan.sources.values()]
    names += [m.name["en"] for m in plan.modules.values()]
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def tooltip_text(tip: str) -> str:
    """A rich-text tooltip as read: tags and entities out."""
    return html.unescape(re.sub(r"<[^>]+>", " ", tip))


def browser_text(browser) -> str:
    """The visible text of a QTextBrowser without the text of its links."""
    out = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.isValid() and not frag.charFormat().isAnchor():
                out.append(frag.text())
            it += 1
        out.append("\n")
        block = block.next()
    return "".join(out)


def latin(plan, text: str, allowed: set[str]) -> list[str]:
    return [w for w in WORD.findall(names_removed(plan, text)) if w not in allowed]


@pytest.fixture
def russian(qapp):
    from ui import i18n

    assert i18n.install(qapp, "ru") == "ru", "make builds ross_ru.qm"
    yield
    i18n.install(qapp, "en")


@pytest.mark.parametrize("pid", BUNDLED)
def test_the_russian_interface_has_no_latin_words(windows, russian, pid):
    win = windows(pid, "first", language="ru")
    model = win.model
    assert model.language == "ru"
    plan = model.plan
    allowed = allowed_words(plan)
    portmap = win.features["ui.portmap.feature"].panel.map
    found: dict[str, set[str]] = {}

    def check(where: str, text: str) -> None:
        for word in latin(plan, text, allowed):
            found.setdefault(word, set()).add(where)

    for i in range(win.plan_box.count()):
        check("plan selector", win.plan_box.itemText(i))
    model.select(None)
    check("plan overview", browser_text(win.properties))
    for i in range(len(plan.phases)):
        model.set_phase(i)
        model.select(None)
        where = f"phase {i + 1}"
        check(f"totals, {where}", browser_text(win.totals.summary))
        check(f"status summary, {where}", win.status.summary.toolTip())
        win.timeline._update_tooltip(i)
        check(f"timeline tooltip, {where}", tooltip_text(win.timeline.toolTip()))
        for mid in model.modules():
            model.select(mid)
            if model.selected != mid:  # hidden: nothing to show
                continue
            check(f"properties of {mid}, {where}", browser_text(win.properties))
            check(f"port map of {mid}, {where}", portmap.describe(mid))
    report = {w: sorted(places)[:3] for w, places in sorted(found.items())}
    assert not report, f"{pid}: Latin words in the Russian interface: {report}"


def test_english_plurals_and_sentences(windows):
    """The English plurals come out right too: '1 module', never '1 modules'."""
    from ui.panels.totals import span_sentence, totals_html

    win = windows("ros-2024", "first", show=False)
    text = totals_html(win.model.plan, win.model)
    assert "1 module, 0 visiting vehicles" in text
    win.model.set_phase(win.model.phase_count - 1)
    s = win.model.totals[-1].sums["mass"]
    sentence = span_sentence(win.model.plan, s, "en")
    assert sentence.startswith("At least 44 t: 3 modules counted;")
    assert sentence.endswith("no figure published for ShM, TsM-1, TsM-2.")
