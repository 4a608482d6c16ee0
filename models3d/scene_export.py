"""The assembled station of one phase as a 3D file: GLB, OBJ+MTL or STL, without Qt.

`export_scene(plan, phase, path)` builds the module meshes itself, so the command line
needs no display. Axes follow each format's convention (`models3d.axes`): GLB and OBJ
are +Y up with the velocity axis on +X, STL keeps the app's +Z up; all are in metres.

GLB: a root node named after the plan and phase, one node per module named by its id
and translated name, placed by its matrix, with a child mesh per material
("id:material") carrying a PBR material; identical modules share their meshes. The
root's and modules' `extras` hold the plan's and modules' sourced figures
(`models3d.scene_extras`). `compress=True` stores the meshes Draco-compressed.
OBJ: one object per module and material, with an MTL file of the materials and a
comment header naming the plan, the axes and the sources. STL: one binary mesh in
world coordinates.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .assembly import StationState
from .axes import to_file
from .errors import ExportError
from .geometry import ModuleMeshes, build_plan
from .gltf import GlbWriter
from .imaging import atomic_write, check_destination
from .materials import MATERIALS
from .plan import Plan
from .primitives import Part
from .scene_extras import (
    header_lines,
    module_extras,
    module_name,
    plan_report,
    reference_extras,
    root_extras,
    root_name,
)

FORMATS = ("glb", "obj", "stl")
_GREY = (0.8, 0.8, 0.8, 1.0)


@dataclass(frozen=True)
class SceneItem:
    """One thing in the exported scene: a module of the phase or a reference model."""

    id: str
    name: str
    transform: np.ndarray  # module space -> app world
    meshes: ModuleMeshes
    colors: Mapping  # material key -> RGBA, for parts without a built-in material
    extras: dict


def snapshots(plan: Plan) -> list[StationState]:
    """The station after every phase (assembled once, by the loader)."""
    return list(plan.station.snapshots)


def scene_items(
    plan: Plan,
    phase: int | None,
    overrides: Mapping | None = None,
    references: Mapping | None = None,
    hidden=(),
    lang: str = "en",
    report: dict | None = None,
    detail: str = "full",
) -> list[SceneItem]:
    """The modules of phase `phase` (every module of the plan, each where it first
    appears, when `phase` is None), then the visible reference models."""
    states = snapshots(plan)
    report = report if report is not None else plan_report(plan, phase)
    overrides = overrides or {}
    meshes = build_plan(plan, detail=detail)
    if phase is None:
        poses: dict[str, np.ndarray] = {}
        for state in states:
            for mid in state.modules:
                poses.setdefault(mid, state.transforms[mid])
        order = [m for m in plan.modules if m in poses]
    else:
        poses = dict(states[phase].transforms)
        order = list(states[phase].modules)
    items = []
    for mid in order:
        if mid in hidden:
            continue
        imported = overrides.get(mid)
        mesh_set, colors = (
            _parts_of(imported) if imported is not None else (meshes[mid], {})
        )
        extras = module_extras(report, plan.modules[mid], imported is not None)
        items.append(
            SceneItem(
                mid, module_name(plan, mid, lang), poses[mid], mesh_set, colors, extras
            )
        )
    for rid, ref in (references or {}).items():
        if not getattr(ref, "visible", True):
            continue
        mesh_set, colors = _parts_of(ref)
        items.append(
            SceneItem(
                rid,
                f"reference {rid}",
                np.asarray(ref.transform),
                mesh_set,
                colors,
                reference_extras(rid),
            )
        )
    return items


def _parts_of(obj) -> tuple[ModuleMeshes, Mapping]:
    """Meshes and colours of an imported module or reference model."""
    return obj.meshes, dict(getattr(obj, "colors", {}) or {})


def _material(writer: GlbWriter, item: SceneItem, key: str) -> int:
    mat = MATERIALS.get(key)
    if mat is not None:
        # glTF's base colour is linear; metallic and roughness as the app draws them
        return writer.material(
            key, (*mat.linear_color, 1.0), mat.metallic, mat.roughness
        )
    rgba = tuple(item.colors.get(key, _GREY))
    return writer.material(f"{item.id}_{key}".replace(":", "_"), rgba, 0.1, 0.7)


def glb_bytes(
    plan: Plan,
    phase: int | None,
    items: list[SceneItem],
    lang: str = "en",
    report: dict | None = None,
    compress: bool = False,
    quantize: bool = False,
) -> bytes:
    """The GLB file of `scene_items(plan, phase, ...)`."""
    report = report if report is not None else plan_report(plan, phase)
    writer = GlbWriter(draco=compress, quantize_normals=quantize)
    root = writer.node(root_name(plan, phase, lang), extras=root_extras(report, lang))
    axes = to_file("glb")
    shared: dict[tuple[int, str], int] = {}  # identical modules share their meshes
    for item in items:
        node = writer.node(
            item.name, parent=root, matrix=axes @ item.transform, extras=item.extras
        )
        for key, part in item.meshes.parts.items():
            name = f"{item.id}:{key}"
            mesh = shared.get((id(part), key))
            if mesh is None:
                mesh = writer.mesh(
                    name,
                    part.vertices,
                    part.normals,
                    part.faces,
                    _material(writer, item, key),
                )
                shared[(id(part), key)] = mesh
            writer.node(name, parent=node, mesh=mesh)
    return writer.to_bytes()


def world_parts(items: list[SceneItem], fmt: str) -> list[tuple[str, str, Part]]:
    """(object name, material key, part in the file's world axes) for OBJ and STL."""
    axes = to_file(fmt)
    return [
        (f"{item.id}:{key}", key, part.transformed(axes @ item.transform))
        for item in items
        for key, part in item.meshes.parts.items()
    ]


def obj_text(
    plan: Plan, phase: int, items: list[SceneItem], mtl_name: str, lang: str = "en"
) -> tuple[str, str]:
    """(OBJ text, MTL text) of the scene, +Y up."""
    out = [f"# {line}" for line in header_lines(plan, phase, lang)]
    out.append(f"mtllib {mtl_name}")
    materials: dict[str, tuple] = {}
    base = 1
    for name, key, part in world_parts(items, "obj"):
        item = next(i for i in items if name.startswith(f"{i.id}:"))
        mat = MATERIALS.get(key)
        mtl = key if mat is not None else f"{item.id}_{key}".replace(":", "_")
        materials.setdefault(
            mtl,
            (*mat.color, 1.0, mat.specular)
            if mat
            else (*tuple(item.colors.get(key, _GREY)), 0.2),
        )
        n = len(part.vertices)
        out.append(f"o {name}")
        out.append(_rows("v", part.vertices))
        out.append(_rows("vn", part.normals))
        out.append(f"usemtl {mtl}")
        f = part.faces.astype(np.int64) + base
        out.append(
            ("f" + " %d//%d" * 3 + "\n")
            * len(f)
            % tuple(np.repeat(f, 2, axis=1).ravel())
            if len(f)
            else ""
        )
        base += n
    mtl_lines = []
    for mtl, (r, g, b, a, spec) in materials.items():
        mtl_lines += [
            f"newmtl {mtl}",
            f"Kd {r:.4f} {g:.4f} {b:.4f}",
            f"Ks {spec:.3f} {spec:.3f} {spec:.3f}",
            "Ns 60",
            f"d {a:.3f}",
            "illum 2",
            "",
        ]
    return "\n".join(s.rstrip("\n") for s in out if s) + "\n", "\n".join(mtl_lines)


def _rows(tag: str, values: np.ndarray) -> str:
    return (f"{tag} %.6g %.6g %.6g\n" * len(values)) % tuple(
        np.asarray(values, dtype=np.float64).ravel()
    )


def stl_bytes(plan: Plan, phase: int, items: list[SceneItem]) -> bytes:
    """Binary STL of the scene in the app's axes (+Z up), metres."""
    tris = [part.vertices[part.faces] for _, _, part in world_parts(items, "stl")]
    v = np.concatenate(tris).astype(np.float32) if tris else np.zeros((0, 3, 3))
    normal = np.cross(v[:, 1] - v[:, 0], v[:, 2] - v[:, 0])
    normal /= np.linalg.norm(normal, axis=1, keepdims=True).clip(1e-20)
    record = np.zeros(
        len(v), dtype=[("n", "<f4", 3), ("v", "<f4", (3, 3)), ("a", "<u2")]
    )
    record["n"], record["v"] = normal, v
    # 80 ASCII bytes that must not start with "solid" (readers would take the file for
    # ASCII STL); the plan's text and sources do not fit: OBJ and GLB carry them
    head = (
        (
            f"ROSS Explorer binary STL, metres, +Z up (zenith), +X velocity; "
            f"{plan.id} phase {phase + 1}"
        )
        .encode("ascii", "replace")[:80]
        .ljust(80)
    )
    return head + np.uint32(len(v)).tobytes() + record.tobytes()


def export_scene(
    plan: Plan,
    phase_index: int,
    path: str | Path,
    fmt: str | None = None,
    overrides: Mapping | None = None,
    references: Mapping | None = None,
    compress: bool = False,
    hidden=(),
    lang: str = "en",
) -> list[str]:
    """Write the station after phase `phase_index` (0-based) to `path` in `fmt` (from
    the suffix when None). `overrides` maps module ids to imported meshes (objects with
    `.meshes` and `.colors`), `references` ids to reference models (with `.transform`
    too). Returns the paths written; nothing is left behind on failure."""
    path = check_destination(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ExportError(
            f"{path}: '{fmt or '(none)'}' is not a 3D format ({', '.join(FORMATS)})"
        )
    if compress and fmt != "glb":
        raise ExportError(f"{path}: only GLB files can be compressed")
    if not 0 <= phase_index < len(plan.phases):
        raise ExportError(
            f"{path}: {plan.id} has no phase {phase_index + 1} "
            f"(phases 1 to {len(plan.phases)})"
        )
    report = plan_report(plan, phase_index)
    items = scene_items(plan, phase_index, overrides, references, hidden, lang, report)
    if not items:
        raise ExportError(
            f"{path}: nothing to export: every module of this phase is hidden"
        )
    if fmt == "glb":
        data = glb_bytes(plan, phase_index, items, lang, report, compress)
        return [str(atomic_write(path, lambda tmp: Path(tmp).write_bytes(data)))]
    if fmt == "stl":
        data = stl_bytes(plan, phase_index, items)
        return [str(atomic_write(path, lambda tmp: Path(tmp).write_bytes(data)))]
    mtl_path = path.with_suffix(".mtl")
    obj, mtl = obj_text(plan, phase_index, items, mtl_path.name, lang)
    return [
        str(atomic_write(mtl_path, lambda tmp: Path(tmp).write_text(mtl, "utf-8"))),
        str(atomic_write(path, lambda tmp: Path(tmp).write_text(obj, "utf-8"))),
    ]


def export_phases(
    plan: Plan,
    phases: list[int],
    path: str | Path,
    fmt: str | None = None,
    *,
    overrides: Mapping | None = None,
    references: Mapping | None = None,
    compress: bool = False,
    hidden=(),
    lang: str = "en",
) -> Iterator[tuple[int, int, str]]:
    """Export each phase in turn, yielding (done, total, path written) after every file,
    so a caller can show progress and cancel between phases. Several phases are written
    as numbered files: station_01.glb, station_02.glb ..."""
    path = check_destination(path)
    total = len(phases)
    width = max(2, len(str(len(plan.phases))))
    for n, phase in enumerate(phases):
        target = (
            path
            if total == 1
            else path.with_name(f"{path.stem}_{phase + 1:0{width}d}{path.suffix}")
        )
        for written in export_scene(
            plan, phase, target, fmt, overrides, references, compress, hidden, lang
        ):
            yield n + 1, total, written
