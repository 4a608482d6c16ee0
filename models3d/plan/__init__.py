"""Station plans: typed records (`model`) and the checked TOML reader (`reader`).

Format: assets/plans/SCHEMA.md. To load a plan with its assembled station, use
`models3d.catalogue.load_plan`.
"""

from ..errors import PlanError
from .model import (
    CATEGORIES,
    LANGUAGES,
    LAYOUTS,
    STATUSES,
    Attach,
    Launch,
    Module,
    Phase,
    Plan,
    Source,
    text,
)
from .reader import MAX_FILE_BYTES, MAX_MODULES, MAX_PHASES, read_plan

__all__ = [
    "CATEGORIES",
    "LANGUAGES",
    "LAYOUTS",
    "MAX_FILE_BYTES",
    "MAX_MODULES",
    "MAX_PHASES",
    "STATUSES",
    "Attach",
    "Launch",
    "Module",
    "Phase",
    "Plan",
    "PlanError",
    "Source",
    "read_plan",
    "text",
]
