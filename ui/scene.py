"""The station in a GL view: one item per module, kept in sync with a ViewerModel.

This is the only code that creates, moves, styles and frees the view's module items.
It subscribes to the model's events and keeps no copy of the model's state: the phase,
selection, hover, mode, hidden modules, imported meshes and reference models are read
from the model whenever the items are restyled. Module labels are drawn over the view by
ui.overlays; the scale figures' items (ui.overlays.figures3d) live and die with the
scene. Items are uploaded once per
plan; a phase change only moves and shows or hides them (no mesh build, no upload).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import (
    QAbstractAnimation,
    QEasingCurve,
    QObject,
    QVariantAnimation,
    Signal,
)
from PySide6.QtGui import QMatrix4x4

from models3d.station import Move, PhaseChange
from models3d.viewer_model import ViewerModel

from .binding import Bindings
from .overlays.figures3d import ScaleFigureItems
from .viewport.items import ImportedItem, ModuleItem
from .viewport.shadows import ShadowMap
from .viewport.view import StationView

SELECT_TINT = (1.0, 0.70, 0.18, 0.55)
HOVER_TINT = (0.55, 0.80, 1.0, 0.28)
FLASH_RGB = (0.35, 1.0, 0.55)
XRAY_ALPHA = 0.30
TRANSITION_MS = 1000
FLASH_MS = 1600


def qmatrix(m: np.ndarray) -> QMatrix4x4:
    return QMatrix4x4(*np.asarray(m, dtype=np.float64).ravel().tolist())


class StationScene(QObject):
    """Module items of one view, synced to `model`.

    An interactive scene (the app's view) animates one-step phase changes and flashes
    what changed; a still scene (off-screen exports) shows each phase as it is.
    """

    transition_finished = Signal()

    def __init__(self, view: StationView, model: ViewerModel, interactive: bool = True):
        super().__init__(view)
        self.view = view
        self.model = model
        self.interactive = interactive
        self.items: dict = {}  # module id -> ModuleItem | ImportedItem
        self.ref_items: dict[str, ImportedItem] = {}
        self._ref_meshes: dict = {}  # reference id -> the meshes its item was made from
        self.flashing: frozenset[str] = frozenset()
        self.flash_alpha = 0.0
        self._moves: dict[str, Move] = {}
        self._transition = QVariantAnimation(self)
        self._transition.setDuration(TRANSITION_MS)
        self._transition.setStartValue(0.0)
        self._transition.setEndValue(1.0)
        self._transition.valueChanged.connect(self._on_transition_value)
        self._transition.finished.connect(self._on_transition_done)
        self._flash = QVariantAnimation(self)
        self._flash.setDuration(FLASH_MS)
        self._flash.setStartValue(0.55)
        self._flash.setEndValue(0.0)
        self._flash.setEasingCurve(QEasingCurve.Type.InQuad)
        self._flash.valueChanged.connect(self._on_flash_value)
        view.model = model
        view.picker = self._pick
        view.fitter = self._fit_points
        view.before_paint = self._upload_pending
        view.gl_cleanup = self._release_buffers
        # the Sun's shadow map, drawn again only when the Sun or the meshes change
        self.shadows = view.shadows = ShadowMap()
        if interactive:
            view.selection_changed.connect(model.select)
            view.hover_changed.connect(model.hover)
            view.interaction_started.connect(self.finish_transition)
        self.bindings = Bindings(self)
        on = self.bindings.connect
        on(model.plan_changed, self._on_plan_changed)
        on(model.phase_changed, self._on_phase_changed)
        on(model.selection_changed, self._restyle)
        on(model.hover_changed, self._restyle)
        on(model.mode_changed, self._restyle)
        on(model.hidden_changed, self._apply_current)
        on(model.override_changed, self._on_override_changed)
        on(model.references_changed, self._sync_references)
        on(model.option_changed, self._on_option_changed)
        self.shadows.enabled = model.shadows
        self.figures = ScaleFigureItems(view, model)  # the person and the ISS for scale
        if model.plan is not None:
            self._on_plan_changed()

    # ---- plan ----------------------------------------------------------------------

    def _on_plan_changed(self) -> None:
        self.clear()
        _give_back_freed_memory()
        model = self.model
        plan = model.plan
        if plan is None:
            return
        for mid in plan.modules:
            item = self._make_item(mid)
            item.setVisible(False)
            self.view.addItem(item)
            self.items[mid] = item
        self._sync_references()
        self._with_context(self._upload_pending)
        self.view.set_scene_sphere(*model.scene_sphere())
        self._apply_current()

    def _make_item(self, mid: str):
        imported = self.model.overrides.get(mid)
        if imported is not None:
            return ImportedItem(imported.meshes, imported.colors, imported.textures)
        item = ModuleItem(self.model.meshes(mid))
        item.ao_strength = 1.0 if self.model.shadows else 0.0
        return item

    def _on_option_changed(self, name: str, value) -> None:
        """Shadows and ambient occlusion off: the cheaper program, no shadow pass."""
        if name != "shadows":
            return
        self.shadows.enabled = bool(value)
        for item in self.items.values():
            if isinstance(item, ModuleItem):
                item.ao_strength = 1.0 if value else 0.0
        self.view.update()

    def _with_context(self, fn) -> None:
        """Run fn with the view's GL context current (the first paint does it when the
        view has no context yet)."""
        if not self.view.isValid():
            return
        self.view.makeCurrent()
        try:
            fn()
        finally:
            self.view.doneCurrent()

    def _upload_pending(self) -> None:
        for item in list(self.items.values()) + list(self.ref_items.values()):
            item.upload()
        self.figures.upload()
        # while a module flies in or out the map keeps the shadows of the phase left:
        # a shadow pass per animation frame (21 ms for the full station on a software
        # renderer) would halve the frame rate for a shadow nobody reads in motion;
        # the pass runs on the first frame after the module has docked
        flying = self._transition.state() == QAbstractAnimation.State.Running
        if not (flying and self.shadows.active):
            self.shadows.update(self.items.values())
        self._order_for_depth()

    def _order_for_depth(self) -> None:
        """Before each frame: opaque modules near to far, so that the depth test
        hides what is behind before it is shaded (a software renderer pays for every
        shaded pixel), then translucent ones (x-ray) far to near, blended in order.
        Items are drawn by depth value; the sky's is far below these."""
        cam = np.array(self.view.cameraPosition())
        for item in self.items.values():
            if not item.visible():
                continue
            c = item.transform().column(3)
            dist = float(np.linalg.norm(np.array([c.x(), c.y(), c.z()]) - cam))
            item.setDepthValue(-1e5 + dist if item.alpha >= 1.0 else -dist)

    def _release_buffers(self) -> None:
        for item in list(self.items.values()) + list(self.ref_items.values()):
            item.release()
        self.figures.release()
        self.shadows.release()

    def clear(self) -> None:
        """Remove every item and free its buffers with the context current."""
        self._transition.stop()
        self._flash.stop()
        self._moves = {}
        self.flashing = frozenset()
        if self.items or self.ref_items:
            self._with_context(self._release_buffers)
        for item in [*self.items.values(), *self.ref_items.values()]:
            self.view.removeItem(item)
        self.items.clear()
        self.ref_items.clear()
        self._ref_meshes.clear()

    def close(self) -> None:
        """Stop listening to the model and free every GL buffer."""
        self.bindings.release()
        self.clear()
        self.figures.close()

    # ---- phase ----------------------------------------------------------------------

    def _on_phase_changed(self, index: int, previous: int) -> None:
        self.finish_transition()
        station = self.model.station
        change = station.changes(previous, index) if previous >= 0 else PhaseChange()
        animate = (
            self.interactive
            and self.model.animate_docking
            and abs(index - previous) == 1
            and bool(change)
            and self.view.isVisible()
        )
        if animate:
            self._start_transition(previous, index, change)
        else:
            self._apply_current()
        if self.interactive and change.arriving:
            self.flashing = change.arriving
            self._flash.stop()
            self._flash.start()

    def _apply_current(self) -> None:
        if self.model.plan is None or not self.items:
            return
        snap = self.model.station[self.model.phase]
        on = set(snap.modules)
        for mid, item in self.items.items():
            if mid in on:
                item.setTransform(qmatrix(snap.transforms[mid]))
            item.setVisible(mid in on and mid not in self.model.hidden)
        self._restyle()

    # ---- docking animation ---------------------------------------------------------

    def show_transition_frame(self, a: int, b: int, t: float) -> None:
        """Pose the station at time t in [0, 1] of the step from phase a to phase b
        (used to render animations frame by frame, without timers)."""
        self.finish_transition()
        self.model.set_phase(b)
        self._apply_current()
        for mid, move in self.model.station.moves(a, b).items():
            self.items[mid].setTransform(qmatrix(move.pose(t)))
            if move.kind == "out":
                self.items[mid].setVisible(t < 1.0 and mid not in self.model.hidden)
        self._restyle()

    def _start_transition(self, a: int, b: int, change: PhaseChange) -> None:
        self._apply_current()
        self._moves = self.model.station.moves(a, b, change)
        for mid, move in self._moves.items():
            if move.kind == "out":
                self.items[mid].setVisible(mid not in self.model.hidden)
        self._on_transition_value(0.0)
        self._transition.start()

    def _on_transition_value(self, t) -> None:
        for mid, move in self._moves.items():
            self.items[mid].setTransform(qmatrix(move.pose(float(t))))
        self.view.update()

    def _on_transition_done(self) -> None:
        self._moves = {}
        self._apply_current()
        self.transition_finished.emit()

    def finish_transition(self) -> None:
        """Skip to the end of a running docking animation."""
        if self._transition.state() == QVariantAnimation.State.Running:
            self._transition.stop()
            self._on_transition_done()

    @property
    def animating(self) -> bool:
        return self._transition.state() == QVariantAnimation.State.Running

    def _on_flash_value(self, a) -> None:
        self.flash_alpha = float(a)
        if self.flash_alpha <= 0.0:
            self.flashing = frozenset()
        self._restyle()

    # ---- imported meshes and reference models --------------------------------------

    def _on_override_changed(self, mid: str) -> None:
        old = self.items.get(mid)
        if old is None:
            return
        item = self._make_item(mid)

        def swap():
            old.release()
            item.upload()

        self._with_context(swap)
        self.view.removeItem(old)
        item.setVisible(False)
        self.view.addItem(item)
        self.items[mid] = item
        self._apply_current()

    def _sync_references(self) -> None:
        refs = self.model.references
        stale = [
            rid
            for rid, item in self.ref_items.items()
            if rid not in refs or self._ref_meshes.get(rid) is not refs[rid].meshes
        ]
        if stale:
            self._with_context(lambda: [self.ref_items[r].release() for r in stale])
            for rid in stale:
                self.view.removeItem(self.ref_items.pop(rid))
                self._ref_meshes.pop(rid, None)
        for rid, ref in refs.items():
            item = self.ref_items.get(rid)
            if item is None:
                item = ImportedItem(ref.meshes, ref.colors, ref.textures)
                self.view.addItem(item)
                self.ref_items[rid] = item
                self._ref_meshes[rid] = ref.meshes
                self._with_context(item.upload)
            item.setTransform(qmatrix(ref.transform))
            item.setVisible(ref.visible)
        if self.model.plan is not None:
            self.view.set_scene_sphere(*self.model.scene_sphere())
        self.view.update()

    # ---- styling --------------------------------------------------------------------

    def _restyle(self, *_) -> None:
        model = self.model
        if model.plan is None:
            return
        for mid, item in self.items.items():
            if mid == model.selected:
                item.tint = SELECT_TINT
            elif mid == model.hovered:
                item.tint = HOVER_TINT
            elif mid in self.flashing and self.flash_alpha > 0:
                item.tint = (*FLASH_RGB, self.flash_alpha)
            else:
                item.tint = (0.0, 0.0, 0.0, 0.0)
            item.wireframe = model.mode == "wireframe"
            xray = model.mode == "xray" and mid != model.selected
            item.alpha = XRAY_ALPHA if xray else 1.0
        self.view.update()  # drawing order: _order_for_depth

    # ---- geometry queries for the view -----------------------------------------------

    def _pick(self, origin, direction) -> str | None:
        hit = self.model.pick(origin, direction)
        return hit.module_id if hit else None

    def _fit_points(self, module_id: str | None) -> np.ndarray:
        return self.model.fit_points(module_id)

    def triangles(self) -> int:
        return self.model.triangles()


def _give_back_freed_memory() -> None:
    """Return the heap the old plan's vertex arrays freed to the system. A detailed
    plan frees tens of MB when another opens; glibc keeps such memory in its arenas,
    so without this the process's resident size drifts up and down by that much."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        trim = getattr(libc, "malloc_trim", None)
    except OSError:
        trim = None
    if trim is not None:  # glibc only; elsewhere the allocator decides
        trim(0)
