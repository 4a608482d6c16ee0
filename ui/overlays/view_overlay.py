"""The view aids of the main window's 3D view: a transparent widget over the view that
paints the scale bar, the selected module's dimensions, module labels, the scale
figures' captions, a measured distance and the hover plate, and the measuring tool.

The widget lets every mouse event through to the view; an event filter on the view
follows the cursor and, while measuring, turns clicks into picked points instead of
selections. State shown lives in the viewer model (labels, overlays, hover, selection);
only the measuring tool's points are kept here. When the window replaces its view
(anti-aliasing on or off), the overlay moves to the new one.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import QWidget

from models3d.viewer_model import OVERLAYS

from ..binding import Bindings
from ..settings import CheckedSettings, settings
from . import aids, labels, painting
from .painting import Projector, Style

CLICK_SLOP = 4.0  # pixels a press may move and still count as a click
ANCHOR_REST_MS = 150  # camera rest before label anchors are checked for visibility


def tr(s: str) -> str:
    return QCoreApplication.translate("overlays", s)


class OverlayWidget(QWidget):
    """A transparent child of the view, as large as the view, painted by `paint`."""

    def __init__(self, view: QWidget, paint):
        super().__init__(view)
        self.setObjectName("view_overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._paint = paint
        self.setGeometry(view.rect())
        self.show()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()


class ViewOverlays(QObject):
    """The view aids of one main window (see the module docstring)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.model = model = window.model
        self.view = None
        self.widget: OverlayWidget | None = None
        self.measuring = False
        self.points: list[np.ndarray] = []  # picked world points, at most two
        self.cursor: QPointF | None = None
        self._press: QPointF | None = None
        self._anchor_local: dict[str, np.ndarray] = {}  # module id -> module space
        # what the last paint drew, for tests and for the status bar
        self.label_layout: labels.LabelLayout | None = None
        self.dimensions: list[tuple[aids.Dimension, object]] = []
        self.scale: tuple[float, float] | None = None  # metres, pixels
        self.hover_rect = None
        self.measure_rect = None
        self._rest = QTimer(self, singleShot=True, interval=ANCHOR_REST_MS)
        self._rest.timeout.connect(self._on_camera_rest)
        self._animation = QTimer(self, interval=30)  # follows docking animations
        self._animation.timeout.connect(self._on_animation_tick)
        self._esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self._esc.setContext(Qt.ShortcutContext.WindowShortcut)
        self._esc.setEnabled(False)
        self._esc.activated.connect(lambda: self.set_measuring(False))
        self._restore_settings()
        self.bindings = Bindings(self)
        on = self.bindings.connect
        for signal in (
            model.selection_changed,
            model.hover_changed,
            model.labels_changed,
            model.language_changed,
        ):
            on(signal, self.update)
        on(model.plan_changed, self._on_plan_changed)
        for signal in (
            model.hidden_changed,
            model.override_changed,
            model.references_changed,
        ):
            on(signal, self._forget_anchors)
        on(model.phase_changed, self._on_phase_changed)
        on(model.overlay_changed, self._on_overlay_changed)
        on(model.option_changed, self._on_option_changed)
        self.attach(window.view)

    # ---- the view it draws on --------------------------------------------------------

    def attach(self, view) -> None:
        """Draw on `view` (the window's current 3D view) and follow its camera."""
        if view is self.view:
            return
        self.view = view
        view.installEventFilter(self)
        view.camera_changed.connect(self._on_camera_changed)
        self.widget = OverlayWidget(view, self.paint)
        if self.measuring:
            view.setCursor(Qt.CursorShape.CrossCursor)
        self._forget_anchors()

    def _on_option_changed(self, name: str, _value) -> None:
        if name == "antialiasing":  # the window makes a new view once this returns
            QTimer.singleShot(0, self, lambda: self.attach(self.window.view))

    def update(self, *_) -> None:
        if self.widget is not None:
            self.widget.update()

    def eventFilter(self, obj, ev) -> bool:
        if obj is not self.view:
            return False
        kind = ev.type()
        if kind == QEvent.Type.Resize and self.widget is not None:
            self.widget.setGeometry(self.view.rect())
        elif kind == QEvent.Type.MouseMove:
            self.cursor = ev.position()
            if self.model.hovered is not None or (
                self.measuring and len(self.points) == 1
            ):
                self.update()
        elif (
            kind == QEvent.Type.KeyPress
            and self.measuring
            and ev.key() == Qt.Key.Key_Escape
        ):
            self.set_measuring(False)  # the view keeps its selection
            return True
        elif kind == QEvent.Type.Leave:
            self.cursor = None
            self.update()
        elif (
            self.measuring
            and ev.type()
            in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease)
            and ev.button() == Qt.MouseButton.LeftButton
        ):
            if kind == QEvent.Type.MouseButtonPress:
                self._press = ev.position()
                return False  # the view still orbits on a drag
            press, self._press = self._press, None
            if (
                press is not None
                and (ev.position() - press).manhattanLength() <= CLICK_SLOP
            ):
                self.measure_at(ev.position().x(), ev.position().y())
                return True  # a measuring click selects nothing
        return False

    # ---- measuring -------------------------------------------------------------------

    def set_measuring(self, on: bool) -> None:
        on = bool(on)
        if on == self.measuring:
            return
        self.measuring = on
        self.points = []
        self._esc.setEnabled(on)
        if on:
            self.view.setCursor(Qt.CursorShape.CrossCursor)
            self._say(tr("Measuring: click two points on the station; Esc leaves."))
        else:
            self.view.unsetCursor()
            self._say(tr("Measuring ended."), 4000)
        self.window.commands.refresh()
        self.update()

    def measure_at(self, x: float, y: float) -> bool:
        """Pick a surface point under (x, y): the first or second end of a measurement
        (a third click starts a new one). False when no module is under the point."""
        hit = self.model.pick(*self.view.ray(x, y))
        if hit is None:
            self._say(tr("No part of the station under the cursor."), 4000)
            return False
        if len(self.points) >= 2:
            self.points = []
        self.points.append(np.asarray(hit.point, dtype=np.float64))
        if len(self.points) == 2:
            lang = self.model.language
            self._say(
                tr("Distance: {0} (Ctrl+C copies it)").format(
                    painting.length_text(self.distance, lang, 2)
                )
            )
        else:
            self._say(tr("First point picked; click the second."))
        self.window.commands.refresh()
        self.update()
        return True

    @property
    def distance(self) -> float | None:
        if len(self.points) < 2:
            return None
        return float(np.linalg.norm(self.points[1] - self.points[0]))

    def copy_measurement(self) -> str | None:
        """Put the distance on the clipboard as '12.34 m'; returns what was copied."""
        if self.distance is None:
            return None
        words = f"{self.distance:.2f} m"
        QGuiApplication.clipboard().setText(words)
        self._say(tr("Copied {0}").format(words), 4000)
        return words

    def _say(self, message: str, ms: int = 0) -> None:
        self.window.statusBar().showMessage(message, ms)

    # ---- model and camera events -----------------------------------------------------

    def _forget_anchors(self, *_) -> None:
        self._anchor_local = {}
        self.update()

    def _on_plan_changed(self) -> None:
        self.points = []  # points of another station
        self._forget_anchors()

    def _on_phase_changed(self, *_) -> None:
        self._forget_anchors()
        if getattr(self.window.scene, "animating", False):
            self._animation.start()

    def _on_animation_tick(self) -> None:
        if not getattr(self.window.scene, "animating", False):
            self._animation.stop()
            self._forget_anchors()
        self.update()

    def _on_camera_changed(self) -> None:
        self._rest.start()
        self.update()

    def _on_camera_rest(self) -> None:
        self._forget_anchors()  # look again which part of each module the eye sees

    def _on_overlay_changed(self, name: str, on: bool) -> None:
        settings().setValue(f"overlays/{name}", bool(on))
        self.window.commands.refresh()
        self.update()

    def _restore_settings(self) -> None:
        s = CheckedSettings()
        for name, default in OVERLAYS.items():
            self.model.set_overlay(name, s.boolean(f"overlays/{name}", default))

    # ---- painting --------------------------------------------------------------------

    def _anchors(self, projector: Projector) -> dict[str, np.ndarray]:
        transforms = labels.module_transforms(self.window.scene)
        missing = {m: t for m, t in transforms.items() if m not in self._anchor_local}
        if missing:  # rays only for modules not checked since the camera rested
            found = labels.label_anchors(self.model, missing, projector)
            for mid, p in found.items():
                inv = np.linalg.inv(missing[mid])
                self._anchor_local[mid] = inv[:3, :3] @ p + inv[:3, 3]
        return {
            m: t[:3, :3] @ self._anchor_local[m] + t[:3, 3]
            for m, t in transforms.items()
        }

    def paint(self, painter: QPainter) -> None:
        """Scale bar, dimensions and the measurement first, then the labels around
        them (their plates are obstacles), the hover plate on top."""
        model, view = self.model, self.view
        self.label_layout, self.dimensions, self.scale = None, [], None
        self.hover_rect = self.measure_rect = None
        if model.plan is None or view is None:
            return
        projector, style, lang = Projector(view), Style(), model.language
        obstacles = []
        if model.overlays["scale_bar"]:
            bar = aids.draw_scale_bar(painter, projector, style, lang)
            if bar is not None:
                obstacles.append(bar[0].getRect())
                self.scale = (bar[1], bar[2])
        if model.overlays["dimensions"]:
            obstacles += self._paint_dimensions(painter, projector, style)
        if self.points:
            words = (
                ""
                if self.distance is None
                else painting.length_text(self.distance, lang, 2)
            )
            cursor = self.cursor if self.measuring else None
            self.measure_rect = aids.draw_measurement(
                painter, projector, self.points, style, words, cursor
            )
            if self.measure_rect is not None:
                obstacles.append(self.measure_rect.getRect())
        anchors = self._anchors(projector) if model.labels else {}
        captions = labels.figure_captions(model)
        if anchors or captions:
            self.label_layout = labels.place_labels(
                model, projector, anchors, style, captions, obstacles
            )
            labels.draw_labels(painter, self.label_layout, style, model.selected)
        if model.hovered is not None and self.cursor is not None:
            title, role = aids.hover_words(model, model.hovered)
            self.hover_rect = aids.draw_hover(
                painter,
                self.cursor,
                title,
                role,
                style,
                projector.width,
                projector.height,
            )

    def _paint_dimensions(self, painter, projector, style) -> list:
        """The selected module's dimension lines; returns their plates' rectangles."""
        sel = self.model.selected
        transforms = labels.module_transforms(self.window.scene)
        if sel is None or sel not in transforms:
            return []
        plates = []
        for dim in aids.module_dimensions(self.model, sel, transforms[sel], projector):
            rect = aids.draw_dimension(
                painter, projector, dim, style, self.model.language, plates
            )
            self.dimensions.append((dim, rect))
            if rect is not None:
                plates.append(rect)
        return [r.getRect() for r in plates]

    def render(self) -> QImage:
        """The aids alone, drawn now into a transparent image of the view's size (for
        tests and pictures; the widget paints the same on screen)."""
        img = QImage(self.view.size(), QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        try:
            self.paint(painter)
        finally:
            painter.end()
        return img

    def picture(self) -> QImage:
        """The view as the user sees it: the 3D picture with the aids over it."""
        img = self.view.grabFramebuffer().convertToFormat(
            QImage.Format.Format_ARGB32_Premultiplied
        )
        img.setDevicePixelRatio(1.0)
        painter = QPainter(img)
        try:
            painter.scale(
                img.width() / max(self.view.width(), 1),
                img.height() / max(self.view.height(), 1),
            )
            self.paint(painter)
        finally:
            painter.end()
        return img

    def close(self) -> None:
        self.bindings.release()
        self._rest.stop()
        self._animation.stop()
