"""Update assets/translations/ross_ru.ts from the source code.

Finds every translatable string: `self.tr("...")` (context: the class), module helpers
`tr("...")` whose module defines `def tr` with a fixed context, and
`QCoreApplication.translate("context", "...")`, including inside f-strings (which
pyside6-lupdate misses). Existing translations are kept; new strings are added as
unfinished; strings no longer in the code are dropped.

Plurals: a source with `%n` is translated by count (`ui.i18n.plural(context, "%n
module(s)", n)`, a module helper `ntr("...", n)` or `QCoreApplication.translate(context,
"...", None, n)`). It is written as a numerus message whose translation holds Russian's
three forms (one, few, many: `<numerusform>` x3), and it must spell its English plural
with "(s)", which `ui.i18n.plural` resolves ("1 module", "3 modules").

    .venv/bin/python tools/i18n_update.py [--check]

With --check it changes nothing and exits 1 when a string lacks a translation.
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "assets" / "translations" / "ross_ru.ts"


RU_FORMS = 3  # Russian plural forms: one, few, many
HELPERS = ("translate", "plural")  # calls whose first argument is the context


def _callee(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")


def _imported_context(tree: ast.Module, path: Path) -> str | None:
    """The context of a `tr` helper the module imports from a sibling module
    (`from .actions import tr`), so its strings land where they are looked up."""
    for node in tree.body:
        if (
            isinstance(node, ast.ImportFrom)
            and node.level
            and node.module
            and any(a.name == "tr" for a in node.names)
        ):
            base = path.parent
            for _ in range(node.level - 1):
                base = base.parent
            src = base.joinpath(*node.module.split(".")).with_suffix(".py")
            if src.is_file():
                return _module_context(ast.parse(src.read_text(encoding="utf-8")))
    return None


def _module_context(tree: ast.Module, helper: str = "tr") -> str | None:
    """The fixed context of a module's `def tr` (or `def ntr`) helper."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == helper:
            for call in ast.walk(node):
                if (
                    isinstance(call, ast.Call)
                    and _callee(call) in HELPERS
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    return call.args[0].value
    return None


def is_plural(source: str) -> bool:
    return "%n" in source


def extract() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}

    def add(ctx, s):
        lst = found.setdefault(ctx, [])
        if s not in lst:
            lst.append(s)

    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_ctx = _module_context(tree) or _imported_context(tree, path)
        plural_ctx = _module_context(tree, "ntr")
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)] + [tree]:
            ctx_cls = cls.name if isinstance(cls, ast.ClassDef) else None
            for node in ast.walk(cls):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                f = node.func
                first = node.args[0]
                if (
                    isinstance(f, ast.Attribute)
                    and f.attr == "tr"
                    and ctx_cls
                    and isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                ):
                    add(ctx_cls, first.value)
                elif (
                    isinstance(f, ast.Name)
                    and f.id in ("tr", "N_")
                    and (module_ctx or ctx_cls)
                    and isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                ):
                    # a module's tr() helper, or `tr = self.tr` inside a method
                    add(module_ctx or ctx_cls, first.value)
                elif (
                    isinstance(f, ast.Name)
                    and f.id == "ntr"
                    and plural_ctx
                    and isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                ):
                    add(plural_ctx, first.value)
                elif (
                    _callee(node) in HELPERS
                    and len(node.args) >= 2
                    and all(isinstance(a, ast.Constant) for a in node.args[:2])
                    and isinstance(node.args[1].value, str)
                ):
                    add(node.args[0].value, node.args[1].value)
    return found


def read_ts() -> dict[tuple[str, str], str | tuple[str, ...]]:
    """Finished translations: a text, or for a plural the tuple of its forms."""
    if not TS.exists():
        return {}
    out: dict[tuple[str, str], str | tuple[str, ...]] = {}
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") == "unfinished":
                continue
            source = msg.findtext("source")
            forms = tuple((f.text or "").strip() for f in tr.iter("numerusform"))
            if is_plural(source):
                if len(forms) == RU_FORMS and all(forms):
                    out[(name, source)] = forms
            elif tr.text and not forms:
                out[(name, source)] = tr.text
    return out


def problems(strings: dict[str, list[str]], known: dict) -> list[str]:
    """What --check reports: untranslated strings, plurals without all three Russian
    forms, plural sources without the "(s)" of their English plural."""
    out = []
    for c, lst in strings.items():
        for s in lst:
            if (c, s) not in known:
                what = "plural without its 3 forms" if is_plural(s) else "untranslated"
                out.append(f"{what} [{c}] {s}")
            if is_plural(s) and "(s)" not in s:
                out.append(f"plural without '(s)' for English [{c}] {s}")
    return out


def write_ts(strings: dict[str, list[str]], known: dict) -> list[tuple[str, str]]:
    root = ET.Element("TS", version="2.1", language="ru_RU", sourcelanguage="en")
    by_source = {src: text for (_ctx, src), text in known.items()}
    missing = []
    for ctx in sorted(strings):
        c = ET.SubElement(root, "context")
        ET.SubElement(c, "name").text = ctx
        for s in strings[ctx]:
            m = ET.SubElement(c, "message")
            if is_plural(s):
                m.set("numerus", "yes")
            ET.SubElement(m, "source").text = s
            t = ET.SubElement(m, "translation")
            found = known.get((ctx, s), by_source.get(s))  # moved context: same words
            if found is None:
                t.set("type", "unfinished")
                missing.append((ctx, s))
                found = ("",) * RU_FORMS if is_plural(s) else None
            if isinstance(found, tuple):
                for form in found:
                    ET.SubElement(t, "numerusform").text = form
            else:
                t.text = found
    ET.indent(root)
    data = (
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        + ET.tostring(root, encoding="utf-8")
        + b"\n"
    )
    TS.parent.mkdir(parents=True, exist_ok=True)
    TS.write_bytes(data)
    return missing


def main() -> int:
    strings = extract()
    known = read_ts()
    if "--check" in sys.argv:
        found = problems(strings, known)
        for line in found:
            print(line)
        return 1 if found else 0
    missing = write_ts(strings, known)
    total = sum(len(v) for v in strings.values())
    print(f"{TS.relative_to(ROOT)}: {total} strings, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
