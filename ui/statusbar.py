"""A status bar whose messages never run into the permanent summary on the right: a
message too long for the room left is elided, with the whole text in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar

GAP = 24  # px kept free between the message and the permanent widgets


class ElidingStatusBar(QStatusBar):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.full_message = ""

    def room(self) -> int:
        used = sum(min(w.sizeHint().width(), w.maximumWidth())
                   for w in self.findChildren(QLabel)
                   if w.parent() is self and w.isVisible() and w.objectName())
        return max(40, self.width() - used - GAP - 12)

    def showMessage(self, message: str, timeout: int = 0) -> None:  # noqa: N802 - Qt's name
        self.full_message = message
        shown = self.fontMetrics().elidedText(message, Qt.TextElideMode.ElideRight,
                                              self.room())
        self.setToolTip(message if shown != message else "")
        super().showMessage(shown, timeout)

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        if self.currentMessage() and self.full_message:
            shown = self.fontMetrics().elidedText(self.full_message,
                                                  Qt.TextElideMode.ElideRight, self.room())
            if shown != self.currentMessage():
                super().showMessage(shown)
