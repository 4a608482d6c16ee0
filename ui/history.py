"""Undo and redo (visibility, imported meshes, reference models, the camera) and the way
back after the app jumped to another phase.

The undo stack watches the viewer model instead of every place that changes it: each
change of hidden modules, imported meshes or reference models becomes one undoable
step holding the state before and after. Camera moves become a step once the camera
has rested for a moment, so a drag is one step, not hundreds.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QUndoCommand, QUndoStack

from models3d.plan import text

from .binding import Bindings

CAMERA_REST_MS = 450


def tr(s: str) -> str:
    return QCoreApplication.translate("MainWindow", s)


class _Step(QUndoCommand):
    def __init__(self, history: History, label: str, before, after):
        super().__init__(label)
        self.history, self.before, self.after = history, before, after
        self._first = True

    def redo(self) -> None:
        if self._first:  # the change has happened already when the step is pushed
            self._first = False
            return
        self.history.restore(self.after)

    def undo(self) -> None:
        self.history.restore(self.before)


class History(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.model = window.model
        self.stack = QUndoStack(self)
        self.back_stack: list[tuple[int, str | None]] = []
        self._restoring = False
        self._closed = False
        self._state = self.snapshot()
        self._camera = None
        self._camera_timer = QTimer(self)
        self._camera_timer.setSingleShot(True)
        self._camera_timer.setInterval(CAMERA_REST_MS)
        self._camera_timer.timeout.connect(self._camera_rested)
        self.bindings = Bindings(self)
        on = self.bindings.connect
        on(self.model.hidden_changed, lambda: self._changed(tr("visibility")))
        on(self.model.override_changed, lambda _m: self._changed(tr("imported model")))
        on(self.model.references_changed, lambda: self._changed(tr("reference models")))
        on(self.model.plan_changed, self.clear)
        self.stack.indexChanged.connect(self._on_index)
        self.watch_view(window.view)
        window.module_list.jumped.connect(self.jumped)

    def _on_index(self, _index: int) -> None:
        if not self._closed:
            self.window.commands.refresh()

    def close(self) -> None:
        """Stop listening: the window is closing."""
        self._closed = True
        self._camera_timer.stop()
        self.bindings.release()

    # ---- model state ----------------------------------------------------------------

    def snapshot(self) -> dict:
        m = self.model
        return {
            "hidden": m.hidden,
            "overrides": dict(m.overrides),
            "references": dict(m.references),
        }

    def restore(self, state: dict) -> None:
        self._restoring = True
        try:
            m = self.model
            if "camera" in state:
                self.window.view.set_camera(*state["camera"], animate=False)
                self._camera = state["camera"]
            else:
                m.set_hidden_modules(state["hidden"])
                for mid in set(m.overrides) | set(state["overrides"]):
                    if m.overrides.get(mid) is not state["overrides"].get(mid):
                        m.set_override(mid, state["overrides"].get(mid))
                for rid in list(m.references):
                    if rid not in state["references"]:
                        m.remove_reference(rid)
                for ref in state["references"].values():
                    if m.references.get(ref.id) is not ref:
                        m.set_reference(ref)
                self.window.imports.save()
        finally:
            self._restoring = False
            self._state = self.snapshot()

    def _changed(self, what: str) -> None:
        after = self.snapshot()
        if not self._restoring and after != self._state:
            self.stack.push(_Step(self, what, self._state, after))
        self._state = after

    def clear(self, *_) -> None:
        self.stack.clear()
        self.back_stack.clear()
        self._state = self.snapshot()
        self._camera = None

    # ---- the camera -----------------------------------------------------------------

    def watch_view(self, view) -> None:
        """Follow the camera of `view` (called again when the view is recreated)."""
        view.camera_changed.connect(self._camera_timer.start)
        self._camera = None

    def _camera_rested(self) -> None:
        cam = self.window.view.camera_state()
        if self._restoring:
            return
        if self._camera is not None and not _same_camera(cam, self._camera):
            self.stack.push(
                _Step(self, tr("camera"), {"camera": self._camera}, {"camera": cam})
            )
        self._camera = cam

    def note_camera(self) -> None:
        """Remember the camera as it is now (after a plan opens or a view is made)."""
        self._camera = self.window.view.camera_state()

    # ---- the way back after a jump ---------------------------------------------------

    def jumped(self, before: int, after: int, module_id: str) -> None:
        self.back_stack.append((before, self.model.selected))
        plan, lang = self.model.plan, self.model.language
        name = text(plan.modules[module_id].abbr, lang)
        self.window.statusBar().showMessage(
            tr(
                "Jumped to phase {0}, when {1} arrives. Alt+Left goes back to phase {2}."
            ).format(after + 1, name, before + 1),
            12000,
        )
        self.window.commands.refresh()

    def back(self) -> None:
        if self.back_stack:
            phase, _sel = self.back_stack.pop()
            self.model.set_phase(phase)
            self.window.commands.refresh()


def _same_camera(a, b) -> bool:
    import numpy as np

    return bool(np.allclose(a[0], b[0], atol=1e-3)) and all(
        abs(float(x) - float(y)) < 1e-3 for x, y in zip(a[1:], b[1:], strict=True)
    )
