"""The tour's caption over the 3D view: a label on a translucent dark plate (readable
on any background), with the sources in smaller type and the step count below."""

from __future__ import annotations

import contextlib
import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel

PLATE = (
    "QLabel { background: rgba(8, 12, 24, 200); color: #f0f4fc; "
    "padding: 10px 16px; border-radius: 8px; font-size: 15pt; }"
)


class CaptionOverlay(QObject):
    """One caption label, a child of whichever view it is shown on."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.label: QLabel | None = None
        self._view = None

    def _ensure(self, view) -> QLabel:
        if self.label is None:
            self.label = QLabel()
            self.label.setObjectName("tour_caption")
            self.label.setWordWrap(True)
            self.label.setTextFormat(Qt.TextFormat.RichText)
            self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.label.setStyleSheet(PLATE)
        if view is not self._view:
            if self._view is not None:
                self._view.removeEventFilter(self)
            self.label.setParent(view)
            view.installEventFilter(self)
            self._view = view
        return self.label

    def show(self, view, text: str, sources: str = "", footer: str = "") -> None:
        label = self._ensure(view)
        parts = [f"<div>{html.escape(text)}</div>"] if text else []
        small = " · ".join(html.escape(s) for s in (sources, footer) if s)
        if small:
            parts.append(f"<div style='font-size: 10pt; color: #b8c2d8;'>{small}</div>")
        if not parts:
            label.hide()
            return
        label.setText("".join(parts))
        self._place()
        label.show()
        label.raise_()

    def text(self) -> str:
        return self.label.text() if self.label is not None else ""

    def visible(self) -> bool:
        return self.label is not None and self.label.isVisible()

    def hide(self) -> None:
        if self.label is not None:
            self.label.hide()

    def _place(self) -> None:
        label, view = self.label, self._view
        if label is None or view is None:
            return
        width = max(200, int(view.width() * 0.72))
        label.setFixedWidth(width)
        label.adjustSize()
        label.move(
            (view.width() - width) // 2,
            view.height() - label.height() - max(12, view.height() // 20),
        )

    def eventFilter(self, obj, ev) -> bool:
        if obj is self._view and ev.type() == QEvent.Type.Resize:
            self._place()
        return False

    def close(self) -> None:
        if self._view is not None:
            with contextlib.suppress(RuntimeError):
                self._view.removeEventFilter(self)
        if self.label is not None:
            with contextlib.suppress(RuntimeError):
                self.label.deleteLater()
        self.label = self._view = None
