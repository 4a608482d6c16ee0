"""Module meshes: one merged mesh per material per module, built once and reused.

`ModuleMeshes` holds float32 vertices and normals and uint32 faces in module space,
ready to upload, with optional per-vertex `uv` (solar cells) and `ao` (ambient occlusion
baked against the module's own triangles when the mesh is built); `place()` gives them
in world space for exports and picking tests. Meshes are built at a level of detail:
"full" (the default, for pictures and the view) or "interactive" (fewer triangles for
when the frame budget needs it). Identical modules (same kind and shape) share their
arrays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import ao as _ao
from .assembly import StationState
from .kinds import DETAILS, built, clear_built, shape_key
from .plan import Module, Plan
from .primitives import Part, clear_lathes, merge_parts


@dataclass(frozen=True, eq=False)  # identity: caches (picking index) key on it
class ModuleMeshes:
    module_id: str
    parts: dict  # material -> Part (module space)
    details: dict = field(default_factory=dict)  # what was drawn: "windows" -> 6, ...
    detail: str = "full"

    @property
    def triangle_count(self) -> int:
        return sum(p.triangle_count for p in self.parts.values())

    def bounds(self) -> np.ndarray:
        v = np.concatenate([p.vertices for p in self.parts.values()])
        return np.stack([v.min(axis=0), v.max(axis=0)])

    def to_trimesh(self, materials=None):
        import trimesh

        parts = [
            p for m, p in self.parts.items() if materials is None or m in materials
        ]
        return trimesh.util.concatenate([p.to_trimesh() for p in parts])


_MERGED: dict[tuple, tuple[dict, dict]] = {}


def build_module(module: Module, detail: str = "full") -> ModuleMeshes:
    """Meshes of one module at a level of detail ("full" or "interactive"), with their
    self-occlusion baked (cached by kind, shape and detail: identical modules share
    arrays)."""
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {', '.join(DETAILS)}, not {detail!r}")
    key = (*shape_key(module.kind, module.shape), detail)
    found = _MERGED.get(key)
    if found is None:
        build = built(module.kind, module.shape, detail)
        parts = merge_parts(build.parts)
        _ao.bake_module(parts)
        found = _MERGED[key] = (parts, dict(build.counts))
    parts, counts = found
    return ModuleMeshes(module.id, parts, counts, detail)


def build_plan(plan: Plan, detail: str = "full") -> dict[str, ModuleMeshes]:
    return {mid: build_module(m, detail) for mid, m in plan.modules.items()}


def clear_cache() -> None:
    _MERGED.clear()
    clear_built()
    clear_lathes()
    _ao.clear_cache()


def place(meshes: ModuleMeshes, transform: np.ndarray) -> dict[str, Part]:
    return {m: p.transformed(transform) for m, p in meshes.parts.items()}


def station_triangles(state: StationState, meshes: dict[str, ModuleMeshes]) -> int:
    return sum(meshes[m].triangle_count for m in state.modules)
