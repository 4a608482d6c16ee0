"""The station in the view: one GL item per module, synced to a plan and a phase.

Items are created and uploaded once per plan. A phase change only moves and shows or hides
items (no mesh build, no upload). Replacing the plan frees the old buffers with the GL
context current.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph.opengl as gl
from PySide6.QtCore import QEasingCurve, QObject, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QFont, QMatrix4x4

from models3d.assembly import StationState, assemble, port_matrix
from models3d.geometry import ModuleMeshes, build_plan
from models3d.picking import pick
from models3d.plan import Plan, text

from .viewport.items import ImportedItem, ModuleItem
from .viewport.view import StationView

DISPLAY_MODES = ("solid", "wireframe", "xray")
SELECT_TINT = (1.0, 0.70, 0.18, 0.55)
HOVER_TINT = (0.55, 0.80, 1.0, 0.28)
FLASH_RGB = (0.35, 1.0, 0.55)
XRAY_ALPHA = 0.30
TRANSITION_MS = 1000
FLASH_MS = 1600


def qmatrix(m: np.ndarray) -> QMatrix4x4:
    return QMatrix4x4(*np.asarray(m, dtype=np.float64).ravel().tolist())


class StationScene(QObject):
    transition_finished = Signal()

    def __init__(self, view: StationView):
        super().__init__(view)
        self.view = view
        self.plan: Plan | None = None
        self.states: list[StationState] = []
        self.meshes: dict[str, ModuleMeshes] = {}
        self.items: dict[str, ModuleItem] = {}
        self.labels: dict[str, gl.GLTextItem] = {}
        self.phase = -1
        self.selected: str | None = None
        self.hovered: str | None = None
        self.mode = "solid"
        self.labels_visible = False
        self.hidden: set[str] = set()
        self.overrides: dict[str, tuple] = {}  # module id -> (meshes, colours, textures)
        # ref id -> (item, meshes, transform, colours, textures)
        self.references: dict[str, tuple] = {}
        self.flashing: set[str] = set()
        self.flash_alpha = 0.0
        self._moves: dict[str, tuple] = {}
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
        view.picker = self.pick
        view.fitter = self.fit_points
        view.before_paint = self._upload_pending
        view.gl_cleanup = self._release_buffers

    # ---- plan ----------------------------------------------------------------------

    def set_plan(self, plan: Plan, states: list[StationState] | None = None) -> None:
        self.clear()
        self.plan = plan
        self.states = states if states is not None else assemble(plan)
        self.meshes = build_plan(plan)
        for mid, meshes in self.meshes.items():
            item = ModuleItem(meshes)
            item.setVisible(False)
            self.view.addItem(item)
            self.items[mid] = item
            label = gl.GLTextItem(text=text(plan.modules[mid].abbr),
                                  color=QColor(235, 240, 255), font=QFont("DejaVu Sans", 10))
            label.setVisible(False)
            self.view.addItem(label)
            self.labels[mid] = label
        self._upload_all()
        pts = np.concatenate([self.fit_points(None, i) for i in range(len(self.states))])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        self.view.set_scene_sphere((lo + hi) / 2, float(np.linalg.norm(hi - lo) / 2))
        self.phase = -1
        self.selected = self.hovered = None
        self.hidden = set()

    def _upload_all(self) -> None:
        """Upload every module now, so that showing one later costs no upload."""
        if not self.view.isValid():
            return  # the first paint uploads them instead (_upload_pending)
        self.view.makeCurrent()
        try:
            self._upload_pending()
        finally:
            self.view.doneCurrent()

    def _upload_pending(self) -> None:
        for item in self.items.values():
            item.upload()
        for ref in self.references.values():
            ref[0].upload()

    def _release_buffers(self) -> None:
        for item in self.items.values():
            item.release()
        for ref in self.references.values():
            ref[0].release()

    def clear(self) -> None:
        self._transition.stop()
        self._flash.stop()
        self._moves = {}
        self.flashing = set()
        if self.items and self.view.isValid():
            self.view.makeCurrent()
            try:
                self._release_buffers()
            finally:
                self.view.doneCurrent()
        for item in list(self.items.values()) + list(self.labels.values()) + \
                [r[0] for r in self.references.values()]:
            self.view.removeItem(item)
        self.items.clear()
        self.labels.clear()
        self.references.clear()
        self.overrides.clear()
        self.plan = None

    # ---- phase, selection, display -------------------------------------------------

    def show_phase(self, index: int, animate: bool = False,
                   flash: bool = False) -> dict | None:
        """Show the station after phase `index`. With `animate`, a one-step change flies
        added modules in along their docking axis, undocks removed ones and moves
        relocated ones port to port; `flash` highlights what changed for a moment.
        Returns what changed since the phase shown before (None for the first)."""
        self.finish_transition()
        previous = self.phase
        state = self.states[index]
        self.phase = index
        if self.selected not in state.modules:
            self.selected = None
        if self.hovered not in state.modules:
            self.hovered = None
        changed = self.changes(previous, index) if previous >= 0 else None
        if animate and changed is not None and abs(index - previous) == 1 and \
                any(changed.values()):
            self._start_transition(previous, index, changed)
        else:
            self._apply_state(state)
        if flash and changed is not None:
            self.flashing = set(changed["added"]) | set(changed["relocated"])
            self._flash.stop()
            if self.flashing:
                self._flash.start()
        self._restyle()
        return changed

    def changes(self, a: int, b: int) -> dict:
        """Modules added, removed and relocated going from phase a to phase b."""
        sa, sb = self.states[a], self.states[b]
        on_a, on_b = set(sa.modules), set(sb.modules)
        moved = [m for m in sb.modules if m in on_a
                 and not np.allclose(sa.transforms[m], sb.transforms[m], atol=1e-6)]
        return {"added": [m for m in sb.modules if m not in on_a],
                "removed": [m for m in sa.modules if m not in on_b],
                "relocated": moved}

    def _apply_state(self, state: StationState) -> None:
        on = set(state.modules)
        for mid, item in self.items.items():
            visible = mid in on and mid not in self.hidden
            if mid in on:
                item.setTransform(qmatrix(state.transforms[mid]))
                self._place_label(mid, state)
            item.setVisible(visible)
            self.labels[mid].setVisible(visible and self.labels_visible)
        self.view.update()

    # ---- docking animation ---------------------------------------------------------

    def _docking_axis(self, state: StationState, mid: str) -> np.ndarray:
        """World direction pointing away from the port a module is docked to."""
        joint = state.joints.get(mid)
        if joint is not None:
            frame = state.transforms[joint.parent] @ port_matrix(
                self.plan.modules[joint.parent], joint.port)
            return frame[:3, 0]
        for j in state.joints.values():  # the module is a parent here
            if j.parent == mid:
                frame = state.transforms[j.child] @ port_matrix(
                    self.plan.modules[j.child], j.own_port)
                return frame[:3, 0]
        return np.array([0.0, 0.0, 1.0])

    def transition_moves(self, a: int, b: int, changed: dict | None = None) -> dict:
        """How each changed module moves from phase a to phase b (see `_pose`)."""
        changed = changed or self.changes(a, b)
        sa, sb = self.states[a], self.states[b]
        moves = {}
        for mid in changed["added"]:
            far = 2.0 * self.plan.modules[mid].shape.length + 6.0
            moves[mid] = ("in", sb.transforms[mid], self._docking_axis(sb, mid), far)
        for mid in changed["removed"]:
            far = 2.0 * self.plan.modules[mid].shape.length + 6.0
            moves[mid] = ("out", sa.transforms[mid], self._docking_axis(sa, mid), far)
        for mid in changed["relocated"]:
            moves[mid] = ("move", sa.transforms[mid], sb.transforms[mid],
                          self._docking_axis(sa, mid), self._docking_axis(sb, mid))
        return moves

    def show_transition_frame(self, a: int, b: int, t: float) -> None:
        """Pose the station at time t in [0, 1] of the step from phase a to phase b
        (used to render animations frame by frame, without timers)."""
        self.finish_transition()
        self.phase = b
        self._apply_state(self.states[b])
        for mid, move in self.transition_moves(a, b).items():
            self.items[mid].setTransform(qmatrix(_pose(move, t)))
            if move[0] == "out":
                self.items[mid].setVisible(t < 1.0 and mid not in self.hidden)
        self._restyle()

    def _start_transition(self, a: int, b: int, changed: dict) -> None:
        self._apply_state(self.states[b])
        self._moves = self.transition_moves(a, b, changed)
        for mid, move in self._moves.items():
            if move[0] == "out":
                self.items[mid].setVisible(mid not in self.hidden)
        self._on_transition_value(0.0)
        self._transition.start()

    def _on_transition_value(self, t) -> None:
        t = float(t)
        for mid, move in self._moves.items():
            self.items[mid].setTransform(qmatrix(_pose(move, t)))
        self.view.update()

    def _on_transition_done(self) -> None:
        for mid, move in self._moves.items():
            if move[0] == "out":
                self.items[mid].setVisible(False)
                self.labels[mid].setVisible(False)
        self._moves = {}
        self._apply_state(self.states[self.phase])
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
            self.flashing = set()
        self._restyle()

    # ---- imported models -------------------------------------------------------------

    def _swap_item(self, mid: str, item) -> None:
        old = self.items[mid]
        if self.view.isValid():
            self.view.makeCurrent()
            try:
                old.release()
                item.upload()
            finally:
                self.view.doneCurrent()
        self.view.removeItem(old)
        item.setVisible(False)
        self.view.addItem(item)
        self.items[mid] = item
        if self.phase >= 0:
            self._apply_state(self.states[self.phase])
            self._restyle()

    def set_override(self, mid: str, meshes: ModuleMeshes, colors: dict,
                     textures: dict) -> None:
        """Draw (and pick) a module with an imported model instead of its built-in one."""
        self.overrides[mid] = (meshes, colors, textures)
        self.meshes[mid] = meshes
        self._swap_item(mid, ImportedItem(meshes, colors, textures))

    def clear_override(self, mid: str) -> None:
        if self.overrides.pop(mid, None) is None:
            return
        from models3d.geometry import build_module

        self.meshes[mid] = build_module(self.plan.modules[mid])
        self._swap_item(mid, ModuleItem(self.meshes[mid]))

    def add_reference(self, ref_id: str, meshes: ModuleMeshes, colors: dict, textures: dict,
                      transform: np.ndarray) -> None:
        """A model beside the station at true scale; not part of any phase or total."""
        self.remove_reference(ref_id)
        item = ImportedItem(meshes, colors, textures)
        item.setTransform(qmatrix(transform))
        self.view.addItem(item)
        self.references[ref_id] = (item, meshes, np.asarray(transform, dtype=np.float64),
                                   colors, textures)
        self.view.update()

    def remove_reference(self, ref_id: str) -> None:
        found = self.references.pop(ref_id, None)
        if found is None:
            return
        item = found[0]
        if self.view.isValid():
            self.view.makeCurrent()
            try:
                item.release()
            finally:
                self.view.doneCurrent()
        self.view.removeItem(item)
        self.view.update()

    def set_reference_visible(self, ref_id: str, visible: bool) -> None:
        self.references[ref_id][0].setVisible(visible)
        self.view.update()

    def set_hidden(self, hidden: set[str]) -> None:
        self.hidden = set(hidden)
        if self.selected in self.hidden:
            self.selected = None
        if self.phase >= 0:
            self._apply_state(self.states[self.phase])
            self._restyle()

    def _place_label(self, mid: str, state: StationState) -> None:
        lo, hi = self.meshes[mid].bounds()
        local = np.array([(lo[0] + hi[0]) / 2, 0.0, hi[2] + 0.6])
        t = state.transforms[mid]
        self.labels[mid].setData(pos=t[:3, :3] @ local + t[:3, 3])

    def visible_modules(self) -> tuple[str, ...]:
        return self.states[self.phase].modules if self.phase >= 0 else ()

    def select(self, module_id: str | None) -> None:
        self.selected = module_id if module_id in self.visible_modules() else None
        self._restyle()

    def hover(self, module_id: str | None) -> None:
        if module_id != self.hovered:
            self.hovered = module_id
            self._restyle()

    def set_mode(self, mode: str) -> None:
        if mode not in DISPLAY_MODES:
            raise ValueError(f"display mode must be one of {', '.join(DISPLAY_MODES)}")
        self.mode = mode
        self._restyle()

    def set_labels(self, visible: bool) -> None:
        self.labels_visible = visible
        on = set(self.visible_modules())
        for mid, label in self.labels.items():
            label.setVisible(visible and mid in on)
        self.view.update()

    def _restyle(self) -> None:
        cam = np.array(self.view.cameraPosition())
        state = self.states[self.phase] if self.phase >= 0 else None
        for mid, item in self.items.items():
            if mid == self.selected:
                item.tint = SELECT_TINT
            elif mid == self.hovered:
                item.tint = HOVER_TINT
            elif mid in self.flashing and self.flash_alpha > 0:
                item.tint = (*FLASH_RGB, self.flash_alpha)
            else:
                item.tint = (0.0, 0.0, 0.0, 0.0)
            item.wireframe = self.mode == "wireframe"
            xray = self.mode == "xray" and mid != self.selected
            item.alpha = XRAY_ALPHA if xray else 1.0
            if state is not None and mid in state.transforms:
                # opaque first, then translucent ones from far to near
                dist = float(np.linalg.norm(state.transforms[mid][:3, 3] - cam))
                item.setDepthValue(-dist if xray else -1e5)
        self.view.update()

    def camera_moved(self) -> None:
        if self.mode == "xray":
            self._restyle()

    # ---- geometry queries ----------------------------------------------------------

    def pick(self, origin, direction) -> str | None:
        if self.phase < 0:
            return None
        state = self.states[self.phase]
        shown = [m for m in state.modules if m not in self.hidden]
        hit = pick(origin, direction, self.meshes, state.transforms, shown)
        return hit.module_id if hit else None

    def fit_points(self, module_id: str | None, index: int | None = None,
                   references: bool = True) -> np.ndarray:
        """World corners of the boxes of one module, or of all modules in a phase and
        the visible reference models."""
        state = self.states[self.phase if index is None else index]
        ids = state.modules if module_id is None else (module_id,)
        boxes = [(self.meshes[mid].bounds(), state.transforms[mid]) for mid in ids]
        if module_id is None and references:
            boxes += [(ref[1].bounds(), ref[2]) for ref in self.references.values()
                      if ref[0].visible()]
        out = []
        for b, t in boxes:
            c = np.array([[b[i][0], b[j][1], b[k][2]] for i in (0, 1)
                          for j in (0, 1) for k in (0, 1)])
            out.append(c @ t[:3, :3].T + t[:3, 3])
        return np.concatenate(out)

    def bounds(self, index: int | None = None, references: bool = True) -> np.ndarray:
        pts = self.fit_points(None, index, references)
        return np.stack([pts.min(axis=0), pts.max(axis=0)])

    def fit_camera(self, animate: bool = False, preset: str = "iso") -> None:
        self.view.view_preset(preset, animate=animate)

    def triangles(self) -> int:
        return sum(self.items[m].triangles for m in self.visible_modules())


def _ease(t: float) -> float:
    return 1.0 - (1.0 - t) ** 3


def _pose(move: tuple, t: float) -> np.ndarray:
    """Transform of a moving module at time t in [0, 1] of a docking animation."""
    kind = move[0]
    if kind in ("in", "out"):
        _, final, axis, far = move
        # fast approach, slow final metres: distance left = far * (1 - ease(t))
        left = far * (1.0 - _ease(t)) if kind == "in" else far * t ** 2
        out = final.copy()
        out[:3, 3] = final[:3, 3] + axis * left
        return out
    _, a, b, axis_a, axis_b = move
    back = 2.5
    pa, pb = a.copy(), b.copy()
    pa[:3, 3] += axis_a * back
    pb[:3, 3] += axis_b * back
    if t < 0.25:
        u = t / 0.25
        out = a.copy()
        out[:3, 3] = a[:3, 3] + axis_a * back * u
        return out
    if t > 0.75:
        u = (t - 0.75) / 0.25
        out = b.copy()
        out[:3, 3] = b[:3, 3] + axis_b * back * (1.0 - u)
        return out
    from scipy.spatial.transform import Rotation, Slerp  # only when something moves

    u = (t - 0.25) / 0.5
    u = u * u * (3 - 2 * u)
    rot = Slerp([0.0, 1.0], Rotation.from_matrix([a[:3, :3], b[:3, :3]]))([u])
    out = np.eye(4)
    out[:3, :3] = rot.as_matrix()[0]
    out[:3, 3] = pa[:3, 3] + (pb[:3, 3] - pa[:3, 3]) * u
    return out
