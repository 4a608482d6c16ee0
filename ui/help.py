"""Help > Keyboard shortcuts and Help > About."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from models3d.catalogue import plan_paths


def tr(s: str) -> str:
    return QCoreApplication.translate("help", s)


def gestures() -> list[tuple[str, list[tuple[str, str]]]]:
    """Mouse and view keys that are not menu commands."""
    return [
        (
            tr("View"),
            [
                (tr("left-drag"), tr("orbit")),
                (tr("right-drag, middle-drag or Shift+drag"), tr("pan")),
                (tr("wheel"), tr("zoom towards the cursor")),
                (tr("click"), tr("select the module under the cursor")),
                ("Esc", tr("clear the selection")),
                ("+ / -", tr("zoom in / out")),
                ("Ctrl+arrows", tr("orbit")),
                ("Shift+arrows", tr("pan")),
                (tr("click or drag on the timeline"), tr("jump to a phase")),
            ],
        ),
    ]


def shortcuts_html(commands: list[tuple[str, list[tuple[str, str]]]]) -> str:
    """The shortcuts sheet: every menu command with a shortcut (from the action table),
    then the mouse and view keys."""
    out = [f"<h3>{tr('Keyboard shortcuts')}</h3>"]
    for title, rows in [*commands, *gestures()]:
        out.append(f"<h4>{html.escape(title)}</h4><table cellpadding='3'>")
        for key, what in rows:
            out.append(
                f"<tr><td><b>{html.escape(key)}</b></td><td>{html.escape(what)}"
                "</td></tr>"
            )
        out.append("</table>")
    return "".join(out)


def about_html(version: str) -> str:
    """Version, the data (plans, their dates and number of sources), licences and where
    the documentation lives."""
    from models3d.catalogue import PLANS_DIR
    from models3d.plan import read_plan, text

    rows, newest, total = [], "", 0
    for pid, path in plan_paths().items():
        try:
            plan = read_plan(path.read_bytes(), path)
        except (OSError, ValueError):
            continue
        dates = [src.date for src in plan.sources.values() if src.date]
        newest = max([newest, plan.date, *dates])
        total += len(plan.sources)
        rows.append(
            f"<tr><td>{html.escape(pid)}</td><td>{html.escape(text(plan.title))}"
            f"</td><td>{html.escape(plan.date)}</td><td align='right'>"
            f"{len(plan.sources)}</td></tr>"
        )
    from models3d.resources import asset

    # the README sits beside assets/ in a checkout; an installed app has no copy
    links = [
        (asset().parent / "README.md", tr("User guide (README)")),
        (PLANS_DIR / "SCHEMA.md", tr("Plan file format")),
        (asset("tours", "SCHEMA.md"), tr("Tour file format")),
    ]
    link_html = " · ".join(
        f"<a href='{p.as_uri()}'>{html.escape(label)}</a>"
        for p, label in links
        if p.exists()
    )
    intro = tr(
        "See how the planned Russian Orbital Station (ROS, earlier ROSS) is meant to "
        "come together, module by module, with every figure tied to its sources."
    )
    data = tr(
        "the plans are compiled from public reports; each plan lists its sources with "
        "outlet, date and address, and each figure names the sources it comes from and "
        "how sure they are. Layouts that no source gives are marked as interpretation."
    )
    licences = tr(
        "ROSS Explorer is MIT-licensed. It uses Qt for Python (PySide6, LGPLv3), "
        "pyqtgraph (MIT), PyOpenGL (BSD), NumPy and SciPy (BSD), trimesh (MIT), psygnal "
        "(BSD), Pillow (MIT-CMU), imageio-ffmpeg (BSD; its ffmpeg binary is LGPL/GPL) "
        "and DracoPy (Apache 2.0). Exported web pages carry three.js (MIT). Country "
        "outlines: Natural Earth (public domain); Earth images: NASA Blue Marble and "
        "City Lights (public domain)."
    )
    return (
        f"<h3>ROSS Explorer {html.escape(version)}</h3>"
        f"<p>{intro}</p>"
        f"<p><b>{tr('Data')}</b>: {data} "
        f"{tr('Newest date in the data')}: {html.escape(newest)}; "
        f"{tr('sources cited')}: {total}.</p>"
        f"<table cellpadding='2'><tr><th align='left'>{tr('Plan')}</th><th align='left'>"
        f"{tr('Title')}</th><th align='left'>{tr('Date')}</th><th>{tr('Sources')}</th></tr>"
        + "".join(rows)
        + "</table>"
        f"<p><b>{tr('Licences')}</b>: {licences}</p>"
        f"<p>{link_html}</p>"
    )


def show_text_dialog(parent, title: str, body: str) -> QDialog:
    dlg = QDialog(parent)
    dlg.setWindowTitle(title)
    view = QTextBrowser()
    view.setOpenExternalLinks(True)
    view.setHtml(body)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dlg.reject)
    lay = QVBoxLayout(dlg)
    lay.addWidget(view)
    lay.addWidget(buttons)
    dlg.resize(560, 520)
    dlg.show()
    return dlg
