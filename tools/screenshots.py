"""Screenshots of the app itself for the AppStream metainfo and the README:
docs/window-ru.png (the Russian interface on Mir's assembly). Run under a display:

    xvfb-run -a -s "-screen 0 1920x1200x24" .venv/bin/python tools/screenshots.py

docs/window.png (the README's picture) is kept as it is.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# a settings file of its own: nothing of the user's layout shows, nothing is kept
os.environ["ROSS_EXPLORER_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "shots.ini")


def main() -> int:
    from ui.app import _configure_qt

    _configure_qt()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from models3d.catalogue import load_plan, resolve_plan
    from ui import i18n
    from ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    lang = i18n.install(app, "ru")
    plan = load_plan(resolve_plan("mir"))
    win = MainWindow(plan, 9, language=lang)
    win.model.set_option("animate_docking", False)
    win.resize(1200, 750)
    win.show()
    win.model.select(
        "kvant-2" if "kvant-2" in plan.modules else next(iter(plan.modules))
    )
    out = ROOT / "docs" / "window-ru.png"

    def shoot() -> None:
        win.grab().save(str(out))
        print(f"wrote {out}")
        app.quit()

    QTimer.singleShot(1500, shoot)
    app.exec()
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
