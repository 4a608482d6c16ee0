"""Putting a tour's state on a station scene: the one place that turns a
`models3d.tour.TourState` into items, camera and tint, for the app's player and for the
video export alike (so both show the same thing for the same state).

Highlighted modules are tinted at paint time: `Highlighter` runs after the view's own
`before_paint` hook, so the scene's styling (selection, hover, flashes) may run as often
as it likes and the highlight is still what is drawn.
"""

from __future__ import annotations

import numpy as np

from models3d.tour import TourState

HIGHLIGHT_TINT = (0.30, 0.85, 1.0, 0.45)  # cyan, apart from selection and hover


class Highlighter:
    """Tints `modules` of a scene whenever its view paints."""

    def __init__(self):
        self.modules: tuple[str, ...] = ()
        self._view = None
        self._scene = None
        self._chained = None

    def attach(self, view, scene) -> None:
        if view is self._view and scene is self._scene:
            return
        self.detach()
        self._view, self._scene = view, scene
        self._chained = view.before_paint
        view.before_paint = self._before_paint

    def detach(self) -> None:
        view = self._view
        if view is not None:
            try:
                if view.before_paint == self._before_paint:
                    view.before_paint = self._chained
            except RuntimeError:  # the view's C++ object is gone already
                pass
        self._view = self._scene = self._chained = None

    def _before_paint(self) -> None:
        if self._chained is not None:
            self._chained()
        scene = self._scene
        if scene is None:
            return
        selected = scene.model.selected
        for mid in self.modules:
            item = scene.items.get(mid)
            if item is not None and mid != selected:
                item.tint = HIGHLIGHT_TINT


class SceneDriver:
    """Applies tour states, one after another, to a model and its scene and view."""

    def __init__(self):
        self.highlighter = Highlighter()
        self._posed: tuple[int, int] | None = None  # the docking last posed mid-way

    def apply(self, state: TourState, model, scene, view) -> None:
        """Show `state`: the plan must already be `model`'s plan."""
        scene.interactive = False  # no timed animations or flashes: the tour poses
        model.set_mode(state.mode)
        if state.transition is not None:
            a, b, progress = state.transition
            scene.show_transition_frame(a, b, progress)
            self._posed = (a, b)
        else:
            if self._posed is not None:
                a, b = self._posed
                self._posed = None
                if model.phase == b == state.phase:  # settle the last docking pose
                    scene.show_transition_frame(a, b, 1.0)
            model.set_phase(state.phase)
        center, distance, elevation, azimuth = state.camera
        view.set_camera(
            np.array(center, dtype=np.float64),
            distance,
            elevation,
            azimuth,
            animate=False,
        )
        self.highlighter.attach(view, scene)
        self.highlighter.modules = state.highlight
        view.update()

    def forget(self) -> None:
        """After a plan change: nothing is posed mid-way any more."""
        self._posed = None

    def release(self) -> None:
        self.highlighter.modules = ()
        self.highlighter.detach()
        self._posed = None
