"""Picking, selection, camera control and GPU buffer handling in the real view."""

from __future__ import annotations

import gc
import tracemalloc

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from models3d.catalogue import load_plan
from tests.conftest import BUNDLED, PLANS
from tests.gl.conftest import grab
from ui.viewport.items import ModuleItem

pytestmark = pytest.mark.gl  # a real OpenGL context (Xvfb in CI)


def _centre_on_screen(win, mid):
    """Widget point of a module's hull centre, nudged to a spot the ray really hits."""
    scene, view = win.scene, win.view
    state = scene.model.station[scene.model.phase]
    meshes = scene.model.meshes(mid)
    part = meshes.parts.get("hull") or next(iter(meshes.parts.values()))
    c_local = part.vertices.mean(axis=0)
    t = state.transforms[mid]
    return view.project(t[:3, :3] @ c_local + t[:3, 3])


@pytest.mark.parametrize("plan_id", BUNDLED)
def test_picking_at_each_module_centre_selects_it(make_window, plan_id):
    win = make_window(plan_id)
    scene, view = win.scene, win.view
    angles = [(28, -55), (0, 0), (0, 180), (0, 90), (0, -90), (89.9, -90), (-89.9, -90)]
    for mid in scene.model.modules():
        # frame the module from several sides; from at least one of them nothing hides
        # its centre, and there the pick must be exactly this module
        picked = []
        for el, az in angles:
            view.set_camera(elevation=el, azimuth=az, animate=False)
            view.fit_selected(mid, animate=False)
            x, y = _centre_on_screen(win, mid)
            assert 0 <= x < view.width()
            assert 0 <= y < view.height()
            picked.append(view.pick_at(x, y))
            if picked[-1] == mid:
                break
        assert mid in picked, (plan_id, mid, picked)
        assert None not in picked, "a ray through a module's centre must hit something"


def test_click_between_modules_selects_nothing_and_array_selects_owner(
    make_window, qtbot
):
    win = make_window("ros-2024")
    scene, view = win.scene, win.view
    view.view_preset("top", animate=False)
    # a click far from the station
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert scene.model.selected is None
    # a click on a NEM solar cell selects the NEM
    state = scene.model.station[scene.model.phase]
    part = scene.model.meshes("nem").parts["solar"]
    # the centroid of a cell triangle near a wing tip (a point on the array itself: the
    # detailed wings have gaps between blankets, so an average of vertices may miss)
    centroids = part.vertices[part.faces].mean(axis=1)
    near_tip = centroids[np.argsort(-centroids[:, 1])[:200]]
    up = near_tip[np.argmax(near_tip[:, 2])]  # the face seen from above
    t = state.transforms["nem"]
    x, y = view.project(t[:3, :3] @ up + t[:3, 3])
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(int(x), int(y)))
    assert scene.model.selected == "nem"
    # in the corner between the base module and target module 1, seen from above:
    # clear of both hulls, both arrays and the node
    gap = state.transforms["uum"][:3, 3] + np.array([3.5, 3.5, 0.0])
    x, y = view.project(gap)
    assert view.pick_at(x, y) is None
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert scene.model.selected is None


def test_hover_highlights_without_selecting(make_window, qtbot):
    win = make_window("ros-2024")
    x, y = _centre_on_screen(win, "bm")
    qtbot.mouseMove(win.view, QPoint(int(x), int(y)))
    qtbot.wait(30)
    assert win.model.hovered == "bm"
    assert win.model.selected is None
    assert win.scene.items["bm"].tint[3] > 0


def test_phase_changes_upload_nothing(make_window):
    win = make_window("ros-2024")
    grab(win.view)
    assert all(item.uploaded for item in win.scene.items.values())
    before = ModuleItem.uploads
    for _ in range(3):
        for i in range(len(win.model.plan.phases)):
            win.model.set_phase(i)
            grab(win.view)
    assert ModuleItem.uploads == before


