"""Subscriptions of a Qt object to model events, released when the object goes.

psygnal keeps only weak references to bound methods, but a Qt object can be deleted by
its parent while its Python wrapper lives on; a call into it would then fail. Every
view registers its subscriptions here; they are disconnected when the view closes or
its C++ object is destroyed, whichever comes first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject


class Bindings:
    """The (signal, slot) pairs one Qt object subscribed to."""

    def __init__(self, owner: QObject):
        self._pairs: list[tuple[object, Callable]] = []
        owner.destroyed.connect(self.release)

    def connect(self, signal, slot: Callable) -> None:
        signal.connect(slot)
        self._pairs.append((signal, slot))

    def release(self, *_) -> None:
        for signal, slot in self._pairs:
            signal.disconnect(slot)
        self._pairs.clear()

    def __len__(self) -> int:
        return len(self._pairs)


def delete_with(owner, widgets: list) -> None:
    """Delete `widgets` (parentless ones a library made, such as pyqtgraph's menus)
    when `owner` is destroyed; the list may still grow, and ones Qt already deleted
    are skipped."""
    from shiboken6 import isValid

    owner.destroyed.connect(lambda *_: [w.deleteLater() for w in widgets if isValid(w)])
