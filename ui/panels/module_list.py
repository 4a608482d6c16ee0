"""The module list: modules grouped by the phase that brings them, with visibility
checkboxes, a search box, and the user's reference models."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import (
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models3d.plan import text
from models3d.viewer_model import ViewerModel

from ..binding import Bindings
from .common import ROLE_MODULE, ROLE_REFERENCE


def tr(s: str) -> str:
    return QCoreApplication.translate("panels", s)


class ModuleList(QTreeWidget):
    """Modules grouped by the phase that brings them, with visibility checkboxes; the
    user's reference models in a group of their own."""

    reference_activated = Signal(str)  # the user asks to move or rescale a reference
    reference_remove_requested = Signal(str)
    jumped = Signal(int, int, str)  # from phase, to phase, the module that asked for it

    def __init__(self, model: ViewerModel, parent=None):
        super().__init__(parent)
        self.setObjectName("module_list")
        self.model = model
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.ref_group: QTreeWidgetItem | None = None
        self._updating = False
        self.itemChanged.connect(self._on_item_changed)
        self.itemDoubleClicked.connect(self._on_double_click)
        self.itemSelectionChanged.connect(self._on_selection)
        self.bindings = Bindings(self)
        self.bindings.connect(model.plan_changed, self.rebuild)
        self.bindings.connect(model.phase_changed, self.refresh)
        self.bindings.connect(model.selection_changed, self.refresh)
        self.bindings.connect(model.hidden_changed, self.refresh)
        self.bindings.connect(model.references_changed, self._show_references)
        self.bindings.connect(model.language_changed, self.rebuild)

    def lang(self) -> str:
        return self.model.language

    def _show_references(self) -> None:
        from pathlib import Path

        refs = self.model.references.values()
        self._updating = True
        if self.ref_group is not None:
            self.takeTopLevelItem(self.indexOfTopLevelItem(self.ref_group))
            self.ref_group = None
        if refs:
            self.ref_group = QTreeWidgetItem([tr("Reference models (not in totals)")])
            self.ref_group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(self.ref_group)
            for ref in refs:
                item = QTreeWidgetItem([Path(ref.path).name or ref.id])
                item.setData(0, ROLE_REFERENCE, ref.id)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(
                    0, Qt.CheckState.Checked if ref.visible else Qt.CheckState.Unchecked
                )
                item.setToolTip(
                    0,
                    tr(
                        "Double-click to move or rescale it; right-click "
                        "or Delete to remove it"
                    ),
                )
                self.ref_group.addChild(item)
            self.ref_group.setExpanded(True)
        self._updating = False

    def set_filter(self, pattern: str) -> None:
        """Show only modules whose name or abbreviation, in English or Russian, contains
        `pattern` (any case); phases with none of them are hidden too."""
        pat = pattern.strip().casefold()
        plan = self.model.plan
        for i in range(self.topLevelItemCount()):
            group = self.topLevelItem(i)
            shown = 0
            for k in range(group.childCount()):
                child = group.child(k)
                mid = child.data(0, ROLE_MODULE)
                words = [child.text(0)]
                if mid and plan is not None:
                    m = plan.modules[mid]
                    words += [*m.name.values(), *m.abbr.values(), mid]
                hit = not pat or any(pat in w.casefold() for w in words)
                child.setHidden(not hit)
                shown += hit
            group.setHidden(bool(pat) and not shown)

    def _reference_at(self, item) -> str | None:
        return item.data(0, ROLE_REFERENCE) if item is not None else None

    def contextMenuEvent(self, ev) -> None:
        rid = self._reference_at(self.itemAt(ev.pos()))
        if not rid or rid not in self.model.references:
            return
        ref = self.model.references[rid]
        menu = QMenu(self)
        menu.addAction(
            tr("Move or rescale..."), lambda: self.reference_activated.emit(rid)
        )
        menu.addAction(
            tr("Hide") if ref.visible else tr("Show"),
            lambda: self.model.set_reference_visible(rid, not ref.visible),
        )
        menu.addAction(tr("Remove"), lambda: self.reference_remove_requested.emit(rid))
        menu.exec(ev.globalPos())
        menu.deleteLater()

    def keyPressEvent(self, ev) -> None:
        rid = self._reference_at(self.currentItem())
        if rid and ev.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.reference_remove_requested.emit(rid)
            ev.accept()
            return
        super().keyPressEvent(ev)

    def _on_double_click(self, item, column) -> None:
        rid = item.data(0, ROLE_REFERENCE)
        if rid:
            self.reference_activated.emit(rid)

    def rebuild(self, *_) -> None:
        self._updating = True
        self.clear()
        self.items = {}
        self.ref_group = None
        plan = self.model.plan
        placed = set()
        for i, ph in enumerate(plan.phases):
            new = [m for m in self.model.modules(i) if m not in placed]
            group = QTreeWidgetItem(
                [
                    f"{i + 1}. {text(ph.name, self.lang())} — {ph.date_label(self.lang())}"
                ]
            )
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            f = group.font(0)
            f.setBold(True)
            group.setFont(0, f)
            self.addTopLevelItem(group)
            for mid in new:
                m = plan.modules[mid]
                item = QTreeWidgetItem(
                    [f"{text(m.abbr, self.lang())} — {text(m.name, self.lang())}"]
                )
                item.setData(0, ROLE_MODULE, mid)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                )
                item.setCheckState(0, Qt.CheckState.Checked)
                item.setToolTip(0, text(m.role, self.lang()))
                group.addChild(item)
                self.items[mid] = item
                placed.add(mid)
            group.setExpanded(True)
        self._updating = False
        self._show_references()
        self.refresh()

    def refresh(self, *_) -> None:
        if self.model.plan is None:
            return
        self._updating = True
        on = set(self.model.modules())
        pal = self.palette()
        for mid, item in self.items.items():
            present = mid in on
            hidden = mid in self.model.hidden
            item.setCheckState(
                0, Qt.CheckState.Unchecked if hidden else Qt.CheckState.Checked
            )
            color = pal.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
            if not present:
                color = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
            item.setForeground(0, QBrush(color))
            f = QFont(item.font(0))
            f.setItalic(not present)
            item.setFont(0, f)
            item.setSelected(mid == self.model.selected)
        for i in range(self.topLevelItemCount()):
            g = self.topLevelItem(i)
            f = g.font(0)
            f.setUnderline(i == self.model.phase)
            g.setFont(0, f)
        if self.model.selected in self.items:
            self.scrollToItem(self.items[self.model.selected])
        self._updating = False

    def _on_item_changed(self, item, column) -> None:
        if self._updating:
            return
        rid = item.data(0, ROLE_REFERENCE)
        if rid:
            self.model.set_reference_visible(
                rid, item.checkState(0) == Qt.CheckState.Checked
            )
            return
        mid = item.data(0, ROLE_MODULE)
        if mid:
            self.model.set_hidden(mid, item.checkState(0) != Qt.CheckState.Checked)

    def _on_selection(self) -> None:
        if self._updating:
            return
        sel = self.selectedItems()
        mid = sel[0].data(0, ROLE_MODULE) if sel else None
        if mid and mid not in self.model.modules():
            # a module that is not on the station yet (or any more): go to its phase,
            # and say so (the window offers the way back)
            first = self.model.first_phase_of(mid)
            if first is not None:
                before = self.model.phase
                self.model.set_phase(first)
                self.model.select(mid)
                self.jumped.emit(before, first, mid)  # after the selection's own hint
                return
        self.model.select(mid)


class ModuleBrowser(QWidget):
    """The module list under a search box."""

    def __init__(self, tree: ModuleList, parent=None):
        super().__init__(parent)
        self.setObjectName("module_browser")
        self.tree = tree
        self.search = QLineEdit()
        self.search.setObjectName("module_search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(tree.set_filter)
        tree.bindings.connect(tree.model.plan_changed, self._refilter)
        tree.bindings.connect(tree.model.language_changed, self.retranslate)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.search)
        lay.addWidget(tree, 1)
        self.retranslate()

    def retranslate(self, *_) -> None:
        self.search.setPlaceholderText(tr("Search modules (name or abbreviation)"))
        self._refilter()

    def _refilter(self, *_) -> None:
        self.tree.set_filter(self.search.text())
