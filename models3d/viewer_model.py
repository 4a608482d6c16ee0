"""The viewer model: everything a view of the station shows, in one evented object.

Plan and station, phase, selection, hover, hidden modules, display mode, labels,
imported meshes, reference models, docking animations, anti-aliasing, language and
view aids (overlays: scale bar, dimensions, scale figures) live here and nowhere else.
Views (the 3D scene, the module list, the panels, the timeline, the status bar, the
off-screen renderer) subscribe to the events in their constructor and disconnect when
they close; they change the state only through the methods below.

The events are psygnal signals, as in napari's ViewerModel: they need no Qt, so the
command line and the off-screen exporter drive the same model type as the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from psygnal import Signal

from .geometry import ModuleMeshes, build_module, build_plan
from .picking import Hit, pick
from .plan.model import Plan
from .scale_figures import FIGURES, figure_meshes, placement
from .station import Station, box_corners
from .totals import PhaseTotals, phase_totals

DISPLAY_MODES = ("solid", "wireframe", "xray")
# view aids (ui/overlays draws them): a scale bar, the selected module's dimensions, and
# the scale figures of models3d.scale_figures beside the station; name -> shown at first
OVERLAYS = {"scale_bar": True, "dimensions": True, "human": False, "iss": False}
LANGUAGES = ("en", "ru")


@dataclass(frozen=True)
class ImportedMesh:
    """A module drawn with a user's model instead of its built-in mesh."""

    meshes: ModuleMeshes
    colors: dict = field(default_factory=dict)  # material -> RGBA
    textures: dict = field(default_factory=dict)  # material -> RGBA image array
    path: str = ""
    placement: object = None  # models3d.importer.Placement


@dataclass(frozen=True)
class ReferenceModel:
    """A model standing beside the station at true scale (not in any phase or total)."""

    id: str
    meshes: ModuleMeshes
    transform: np.ndarray
    colors: dict = field(default_factory=dict)
    textures: dict = field(default_factory=dict)
    path: str = ""
    placement: object = None
    visible: bool = True
    model: object = None  # the loaded models3d.importer.ImportedModel, for re-placing

    @property
    def offset(self) -> np.ndarray:
        return np.asarray(self.transform, dtype=np.float64)[:3, 3]


