"""The plans a tour may show: the bundled plans by id, each loaded once when first
needed (a tour of four plans loads four, not all of them)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..catalogue import PLANS_DIR, load_plan, plan_paths
from ..plan.model import Plan


class PlanLibrary:
    """Plans by id: the bundled ones (from `directory`) plus any given `extra`
    (already loaded, for tests and for a plan the app has open)."""

    def __init__(
        self, directory: Path = PLANS_DIR, extra: Mapping[str, Plan] | None = None
    ):
        self._paths = plan_paths(directory)
        self._loaded: dict[str, Plan] = dict(extra or {})

    def ids(self) -> list[str]:
        return sorted(set(self._paths) | set(self._loaded))

    def __contains__(self, plan_id: object) -> bool:
        return plan_id in self._loaded or plan_id in self._paths

    def get(self, plan_id: str) -> Plan:
        """The plan with this id, assembled; KeyError when there is none, PlanError
        when its file is broken."""
        plan = self._loaded.get(plan_id)
        if plan is None:
            path = self._paths[plan_id]
            plan = self._loaded[plan_id] = load_plan(path)
        return plan


_BUNDLED: PlanLibrary | None = None


def bundled_plans() -> PlanLibrary:
    """One library of the bundled plans per process (plans are immutable)."""
    global _BUNDLED
    if _BUNDLED is None:
        _BUNDLED = PlanLibrary()
    return _BUNDLED
