"""Figures that give a sense of scale: a 1.8 m person and the ISS at true scale, placed
beside the station, and the round lengths a scale bar may show.

Qt-free: the meshes are `ModuleMeshes` like a module's, so the app's view, the
off-screen exporter and the tests draw and measure the same triangles. The ISS is taken
from the bundled `iss` plan's final phase when that plan loads (every module at its
published size); otherwise a simplified silhouette is built from NASA's overall figures.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from .geometry import ModuleMeshes
from .primitives import Part, boxes, lathe, merge_parts, rotation_to
from .resources import asset

FIGURES = ("human", "iss")
HUMAN_HEIGHT = 1.8  # metres: a tall adult, the figure the issue asks for

# NASA, "International Space Station Facts and Figures" (nasa.gov/international-space-
# station/space-station-facts-and-figures): truss length 357.5 ft (109 m), solar array
# length 239.4 ft (73 m), module length 167.3 ft (51 m) in the 2011-2014 edition.
ISS_TRUSS_M = 109.0
ISS_ARRAYS_M = 73.0
ISS_MODULES_M = 51.0
ISS_SOURCE = "NASA, International Space Station Facts and Figures"
ISS_PLAN = asset("plans", "iss.toml")

GAP_M = 10.0  # between the station's box and the ISS outline
HUMAN_GAP_M = 1.5  # between the station's forward end and the person


# ---- scale bar -----------------------------------------------------------------------


def nice_length(limit: float) -> float:
    """The longest round length (1, 2 or 5 times a power of ten, in metres) that is
    not longer than `limit` metres: 0.5, 1, 2, 5, 10, 20, 50, 100 ..."""
    if not math.isfinite(limit) or limit <= 0:
        raise ValueError(f"a scale bar needs a positive finite length, not {limit}")
    limit *= 1 + 1e-9  # a little slack: 9.9999999 from floating-point arithmetic is 10
    power = 10.0 ** math.floor(math.log10(limit))
    return next(step * power for step in (5.0, 2.0, 1.0) if step * power <= limit)


# ---- the person ----------------------------------------------------------------------


def _capsule(a, b, radius: float, material: str, sections: int = 20) -> Part:
    """A capsule (cylinder with round ends) from point a to point b."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    length = float(np.linalg.norm(b - a))
    arc = np.linspace(np.pi, np.pi / 2, 6)
    head = [(radius + radius * math.cos(t), radius * math.sin(t)) for t in arc]
    tail = [
        (radius + length - radius * math.cos(t), radius * math.sin(t))
        for t in arc[::-1]
    ]
    profile = [(x - radius, r) for x, r in head + tail]
    part = lathe(profile, material, sections, smooth=[True] * len(profile))
    m = np.eye(4)
    m[:3, :3] = rotation_to(b - a) if length > 1e-9 else np.eye(3)
    m[:3, 3] = a
    return part.transformed(m)


def _sphere(center, radius: float, material: str, scale=(1.0, 1.0, 1.0)) -> Part:
    arc = np.linspace(np.pi, 0.0, 12)
    profile = [(radius * math.cos(t), radius * math.sin(t)) for t in arc]
    part = lathe(profile, material, 24, smooth=[True] * len(profile))
    return _scaled(part, scale, center)


def _scaled(part: Part, scale, offset=(0.0, 0.0, 0.0)) -> Part:
    s = np.asarray(scale, dtype=np.float64)
    n = part.normals / s  # normals of a scaled surface scale by the inverse
    n /= np.linalg.norm(n, axis=1, keepdims=True).clip(1e-12)
    return Part(
        part.material,
        (part.vertices * s + offset).astype(np.float32),
        n.astype(np.float32),
        part.faces,
    )


@lru_cache(maxsize=1)
def human_figure() -> ModuleMeshes:
    """A suited person facing +X, feet at z = 0, exactly HUMAN_HEIGHT tall: a helmet
    with a gold visor, a backpack, arms held a little out so the silhouette reads at a
    glance."""
    suit, visor, pack = "suit", "visor", "pack"
    parts = [
        _sphere((0.0, 0.0, 1.62), 0.15, suit),  # helmet
        _sphere((0.055, 0.0, 1.625), 0.12, visor, (0.85, 1.0, 0.8)),
        _scaled(_capsule((0, 0, 1.0), (0, 0, 1.40), 0.17, suit), (1.0, 1.35, 1.0)),
        _capsule((0, -0.13, 0.95), (0, 0.13, 0.95), 0.14, suit),  # hips
        boxes([(-0.23, 0.0, 1.22)], [(0.16, 0.42, 0.56)], pack),
    ]
    for side in (-1.0, 1.0):
        parts += [
            _capsule((0.0, side * 0.11, 0.92), (0.02, side * 0.14, 0.12), 0.085, suit),
            boxes([(0.05, side * 0.14, 0.05)], [(0.30, 0.13, 0.10)], pack),  # boot
            _capsule((0.0, side * 0.28, 1.38), (0.06, side * 0.43, 0.86), 0.07, suit),
            _sphere((0.07, side * 0.45, 0.80), 0.065, pack),  # glove
        ]
    merged = merge_parts(parts)
    lo = np.min([p.vertices.min(axis=0) for p in merged.values()], axis=0)
    hi = np.max([p.vertices.max(axis=0) for p in merged.values()], axis=0)
    k = HUMAN_HEIGHT / float(hi[2] - lo[2])  # exactly 1.8 m from sole to helmet top
    shift = np.array([0.0, 0.0, -lo[2]])
    fitted = {
        m: _scaled(
            Part(m, p.vertices + shift.astype(np.float32), p.normals, p.faces),
            (k, k, k),
        )
        for m, p in merged.items()
    }
    return ModuleMeshes("human", fitted)


