"""Update assets/translations/ross_ru.ts from the source code.

Finds every translatable string: `self.tr("...")` (context: the class), module helpers
`tr("...")` whose module defines `def tr` with a fixed context, and
`QCoreApplication.translate("context", "...")`, including inside f-strings (which
pyside6-lupdate misses). Existing translations are kept; new strings are added as
unfinished; strings no longer in the code are dropped.

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


def _module_context(tree: ast.Module) -> str | None:
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == "tr":
            for call in ast.walk(node):
                if (isinstance(call, ast.Call) and getattr(call.func, "attr", "") ==
                        "translate" and call.args and isinstance(call.args[0], ast.Constant)):
                    return call.args[0].value
    return None


def extract() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}

    def add(ctx, s):
        lst = found.setdefault(ctx, [])
        if s not in lst:
            lst.append(s)

    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_ctx = _module_context(tree)
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)] + [tree]:
            ctx_cls = cls.name if isinstance(cls, ast.ClassDef) else None
            for node in ast.walk(cls):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                f = node.func
                first = node.args[0]
                if isinstance(f, ast.Attribute) and f.attr == "tr" and ctx_cls and \
                        isinstance(first, ast.Constant) and isinstance(first.value, str):
                    add(ctx_cls, first.value)
                elif isinstance(f, ast.Name) and f.id in ("tr", "N_") and \
                        (module_ctx or ctx_cls) \
                        and isinstance(first, ast.Constant) and isinstance(first.value, str):
                    # a module's tr() helper, or `tr = self.tr` inside a method
                    add(module_ctx or ctx_cls, first.value)
                elif isinstance(f, ast.Attribute) and f.attr == "translate" and \
                        len(node.args) >= 2 and all(isinstance(a, ast.Constant)
                                                    for a in node.args[:2]):
                    if isinstance(node.args[1].value, str):
                        add(node.args[0].value, node.args[1].value)
    return found


def read_ts() -> dict[tuple[str, str], str]:
    if not TS.exists():
        return {}
    out = {}
    for ctx in ET.parse(TS).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is not None and tr.text and tr.get("type") != "unfinished":
                out[(name, msg.findtext("source"))] = tr.text
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
            ET.SubElement(m, "source").text = s
            t = ET.SubElement(m, "translation")
            if (ctx, s) in known:
                t.text = known[(ctx, s)]
            elif s in by_source:  # the string moved to another context: same words
                t.text = by_source[s]
            else:
                t.set("type", "unfinished")
                missing.append((ctx, s))
    ET.indent(root)
    data = b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + \
        ET.tostring(root, encoding="utf-8") + b"\n"
    TS.parent.mkdir(parents=True, exist_ok=True)
    TS.write_bytes(data)
    return missing


def main() -> int:
    strings = extract()
    known = read_ts()
    if "--check" in sys.argv:
        missing = [(c, s) for c, lst in strings.items() for s in lst if (c, s) not in known]
        for c, s in missing:
            print(f"untranslated [{c}] {s}")
        return 1 if missing else 0
    missing = write_ts(strings, known)
    total = sum(len(v) for v in strings.values())
    print(f"{TS.relative_to(ROOT)}: {total} strings, {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
