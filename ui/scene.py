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

    def corners(self, index: int | None = None) -> np.ndarray:
        """World-space corners of every module's box in a phase (N x 3)."""
        state = self.states[self.phase if index is None else index]
        out = []
        for mid in state.modules:
            b = self.meshes[mid].bounds()
            c = np.array([[b[i][0], b[j][1], b[k][2]] for i in (0, 1)
                          for j in (0, 1) for k in (0, 1)])
            t = state.transforms[mid]
            out.append(c @ t[:3, :3].T + t[:3, 3])
        return np.concatenate(out)

    def bounds(self, index: int | None = None) -> np.ndarray:
        """World-space box around the station in a phase (2x3)."""
        pts = self.corners(index)
        return np.stack([pts.min(axis=0), pts.max(axis=0)])

    def fit_camera(self, elevation: float = 28.0, azimuth: float = -55.0,
                   margin: float = 1.06) -> None:
        """Aim at the station's centre from the given angles, at the distance where every
        module's box just fits the view."""
        pts = self.corners()
        center = (pts.min(axis=0) + pts.max(axis=0)) / 2
        view = self.view
        view.setCameraPosition(pos=QVector3D(*center), distance=1.0,
                               elevation=elevation, azimuth=azimuth)
        m = np.array(view.viewMatrix().data(), dtype=np.float64).reshape(4, 4).T
        cam = (pts - center) @ m[:3, :3].T  # camera space: x right, y up, z to the viewer
        tan_h = np.tan(np.radians(float(view.opts.get("fov", 60.0))) / 2)
        tan_v = tan_h * max(view.height(), 1) / max(view.width(), 1)
        need = np.maximum(cam[:, 2] + np.abs(cam[:, 0]) / tan_h,
                          cam[:, 2] + np.abs(cam[:, 1]) / tan_v)
        distance = float(need.max()) * margin
        view.setCameraPosition(distance=max(distance, 1.0))