class ViewerModel:
    """The state every view of the station shows (see the module docstring)."""

    plan_changed = Signal()
    phase_changed = Signal(int, int)  # new phase index, previous phase index
    selection_changed = Signal(object)  # module id or None
    hover_changed = Signal(object)  # module id or None
    hidden_changed = Signal()
    mode_changed = Signal(str)
    labels_changed = Signal(bool)
    option_changed = Signal(str, object)  # option name, new value
    language_changed = Signal(str)
    override_changed = Signal(str)  # module id whose mesh changed
    references_changed = Signal()
    overlay_changed = Signal(str, bool)  # overlay name (OVERLAYS), shown

    def __init__(
        self,
        plan: Plan | None = None,
        phase: int | None = None,
        *,
        language: str = "en",
    ):
        self.plan: Plan | None = None
        self.totals: list[PhaseTotals] = []
        self.phase = -1
        self.selected: str | None = None
        self.hovered: str | None = None
        self.hidden: frozenset[str] = frozenset()
        self.mode = "solid"
        self.labels = False
        self.animate_docking = True
        self.antialiasing: bool | None = None  # None: chosen by the renderer
        self.shadows = True  # the Sun's shadows and baked ambient occlusion
        self.language = language if language in LANGUAGES else "en"
        self.overrides: dict[str, ImportedMesh] = {}
        self.references: dict[str, ReferenceModel] = {}
        self._builtin: dict[str, ModuleMeshes] = {}
        self.overlays: dict[str, bool] = dict(OVERLAYS)
        self._figures: dict | None = None  # placed scale figures, made on demand
        # the phase the figures stand beside (a single picture); None: every phase
        self._figures_phase: int | None = None
        if plan is not None:
            self.set_plan(plan, phase)

    # ---- plan and phase -------------------------------------------------------------

    @property
    def station(self) -> Station:
        if self.plan is None or not self.plan.assembled:
            raise ValueError("no plan is open")
        return self.plan.station

    @property
    def phase_count(self) -> int:
        return len(self.plan.phases) if self.plan is not None else 0

    def set_plan(self, plan: Plan, phase: int | None = None) -> None:
        """Show another plan (at its final phase unless `phase` is given); imported
        meshes, references, selection and hidden modules belong to the old plan and go."""
        if not plan.assembled:
            raise ValueError(
                f"plan '{plan.id}' was not assembled (load it with "
                "models3d.catalogue.load_plan)"
            )
        self.plan = plan
        self.totals = phase_totals(plan, plan.station.snapshots)
        self._builtin = build_plan(plan)
        last = len(plan.phases) - 1
        self.phase = last if phase is None else max(0, min(int(phase), last))
        self.selected = self.hovered = None
        self.hidden = frozenset()
        self.overrides = {}
        self.references = {}
        self._figures = None
        self._figures_phase = None
        self.plan_changed.emit()

    def set_phase(self, index: int) -> None:
        if self.plan is None:
            return
        index = max(0, min(int(index), self.phase_count - 1))
        if index == self.phase:
            return
        previous, self.phase = self.phase, index
        on = set(self.modules())
        if self.hovered is not None and self.hovered not in on:
            self.hovered = None
            self.hover_changed.emit(None)
        if self.selected is not None and self.selected not in on:
            self.selected = None
            self.selection_changed.emit(None)
        self.phase_changed.emit(index, previous)

    def step(self, delta: int) -> None:
        self.set_phase(self.phase + delta)

    def modules(self, index: int | None = None) -> tuple[str, ...]:
        """Module ids on the station after phase `index` (default: the current one)."""
        if self.plan is None:
            return ()
        return self.station.modules(self.phase if index is None else index)

    def shown_modules(self) -> tuple[str, ...]:
        """Modules on the station now and not hidden."""
        return tuple(m for m in self.modules() if m not in self.hidden)

    def first_phase_of(self, module_id: str) -> int | None:
        return self.station.first_phase_of(module_id) if self.plan else None

    # ---- selection, visibility, display --------------------------------------------

    def select(self, module_id: str | None) -> None:
        if module_id is not None and (
            module_id not in self.modules() or module_id in self.hidden
        ):
            module_id = None
        if module_id != self.selected:
            self.selected = module_id
            self.selection_changed.emit(module_id)

    def hover(self, module_id: str | None) -> None:
        if module_id is not None and module_id not in self.modules():
            module_id = None
        if module_id != self.hovered:
            self.hovered = module_id
            self.hover_changed.emit(module_id)

    def set_hidden(self, module_id: str, hidden: bool) -> None:
        self.set_hidden_modules(
            self.hidden | {module_id} if hidden else self.hidden - {module_id}
        )

    def set_hidden_modules(self, hidden) -> None:
        hidden = frozenset(hidden)
        if hidden == self.hidden:
            return
        self.hidden = hidden
        if self.selected in hidden:
            self.select(None)
        self.hidden_changed.emit()

    def set_mode(self, mode: str) -> None:
        if mode not in DISPLAY_MODES:
            raise ValueError(f"display mode must be one of {', '.join(DISPLAY_MODES)}")
        if mode != self.mode:
            self.mode = mode
            self.mode_changed.emit(mode)

    def set_labels(self, on: bool) -> None:
        if bool(on) != self.labels:
            self.labels = bool(on)
            self.labels_changed.emit(self.labels)

    def set_option(self, name: str, value) -> None:
        """Set `animate_docking`, `antialiasing` or `shadows`."""
        if name not in ("animate_docking", "antialiasing", "shadows"):
            raise KeyError(name)
        if getattr(self, name) != value:
            setattr(self, name, value)
            self.option_changed.emit(name, value)

    def set_overlay(self, name: str, on: bool) -> None:
        """Show or hide a view aid of OVERLAYS."""
        if name not in OVERLAYS:
            raise KeyError(f"no overlay '{name}' (overlays: {', '.join(OVERLAYS)})")
        if self.overlays[name] != bool(on):
            self.overlays = {**self.overlays, name: bool(on)}
            self._figures = None
            self.overlay_changed.emit(name, bool(on))

    def set_language(self, language: str) -> None:
        language = language if language in LANGUAGES else "en"
        if language != self.language:
            self.language = language
            self.language_changed.emit(language)

    # ---- meshes: built-in, imported, references ------------------------------------

    def meshes(self, module_id: str) -> ModuleMeshes:
        """The meshes a module is drawn, picked and exported with."""
        imported = self.overrides.get(module_id)
        return imported.meshes if imported is not None else self._builtin[module_id]

    def all_meshes(self) -> dict[str, ModuleMeshes]:
        return {mid: self.meshes(mid) for mid in self._builtin}

    def set_override(self, module_id: str, imported: ImportedMesh | None) -> None:
        """Draw a module with an imported model, or with its built-in mesh (None)."""
        if imported is None:
            if self.overrides.pop(module_id, None) is None:
                return
            if self.plan is not None:
                self._builtin[module_id] = build_module(self.plan.modules[module_id])
        else:
            self.overrides[module_id] = imported
        self._figures = None  # the station's box may have changed
        self.override_changed.emit(module_id)

    def set_reference(self, ref: ReferenceModel) -> None:
        self.references[ref.id] = ref
        self.references_changed.emit()

    def remove_reference(self, ref_id: str) -> None:
        if self.references.pop(ref_id, None) is not None:
            self.references_changed.emit()

    def set_reference_visible(self, ref_id: str, visible: bool) -> None:
        ref = self.references.get(ref_id)
        if ref is not None and ref.visible != visible:
            self.references[ref_id] = replace(ref, visible=visible)
            self.references_changed.emit()

    # ---- geometry queries ----------------------------------------------------------

    def pick(self, origin, direction) -> Hit | None:
        """The nearest shown module hit by a world-space ray."""
        if self.plan is None:
            return None
        snap = self.station[self.phase]
        shown = self.shown_modules()
        return pick(
            origin,
            direction,
            {m: self.meshes(m) for m in shown},
            snap.transforms,
            shown,
        )

    def fit_points(
        self,
        module_id: str | None = None,
        index: int | None = None,
        references: bool = True,
    ) -> np.ndarray:
        """World corners of one module's box, or of every module of a phase plus the
        visible reference models and the scale figures shown."""
        index = self.phase if index is None else index
        ids = self.modules(index) if module_id is None else (module_id,)
        boxes = {m: tuple(self.meshes(m).bounds()) for m in ids}
        extra = []
        if references and module_id is None:
            extra = [
                (tuple(r.meshes.bounds()), r.transform)
                for r in self.references.values()
                if r.visible
            ]
            extra += [(tuple(m.bounds()), t) for m, t in self.scale_figures().values()]
        return self.station.fit_points(index, boxes, module_id, extra)

    def pin_figures(self, phase: int | None) -> None:
        """Place the scale figures beside one phase's station (a single picture of an
        early phase keeps its person close), or beside every phase's (None)."""
        if phase != self._figures_phase:
            self._figures_phase = phase
            self._figures = None
            self.option_changed.emit("figures_phase", phase)

    def scale_figures(self) -> dict[str, tuple[ModuleMeshes, np.ndarray]]:
        """The scale figures shown (FIGURES whose overlay is on): name -> (meshes, world
        transform), placed beside the station's box over every phase so that they stay
        put while the phases change (or beside one phase: `pin_figures`)."""
        if self.plan is None:
            return {}
        if self._figures is None:
            shown = [n for n in FIGURES if self.overlays[n]]
            placed = {}
            if shown:
                pinned = self._figures_phase
                phases = range(self.phase_count) if pinned is None else [pinned]
                pts = np.concatenate(
                    [self.fit_points(None, i, references=False) for i in phases]
                )
                lo, hi = pts.min(axis=0), pts.max(axis=0)
                placed = {n: (figure_meshes(n), placement(n, lo, hi)) for n in shown}
            self._figures = placed
        return self._figures

    def bounds(self, index: int | None = None, references: bool = True) -> np.ndarray:
        pts = self.fit_points(None, index, references)
        return np.stack([pts.min(axis=0), pts.max(axis=0)])

    def scene_sphere(self) -> tuple[np.ndarray, float]:
        """Centre and radius of a sphere holding the station in every phase and the
        visible reference models (the view fits its depth range to it)."""
        pts = np.concatenate(
            [
                self.fit_points(None, i, references=(i == self.phase))
                for i in range(self.phase_count)
            ]
        )
        # the scale figures stand beside the station: inside the depth range too
        pts = np.concatenate(
            [
                pts,
                *(
                    box_corners(tuple(m.bounds()), t)
                    for m, t in self.scale_figures().values()
                ),
            ]
        )
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        return (lo + hi) / 2, float(np.linalg.norm(hi - lo) / 2)

    def triangles(self) -> int:
        return sum(self.meshes(m).triangle_count for m in self.shown_modules())


__all__ = [
    "DISPLAY_MODES",
    "OVERLAYS",
    "ImportedMesh",
    "ReferenceModel",
    "ViewerModel",
    "box_corners",
]
