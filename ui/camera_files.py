"""View > Save camera... and Load camera... as a window feature (ui.features): the
view's camera in a JSON file (format: models3d.camera_file), which Load camera puts
back and `main.py export --camera FILE` renders from.

Texts are marked with N_ in the "MainWindow" context, where the action table
translates every command."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from models3d.camera_file import SavedCamera, read_camera, write_camera
from models3d.errors import RossError

from .actions import ActionSpec


def tr(s: str) -> str:
    return QCoreApplication.translate("MainWindow", s)


def N_(s: str) -> str:  # the gettext convention: marks a string to translate
    return s


FILTER = N_("Camera files (*.camera.json);;JSON files (*.json)")


def current_camera(window) -> SavedCamera:
    """The view's camera, with the plan and phase it shows (for the reader)."""
    center, distance, elevation, azimuth = window.view.camera_state()
    return SavedCamera(
        tuple(float(c) for c in center),
        distance,
        elevation,
        azimuth,
        float(window.view.opts["fov"]),
        window.model.plan.id,
        window.model.phase + 1,
    )


def apply_camera(window, camera: SavedCamera) -> None:
    window.view.opts["fov"] = camera.fov
    window.view.set_camera(*camera.state())


def save_camera(window, path: str | None = None) -> str | None:
    """Ask for a file (unless given) and write the view's camera into it."""
    if path is None:
        m = window.model
        start = Path(window.exports.folder()) / f"{m.plan.id}_phase{m.phase + 1:02d}"
        path, _ = QFileDialog.getSaveFileName(
            window, tr("Save camera"), str(start) + ".camera.json", tr(FILTER)
        )
        if not path:
            return None
    try:
        written = write_camera(path, current_camera(window))
    except (RossError, OSError) as exc:
        window.show_error(tr("The camera could not be saved"), str(exc))
        return None
    window.statusBar().showMessage(f"{tr('Camera saved to')} {written}", 8000)
    return str(written)


def load_camera(window, path: str | None = None) -> bool:
    """Ask for a camera file (unless given) and move the view's camera there."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(
            window, tr("Load camera"), window.exports.folder(), tr(FILTER)
        )
        if not path:
            return False
    try:
        camera = read_camera(path)
    except RossError as exc:
        window.show_error(tr("The camera could not be loaded"), str(exc))
        return False
    apply_camera(window, camera)
    window.statusBar().showMessage(f"{tr('Camera loaded from')} {path}", 8000)
    return True


SPECS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "save_camera",
        N_("Save &camera..."),
        "view",
        lambda w, _: save_camera(w),
        "",
        N_("Save the view's camera to a file; export --camera FILE renders from it"),
        separator=True,
    ),
    ActionSpec(
        "load_camera",
        N_("Load sa&ved camera..."),
        "view",
        lambda w, _: load_camera(w),
        "",
        N_("Move the view's camera to one saved in a file"),
    ),
)


def install(window) -> None:
    """Nothing to add to the window: the two commands are all."""
    return None
