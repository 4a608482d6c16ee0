"""Materials of the procedural meshes: base colour and how metallic/shiny each one is.

Colours are linear-ish sRGB triples in 0..1. The renderer (ui/) reads these; exporters
write them into GLB/MTL materials.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Material:
    name: str
    color: tuple[float, float, float]
    specular: float  # strength of the highlight, 0..1
    shininess: float  # Blinn-Phong exponent
    label: str


MATERIALS: dict[str, Material] = {
    m.name: m
    for m in (
        Material("hull", (0.90, 0.90, 0.88), 0.35, 40.0, "painted hull"),
        Material("blanket", (0.78, 0.78, 0.74), 0.10, 12.0, "thermal blanket"),
        Material("solar", (0.07, 0.13, 0.38), 0.75, 90.0, "solar cells"),
        Material("frame", (0.50, 0.51, 0.54), 0.45, 30.0, "array frame and truss"),
        Material("gold", (0.86, 0.66, 0.25), 0.85, 60.0, "gold foil"),
        Material("ring", (0.74, 0.75, 0.78), 0.90, 80.0, "docking unit"),
        Material("radiator", (0.95, 0.96, 0.97), 0.20, 20.0, "radiator"),
        Material("dark", (0.20, 0.20, 0.22), 0.30, 30.0, "dark equipment"),
    )
}
