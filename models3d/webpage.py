"""One self-contained web page of a plan: the station in 3D, its timeline and its
sourced figures in a single HTML file that opens offline from disk in any browser.

The page is assets/web/page.html filled with its style (page.css), the vendored
three.js bundle (assets/web/vendor/three.min.js, built by tools/build_web_vendor.sh),
the page's script (page.js), the station as a GLB in base64 and a JSON block with the
phases (changes and totals, as `main.py info --json` gives them), the module poses of
every phase and the docking motions between phases. Every module is a node of the
GLB, and the page reads the modules' and the plan's figures from the nodes' `extras`,
as any glTF tool can (`models3d.scene_extras`).

Nothing is fetched: the Content-Security-Policy allows no source at all except the
page's own inline scripts and style, by their SHA-256 hashes. `window.ross` is the
page's API (`setPhase(n)`, `select(id)`, `setLanguage(lang)`, `play()`, `ready`).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

import numpy as np

from .axes import to_file
from .errors import ExportError
from .imaging import atomic_write, check_destination
from .plan import Plan, text
from .resources import asset
from .scene_export import glb_bytes, scene_items, snapshots
from .scene_extras import plan_report

WEB = asset("web")
MAX_BYTES = 5 * 2**20  # the page of the largest plan stays under 5 MB
MOTION_SAMPLES = 13  # poses per docking motion; the page interpolates between them
LANGUAGES = ("en", "ru")


def _pose(matrix: np.ndarray) -> list[float]:
    """Position and quaternion (x, y, z, w) of a rigid 4x4 in the page's +Y-up frame."""
    from scipy.spatial.transform import Rotation

    m = to_file("glb") @ matrix
    quat = Rotation.from_matrix(m[:3, :3]).as_quat()
    return [round(float(x), 5) for x in (*m[:3, 3], *quat)]


def page_data(plan: Plan, phase: int, lang: str, report: dict) -> dict:
    """The JSON block of the page: phases, poses per phase, motions between phases."""
    states = snapshots(plan)
    poses = [{mid: _pose(s.transforms[mid]) for mid in s.modules} for s in states]
    motions: list[dict] = [{}]
    station = plan.station
    for i in range(1, len(states)):
        step = {}
        for mid, move in station.moves(i - 1, i).items():
            times = np.linspace(0.0, 1.0, MOTION_SAMPLES)
            step[mid] = [_pose(move.pose(t)) for t in times]
        motions.append(step)
    return {
        "plan": plan.id,
        "phase": phase,
        "lang": lang,
        "phases": report["phases"],
        "poses": poses,
        "motions": motions,
        "bounds": _bounds(poses, plan),
        "tours": [],
    }


def _bounds(poses: list[dict], plan: Plan) -> list[list[float]]:
    """Box around every module of every phase (page frame), to frame the camera once."""
    from .geometry import build_plan

    meshes = build_plan(plan)
    states = snapshots(plan)
    pts = []
    axes = to_file("glb")
    for state in states:
        for mid in state.modules:
            lo, hi = meshes[mid].bounds()
            corners = np.array(np.meshgrid(*np.stack([lo, hi]).T)).reshape(3, -1).T
            m = axes @ state.transforms[mid]
            pts.append(corners @ m[:3, :3].T + m[:3, 3])
    allp = np.concatenate(pts)
    return [
        np.round(allp.min(axis=0), 3).tolist(),
        np.round(allp.max(axis=0), 3).tolist(),
    ]


def _script_text(source: str) -> str:
    # "</script" would end the element early; "<\/" means the same inside JS strings
    return source.replace("</script", "<\\/script")


def _json_text(value) -> str:
    # "<" escaped as \u003c: the JSON cannot close its script element
    return json.dumps(
        value, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).replace("<", "\\u003c")


def _sha256(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page_html(plan: Plan, phase: int | None = None, lang: str = "en") -> str:
    """The page's HTML text; `phase` (0-based, default the final one) is shown first."""
    if lang not in LANGUAGES:
        raise ExportError(f"language '{lang}' is not one of {', '.join(LANGUAGES)}")
    phase = len(plan.phases) - 1 if phase is None else phase
    if not 0 <= phase < len(plan.phases):
        raise ExportError(
            f"{plan.id} has no phase {phase + 1} (phases 1 to {len(plan.phases)})"
        )
    report = plan_report(plan)
    # the interactive level of detail: a browser turns it as fast as the app does, and
    # the page stays small (the full ISS would be 7 MB, this is under 5)
    items = scene_items(plan, None, lang=lang, report=report, detail="interactive")
    # 8-bit normals: three.js reads KHR_mesh_quantization, and the file gets smaller
    glb = glb_bytes(plan, None, items, lang, report, quantize=True)
    three = _script_text((WEB / "vendor" / "three.min.js").read_text("utf-8"))
    app = _script_text((WEB / "page.js").read_text("utf-8"))
    style = (WEB / "page.css").read_text("utf-8")
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {_sha256(three)} {_sha256(app)}",
            f"style-src {_sha256(style)}",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    values = {
        "lang": lang,
        "csp": csp,
        "style": style,
        "three": three,
        "app": app,
        "title": html.escape(f"{text(plan.title, lang)} — ROSS Explorer"),
        "heading": html.escape(text(plan.title, lang)),
        "data": _json_text(page_data(plan, phase, lang, report)),
        "glb": base64.b64encode(glb).decode("ascii"),
    }
    template = (WEB / "page.html").read_text("utf-8")
    # one pass: text put in is never scanned for markers again
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], template)


def write_webpage(
    plan: Plan, path: str | Path, phase: int | None = None, lang: str = "en"
) -> list[str]:
    """Write the page to `path` (atomically); returns the paths written."""
    path = check_destination(path)
    data = page_html(plan, phase, lang).encode("utf-8")
    if len(data) > MAX_BYTES:
        raise ExportError(
            f"{path}: the page would be {len(data) / 2**20:.1f} MB, over "
            f"the {MAX_BYTES / 2**20:.0f} MB limit"
        )
    return [str(atomic_write(path, lambda tmp: Path(tmp).write_bytes(data)))]
