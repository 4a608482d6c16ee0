"""Importing models: for a module (drawn with the user's model) or as a reference
model beside the station; background loading, the placement dialog, drag and drop, and
the per-user, per-plan records in the settings (validated when read back)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from models3d.catalogue import plan_key
from models3d.plan import text
from models3d.viewer_model import ImportedMesh, ReferenceModel, ViewerModel

from ..settings import settings


def tr(s: str) -> str:
    return QCoreApplication.translate("importing", s)


def _placement(rec: dict, default_mode: str):
    """A Placement from a settings record, or None when the record is unusable."""
    from models3d.importer import Placement

    factor, length = rec.get("factor", 1.0), rec.get("length", 0.0)
    if not all(
        isinstance(v, (int, float)) and not isinstance(v, bool)
        for v in (factor, length)
    ):
        return None
    p = Placement(
        rec.get("mode", default_mode),
        rec.get("unit", "m"),
        rec.get("axis", "+x"),
        float(factor),
        float(length),
    )
    try:
        p.check()
    except (ValueError, TypeError):
        return None
    return p


def _record(p) -> dict:
    return {
        "mode": p.mode,
        "unit": p.unit,
        "axis": p.axis,
        "factor": p.factor,
        "length": p.length,
    }


def read_records(mods_text, refs_text) -> tuple[dict, list, bool]:
    """Import records as saved by `ImportController.save`: ({module id: (path,
    placement)}, [(path, placement, offset)], whether anything had to be dropped)."""
    dropped = False
    try:
        mods = json.loads(mods_text) if isinstance(mods_text, str) and mods_text else {}
    except ValueError:
        mods, dropped = {}, True
    try:
        refs = json.loads(refs_text) if isinstance(refs_text, str) and refs_text else []
    except ValueError:
        refs, dropped = [], True
    if not isinstance(mods, dict):
        mods, dropped = {}, True
    if not isinstance(refs, list):
        refs, dropped = [], True
    modules = {}
    for mid, rec in mods.items():
        p = _placement(rec, "fit") if isinstance(rec, dict) else None
        if p is None or not isinstance(rec.get("path"), str):
            dropped = True
            continue
        modules[mid] = (rec["path"], p)
    references = []
    for rec in refs:
        p = _placement(rec, "units") if isinstance(rec, dict) else None
        off = rec.get("offset") if isinstance(rec, dict) else None
        ok_off = (
            isinstance(off, list)
            and len(off) == 3
            and all(
                isinstance(x, (int, float))
                and not isinstance(x, bool)
                and math.isfinite(x)
                for x in off
            )
        )
        if (
            p is None
            or not isinstance(rec.get("path"), str)
            or (off is not None and not ok_off)
        ):
            dropped = True
            continue
        references.append((rec["path"], p, off))
    return modules, references, dropped


class ImportController(QObject):
    """The import flows of one window, over its viewer model."""

    def __init__(self, window, model: ViewerModel):
        super().__init__(window)
        self.window = window
        self.model = model
        self._loader = None
        self.tasks: list = []
        self.closing = False

    # ---- loading --------------------------------------------------------------------

    def loader(self):
        from models3d.importer import IsolatedLoader

        if self._loader is None:
            self._loader = IsolatedLoader(timeout=120)
        return self._loader

    def ask_file(self) -> str | None:
        from ..importing import MODEL_FILTER

        path, _ = QFileDialog.getOpenFileName(
            self.window, tr("Import model"), str(Path.home()), MODEL_FILTER
        )
        return path or None

    def load_async(self, path: str, then):
        """Read a model in the worker process; on success call then(model)."""
        from ..importing import LoadTask

        task = LoadTask(self.loader(), path, self.window)
        self.tasks.append(task)
        plan = self.model.plan

        def finished(model, error):
            if task in self.tasks:
                self.tasks.remove(task)
            if self.closing or self.model.plan is not plan:
                return  # the window closed or another plan opened meanwhile
            if error:
                self.window.show_error(tr("The model could not be imported"), error)
            else:
                then(model)

        task.done.connect(finished)
        return task

    def close(self) -> None:
        self.closing = True
        for task in self.tasks:
            task.cancel()
        if self._loader is not None:
            self._loader.close()

    # ---- a module drawn with an imported model --------------------------------------

    def import_for_module(
        self,
        module_id: str | None = None,
        path: str | None = None,
        placement=None,
        interactive: bool = True,
    ):
        mid = module_id or self.model.selected
        if mid is None:
            self.window.statusBar().showMessage(
                tr(
                    "Select a module first (in the view or the list), or drop a file on it."
                ),
                8000,
            )
            return None
        path = path or self.ask_file()
        if not path:
            return None
        return self.load_async(
            path, lambda m: self.place_module(mid, m, path, placement, interactive)
        )

    def place_module(
        self, mid: str, model, path: str, placement=None, interactive: bool = True
    ) -> bool:
        from models3d.importer import Placement, longest_axis, place

        from ..importing import PlacementDialog

        module = self.model.plan.modules[mid]
        previous = self.model.overrides.get(mid)

        def preview(p, _offset=None):
            meshes, colors, textures, _ = place(
                model, mid, p, module.shape.length, module.shape.diameter
            )
            self.model.set_override(
                mid, ImportedMesh(meshes, colors, textures, path, p)
            )

        if interactive:
            dlg = PlacementDialog(
                self.window, model, preview, module=module, placement=placement
            )
            if dlg.exec() != QDialog.DialogCode.Accepted:
                self.model.set_override(mid, previous)
                return False
            placement = dlg.placement()
            preview(placement)
        else:
            placement = placement or Placement("fit", "m", longest_axis(model))
            preview(placement)
        self.save()
        lang = self.model.language
        self.window.statusBar().showMessage(
            f"{text(module.abbr, lang)}: {tr('drawn with')} "
            f"{Path(path).name} ({model.triangles:,} {tr('triangles')})",
            10000,
        )
        return True

    def reset_mesh(self, module_id: str | None = None) -> None:
        mid = module_id or self.model.selected
        if mid in self.model.overrides:
            self.model.set_override(mid, None)
            self.save()
            self.window.statusBar().showMessage(tr("Built-in mesh restored."), 6000)

    # ---- reference models -------------------------------------------------------------

    def add_reference(
        self,
        path: str | None = None,
        placement=None,
        offset=None,
        interactive: bool = True,
    ):
        path = path or self.ask_file()
        if not path:
            return None
        return self.load_async(
            path,
            lambda m: self.place_reference(
                m, path, placement, offset, None, interactive
            ),
        )

    def _default_offset(self, model, placement) -> np.ndarray:
        from models3d.importer import place

        _lo, hi = self.model.bounds(self.model.phase_count - 1, references=False)
        meshes = place(model, "ref", placement)[0]
        mlo, mhi = meshes.bounds()
        return np.array([0.0, hi[1] + 6.0 + (mhi[1] - mlo[1]) / 2, 0.0])

    def place_reference(
        self,
        model,
        path: str,
        placement=None,
        offset=None,
        ref_id: str | None = None,
        interactive: bool = True,
    ):
        from models3d.importer import Placement, longest_axis, place

        from ..importing import PlacementDialog

        placement = placement or Placement("units", "m", longest_axis(model))
        refs = self.model.references
        ref_id = ref_id or f"ref{len(refs) + 1}"
        while ref_id in refs and refs[ref_id].path != path:
            ref_id += "+"
        previous = refs.get(ref_id)
        offset = np.asarray(
            offset if offset is not None else self._default_offset(model, placement),
            dtype=float,
        )

        def preview(p, off):
            meshes, colors, textures, _ = place(model, ref_id, p)
            t = np.eye(4)
            t[:3, 3] = off
            self.model.set_reference(
                ReferenceModel(
                    ref_id, meshes, t, colors, textures, path, p, True, model
                )
            )

        if interactive:
            dlg = PlacementDialog(
                self.window,
                model,
                preview,
                placement=placement,
                offset=offset,
                default_offset=lambda p: self._default_offset(model, p),
            )
            if dlg.exec() != QDialog.DialogCode.Accepted:
                if previous is None:
                    self.model.remove_reference(ref_id)
                else:
                    self.model.set_reference(previous)
                return None
            placement, offset = dlg.placement(), dlg.offset_value()
        preview(placement, offset)
        self.save()
        return ref_id

    def edit_reference(self, ref_id: str) -> None:
        r = self.model.references.get(ref_id)
        if r is not None and r.model is not None:
            self.place_reference(r.model, r.path, r.placement, r.offset, ref_id)

    def remove_reference(self, ref_id: str) -> None:
        if ref_id in self.model.references:
            self.model.remove_reference(ref_id)
            self.save()

    # ---- persistence ------------------------------------------------------------------

    def _key(self) -> str:
        return plan_key(self.model.plan).replace("/", "|")

    def save(self) -> None:
        key = self._key()
        s = settings()
        s.setValue(
            f"imports/{key}",
            json.dumps(
                {
                    mid: {"path": o.path, **_record(o.placement)}
                    for mid, o in self.model.overrides.items()
                    if o.placement is not None
                }
            ),
        )
        s.setValue(
            f"references/{key}",
            json.dumps(
                [
                    {
                        "path": r.path,
                        **_record(r.placement),
                        "offset": [float(x) for x in r.offset],
                    }
                    for r in self.model.references.values()
                    if r.placement is not None
                ]
            ),
        )
        s.sync()

    def restore(self) -> None:
        """Re-apply the user's imported models for this plan (read in the background)."""
        key = self._key()
        s = settings()
        mods, refs, dropped = read_records(
            s.value(f"imports/{key}"), s.value(f"references/{key}")
        )
        missing = []
        for mid, (path, p) in mods.items():
            if mid not in self.model.plan.modules:
                continue
            if not Path(path).is_file():
                missing.append(path)
                continue
            self.import_for_module(mid, path, p, interactive=False)
        for path, p, off in refs:
            if not Path(path).is_file():
                missing.append(path)
                continue
            self.add_reference(path, p, off, interactive=False)
        bar = self.window.statusBar()
        if dropped:
            bar.showMessage(
                tr("Some saved imported-model records were unreadable and were reset."),
                10000,
            )
        if missing:
            bar.showMessage(
                tr("Imported models not found: {0}").format(", ".join(missing)), 10000
            )

    # ---- drag and drop ------------------------------------------------------------------

    def accepts(self, mime) -> bool:
        from models3d.importer import EXTENSIONS

        urls = mime.urls()
        return bool(urls) and all(
            u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in EXTENSIONS
            for u in urls
        )

    def drop(self, path: str, window_pos) -> None:
        """A file dropped on a module (in the view or the list) is imported for it;
        dropped anywhere else it becomes a reference model."""
        w = self.window
        mid = None
        view_pos = w.view.mapFrom(w, window_pos)
        if w.view.rect().contains(view_pos):
            mid = w.view.pick_at(view_pos.x(), view_pos.y())
        else:
            tree = w.module_list.viewport()
            tree_pos = tree.mapFrom(w, window_pos)
            if tree.rect().contains(tree_pos):
                item = w.module_list.itemAt(tree_pos)
                mid = item.data(0, Qt.ItemDataRole.UserRole) if item else None
                if mid not in self.model.modules():
                    mid = None
        if mid:
            self.model.select(mid)
            self.import_for_module(mid, path)
        else:
            self.add_reference(path)