def test_switching_plans_50_times_frees_buffers_and_memory(make_window):
    win = make_window("ros-2024")
    plans = [load_plan(PLANS / f"{p}.toml") for p in BUNDLED]
    for plan in plans:  # warm caches
        win.model.set_plan(plan, 0)
        grab(win.view)
    others = ModuleItem.live - len(win.model.plan.modules)  # other windows' buffers
    # measure from a state that holds the same plan as the end state: both then hold
    # that plan's item arrays (traced), and only what piles up counts
    tracemalloc.start()
    for plan in plans:
        win.model.set_plan(plan, len(plan.phases) - 1)
        grab(win.view)
    gc.collect()
    base = tracemalloc.get_traced_memory()[0]
    rounds = -(-50 // len(plans)) * len(plans)  # at least 50, whole cycles
    for i in range(rounds):
        plan = plans[i % len(plans)]
        win.model.set_plan(plan, len(plan.phases) - 1)
        grab(win.view)
        assert ModuleItem.live - others == len(plan.modules)
    gc.collect()
    grown = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    assert grown < 3_000_000, f"Python memory grew by {grown:,} bytes"
    assert len([i for i in win.view.items if isinstance(i, ModuleItem)]) == len(
        win.model.plan.modules
    )


def test_wheel_zooms_towards_the_cursor(make_window):
    win = make_window("ros-2024")
    view = win.view
    x, y = _centre_on_screen(win, "tsm1")
    before = view.camera_state()
    view.zoom_at(x, y, 0.5)
    after = view.camera_state()
    assert after[1] == pytest.approx(before[1] * 0.5)
    # the point under the cursor stays under the cursor (on the focal plane)
    x2, y2 = _centre_on_screen(win, "tsm1")
    assert abs(x2 - x) < 40
    assert abs(y2 - y) < 40
    # the centre moved towards the module
    tsm1 = win.model.station.snapshots[-1].transforms["tsm1"][:3, 3]
    assert np.linalg.norm(after[0] - tsm1) < np.linalg.norm(before[0] - tsm1)


def test_zoom_is_limited(make_window):
    win = make_window("ros-2024")
    view = win.view
    for _ in range(60):
        view.zoom_at(view.width() / 2, view.height() / 2, 0.5)
    assert view.camera_state()[1] >= 0.02 * view.scene_radius
    for _ in range(60):
        view.zoom_at(view.width() / 2, view.height() / 2, 2.0)
    assert view.camera_state()[1] <= 40 * view.scene_radius


def test_keys_drive_presets_and_fit(make_window, qtbot):
    win = make_window("ros-2024")
    view = win.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_7)
    assert view.camera_state()[2] == pytest.approx(89.9)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert view.camera_state()[2] == pytest.approx(0.0)
    view.zoom_at(10, 10, 0.3)
    qtbot.keyClick(view, Qt.Key.Key_F)
    center = view.camera_state()[0]
    lo, hi = win.model.bounds()
    assert np.allclose(center, (lo + hi) / 2, atol=1e-6)


def test_camera_moves_are_animated(make_window, qtbot):
    win = make_window("ros-2024")
    view = win.view
    view.animate = True
    view._anim.setDuration(1500)  # long enough to be caught midway on a busy machine
    start = view.camera_state()[2]
    seen = []
    view.camera_changed.connect(lambda: seen.append(view.camera_state()[2]))
    view.view_preset("top")
    assert view.is_animating()
    qtbot.waitUntil(lambda: not view.is_animating(), timeout=5000)
    assert any(start < e < 89.9 for e in seen), seen  # passed through in-between angles
    assert view.camera_state()[2] == pytest.approx(89.9)


def test_depth_range_keeps_the_whole_station(make_window):
    win = make_window("ros-2024")
    view = win.view
    for preset in ("front", "top", "iso"):
        view.view_preset(preset, animate=False)
        img = grab(view)
        # zoomed right in, the near parts must not be clipped away entirely
        view.zoom_at(view.width() / 2, view.height() / 2, 0.2)
        assert grab(view).std() > 3
        assert img.std() > 3


def test_closing_the_window_frees_its_buffers(make_window):
    win = make_window("tiangong")
    grab(win.view)
    before = ModuleItem.live
    n = len(win.model.plan.modules)
    win.close()
    assert ModuleItem.live == before - n


def test_keyboard_orbits_and_pans(make_window, qtbot):
    win = make_window("ros-2024")
    view = win.view
    view.setFocus()
    c0, d0, el0, az0 = view.camera_state()
    qtbot.keyClick(view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert view.camera_state()[3] == pytest.approx(az0 + 5.0)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert view.camera_state()[2] == pytest.approx(el0 - 5.0)
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    c1 = view.camera_state()[0]
    assert np.linalg.norm(c1 - c0) > 0.5  # the centre moved sideways
    assert view.camera_state()[1] == pytest.approx(d0)
