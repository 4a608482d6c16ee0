"""Real OpenGL renders of the lighting of issue 15: materials in the shader's slots, the
baked AO reaching the pixels, and the Sun's shadow map (moves with the Sun, is not
rendered again when the camera moves)."""

from __future__ import annotations

import gc

import numpy as np
import pytest

from models3d.catalogue import load_plan, plan_paths
from models3d.geometry import ModuleMeshes
from models3d.materials import MATERIALS
from models3d.primitives import Part

pytestmark = pytest.mark.gl


def test_every_material_has_a_shader_slot():
    from ui.viewport.items import _COLORS, _PBR, MATERIAL_ORDER, SLOTS

    assert set(MATERIAL_ORDER) == set(MATERIALS)
    assert len(MATERIAL_ORDER) <= SLOTS
    assert len(_COLORS) == len(_PBR) == len(MATERIALS)


def _renderer():
    from ui.export.offscreen import StationRenderer

    plan = load_plan(plan_paths()["ros-2024"])
    r = StationRenderer(plan)
    r.set_phase(len(plan.phases) - 1)
    return r


def test_baked_ao_darkens_the_station_and_only_it(qapp, gl_display):
    r = _renderer()
    try:
        r.fit(480, 320, "iso")
        r.view.opts["distance"] *= 0.35  # close enough for the joints to show
        r.model.set_option("shadows", False)  # no shadows and no AO
        plain = r.picture(480, 320)[..., :3].astype(int)
        for item in r.scene.items.values():
            item.ao_strength = 1.0  # the AO alone
        baked = r.picture(480, 320)[..., :3].astype(int)
    finally:
        r.close()
    diff = plain.sum(axis=2) - baked.sum(axis=2)
    assert (diff >= -3).all(), "AO must never brighten a pixel"
    assert (diff > 30).sum() > 500, "the baked AO does not reach the picture"


def _box(lo, hi) -> Part:
    import trimesh

    m = trimesh.creation.box(bounds=[lo, hi])
    return Part(
        "hull",
        m.vertices.astype(np.float32),
        m.vertex_normals.astype(np.float32),
        m.faces.astype(np.uint32),
    )


class _Scene:
    """A plate (20 x 20 m, top at z = 0) and a 2 m cube 3 m above its centre, seen from
    straight above, with a shadow map."""

    def __init__(self):
        from ui.export.offscreen import OffscreenView
        from ui.viewport.items import ModuleItem
        from ui.viewport.shadows import ShadowMap

        self.view = OffscreenView()
        self.view.sky.setVisible(False)
        self.items = [
            ModuleItem(
                ModuleMeshes("plate", {"hull": _box((-10, -10, -1), (10, 10, 0))})
            ),
            ModuleItem(ModuleMeshes("cube", {"hull": _box((-1, -1, 3), (1, 1, 5))})),
        ]
        for it in self.items:
            self.view.addItem(it)
        self.shadows = self.view.shadows = ShadowMap(1024, 2)
        self.view.before_paint = self._before
        self.view.set_scene_sphere(np.zeros(3), 15.0)
        self.view.set_size(320, 320)
        self.view.set_camera(np.zeros(3), 40.0, 89.9, 0.0, animate=False)

    def _before(self):
        for it in self.items:
            it.upload()
        self.shadows.update(self.items)

    def render(self) -> np.ndarray:
        return self.view.render(320, 320, background=(0, 0, 0))[..., :3].astype(int)

    def shadow_mask(self) -> np.ndarray:
        self.shadows.enabled = True
        lit = self.render()
        self.shadows.enabled = False
        flat = self.render()
        self.shadows.enabled = True
        return (flat.sum(axis=2) - lit.sum(axis=2)) > 60

    def close(self):
        self.view.makeCurrent()
        for it in self.items:
            it.release()
        self.shadows.release()
        self.view.doneCurrent()
        # free the view and its context now, while the display is up (a reference
        # cycle would leave them to the collector at exit, after Xvfb is gone)
        for it in self.items:
            self.view.removeItem(it)
        self.view.before_paint = None
        self.view.gl.release()
        self.items = []
        self.view = None
        gc.collect()


def test_moving_the_sun_moves_the_shadow_on_the_plate(qapp, gl_display):
    s = _Scene()
    try:
        s.shadows.set_sun((1.0, 0.0, 1.0))
        a = s.shadow_mask()
        s.shadows.set_sun((-1.0, 0.0, 1.0))
        b = s.shadow_mask()
    finally:
        s.close()
    assert a.sum() > 400, a.sum()
    assert b.sum() > 400, b.sum()
    # the cube's shadow falls on opposite sides of it: the masks barely overlap and
    # their centres lie far apart along one image axis
    assert (a & b).sum() < 0.2 * min(a.sum(), b.sum())
    ca, cb = np.argwhere(a).mean(axis=0), np.argwhere(b).mean(axis=0)
    assert np.abs(ca - cb).max() > 40, (ca, cb)


def test_camera_moves_do_not_render_the_shadow_map_again(qapp, gl_display):
    from ui.viewport.shadows import ShadowMap

    s = _Scene()
    try:
        s.render()
        before = ShadowMap.renders
        for az in (10.0, 50.0, 120.0):
            s.view.set_camera(None, 30.0, 40.0, az, animate=False)
            s.render()
        assert ShadowMap.renders == before, "a camera move rendered the shadow map"
        s.shadows.set_sun((0.3, 0.2, 1.0))
        s.render()
        assert ShadowMap.renders == before + 1
        s.items[1].translate(1.0, 0.0, 0.0)  # a mesh moved (as in a phase change)
        s.render()
        assert ShadowMap.renders == before + 2
    finally:
        s.close()


def test_station_phase_change_renders_the_map_once(qapp, gl_display):
    from ui.viewport.shadows import ShadowMap

    r = _renderer()
    try:
        r.fit(320, 200, "iso")
        r.picture(320, 200)
        before = ShadowMap.renders
        r.view.opts["azimuth"] += 30
        r.picture(320, 200)
        assert ShadowMap.renders == before
        r.set_phase(0)
        r.picture(320, 200)
        assert ShadowMap.renders == before + 1
    finally:
        r.close()


def test_a_docking_animation_draws_the_shadow_map_once_it_has_docked(make_window):
    from tests.gl.conftest import grab
    from ui.viewport.shadows import ShadowMap

    win = make_window("ros-2024", "final")
    win.model.set_option("animate_docking", True)
    last = len(win.model.plan.phases) - 1
    win.model.set_phase(last - 1)
    win.scene.finish_transition()
    grab(win.view)
    before = ShadowMap.renders
    win.model.set_phase(last)  # one step: the module flies in
    assert win.scene._transition.state() == win.scene._transition.State.Running
    for _ in range(4):
        grab(win.view)  # frames of the flight
    assert ShadowMap.renders == before
    win.scene.finish_transition()
    grab(win.view)
    assert ShadowMap.renders == before + 1  # the docked module casts its shadow
