"""Module meshes: one merged mesh per material per module, built once and reused.

`ModuleMeshes` holds float32 vertices and normals and uint32 faces in module space, ready to
upload; `place()` gives them in world space for exports and picking tests.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .assembly import StationState
from .kinds import built, clear_built, shape_key
from .plan import Module, Plan
from .primitives import Part, merge_parts


@dataclass(frozen=True, eq=False)  # identity: caches (picking index) key on it
class ModuleMeshes:
    module_id: str
    parts: dict  # material -> Part (module space)

    @property
    def triangle_count(self) -> int:
        return sum(p.triangle_count for p in self.parts.values())

    def bounds(self) -> np.ndarray:
        v = np.concatenate([p.vertices for p in self.parts.values()])
        return np.stack([v.min(axis=0), v.max(axis=0)])

    def to_trimesh(self, materials=None):
        import trimesh

        parts = [p for m, p in self.parts.items() if materials is None or m in materials]
        return trimesh.util.concatenate([p.to_trimesh() for p in parts])


_MERGED: dict[tuple, dict] = {}


def build_module(module: Module) -> ModuleMeshes:
    """Meshes of one module (cached by kind and shape: identical modules share arrays)."""
    key = shape_key(module.kind, module.shape)
    parts = _MERGED.get(key)
    if parts is None:
        parts = merge_parts(built(module.kind, module.shape)[0])
        _MERGED[key] = parts
    return ModuleMeshes(module.id, parts)


def build_plan(plan: Plan) -> dict[str, ModuleMeshes]:
    return {mid: build_module(m) for mid, m in plan.modules.items()}


def clear_cache() -> None:
    _MERGED.clear()
    clear_built()


def place(meshes: ModuleMeshes, transform: np.ndarray) -> dict[str, Part]:
    return {m: p.transformed(transform) for m, p in meshes.parts.items()}


def station_triangles(state: StationState, meshes: dict[str, ModuleMeshes]) -> int:
    return sum(meshes[m].triangle_count for m in state.modules)
