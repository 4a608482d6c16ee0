"""Imported models in the app: for a module, as a reference, persisted, exported, safe."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QDialog

from models3d.importer import Placement, load_model
from tests.conftest import SHARED
from tests.gl.conftest import grab

EXT = SHARED / "testdata" / "external"
pytestmark = [
    pytest.mark.gl,
    pytest.mark.skipif(not EXT.is_dir(), reason="../shared/testdata missing"),
]


@pytest.fixture
def accept_dialogs(monkeypatch):
    from ui import importing

    monkeypatch.setattr(
        importing.PlacementDialog, "exec", lambda self: QDialog.DialogCode.Accepted
    )


def test_a_module_drawn_with_an_imported_model_renders_and_picks(window, qtbot):
    from ui.viewport.items import ImportedItem, ModuleItem

    win = window("ros-2024")
    before = grab(win.view)
    model = load_model(EXT / "spaceros_iss.stl")
    assert win.imports.place_module(
        "bm",
        model,
        str(EXT / "spaceros_iss.stl"),
        Placement("fit", "m", "+x"),
        interactive=False,
    )
    item = win.scene.items["bm"]
    assert isinstance(item, ImportedItem)
    assert item.visible()
    lo, hi = win.model.meshes("bm").bounds()
    shape = win.model.plan.modules["bm"].shape
    assert (hi - lo)[0] == pytest.approx(shape.length, rel=1e-3) or max(
        (hi - lo)[1:]
    ) == pytest.approx(shape.diameter, rel=1e-3)
    after = grab(win.view)
    assert (
        np.abs(after.astype(int) - before.astype(int)).sum(axis=2).astype(bool).mean()
        > 0.002
    )
    # picking uses the imported triangles
    win.view.fit_selected("bm", animate=False)
    t = win.model.station[win.model.phase].transforms["bm"]
    c = win.model.meshes("bm").parts["import:0"].vertices.mean(axis=0)
    x, y = win.view.project(t[:3, :3] @ c + t[:3, 3])
    assert win.view.pick_at(x, y) == "bm"
    # phases still toggle it without rebuilding
    win.model.set_phase(0)
    assert not win.scene.items["bm"].visible()
    win.model.set_phase(6)
    win.model.select("bm")
    win.imports.reset_mesh()
    assert isinstance(win.scene.items["bm"], ModuleItem)
    assert "bm" not in win.model.overrides


def test_textured_model_keeps_its_textures(window, qtbot):
    win = window("ros-2024")
    path = EXT / "nasa_apollo_soyuz.glb"
    model = load_model(path)
    win.imports.place_module(
        "tsm1", model, str(path), Placement("fit", "m", "+x"), interactive=False
    )
    item = win.scene.items["tsm1"]
    assert len(item._images) == 5
    grab(win.view)
    assert len(item._tex) == 5  # uploaded as GL textures


def test_reference_model_stands_beside_the_station_at_true_scale(window, qtbot):
    win = window("ros-2024")
    totals = [s.value for s in win.model.totals[-1].sums.values()]
    path = EXT / "spaceros_iss.stl"
    model = load_model(path)
    rid = win.imports.place_reference(
        model, str(path), Placement("units", "m", "+x"), interactive=False
    )
    ref = win.model.references[rid]
    item, meshes, transform = win.scene.ref_items[rid], ref.meshes, ref.transform
    assert item.visible()
    lo, hi = meshes.bounds()
    assert (hi - lo) == pytest.approx(model.extents, rel=1e-4)  # true scale, metres
    _slo, shi = win.model.bounds(len(win.model.station.snapshots) - 1, references=False)
    ref_lo = lo + transform[:3, 3]
    assert ref_lo[1] > shi[1]  # beside the station, clear of it
    assert [s.value for s in win.model.totals[-1].sums.values()] == totals
    assert win.module_list.ref_group is not None
    assert win.module_list.ref_group.child(0).text(0) == "spaceros_iss.stl"
    win.view.fit_all(animate=False)
    assert win.view.project(transform[:3, 3])[0] < win.view.width()  # in the frame


def test_imports_persist_per_user_and_come_back(
    window, qtbot, tmp_path, isolated_settings
):
    src = tmp_path / "iss.stl"
    shutil.copy(EXT / "spaceros_iss.stl", src)
    win = window("ros-2024")
    win.imports.place_module(
        "uum", load_model(src), str(src), Placement("fit", "m", "+z"), interactive=False
    )
    win.imports.place_reference(
        load_model(src),
        str(src),
        Placement("units", "cm", "+x"),
        offset=(0, 40, 0),
        interactive=False,
    )
    win.close()
    from PySide6.QtCore import QSettings

    s = QSettings(str(isolated_settings), QSettings.Format.IniFormat)
    saved = json.loads(s.value("imports/ros-2024"))
    assert saved["uum"]["axis"] == "+z"
    assert saved["uum"]["path"] == str(src)
    again = window("ros-2024")
    qtbot.waitUntil(
        lambda: "uum" in again.model.overrides and bool(again.model.references),
        timeout=30000,
    )
    assert again.model.overrides["uum"].placement.axis == "+z"
    ref = next(iter(again.model.references.values()))
    assert ref.placement.unit == "cm"
    assert list(ref.offset) == [0, 40, 0]


def test_a_refused_file_keeps_the_previous_mesh(window, qtbot, tmp_path):
    from ui.viewport.items import ModuleItem

    bad = tmp_path / "broken.glb"
    bad.write_bytes((EXT / "CesiumMilkTruck.glb").read_bytes()[:2000])
    win = window("ros-2024")
    task = win.imports.import_for_module("bm", str(bad), Placement(), interactive=False)
    qtbot.waitUntil(lambda: task not in win.imports.tasks, timeout=30000)
    assert isinstance(win.scene.items["bm"], ModuleItem)
    assert "broken.glb" in win.statusBar().currentMessage()
    win.model.set_phase(2)  # the app goes on
    assert win.model.phase == 2


def test_dropping_a_file_on_a_module_imports_it_for_that_module(
    window, qtbot, accept_dialogs
):
    win = window("ros-2024")
    win.view.fit_selected("bm", animate=False)
    t = win.model.station.snapshots[-1].transforms["bm"]
    x, y = win.view.project(t[:3, 3])
    pos = win.view.mapTo(win, QPoint(int(x), int(y)))
    win.imports.drop(str(EXT / "orion_ascii.ply"), pos)
    qtbot.waitUntil(lambda: "bm" in win.model.overrides, timeout=30000)
    assert win.model.selected == "bm"
    # dropped beside the station: a reference model
    win.imports.drop(str(EXT / "spaceros_iss.stl"), win.view.mapTo(win, QPoint(3, 3)))
    qtbot.waitUntil(lambda: bool(win.model.references), timeout=30000)


def test_exports_include_imported_meshes(window, qtbot, tmp_path):
    import trimesh

    from ui.export.jobs import ExportRequest

    win = window("ros-2024")
    model = load_model(EXT / "spaceros_iss.stl")
    win.imports.place_module("bm", model, "x.stl", Placement(), interactive=False)
    out = tmp_path / "s.glb"
    runner = win.exports.start(ExportRequest(win.model.plan, [6], out, "glb"))
    qtbot.waitUntil(lambda: runner.finished, timeout=20000)
    scene = trimesh.load(out)
    assert "bm:import:0" in scene.graph.nodes


def test_closing_the_window_during_a_load_is_clean(window, qtbot):
    win = window("ros-2024")
    task = win.imports.import_for_module(
        "bm", str(EXT / "orion_ascii.ply"), Placement(), interactive=False
    )
    win.close()
    qtbot.waitUntil(lambda: not task.thread.is_alive(), timeout=15000)
    qtbot.wait(50)  # let a queued result arrive: it must be ignored
    assert win.imports._loader._proc is None  # the worker process is gone
    assert "bm" not in win.model.overrides
