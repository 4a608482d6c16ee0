"""Materials of the procedural meshes: base colour, how metallic and how rough each one
is (for a metallic/roughness shader and glTF), and the older Blinn-Phong pair.

Colours are sRGB triples in 0..1 (the renderer and exporters convert as they need).
The renderer (ui/) reads these; exporters write them into GLB/MTL materials. New
materials are appended at the end of `MATERIALS`: the viewport indexes its shader's
material slots by this order.

Values are choices for a picture, informed by what the surfaces are: white beta cloth
and white paint are rough dielectrics, foils and bare aluminium are metals, solar cells
sit under cover glass (smooth, dielectric), windows are dark glass. Nothing on the
station emits light (`emissive` is False for all; it lets a shader skip emission).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Material:
    name: str
    color: tuple[float, float, float]
    specular: float  # strength of the highlight, 0..1 (Blinn-Phong)
    shininess: float  # Blinn-Phong exponent
    label: str
    metallic: float = 0.0  # 0 dielectric .. 1 metal
    roughness: float = 0.5  # 0 mirror .. 1 fully diffuse
    emissive: bool = False  # no station surface glows

    @property
    def linear_color(self) -> tuple[float, float, float]:
        """The colour in linear light (the exact sRGB curve), as glTF's
        baseColorFactor wants it."""
        return tuple(  # type: ignore[return-value]
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
            for c in self.color
        )


MATERIALS: dict[str, Material] = {
    m.name: m
    for m in (
        Material("hull", (0.90, 0.90, 0.88), 0.35, 40.0, "painted hull", 0.0, 0.45),
        Material(
            "blanket",
            (0.78, 0.78, 0.74),
            0.10,
            12.0,
            "thermal blanket (beta cloth)",
            0.0,
            0.85,
        ),
        Material("solar", (0.07, 0.13, 0.38), 0.75, 90.0, "solar cells", 0.0, 0.22),
        Material(
            "frame", (0.50, 0.51, 0.54), 0.45, 30.0, "array frame and truss", 0.6, 0.5
        ),
        Material("gold", (0.86, 0.66, 0.25), 0.85, 60.0, "gold foil", 1.0, 0.3),
        Material("ring", (0.74, 0.75, 0.78), 0.90, 80.0, "docking unit", 0.9, 0.35),
        Material("radiator", (0.95, 0.96, 0.97), 0.20, 20.0, "radiator", 0.0, 0.6),
        Material("dark", (0.20, 0.20, 0.22), 0.30, 30.0, "dark equipment", 0.2, 0.6),
        # appended for issue 15: bare aluminium, silver foil, window glass
        Material("metal", (0.77, 0.78, 0.80), 0.70, 50.0, "bare aluminium", 1.0, 0.4),
        Material("silver", (0.83, 0.84, 0.86), 0.90, 70.0, "silver foil", 1.0, 0.2),
        Material("window", (0.04, 0.05, 0.07), 0.95, 120.0, "window glass", 0.0, 0.05),
    )
}
