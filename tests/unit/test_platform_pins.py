"""Regression guard for the PySide6 6.12.0 / CPython 3.11 crash.

That combination drops a reference to None on every call of a method returning nothing and
aborts the interpreter after some thousands of calls. The pinned version must survive
200,000 such calls.
"""

from __future__ import annotations

import os
import subprocess
import sys

_CODE = r"""
import sys
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); o = QObject(); t = QTimer()
before = sys.getrefcount(None)
for i in range(50_000):
    w.update()
    app.processEvents()
    o.setObjectName("x")
    t.stop()
print("survived", before, sys.getrefcount(None), flush=True)
"""


def test_200k_void_qt_calls_do_not_abort_the_interpreter():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    res = subprocess.run(
        [sys.executable, "-c", _CODE],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, (
        f"interpreter died ({res.returncode}): {res.stderr[-500:]}"
    )
    assert "survived" in res.stdout
