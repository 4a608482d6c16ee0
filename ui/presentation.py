"""Presentation mode (F11): the view full screen with the timeline and a caption only;
F11 or Esc brings back the window as it was."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel

from models3d.plan import text

from .binding import Bindings


class Presentation(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.active = False
        self._saved: dict = {}
        self.caption = QLabel(window.view)
        self.caption.setObjectName("presentation_caption")
        self.caption.setWordWrap(True)
        self.caption.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.caption.setStyleSheet(
            "QLabel { background: rgba(8, 12, 28, 190); color: #f2f4ff; padding: 10px 16px;"
            " border-radius: 6px; font-size: 18pt; }"
        )
        self.caption.hide()
        self.bindings = Bindings(self)
        for signal in (
            window.model.phase_changed,
            window.model.plan_changed,
            window.model.language_changed,
        ):
            self.bindings.connect(signal, self._update_caption)
        window.installEventFilter(self)

    def toggle(self, on: bool | None = None) -> None:
        on = not self.active if on is None else on
        if on == self.active:
            return
        w = self.window
        if on:
            self._saved = {
                "state": w.saveState(),
                "maximized": w.isMaximized(),
                "full": w.isFullScreen(),
                "geometry": w.saveGeometry(),
            }
            for widget in (w.menuBar(), w.statusBar(), w.toolbar, *w.docks.values()):
                widget.hide()
            self.active = True
            self._update_caption()
            self.caption.show()
            w.showFullScreen()
        else:
            self.active = False
            self.caption.hide()
            w.menuBar().show()
            w.statusBar().show()
            w.restoreState(self._saved["state"])
            w.showNormal()
            w.restoreGeometry(self._saved["geometry"])
            if self._saved.get("maximized"):
                w.showMaximized()
        w.commands.refresh()

    def _update_caption(self, *_) -> None:
        m = self.window.model
        if not self.active or m.plan is None:
            return
        ph = m.plan.phases[m.phase]
        self.caption.setText(
            f"<b>{text(m.plan.title, m.language)}</b><br>"
            f"{m.phase + 1}. {text(ph.name, m.language)} — "
            f"{ph.date_label(m.language)}"
        )
        self._place()

    def _place(self) -> None:
        view = self.window.view
        self.caption.setParent(view)
        self.caption.setMaximumWidth(int(view.width() * 0.6))
        self.caption.adjustSize()
        self.caption.move(24, view.height() - self.caption.height() - 24)
        self.caption.raise_()

    def eventFilter(self, obj, ev) -> bool:
        if (
            self.active
            and ev.type() == QEvent.Type.KeyPress
            and ev.key() == Qt.Key.Key_Escape
        ):
            self.toggle(False)
            return True
        if self.active and ev.type() == QEvent.Type.Resize:
            self._place()
        return False
