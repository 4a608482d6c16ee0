"""The assembled station: one snapshot per phase, what changes between phases, and how
modules move when they dock, undock or are relocated.

A `Station` is built once, when its plan is loaded (`models3d.catalogue.load_plan`
attaches it as `plan.station`); the viewer, the exports, the totals and the reports all
read the same snapshots. Docking motions are plain functions of time, so the app's
animations and the frame-by-frame video export pose modules identically.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import numpy as np

from .assembly import StationState, assemble, port_matrix
from .plan.model import Plan

Box = tuple[np.ndarray, np.ndarray]  # (low corner, high corner) in a module's own frame

# a module flying in or out starts this far away: twice its length plus a margin (m)
_APPROACH_FACTOR = 2.0
_APPROACH_MARGIN = 6.0
_BACK_OFF = 2.5  # a relocated module backs off its port this far before turning (m)


@dataclass(frozen=True)
class PhaseChange:
    """Modules added, removed and relocated going from one phase to another."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    relocated: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.relocated)

    @property
    def arriving(self) -> frozenset[str]:
        """Modules that come to a new place: added or relocated."""
        return frozenset(self.added) | frozenset(self.relocated)


@dataclass(frozen=True)
class Move:
    """How one module moves during a one-step phase change.

    `kind` is "in" (flies in along `axis` from `distance` away to `end`), "out" (leaves
    `start` along `axis`) or "relocate" (backs off along `axis`, turns and moves to the
    port at `end`, arriving along `axis_end`).
    """

    kind: str
    start: np.ndarray
    end: np.ndarray
    axis: np.ndarray
    axis_end: np.ndarray | None = None
    distance: float = 0.0

    def pose(self, t: float) -> np.ndarray:
        """The module's world transform at time t in [0, 1] of the step."""
        t = min(1.0, max(0.0, float(t)))
        if self.kind == "in":
            # fast approach, slow final metres
            return _translated(self.end, self.axis * self.distance * (1.0 - _ease(t)))
        if self.kind == "out":
            return _translated(self.start, self.axis * self.distance * t * t)
        return self._relocation_pose(t)

    def _relocation_pose(self, t: float) -> np.ndarray:
        a, b = self.start, self.end
        axis_b = self.axis if self.axis_end is None else self.axis_end
        if t < 0.25:
            return _translated(a, self.axis * _BACK_OFF * (t / 0.25))
        if t > 0.75:
            return _translated(b, axis_b * _BACK_OFF * (1.0 - (t - 0.75) / 0.25))
        from scipy.spatial.transform import Rotation, Slerp  # only when something moves

        u = (t - 0.25) / 0.5
        u = u * u * (3 - 2 * u)
        slerp = Slerp([0.0, 1.0], Rotation.from_matrix([a[:3, :3], b[:3, :3]]))
        out = np.eye(4)
        out[:3, :3] = slerp([u]).as_matrix()[0]
        pa = a[:3, 3] + self.axis * _BACK_OFF
        pb = b[:3, 3] + axis_b * _BACK_OFF
        out[:3, 3] = pa + (pb - pa) * u
        return out


class Station:
    """A plan assembled: `snapshots[i]` is the station after phase i."""

    def __init__(self, plan: Plan, snapshots: list[StationState] | None = None):
        self.plan = plan
        self.snapshots: list[StationState] = (
            snapshots if snapshots is not None else assemble(plan)
        )

    def __len__(self) -> int:
        return len(self.snapshots)

    def __getitem__(self, index: int) -> StationState:
        return self.snapshots[index]

    def __iter__(self) -> Iterator[StationState]:
        return iter(self.snapshots)

    def modules(self, index: int) -> tuple[str, ...]:
        return self.snapshots[index].modules

    def first_phase_of(self, module_id: str) -> int | None:
        """The index of the first phase with the module on the station, or None."""
        for snap in self.snapshots:
            if module_id in snap.modules:
                return snap.phase_index
        return None

    def changes(self, a: int, b: int) -> PhaseChange:
        """What changes going from phase a to phase b."""
        sa, sb = self.snapshots[a], self.snapshots[b]
        on_a, on_b = set(sa.modules), set(sb.modules)
        moved = tuple(
            m
            for m in sb.modules
            if m in on_a
            and not np.allclose(sa.transforms[m], sb.transforms[m], atol=1e-6)
        )
        return PhaseChange(
            tuple(m for m in sb.modules if m not in on_a),
            tuple(m for m in sa.modules if m not in on_b),
            moved,
        )

    def docking_axis(self, index: int, module_id: str) -> np.ndarray:
        """World direction pointing away from the port a module is docked to."""
        snap = self.snapshots[index]
        modules = self.plan.modules
        joint = snap.joints.get(module_id)
        if joint is not None:
            frame = snap.transforms[joint.parent] @ port_matrix(
                modules[joint.parent], joint.port
            )
            return frame[:3, 0]
        for j in snap.joints.values():  # the module is a parent here
            if j.parent == module_id:
                frame = snap.transforms[j.child] @ port_matrix(
                    modules[j.child], j.own_port
                )
                return frame[:3, 0]
        return np.array([0.0, 0.0, 1.0])

    def moves(
        self, a: int, b: int, change: PhaseChange | None = None
    ) -> dict[str, Move]:
        """How each changed module moves from phase a to phase b."""
        change = change if change is not None else self.changes(a, b)
        sa, sb = self.snapshots[a], self.snapshots[b]
        out: dict[str, Move] = {}
        for mid in change.added:
            out[mid] = Move(
                "in",
                sb.transforms[mid],
                sb.transforms[mid],
                self.docking_axis(b, mid),
                distance=self._far(mid),
            )
        for mid in change.removed:
            out[mid] = Move(
                "out",
                sa.transforms[mid],
                sa.transforms[mid],
                self.docking_axis(a, mid),
                distance=self._far(mid),
            )
        for mid in change.relocated:
            out[mid] = Move(
                "relocate",
                sa.transforms[mid],
                sb.transforms[mid],
                self.docking_axis(a, mid),
                self.docking_axis(b, mid),
            )
        return out

    def _far(self, module_id: str) -> float:
        length = self.plan.modules[module_id].shape.length
        return _APPROACH_FACTOR * length + _APPROACH_MARGIN

    def fit_points(
        self,
        index: int,
        boxes: Mapping[str, Box],
        module_id: str | None = None,
        extra: Iterable[tuple[Box, np.ndarray]] = (),
    ) -> np.ndarray:
        """World corners of the boxes of one module, or of every module of phase `index`
        plus `extra` (box, world transform) pairs such as reference models."""
        snap = self.snapshots[index]
        ids = snap.modules if module_id is None else (module_id,)
        placed = [(boxes[m], snap.transforms[m]) for m in ids]
        if module_id is None:
            placed += list(extra)
        return np.concatenate([box_corners(box, t) for box, t in placed])


def box_corners(box: Box, transform: np.ndarray) -> np.ndarray:
    """The 8 world-space corners of a box given in a frame placed by `transform`."""
    lo, hi = box
    c = np.array(
        [
            [(lo, hi)[i][0], (lo, hi)[j][1], (lo, hi)[k][2]]
            for i in (0, 1)
            for j in (0, 1)
            for k in (0, 1)
        ]
    )
    return c @ transform[:3, :3].T + transform[:3, 3]


def _ease(t: float) -> float:
    return 1.0 - (1.0 - t) ** 3


def _translated(m: np.ndarray, offset: np.ndarray) -> np.ndarray:
    out = np.array(m, dtype=np.float64)
    out[:3, 3] = out[:3, 3] + offset
    return out
