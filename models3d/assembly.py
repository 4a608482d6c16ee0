"""Assembly: which modules are docked where after each phase, and their world transforms.

Modules join port to port. A joint mates the child's port frame with the parent's: same
centre, opposite axes, same up vector, optionally rolled about the docking axis. World
transforms are composed outward from the phase's root module, walking joints in either
direction, so a plan can re-root the station (a bundle that leaves another station).
When the root changes, the new root keeps the world pose it had, so nothing jumps.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np

from .kinds import KINDS, Solid, hull_solids
from .plan.model import Attach, Module, Plan

# Rotation of 180 degrees about the port's up axis: the child's port faces the parent's.
_FLIP = np.diag([-1.0, -1.0, 1.0, 1.0])
OVERLAP_TOLERANCE = 0.03  # metres of interpenetration tolerated between hulls
_JOINT_CLEARANCE = 0.8  # ignore hull points this close to a shared port


@dataclass(frozen=True)
class Joint:
    child: str
    own_port: str
    parent: str
    port: str
    roll: float = 0.0


@dataclass
class StationState:
    """The station after one phase."""

    phase_index: int
    root: str | None
    modules: tuple[str, ...]
    joints: dict = field(default_factory=dict)  # child id -> Joint
    transforms: dict = field(default_factory=dict)  # module id -> 4x4 world matrix
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    relocated: tuple[str, ...] = ()

    def used_ports(self) -> dict[str, set[str]]:
        used: dict[str, set[str]] = {m: set() for m in self.modules}
        for j in self.joints.values():
            used.setdefault(j.child, set()).add(j.own_port)
            used.setdefault(j.parent, set()).add(j.port)
        return used


def rotation_about_x(degrees: float) -> np.ndarray:
    a = np.radians(degrees)
    c, s = np.cos(a), np.sin(a)
    m = np.eye(4)
    m[1:3, 1:3] = [[c, -s], [s, c]]
    return m


def port_matrix(module: Module, port: str) -> np.ndarray:
    """The module-space 4x4 frame of one of a module's ports."""
    return KINDS[module.kind].ports(module.shape)[port].matrix()


def joint_offset(plan: Plan, joint: Joint) -> np.ndarray:
    """Child transform relative to the parent: T_child = T_parent @ offset."""
    fp = port_matrix(plan.modules[joint.parent], joint.port)
    fc = port_matrix(plan.modules[joint.child], joint.own_port)
    return fp @ rotation_about_x(joint.roll) @ _FLIP @ np.linalg.inv(fc)


def assemble(plan: Plan) -> list[StationState]:
    """The station after every phase. Raises ValueError on a plan that does not
    assemble (load_plan has already reported such plans)."""
    states, problems = _run(plan)
    if problems:
        raise ValueError("; ".join(problems))
    return states


def assemble_checked(
    plan: Plan, check_overlap: bool = True
) -> tuple[list[StationState], list[str]]:
    """The station after every phase, and every assembly problem of the plan as
    'phases[i] (id): message' lines (overlapping hulls too, with `check_overlap`)."""
    return _run(plan, check_overlap=check_overlap)


