"""The assembled station of one phase as a 3D file: GLB, OBJ+MTL or STL.

GLB keeps one node per module, named by the module id, with a child mesh per material
(named "module:material") carrying a PBR material; OBJ groups the same meshes with an
MTL file of the materials; STL is one binary mesh in world coordinates (metres).
"""

from __future__ import annotations

from pathlib import Path

from .assembly import StationState
from .geometry import ModuleMeshes
from .imaging import ExportError, atomic_write, check_destination
from .materials import MATERIALS
from .plan import Plan


def station_scene(plan: Plan, state: StationState, meshes: dict[str, ModuleMeshes],
                  hidden=(), colors=None):
    """`colors` gives (module, part) -> RGBA for imported parts, which have no entry in
    the built-in materials."""
    import trimesh
    from trimesh.visual.material import PBRMaterial

    scene = trimesh.Scene()
    for mid in state.modules:
        if mid in hidden:
            continue
        scene.graph.update(frame_from=scene.graph.base_frame, frame_to=mid,
                           matrix=state.transforms[mid])
        for material, part in meshes[mid].parts.items():
            mat = MATERIALS.get(material)
            if mat is not None:
                pbr = PBRMaterial(name=material, baseColorFactor=[*mat.color, 1.0],
                                  metallicFactor=0.8 if mat.specular > 0.6 else 0.1,
                                  roughnessFactor=max(0.15, 1.0 - mat.specular))
            else:
                rgba = (colors or {}).get((mid, material), (0.8, 0.8, 0.8, 1.0))
                pbr = PBRMaterial(name=material.replace(":", "_"),
                                  baseColorFactor=list(rgba), metallicFactor=0.1,
                                  roughnessFactor=0.7)
            mesh = trimesh.Trimesh(part.vertices, part.faces, vertex_normals=part.normals,
                                   process=False,
                                   visual=trimesh.visual.TextureVisuals(material=pbr))
            name = f"{mid}:{material}"
            scene.add_geometry(mesh, geom_name=name, node_name=name, parent_node_name=mid)
    if not scene.geometry:
        raise ExportError("nothing to export: every module of this phase is hidden")
    return scene


def export_scene(plan: Plan, state: StationState, meshes: dict[str, ModuleMeshes],
                 path: str | Path, fmt: str, hidden=(), colors=None) -> list[Path]:
    """Write the phase's station; returns the files written."""
    path = check_destination(path)
    scene = station_scene(plan, state, meshes, hidden, colors)
    if fmt == "glb":
        data = scene.export(file_type="glb")
        return [atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))]
    if fmt == "stl":
        mesh = scene.to_geometry()
        data = mesh.export(file_type="stl")
        return [atomic_write(path, lambda tmp: Path(tmp).write_bytes(data))]
    if fmt == "obj":
        from trimesh.exchange.obj import export_obj

        mtl_name = path.with_suffix(".mtl").name
        text, extra = export_obj(scene, include_normals=True, include_color=True,
                                 include_texture=True, return_texture=True,
                                 mtl_name=mtl_name)
        written = []
        for name, blob in extra.items():
            written.append(atomic_write(path.with_name(name),
                                        lambda tmp, b=blob: Path(tmp).write_bytes(b)))
        written.append(atomic_write(path, lambda tmp: Path(tmp).write_text(text)))
        return written
    raise ExportError(f"{path}: '{fmt}' is not a 3D format (glb, obj, stl)")
