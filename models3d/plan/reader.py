"""Reading plan files: TOML bytes -> `Plan`, every problem collected with its key path.

`read_plan(data, path)` returns a `Plan` or raises one `PlanError` that lists every
problem found, each with the file name and the key path: decoding errors, wrong types,
unknown keys, units, sources, dates and ports. Assembly problems (cycles, overlapping
hulls) are found by `models3d.catalogue.parse_plan`, which assembles the result.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from ..errors import PlanError
from ..figures import CONFIDENCES, MODULE_QUANTITIES, ORBIT_QUANTITIES
from ..kinds import KINDS, Shape
from .model import CATEGORIES, LAYOUTS, STATUSES, Attach, Launch, Module, Phase, Plan
from .values import ID, ValueReader, type_name

MAX_FILE_BYTES = 2_000_000
MAX_MODULES = 200
MAX_PHASES = 200


def read_plan(data: bytes, path: str | Path = "<plan>") -> Plan:
    """The plan in `data` (the bytes of a plan file), checked but not assembled."""
    name = Path(path).name
    if len(data) > MAX_FILE_BYTES:
        raise PlanError(
            path,
            [
                f"{name}: the file is {len(data):,} bytes; plan files are "
                f"at most {MAX_FILE_BYTES:,} bytes"
            ],
        )
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise PlanError(path, [f"{name}: not UTF-8 text (byte {exc.start})"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(path, [f"{name}: not valid TOML: {exc}"]) from None
    except (RecursionError, ValueError, MemoryError) as exc:
        raise PlanError(
            path, [f"{name}: not valid TOML: {type(exc).__name__}"]
        ) from None
    reader = _Reader(name)
    plan = reader.plan(doc, str(path))
    if reader.problems or plan is None:
        raise PlanError(path, reader.problems or [f"{name}: empty plan"])
    return plan


class _Reader(ValueReader):
    """Walks the TOML document, converting what is valid and noting every problem."""

    # ---- document -----------------------------------------------------------------

    def plan(self, doc, path: str) -> Plan | None:
        top = self.table(
            doc, "", ("schema", "plan", "sources", "modules", "phases"), ("orbit",)
        )
        if top is None:
            return None
        if "schema" in top and top["schema"] != 1:
            self.bad(
                "schema", f"unsupported schema {top['schema']!r} (this version reads 1)"
            )
        sources = self.sources(top.get("sources", {}))
        meta = (
            self.table(
                top.get("plan", {}),
                "plan",
                ("id", "title", "date", "status", "summary", "sources", "layout"),
                ("interpretation", "axes", "drawing"),
            )
            or {}
        )
        pid = self.ident(meta["id"], "plan.id") if "id" in meta else ""
        title = self.text_table(meta["title"], "plan.title") if "title" in meta else {}
        date = self.date(meta["date"], "plan.date") if "date" in meta else ""
        status = (
            self.choice(meta["status"], "plan.status", STATUSES)
            if "status" in meta
            else ""
        )
        summary = (
            self.text_table(meta["summary"], "plan.summary")
            if "summary" in meta
            else {}
        )
        layout = (
            self.choice(meta["layout"], "plan.layout", LAYOUTS)
            if "layout" in meta
            else ""
        )
        interp = (
            self.text_table(meta["interpretation"], "plan.interpretation")
            if "interpretation" in meta
            else {}
        )
        if layout == "interpretation" and "interpretation" not in meta:
            self.bad(
                "plan.interpretation",
                "missing: a layout that is an interpretation "
                "says what in it is this file's reading",
            )
        elif layout == "documented" and "interpretation" in meta:
            self.bad(
                "plan.interpretation",
                "a documented layout has no interpretation "
                "(put drawing approximations under plan.drawing)",
            )
        axes = self.text_table(meta["axes"], "plan.axes") if "axes" in meta else {}
        drawing = (
            self.text_table(meta["drawing"], "plan.drawing")
            if "drawing" in meta
            else {}
        )
        plan_sources = (
            self.sources_list(meta["sources"], "plan.sources")
            if "sources" in meta
            else ()
        )
        orbit = {}
        if "orbit" in top:
            ot = self.table(top["orbit"], "orbit", (), ORBIT_QUANTITIES) or {}
            for q in ORBIT_QUANTITIES:
                if q in ot:
                    f = self.figure(ot[q], f"orbit.{q}", q)
                    if f:
                        orbit[q] = f
        modules = self.modules(top.get("modules", {}))
        raw_modules = top.get("modules")
        declared = raw_modules if isinstance(raw_modules, dict) else {}
        phases = self.phases(top.get("phases", []), modules, set(declared))
        if self.problems:
            return None
        return Plan(
            pid,
            path,
            title,
            date,
            status,
            summary,
            sources,
            plan_sources,
            modules,
            tuple(phases),
            orbit,
            interp,
            layout,
            axes,
            drawing,
        )

    def sources(self, value) -> dict:
        t = self.table(value, "sources", free=True)
        if t is None:
            return {}
        if not t:
            self.bad("sources", "a plan needs at least one source")
        out = {}
        self.source_ids = {k for k in t if isinstance(k, str)}
        for sid, entry in t.items():
            where = f"sources.{sid}"
            if not ID.fullmatch(sid):
                self.bad(where, f"'{sid}' is not a valid source id")
            src = self.source(sid, entry, where)
            if src is not None:
                out[sid] = src
        return out

    def modules(self, value) -> dict:
        t = self.table(value, "modules", free=True)
        if t is None:
            return {}
        if not t:
            self.bad("modules", "a plan needs at least one module")
        if len(t) > MAX_MODULES:
            self.bad("modules", f"{len(t)} modules; at most {MAX_MODULES}")
            return {}
        out = {}
        for mid, entry in t.items():
            where = f"modules.{mid}"
            if not ID.fullmatch(mid):
                self.bad(where, f"'{mid}' is not a valid module id")
            m = self.module(mid, entry, where)
            if m is not None:
                out[mid] = m
        return out

    def module(self, mid, entry, where) -> Module | None:
        e = self.table(
            entry,
            where,
            ("kind", "category", "name", "abbr", "role", "shape"),
            ("figures", "launch", "note"),
        )
        if e is None:
            return None
        n_before = len(self.problems)
        kind = (
            self.choice(e["kind"], f"{where}.kind", tuple(KINDS)) if "kind" in e else ""
        )
        cat = (
            self.choice(e["category"], f"{where}.category", CATEGORIES)
            if "category" in e
            else ""
        )
        name = self.text_table(e["name"], f"{where}.name") if "name" in e else {}
        abbr = self.text_table(e["abbr"], f"{where}.abbr") if "abbr" in e else {}
        role = self.text_table(e["role"], f"{where}.role") if "role" in e else {}
        note = self.text_table(e["note"], f"{where}.note") if "note" in e else {}
        figures = {}
        if "figures" in e:
            ft = (
                self.table(e["figures"], f"{where}.figures", (), MODULE_QUANTITIES)
                or {}
            )
            for q in MODULE_QUANTITIES:
                if q in ft:
                    f = self.figure(ft[q], f"{where}.figures.{q}", q)
                    if f:
                        figures[q] = f
        launch = self.launch(e["launch"], f"{where}.launch") if "launch" in e else None
        shape = (
            self.shape(e.get("shape"), f"{where}.shape", kind) if "shape" in e else None
        )
        if len(self.problems) > n_before or shape is None:
            return None
        return Module(mid, kind, cat, name, abbr, role, shape, figures, launch, note)

    def launch(self, value, where) -> Launch | None:
        lt = self.table(
            value,
            where,
            ("sources", "confidence"),
            ("date", "date_end", "vehicle", "site", "note"),
        )
        if lt is None:
            return None
        date = self.date(lt["date"], f"{where}.date") if "date" in lt else ""
        date_end = (
            self.date(lt["date_end"], f"{where}.date_end") if "date_end" in lt else ""
        )
        if date_end and not date:
            self.bad(f"{where}.date_end", "given without a date")
        elif date and date_end and date_end < date[: len(date_end)]:
            self.bad(f"{where}.date_end", f"{date_end} is before the date {date}")
        return Launch(
            self.sources_list(lt["sources"], f"{where}.sources")
            if "sources" in lt
            else (),
            self.choice(lt["confidence"], f"{where}.confidence", CONFIDENCES)
            if "confidence" in lt
            else "",
            date,
            self.text_table(lt["vehicle"], f"{where}.vehicle")
            if "vehicle" in lt
            else {},
            self.text_table(lt["site"], f"{where}.site") if "site" in lt else {},
            self.text_table(lt["note"], f"{where}.note") if "note" in lt else {},
            date_end,
        )

    def shape(self, value, where, kind) -> Shape | None:
        extra_keys = KINDS[kind].shape_keys if kind in KINDS else ()
        n_before = len(self.problems)
        t = self.table(
            value, where, ("length", "diameter", "basis"), ("note", *extra_keys)
        )
        if t is None:
            return None
        length = (
            self.number(t.get("length"), f"{where}.length", 0.5, 500.0)
            if "length" in t
            else None
        )
        diameter = (
            self.number(t.get("diameter"), f"{where}.diameter", 0.3, 200.0)
            if "diameter" in t
            else None
        )
        basis = (
            self.choice(t["basis"], f"{where}.basis", ("published", "inferred"))
            if "basis" in t
            else ""
        )
        note = self.text_table(t["note"], f"{where}.note") if "note" in t else {}
        if basis == "inferred" and not note:
            self.bad(
                where, "an inferred shape needs a note saying what its size is based on"
            )
        extra: dict[str, float | tuple[str, ...]] = {}
        for key in extra_keys:
            if key not in t:
                continue
            if key.endswith("_ports"):
                extra[key] = self.string_list(t[key], f"{where}.{key}")
            else:
                v = self.number(t[key], f"{where}.{key}", 0.0, 500.0)
                if v is not None:
                    extra[key] = v
        if len(self.problems) > n_before or kind not in KINDS:
            return None
        if length is None or diameter is None:
            # never taken: a missing or unreadable length/diameter was reported above
            return None
        shape = Shape(length, diameter, basis, note, extra)
        for msg in KINDS[kind].check_shape(shape):
            key, _, rest = msg.partition(": ")
            self.bad(f"{where[: -len('.shape')]}.{key}", rest)
        return shape if len(self.problems) == n_before else None

    def phases(self, value, modules, declared: set) -> list[Phase]:
        """`modules` holds the modules that were read without problems; `declared` every
        module id in the file, so a broken module is not reported again as unknown."""
        if not isinstance(value, list):
            self.bad(
                "phases",
                f"expected a list of [[phases]] tables, found {type_name(value)}",
            )
            return []
        if not value:
            self.bad("phases", "a plan needs at least one phase")
        if len(value) > MAX_PHASES:
            self.bad("phases", f"{len(value)} phases; at most {MAX_PHASES}")
            return []
        out, seen = [], set()
        for i, entry in enumerate(value):
            where = f"phases[{i}]"
            p = self.table(
                entry,
                where,
                ("id", "name", "sources", "confidence"),
                (
                    "date",
                    "date_end",
                    "note",
                    "root",
                    "add",
                    "relocate",
                    "remove",
                    "crew",
                    "published_totals",
                ),
            )
            if p is None:
                continue
            pid = self.ident(p["id"], f"{where}.id") if "id" in p else ""
            if pid in seen:
                self.bad(f"{where}.id", f"phase id '{pid}' is used twice")
            seen.add(pid)
            where = f"phases[{i}] ({pid})" if pid else where
            root = None
            if "root" in p:
                root = self.string(p["root"], f"{where}.root")
                if root and root not in declared:
                    self.bad(f"{where}.root", f"unknown module '{root}'")
            add = self.attachments(
                p.get("add", []), f"{where}.add", modules, declared, True
            )
            reloc = self.attachments(
                p.get("relocate", []), f"{where}.relocate", modules, declared, False
            )

            def known(s: str, w: str) -> None:
                if s not in declared:
                    self.bad(w, f"unknown module '{s}'")

            remove = self.string_list(p.get("remove", []), f"{where}.remove", known)
            crew = (
                self.figure(p["crew"], f"{where}.crew", "crew") if "crew" in p else None
            )
            totals = {}
            if "published_totals" in p:
                tt = (
                    self.table(
                        p["published_totals"],
                        f"{where}.published_totals",
                        (),
                        ("mass", "pressurized_volume", "power"),
                    )
                    or {}
                )
                for q, v in tt.items():
                    if q in ("mass", "pressurized_volume", "power"):
                        f = self.figure(v, f"{where}.published_totals.{q}", q)
                        if f:
                            totals[q] = f
            date = self.date(p["date"], f"{where}.date") if "date" in p else ""
            date_end = (
                self.date(p["date_end"], f"{where}.date_end") if "date_end" in p else ""
            )
            if date_end and not date:
                self.bad(f"{where}.date_end", "given without a date")
            elif date and date_end and date_end < date[: len(date_end)]:
                self.bad(f"{where}.date_end", f"{date_end} is before the date {date}")
            out.append(
                Phase(
                    i,
                    pid,
                    self.text_table(p["name"], f"{where}.name") if "name" in p else {},
                    self.sources_list(p["sources"], f"{where}.sources")
                    if "sources" in p
                    else (),
                    self.choice(p["confidence"], f"{where}.confidence", CONFIDENCES)
                    if "confidence" in p
                    else "",
                    date,
                    date_end,
                    self.text_table(p["note"], f"{where}.note") if "note" in p else {},
                    root,
                    add,
                    reloc,
                    remove,
                    crew,
                    totals,
                )
            )
        return out

    def attachments(
        self, value, where, modules, declared, allow_root
    ) -> tuple[Attach, ...]:
        if not isinstance(value, list):
            self.bad(where, f"expected a list of tables, found {type_name(value)}")
            return ()
        out = []
        for i, entry in enumerate(value):
            w = f"{where}[{i}]"
            t = self.table(entry, w, ("module",), ("to", "port", "own_port", "roll"))
            if t is None:
                continue
            mod = (
                self.string(t.get("module", ""), f"{w}.module") if "module" in t else ""
            )
            if mod and mod not in declared:
                self.bad(f"{w}.module", f"unknown module '{mod}'")
            to = self.string(t["to"], f"{w}.to") if "to" in t else None
            if to is not None and to not in declared:
                self.bad(f"{w}.to", f"unknown module '{to}'")
            port = self.string(t["port"], f"{w}.port") if "port" in t else None
            own = (
                self.string(t["own_port"], f"{w}.own_port") if "own_port" in t else None
            )
            roll = (
                self.number(t["roll"], f"{w}.roll", -360.0, 360.0)
                if "roll" in t
                else 0.0
            )
            if to is None:
                if not allow_root:
                    self.bad(w, "a relocation needs 'to', 'port' and 'own_port'")
                elif port is not None or own is not None:
                    self.bad(w, "'port' and 'own_port' need 'to'")
            else:
                if port is None:
                    self.bad(
                        f"{w}.port", "missing (the port on the module it docks to)"
                    )
                if own is None:
                    self.bad(f"{w}.own_port", "missing (the port of the module itself)")
                for key, mid, pname in (("port", to, port), ("own_port", mod, own)):
                    if pname and mid in modules:
                        names = KINDS[modules[mid].kind].port_names(modules[mid].shape)
                        if pname not in names:
                            self.bad(
                                f"{w}.{key}",
                                f"'{mid}' ({modules[mid].kind}) has no "
                                f"port '{pname}' (ports: {', '.join(names)})",
                            )
            out.append(Attach(mod, to, port, own, roll or 0.0))
        return tuple(out)