def _run(plan: Plan, check_overlap: bool = False):
    problems: list[str] = []
    states: list[StationState] = []
    present: list[str] = []
    joints: dict[str, Joint] = {}
    root: str | None = None
    poses: dict[str, np.ndarray] = {}
    reported_overlaps: set[tuple[str, str]] = set()
    solids = _SolidCache(plan) if check_overlap else None
    # joints recur in every later phase: each offset is computed once (linear time)
    offsets: dict[Joint, tuple[np.ndarray, np.ndarray]] = {}

    for ph in plan.phases:
        where = f"phases[{ph.index}] ({ph.id})"
        removed, relocated, added = [], [], []
        for mid in ph.remove:
            if mid not in present:
                problems.append(f"{where}.remove: '{mid}' is not on the station")
                continue
            present.remove(mid)
            removed.append(mid)
            joints.pop(mid, None)
            for child in [c for c, j in joints.items() if j.parent == mid]:
                del joints[child]
        for att in ph.relocate:
            if att.module not in present:
                problems.append(
                    f"{where}.relocate: '{att.module}' is not on the station"
                )
                continue
            if att.to not in present:
                problems.append(f"{where}.relocate: '{att.to}' is not on the station")
                continue
            joint = _joint(att)
            if joint is None:
                problems.append(f"{where}.relocate: '{att.module}' needs both ports")
                continue
            joints[att.module] = joint
            relocated.append(att.module)
        free_added = []
        for att in ph.add:
            if att.module in present:
                problems.append(
                    f"{where}.add: '{att.module}' is already on the station"
                )
                continue
            if att.to is None:
                free_added.append(att.module)
            elif att.to == att.module:
                problems.append(f"{where}.add: '{att.module}' cannot dock to itself")
                continue
            elif att.to not in present:
                problems.append(
                    f"{where}.add: '{att.module}' docks to '{att.to}', "
                    "which is not on the station at that point"
                )
                continue
            else:
                joint = _joint(att)
                if joint is None:
                    problems.append(f"{where}.add: '{att.module}' needs both ports")
                    continue
                joints[att.module] = joint
            present.append(att.module)
            added.append(att.module)
        if ph.root is not None:
            root = ph.root
        elif root is None and free_added:
            root = free_added[0]
        for mid in free_added:
            if mid != root:
                problems.append(
                    f"{where}.add: '{mid}' is added without 'to' but is not "
                    "the root; every module must dock to a port"
                )
        if root is None or root not in present:
            problems.append(
                f"{where}: no root module on the station"
                + (
                    f" ('{root}' is not there)"
                    if root
                    else " (set 'root' or add the first module without 'to')"
                )
            )
            states.append(StationState(ph.index, None, tuple(present), dict(joints)))
            continue

        problems += [f"{where}: {p}" for p in _port_conflicts(joints)]
        transforms, graph_problems = _compose(
            plan, root, present, joints, poses, offsets
        )
        problems += [f"{where}: {p}" for p in graph_problems]
        poses = transforms
        state = StationState(
            ph.index,
            root,
            tuple(present),
            dict(joints),
            transforms,
            tuple(added),
            tuple(removed),
            tuple(relocated),
        )
        states.append(state)
        if solids is not None and not graph_problems:
            for a, b in _overlaps(plan, state, solids):
                if (a, b) not in reported_overlaps:
                    reported_overlaps.add((a, b))
                    problems.append(f"{where}: the hulls of '{a}' and '{b}' overlap")
    if not plan.phases:
        problems.append("phases: none")
    return states, problems


def _joint(att: Attach) -> Joint | None:
    """The joint an attachment to a parent makes; None when it lacks a port (never for
    a plan the reader accepted: it refuses 'to' without 'port' and 'own_port')."""
    if att.to is None or att.port is None or att.own_port is None:
        return None
    return Joint(att.module, att.own_port, att.to, att.port, att.roll)


def _port_conflicts(joints: dict[str, Joint]) -> list[str]:
    users: dict[tuple[str, str], list[str]] = {}
    for j in joints.values():
        users.setdefault((j.parent, j.port), []).append(f"'{j.child}'")
        users.setdefault((j.child, j.own_port), []).append(f"'{j.parent}'")
    out = []
    for (mid, port), who in users.items():
        if len(who) > 1:
            out.append(f"port '{port}' of '{mid}' is used twice (by {', '.join(who)})")
    return out


def _compose(plan, root, present, joints, previous_poses, offsets=None):
    """Walk joints from the root; report cycles and modules not connected.
    `offsets` caches (offset, inverse) per joint across phases."""
    offsets = {} if offsets is None else offsets
    adj: dict[str, list[tuple[str, Joint]]] = {m: [] for m in present}
    for j in joints.values():
        adj[j.child].append((j.parent, j))
        adj[j.parent].append((j.child, j))
    transforms = {root: previous_poses.get(root, np.eye(4))}
    problems = []
    via: dict[str, Joint | None] = {root: None}
    queue = [root]
    cycle_reported = False
    while queue:
        cur = queue.pop(0)
        for nxt, j in adj[cur]:
            if via.get(cur) is j:
                continue
            if nxt in transforms:
                if not cycle_reported:
                    problems.append(
                        f"attachment cycle: '{j.child}' docks to '{j.parent}' "
                        "but they are already joined through other modules"
                    )
                    cycle_reported = True
                continue
            pair = offsets.get(j)
            if pair is None:
                offset = joint_offset(plan, j)
                pair = offsets[j] = (offset, np.linalg.inv(offset))
            transforms[nxt] = transforms[cur] @ pair[0 if j.parent == cur else 1]
            via[nxt] = j
            queue.append(nxt)
    for m in present:
        if m not in transforms:
            problems.append(f"'{m}' is not connected to the root '{root}'")
    return transforms, problems


