"""The scale figures (a 1.8 m person, the ISS outline) as GL items of one view.

Made for every station scene, on screen and off screen, so exports show what the view
shows. The items follow the viewer model's overlay toggles and are placed by it
(`ViewerModel.scale_figures`); buffers are uploaded and freed with the view's context
current, like the module items (the scene calls `upload` and `release`).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject
from PySide6.QtGui import QMatrix4x4

from models3d.viewer_model import ViewerModel

from ..binding import Bindings
from ..viewport.items import ImportedItem

COLORS = {
    "suit": (0.93, 0.93, 0.95, 1.0),
    "visor": (0.95, 0.70, 0.22, 1.0),
    "pack": (0.58, 0.60, 0.66, 1.0),
    "ghost": (0.55, 0.76, 1.0, 1.0),
}
GHOST_ALPHA = 0.30  # the ISS is an outline to compare with, not a second station
GHOST_DEPTH = 10  # drawn after the opaque modules (items are drawn by depth value)


class ScaleFigureItems(QObject):
    """The GL items of the scale figures shown, synced to `model`."""

    def __init__(self, view, model: ViewerModel):
        super().__init__(view)
        self.view = view
        self.model = model
        self.items: dict[str, ImportedItem] = {}
        self._meshes: dict = {}  # name -> the meshes its item was made from
        self.bindings = Bindings(self)
        for signal in (
            model.overlay_changed,
            model.plan_changed,
            model.override_changed,
            model.option_changed,  # "figures_phase": ViewerModel.pin_figures
        ):
            self.bindings.connect(signal, self.sync)
        self.sync()

    def _with_context(self, fn) -> None:
        if self.view.isValid():
            self.view.makeCurrent()
            try:
                fn()
            finally:
                self.view.doneCurrent()

    def sync(self, *_) -> None:
        """Add, move and remove items to match the figures the model shows."""
        figures = self.model.scale_figures()
        stale = [
            n
            for n in self.items
            if n not in figures or self._meshes[n] is not figures[n][0]
        ]
        if stale:
            self._with_context(lambda: [self.items[n].release() for n in stale])
            for n in stale:
                self.view.removeItem(self.items.pop(n))
                self._meshes.pop(n, None)
        for name, (meshes, transform) in figures.items():
            item = self.items.get(name)
            if item is None:
                item = ImportedItem(meshes, COLORS, {})
                if name == "iss":
                    item.alpha = GHOST_ALPHA
                    item.setDepthValue(GHOST_DEPTH)
                self.view.addItem(item)
                self.items[name] = item
                self._meshes[name] = meshes
                self._with_context(item.upload)
            item.setTransform(
                QMatrix4x4(*np.asarray(transform, float).ravel().tolist())
            )
        if self.model.plan is not None:
            self.view.set_scene_sphere(*self.model.scene_sphere())
        self.view.update()

    def upload(self) -> None:
        for item in self.items.values():
            item.upload()

    def release(self) -> None:
        for item in self.items.values():
            item.release()

    def close(self) -> None:
        """Stop listening and free the buffers (with the context current)."""
        self.bindings.release()
        if self.items:
            self._with_context(self.release)
        for item in self.items.values():
            self.view.removeItem(item)
        self.items.clear()
        self._meshes.clear()
