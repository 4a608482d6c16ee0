"""A status bar whose messages never run into the permanent summary on the right: a
message too long for the room left is elided, with the whole text in the tooltip, and
elided again whenever the room changes."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar

GAP = 24  # px kept free between the message and the permanent widgets


class ElidingStatusBar(QStatusBar):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.full_message = ""
        self._expires: float | None = None  # monotonic time the message goes, or None

    def room(self) -> int:
        used = sum(
            min(w.sizeHint().width(), w.maximumWidth())
            for w in self.findChildren(QLabel)
            if w.parent() is self and not w.isHidden() and w.objectName()
        )
        return max(40, self.width() - used - GAP - 12)

    def showMessage(self, message: str, timeout: int = 0) -> None:
        self.full_message = message
        self._expires = time.monotonic() + timeout / 1000 if timeout else None
        self._show(timeout)

    def refit(self) -> None:
        """Elide the current message again for the room there is now."""
        if not self.full_message or not self.currentMessage():
            return
        left = 0
        if self._expires is not None:
            left = int((self._expires - time.monotonic()) * 1000)
            if left <= 0:
                return
        self._show(left)

    def _show(self, timeout: int) -> None:
        shown = self.fontMetrics().elidedText(
            self.full_message, Qt.TextElideMode.ElideRight, self.room()
        )
        self.setToolTip(self.full_message if shown != self.full_message else "")
        super().showMessage(shown, timeout)

    def resizeEvent(self, ev) -> None:
        super().resizeEvent(ev)
        self.refit()
