"""Opens the main window on whatever screen this process has (run under xvfb-run with a
chosen screen size, and QT_SCALE_FACTOR for HiDPI) and prints, as JSON, how the window
fits: the screen's available area, the window's frame, the 3D view's share, the
timeline's label boxes and the status bar's room. Used by test_screens.py."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from ui.app import _configure_qt

    _configure_qt()
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from models3d.catalogue import load_plan, resolve_plan
    from ui.main_window import MainWindow

    out = {"plans": {}}
    win = None
    for pid in sys.argv[1].split(","):
        plan = load_plan(resolve_plan(pid))
        if win is None:
            win = MainWindow(plan)
            win.show()
        else:
            win.model.set_plan(plan)
        for _ in range(20):
            app.processEvents()
        tl = win.timeline
        boxes = tl.label_boxes()
        out["plans"][pid] = {
            "timeline_width": tl.width(),
            "labels": [
                [b.rect.left(), b.rect.right(), "…" in "".join(b.lines)] for b in boxes
            ],
        }
    geo = win.screen().availableGeometry()
    frame = win.frameGeometry()
    bar = win.statusBar()
    out.update(
        {
            "screen": [geo.x(), geo.y(), geo.width(), geo.height()],
            "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "view": [win.view.width(), win.view.height()],
            "window": [win.width(), win.height()],
            "dpr": win.devicePixelRatioF(),
            "status_room": bar.room(),
            "status_width": bar.width(),
            "summary_width": win.status.summary.width(),
            # reachable: shown, or a tab beside a shown dock
            "docks_visible": {
                k: d.isVisible()
                or any(o.isVisible() for o in win.tabifiedDockWidgets(d))
                for k, d in win.docks.items()
            },
        }
    )
    if len(sys.argv) > 2:
        win.grab().save(sys.argv[2])
    print(json.dumps(out))
    win.close()


if __name__ == "__main__":
    main()