class _SolidCache:
    """Per plan: hull solids and surface points per module, and what earlier phases
    computed (port frames, world points per pose, pair results per relative pose), so
    that a phase only checks the pairs whose relative pose or joints changed."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self._cache: dict[str, tuple[list[Solid], list[np.ndarray]]] = {}
        self.ports: dict[tuple[str, str], np.ndarray] = {}
        self.world: dict[str, tuple[bytes, np.ndarray, np.ndarray, float]] = {}
        self.pairs: dict[tuple[str, str], tuple[tuple, bool]] = {}

    def port(self, mid: str, port: str) -> np.ndarray:
        key = (mid, port)
        if key not in self.ports:
            self.ports[key] = port_matrix(self.plan.modules[mid], port)
        return self.ports[key]

    def placed(self, mid: str, t: np.ndarray):
        """(world points, bounding-sphere centre, radius) of module `mid` at `t`."""
        key = t.tobytes()
        hit = self.world.get(mid)
        if hit is None or hit[0] != key:
            pts = np.concatenate([p @ t[:3, :3].T + t[:3, 3] for p in self.get(mid)[1]])
            lo, hi = pts.min(axis=0), pts.max(axis=0)
            hit = self.world[mid] = (
                key,
                pts,
                (lo + hi) / 2,
                float(np.linalg.norm(hi - lo) / 2),
            )
        return hit[1:]

    def get(self, mid: str):
        if mid not in self._cache:
            module = self.plan.modules[mid]
            solids = hull_solids(module.kind, module.shape)
            self._cache[mid] = (solids, [_surface_points(s) for s in solids])
        return self._cache[mid]


def _surface_points(solid: Solid, step: float = 0.25, sections: int = 24) -> np.ndarray:
    prof = np.asarray(solid.profile)
    samples = []
    for (x0, r0), (x1, r1) in itertools.pairwise(prof):
        n = max(2, int(np.hypot(x1 - x0, r1 - r0) / step) + 1)
        t = np.linspace(0.0, 1.0, n)
        samples.append(np.stack([x0 + t * (x1 - x0), r0 + t * (r1 - r0)], axis=1))
    xr = np.concatenate(samples)
    th = np.linspace(0, 2 * np.pi, sections, endpoint=False)
    pts = np.stack(
        [
            np.repeat(xr[:, 0], sections),
            np.outer(xr[:, 1], np.cos(th)).ravel(),
            np.outer(xr[:, 1], np.sin(th)).ravel(),
        ],
        axis=1,
    )
    return pts @ solid.placement[:3, :3].T + solid.placement[:3, 3]


def _inside(
    points: np.ndarray, solid: Solid, world: np.ndarray, tol: float
) -> np.ndarray:
    inv = np.linalg.inv(world @ solid.placement)
    local = points @ inv[:3, :3].T + inv[:3, 3]
    x = local[:, 0]
    r = np.hypot(local[:, 1], local[:, 2])
    prof = np.asarray(solid.profile)
    inside_x = (x > prof[:, 0].min() + tol) & (x < prof[:, 0].max() - tol)
    return inside_x & (r < solid.radius_at(x) - tol)


def _overlaps(plan: Plan, state: StationState, cache: _SolidCache):
    mods = list(state.modules)
    joined: dict[tuple[str, str], list[np.ndarray]] = {}
    for j in state.joints.values():
        tp = state.transforms[j.parent] @ cache.port(j.parent, j.port)
        joined.setdefault(tuple(sorted((j.child, j.parent))), []).append(tp[:3, 3])
    world_pts = {}
    centres = np.zeros((len(mods), 3))
    radii = np.zeros(len(mods))
    for i, m in enumerate(mods):
        world_pts[m], centres[i], radii[i] = cache.placed(m, state.transforms[m])
    # bounding spheres that touch, all pairs at once; the rest cannot overlap
    gap = np.linalg.norm(centres[:, None] - centres[None], axis=2)
    near = np.argwhere(np.triu(gap <= radii[:, None] + radii[None], k=1))
    for i, k in near:
        a, b = mods[i], mods[k]
        ports = joined.get(tuple(sorted((a, b))), [])
        key = (
            state.transforms[a].tobytes(),
            state.transforms[b].tobytes(),
            tuple(c.tobytes() for c in ports),
        )
        known = cache.pairs.get((a, b))
        if known is None or known[0] != key:  # a new pair, or its poses changed
            known = cache.pairs[(a, b)] = (
                key,
                _pair_overlaps(a, b, world_pts, cache, state, ports),
            )
        if known[1]:
            yield a, b


def _pair_overlaps(a, b, world_pts, cache, state, port_centres) -> bool:
    for src, dst in ((a, b), (b, a)):
        pts = world_pts[src]
        if port_centres:
            near = np.zeros(len(pts), dtype=bool)
            for c in port_centres:
                near |= np.linalg.norm(pts - c, axis=1) < _JOINT_CLEARANCE
            pts = pts[~near]
        if not len(pts):
            continue
        for solid in cache.get(dst)[0]:
            if _inside(pts, solid, state.transforms[dst], OVERLAP_TOLERANCE).any():
                return True
    return False
