"""The station in a pyqtgraph GL view: one mesh item per material per module.

Items are created once per plan with their world transform for the phase; changing the
phase only toggles visibility and moves items, so nothing is rebuilt or re-uploaded.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph.opengl as gl
from PySide6.QtGui import QMatrix4x4, QVector3D

from models3d.assembly import StationState, assemble
from models3d.geometry import ModuleMeshes, build_plan
from models3d.materials import MATERIALS
from models3d.plan import Plan

from .shading import program_for


def _meshdata(part) -> gl.MeshData:
    md = gl.MeshData(vertexes=part.vertices, faces=part.faces)
    # normals come precomputed with the mesh; MeshData's own loop is far too slow
    md._vertexNormals = part.normals
    return md


def qmatrix(m: np.ndarray) -> QMatrix4x4:
    return QMatrix4x4(*np.asarray(m, dtype=np.float64).ravel().tolist())


class StationScene:
    def __init__(self, view: gl.GLViewWidget):
        self.view = view
        self.plan: Plan | None = None
        self.states: list[StationState] = []
        self.meshes: dict[str, ModuleMeshes] = {}
        self.items: dict[str, list[gl.GLMeshItem]] = {}
        self.phase = -1

    def set_plan(self, plan: Plan) -> None:
        self.clear()
        self.plan = plan
        self.states = assemble(plan)
        self.meshes = build_plan(plan)
        for mid, meshes in self.meshes.items():
            items = []
            for material, part in meshes.parts.items():
                mat = MATERIALS[material]
                item = gl.GLMeshItem(meshdata=_meshdata(part), smooth=True,
                                     color=(*mat.color, 1.0), shader=program_for(material),
                                     glOptions="opaque")
                item.setVisible(False)
                self.view.addItem(item)
                items.append(item)
            self.items[mid] = items
        self.phase = -1

    def clear(self) -> None:
        for items in self.items.values():
            for item in items:
                self.view.removeItem(item)
        self.items.clear()
        self.plan = None

    def show_phase(self, index: int) -> None:
        state = self.states[index]
        on = set(state.modules)
        for mid, items in self.items.items():
            visible = mid in on
            if visible:
                m = qmatrix(state.transforms[mid])
                for item in items:
                    item.setTransform(m)
            for item in items:
                item.setVisible(visible)
        self.phase = index
        self.view.update()

    def bounds(self, index: int | None = None) -> np.ndarray:
        """World-space box around the station in a phase (2x3)."""
        state = self.states[self.phase if index is None else index]
        lo, hi = np.full(3, np.inf), np.full(3, -np.inf)
        for mid in state.modules:
            b = self.meshes[mid].bounds()
            corners = np.array([[b[i][0], b[j][1], b[k][2]] for i in (0, 1)
                                for j in (0, 1) for k in (0, 1)])
            t = state.transforms[mid]
            w = corners @ t[:3, :3].T + t[:3, 3]
            lo, hi = np.minimum(lo, w.min(0)), np.maximum(hi, w.max(0))
        return np.stack([lo, hi])

    def fit_camera(self, elevation: float = 28.0, azimuth: float = -55.0) -> None:
        lo, hi = self.bounds()
        center = (lo + hi) / 2
        # the box's diagonal over-states what the camera sees; 0.8 of it frames well
        radius = float(np.linalg.norm(hi - lo) / 2) * 0.8 or 10.0
        fov = float(self.view.opts.get("fov", 60.0))
        aspect = max(self.view.width(), 1) / max(self.view.height(), 1)
        half = np.radians(fov / 2)
        # pyqtgraph's fov is horizontal; fit the sphere in the narrower direction
        half_v = np.arctan(np.tan(half) / aspect) if aspect >= 1 else half
        distance = radius / np.tan(min(half, half_v))
        self.view.setCameraPosition(pos=QVector3D(*center), distance=distance,
                                    elevation=elevation, azimuth=azimuth)