# ---- the ISS -------------------------------------------------------------------------


def _iss_from_facts() -> ModuleMeshes:
    """The ISS reduced to its overall published sizes: the 109 m truss along Y, four
    pairs of array wings spanning 73 m fore and aft, and a 51 m module stack along X."""
    truss = boxes([(0.0, 0.0, 3.5)], [(3.0, ISS_TRUSS_M, 3.0)], "ghost")
    wing_len = (ISS_ARRAYS_M - 3.0) / 2  # two wings either side of the truss
    wings = [
        (side * (3.0 / 2 + wing_len / 2), y, 3.5)
        for side in (-1, 1)
        for y in (-48.0, -36.0, 36.0, 48.0)
    ]
    arrays = boxes(wings, [(wing_len, 11.6, 0.2)], "ghost")
    radiators = boxes(
        [(0.0, y, 3.5 - 8.0) for y in (-22.0, 22.0)], [(0.3, 12.0, 13.0)], "ghost"
    )
    hull = [(0.0, 0.0), (0.0, 2.1), (ISS_MODULES_M, 2.1), (ISS_MODULES_M, 0.0)]
    stack = lathe(hull, "ghost", 24).transformed(
        np.array([[1, 0, 0, -35.0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]])
    )
    labs = lathe([(0.0, 0.0), (0.0, 2.2), (22.0, 2.2), (22.0, 0.0)], "ghost", 24)
    across = np.eye(4)
    across[:3, :3] = rotation_to((0.0, 1.0, 0.0))
    across[:3, 3] = (10.0, -11.0, 0.0)
    parts = merge_parts([truss, arrays, radiators, stack, labs.transformed(across)])
    return ModuleMeshes("iss", parts)


def _iss_from_plan(path: Path) -> ModuleMeshes:
    from .catalogue import load_plan
    from .geometry import build_plan, place

    plan = load_plan(path)
    assert plan.station is not None  # load_plan assembles every plan it returns
    final = plan.station[len(plan.phases) - 1]
    meshes = build_plan(plan)
    placed = [
        part
        for mid in final.modules
        for part in place(meshes[mid], final.transforms[mid]).values()
    ]
    ghost = merge_parts([Part("ghost", p.vertices, p.normals, p.faces) for p in placed])
    return ModuleMeshes("iss", ghost)


@lru_cache(maxsize=2)
def iss_outline(path: Path = ISS_PLAN) -> tuple[ModuleMeshes, str]:
    """The ISS as one 'ghost' mesh centred on its box, and where it comes from: the
    iss plan's final phase, or NASA's overall figures when that plan cannot be read."""
    from .errors import RossError

    try:
        meshes, origin = _iss_from_plan(path), f"plan {path.name}, final phase"
    except (RossError, OSError):
        meshes, origin = _iss_from_facts(), ISS_SOURCE
    lo, hi = meshes.bounds()
    centre = ((lo + hi) / 2).astype(np.float32)
    parts = {
        m: Part(m, p.vertices - centre, p.normals, p.faces)
        for m, p in meshes.parts.items()
    }
    return ModuleMeshes("iss", parts), origin


# ---- placement -----------------------------------------------------------------------


def figure_meshes(name: str) -> ModuleMeshes:
    if name == "human":
        return human_figure()
    if name == "iss":
        return iss_outline()[0]
    raise KeyError(f"no scale figure '{name}' (figures: {', '.join(FIGURES)})")


def placement(name: str, lo, hi) -> np.ndarray:
    """World transform of a figure beside a station whose box (over every phase) is
    lo..hi: the person stands just ahead of the forward end on the station's axis, the
    ISS lies aft of the station, level with it, with a gap between."""
    lo, hi = np.asarray(lo, dtype=np.float64), np.asarray(hi, dtype=np.float64)
    centre = (lo + hi) / 2
    m = np.eye(4)
    if name == "human":
        m[:3, 3] = (hi[0] + HUMAN_GAP_M, centre[1], centre[2] - HUMAN_HEIGHT / 2)
    elif name == "iss":
        fhi = iss_outline()[0].bounds()[1]
        m[:3, 3] = (lo[0] - GAP_M - float(fhi[0]), centre[1], centre[2])
    else:
        raise KeyError(f"no scale figure '{name}' (figures: {', '.join(FIGURES)})")
    return m
