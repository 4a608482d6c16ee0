"""What happens when the app meets an error nobody expected: the traceback goes to a log
file, the user sees one line and where the details are, and the app keeps running with
its state (the event loop goes on; no window closes)."""

from __future__ import annotations

import datetime as _dt
import os
import sys
import traceback
from pathlib import Path

MAX_LOG_BYTES = 2 * 2**20  # the log starts again past this size
_shown = 0  # dialogs shown this run: a storm of errors gets a few dialogs, not hundreds
_boxes: list = []


def log_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ross-explorer" / "ross-explorer.log"


def write_log(exc_type, exc, tb) -> Path | None:
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if path.is_file() and path.stat().st_size > MAX_LOG_BYTES else "a"
        with open(path, mode, encoding="utf-8", errors="replace") as fh:
            fh.write(f"\n--- {_dt.datetime.now().isoformat(timespec='seconds')}\n")
            fh.writelines(traceback.format_exception(exc_type, exc, tb))
    except OSError:
        return None
    return path


def _hook(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    from models3d.fileio import Interrupted

    if issubclass(exc_type, Interrupted):  # SIGINT/SIGTERM: leave as asked, no report
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.quit()
        return
    from models3d.fileio import printable

    path = write_log(exc_type, exc, tb)
    line = printable(f"{exc_type.__name__}: {exc}".splitlines()[0])[:300]
    print(f"error: {line}" + (f" (details in {path})" if path else ""), file=sys.stderr)
    global _shown
    if _shown >= 3:
        return
    _shown += 1
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance()
    if app is None:
        return
    tr = lambda s: QCoreApplication.translate("crash", s)  # noqa: E731
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("Something went wrong"),
        tr("Something went wrong: {0}").format(line),
        parent=app.activeWindow(),
    )
    box.setObjectName("crash_dialog")
    box.setInformativeText(
        (tr("The details were written to {0}.").format(path) if path else "")
        + " "
        + tr("The app keeps running; what you were doing may not have finished.")
    )
    box.setModal(False)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _boxes.append(box)  # a parentless box lives only as long as a reference to it
    box.finished.connect(lambda *_: _boxes.remove(box) if box in _boxes else None)
    box.show()


def install() -> None:
    sys.excepthook = _hook
