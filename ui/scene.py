"""The station in the view: one GL item per module, synced to a plan and a phase.

Items are created and uploaded once per plan. A phase change only moves and shows or hides
items (no mesh build, no upload). Replacing the plan frees the old buffers with the GL
context current.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph.opengl as gl
from PySide6.QtGui import QColor, QFont, QMatrix4x4

from models3d.assembly import StationState, assemble
from models3d.geometry import ModuleMeshes, build_plan
from models3d.picking import pick
from models3d.plan import Plan, text

from .viewport.items import ModuleItem
from .viewport.view import StationView

DISPLAY_MODES = ("solid", "wireframe", "xray")
SELECT_TINT = (1.0, 0.70, 0.18, 0.55)
HOVER_TINT = (0.55, 0.80, 1.0, 0.28)
XRAY_ALPHA = 0.30


def qmatrix(m: np.ndarray) -> QMatrix4x4:
    return QMatrix4x4(*np.asarray(m, dtype=np.float64).ravel().tolist())


class StationScene:
    def __init__(self, view: StationView):
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
        view.picker = self.pick
        view.fitter = self.fit_points
        view.before_paint = self._upload_pending
        view.gl_cleanup = self._release_buffers

    # ---- plan ----------------------------------------------------------------------

    def set_plan(self, plan: Plan) -> None:
        self.clear()
        self.plan = plan
        self.states = assemble(plan)
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

    def _release_buffers(self) -> None:
        for item in self.items.values():
            item.release()

    def clear(self) -> None:
        if self.items and self.view.isValid():
            self.view.makeCurrent()
            try:
                self._release_buffers()
            finally:
                self.view.doneCurrent()
        for item in list(self.items.values()) + list(self.labels.values()):
            self.view.removeItem(item)
        self.items.clear()
        self.labels.clear()
        self.plan = None

    # ---- phase, selection, display -------------------------------------------------

    def show_phase(self, index: int) -> None:
        state = self.states[index]
        on = set(state.modules)
        for mid, item in self.items.items():
            visible = mid in on
            if visible:
                item.setTransform(qmatrix(state.transforms[mid]))
                self._place_label(mid, state)
            item.setVisible(visible)
            self.labels[mid].setVisible(visible and self.labels_visible)
        self.phase = index
        if self.selected not in on:
            self.selected = None
        if self.hovered not in on:
            self.hovered = None
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
        hit = pick(origin, direction, self.meshes, state.transforms, state.modules)
        return hit.module_id if hit else None

    def fit_points(self, module_id: str | None, index: int | None = None) -> np.ndarray:
        """World corners of the boxes of one module, or of all modules in a phase."""
        state = self.states[self.phase if index is None else index]
        ids = state.modules if module_id is None else (module_id,)
        out = []
        for mid in ids:
            b = self.meshes[mid].bounds()
            c = np.array([[b[i][0], b[j][1], b[k][2]] for i in (0, 1)
                          for j in (0, 1) for k in (0, 1)])
            t = state.transforms[mid]
            out.append(c @ t[:3, :3].T + t[:3, 3])
        return np.concatenate(out)

    def bounds(self, index: int | None = None) -> np.ndarray:
        pts = self.fit_points(None, index)
        return np.stack([pts.min(axis=0), pts.max(axis=0)])

    def fit_camera(self, animate: bool = False, preset: str = "iso") -> None:
        self.view.view_preset(preset, animate=animate)

    def triangles(self) -> int:
        return sum(self.items[m].triangles for m in self.visible_modules())
