"""The view's context menu (a right click that does not pan): commands for the module
under the cursor and for the reference models beside the station."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMenu

from models3d.plan import text


def tr(s: str) -> str:
    return QCoreApplication.translate("MainWindow", s)


def show_view_menu(window, module_id: str | None, global_pos) -> QMenu:
    m = window.model
    menu = QMenu(window)
    menu.setObjectName("view_context_menu")
    if module_id is not None:
        m.select(module_id)
        name = text(m.plan.modules[module_id].abbr, m.language)
        menu.addSection(name)
        menu.addAction(tr("Fit s&elected"), lambda: window.view.fit_selected(module_id))
        menu.addAction(
            tr("&Hide {0}").format(name), lambda: m.set_hidden(module_id, True)
        )
        menu.addAction(
            tr("&Import model for module..."),
            lambda: window.imports.import_for_module(module_id),
        )
        reset = menu.addAction(
            tr("Reset to &built-in mesh"), lambda: window.imports.reset_mesh(module_id)
        )
        reset.setEnabled(module_id in m.overrides)
    if m.hidden:
        menu.addAction(tr("Show all modules"), lambda: m.set_hidden_modules(()))
    if m.references:
        sub = menu.addMenu(tr("Reference models"))
        for rid, ref in m.references.items():
            refm = sub.addMenu(Path(ref.path).name or rid)
            refm.addAction(
                tr("Move or rescale..."), lambda r=rid: window.imports.edit_reference(r)
            )
            refm.addAction(
                tr("Hide") if ref.visible else tr("Show"),
                lambda r=rid, v=ref.visible: m.set_reference_visible(r, not v),
            )
            refm.addAction(
                tr("Remove"), lambda r=rid: window.imports.remove_reference(r)
            )
    menu.addSeparator()
    menu.addAction(tr("&Fit all"), window.view.fit_all)
    menu.popup(global_pos)
    menu.aboutToHide.connect(menu.deleteLater)
    return menu
