"""Main windows for tests: made on demand, hidden unless a test needs pixels, and checked
for leaks when the test ends (as napari's viewer fixture does): every window a test made
is closed and deleted, and any top-level widget left behind fails the test."""

from __future__ import annotations

import pytest

from models3d.catalogue import load_plan
from tests.conftest import PLANS


class WindowFactory:
    def __init__(self, qtbot):
        from PySide6.QtWidgets import QApplication

        self.qtbot = qtbot
        self.made: list = []
        self.before = set(QApplication.topLevelWidgets())

    def __call__(
        self,
        plan_id: str = "ros-2024",
        phase=None,
        *,
        show: bool = True,
        size=None,
        **kw,
    ):
        from ui.main_window import MainWindow

        plan = load_plan(PLANS / f"{plan_id}.toml")
        if isinstance(phase, str):
            phase = plan.phase_index(phase)
        win = MainWindow(plan, phase, **kw)
        win.view.animate = False
        win.model.set_option("animate_docking", False)
        self.made.append(win)
        if size is not None:
            win.resize(*size)
        if show:
            win.show()
            self.qtbot.waitExposed(win)
        return win

    def close_all_and_check(self) -> list[str]:
        from PySide6.QtCore import QCoreApplication, QEvent
        from PySide6.QtWidgets import QApplication

        for win in self.made:
            try:
                win.close()
                win.deleteLater()
            except RuntimeError:
                pass  # a test deleted it already
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            QCoreApplication.processEvents()
        leaked = []
        for w in QApplication.topLevelWidgets():
            if w in self.before:
                continue
            leaked.append(f"{type(w).__name__} '{w.objectName()}'")
            w.close()
            w.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return leaked


@pytest.fixture
def windows(qtbot, gl_display):
    factory = WindowFactory(qtbot)
    yield factory
    leaked = factory.close_all_and_check()
    if leaked:
        pytest.fail(
            f"the test left {len(leaked)} top-level widget(s): "
            + ", ".join(leaked[:10])
        )
