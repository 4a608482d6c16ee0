"""Rebuild the vendored outlines in this folder from the npm package world-atlas 2.0.2.

world-atlas redistributes Natural Earth 4.1.0 as quantized TopoJSON. This script decodes
its arcs (delta-encoded integers, then the file's scale and translate) into plain
GeoJSON and keeps only what the app uses: Russia from the 1:50m admin-0 countries, and
the world's land from the 1:110m land file. world-atlas stitches rings across the
antimeridian (for d3's spherical drawing); GeoJSON (RFC 7946 section 3.1.9) wants them
cut there, so each ring is unwrapped, closed over the pole if it circles one
(Antarctica), and cut into the -180..180 window with shapely. Not run by the app or the
tests; needs shapely.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python assets/geo/build_geo.py package/
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Polygon, box, mapping

HERE = Path(__file__).resolve().parent
DIGITS = 4  # 1e-4 degree is 11 m, far below the 1:50m data's own detail


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((round(x * sx + tx, DIGITS), round(y * sy + ty, DIGITS)))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for i in indices:
        # a negative index ~i is arc i walked backwards
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(points if not out else points[1:])
    return out


def polygons(geometry: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    parts = (
        geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    )
    return [[ring(r, arcs) for r in part] for part in parts]


def unwrapped(points: list[tuple[float, float]]) -> np.ndarray:
    xy = np.array(points, dtype=float)
    xy[:, 0] = np.degrees(np.unwrap(np.radians(xy[:, 0])))
    turn = xy[-1, 0] - xy[0, 0]
    if abs(turn) > 180:  # the ring circles a pole: close it along the pole's parallel
        pole = 90.0 if xy[:, 1].mean() > 0 else -90.0
        xy = np.vstack([xy, [[xy[-1, 0], pole], [xy[0, 0], pole]]])
    return xy


def cut(polys) -> list:
    """Polygons (lists of rings) -> shapely polygons inside -180..180."""
    out = []
    for rings in polys:
        shell = unwrapped(rings[0])
        shift = 360.0 * np.floor((shell[:, 0].min() + 180.0) / 360.0)
        holes = [unwrapped(r) for r in rings[1:]]
        geom = Polygon(shell - [shift, 0], [h - [shift, 0] for h in holes])
        geom = shapely.make_valid(geom)
        for k in (0, 1):  # the ring now starts in -180..180 and spans < 720 degrees
            piece = geom.intersection(box(-180 + 360 * k, -90, 180 + 360 * k, 90))
            piece = shapely.affinity.translate(piece, -360 * k)
            out.extend(
                g
                for g in getattr(piece, "geoms", [piece])
                if isinstance(g, Polygon) and g.area > 0
            )
    return out


def rounded(geom: MultiPolygon) -> list:
    coords = mapping(shapely.set_precision(geom, 10**-DIGITS))["coordinates"]
    return [[[list(pt) for pt in ring] for ring in poly] for poly in coords]


def feature(name: str, polys, props: dict) -> dict:
    # pieces of one ring cut at the antimeridian may touch: merge what touches
    geom = shapely.unary_union(cut(polys))
    geom = geom if isinstance(geom, MultiPolygon) else MultiPolygon([geom])
    assert geom.is_valid, name
    return {
        "type": "Feature",
        "properties": {"name": name, **props},
        "geometry": {"type": "MultiPolygon", "coordinates": rounded(geom)},
    }


def main(package: Path) -> None:
    countries = json.loads((package / "countries-50m.json").read_text())
    arcs = decode_arcs(countries)
    russia = next(
        g
        for g in countries["objects"]["countries"]["geometries"]
        if g.get("id") == "643"
    )
    polys = polygons(russia, arcs)
    out = {
        "type": "FeatureCollection",
        "features": [
            feature(
                "Russia",
                polys,
                {
                    "iso_n3": "643",
                    "source": "Natural Earth 4.1.0 admin 0 countries 1:50m "
                    "via npm world-atlas 2.0.2 (countries-50m.json)",
                },
            )
        ],
    }
    (HERE / "russia_50m.geojson").write_text(json.dumps(out, separators=(",", ":")))

    land = json.loads((package / "land-110m.json").read_text())
    arcs = decode_arcs(land)
    polys = []
    for g in land["objects"]["land"]["geometries"]:
        polys.extend(polygons(g, arcs))
    out = {
        "type": "FeatureCollection",
        "features": [
            feature(
                "Land",
                polys,
                {
                    "source": "Natural Earth 4.1.0 land 1:110m via npm world-atlas "
                    "2.0.2 "
                    "(land-110m.json)"
                },
            )
        ],
    }
    (HERE / "land_110m.geojson").write_text(json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
