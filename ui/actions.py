"""Every command of the main window in one table: menus, toolbar, shortcuts and the
shortcuts sheet (F1) are all made from it.

An `ActionSpec` names a command, its menu, shortcut, handler and when it is enabled or
checked. `ActionTable` turns the specs into QActions once; changing the language only
sets their texts again, so no widget is ever rebuilt and nothing disappears.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar


def tr(s: str) -> str:
    return QCoreApplication.translate("MainWindow", s)


def N_(s: str) -> str:
    return s


Handler = Callable[..., object]  # handler(window, checked)
Predicate = Callable[..., bool]  # predicate(window)

MENUS = (
    ("file", N_("&File")),
    ("edit", N_("&Edit")),
    ("view", N_("&View")),
    ("timeline", N_("&Timeline")),
    ("orbit", N_("&Orbit")),
    ("tours", N_("To&urs")),
    ("help", N_("&Help")),
)


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str  # English source text; translated with tr() when shown
    menu: str
    handler: Handler
    shortcut: str = ""
    tip: str = ""
    checkable: bool = False
    group: str = ""  # exclusive group of checkable actions
    toolbar: bool = False
    icon: str = ""  # a QStyle.StandardPixmap name
    enabled_when: Predicate | None = None
    checked_when: Predicate | None = None
    text_checked: str = ""  # text while checked (Play -> Pause)
    icon_checked: str = ""
    separator: bool = False  # a separator before this action (menu and toolbar)
    sheet: str = ""  # section of the shortcuts sheet ("" = the menu's)


def _selected(w) -> bool:
    return w.model.selected is not None


def _not_first(w) -> bool:
    return w.model.phase > 0


def _not_last(w) -> bool:
    return w.model.phase < w.model.phase_count - 1


SPECS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "open_plan",
        N_("&Open plan file..."),
        "file",
        lambda w, _: w.open_plan_file(),
        "Ctrl+O",
        N_("Open a plan file (TOML) of your own"),
    ),
    ActionSpec(
        "compare",
        N_("&Compare plans..."),
        "file",
        lambda w, _: w.show_compare(),
        "Ctrl+K",
        N_("Two plans side by side at the same scale"),
        toolbar=True,
    ),
    ActionSpec(
        "import_model",
        N_("&Import model for module..."),
        "file",
        lambda w, _: w.imports.import_for_module(),
        "Ctrl+I",
        N_(
            "Replace the selected module's mesh with a model file (glTF/GLB, OBJ, "
            "STL, PLY)"
        ),
        separator=True,
    ),
    ActionSpec(
        "add_reference",
        N_("Add &reference model..."),
        "file",
        lambda w, _: w.imports.add_reference(),
        "",
        N_("Put a model beside the station at true scale (not counted in totals)"),
    ),
    ActionSpec(
        "reset_mesh",
        N_("Reset to &built-in mesh"),
        "file",
        lambda w, _: w.imports.reset_mesh(),
        "",
        N_("Draw the selected module with its built-in mesh again"),
        enabled_when=lambda w: w.model.selected in w.model.overrides,
    ),
    ActionSpec(
        "screenshot",
        N_("Quick &screenshot"),
        "file",
        lambda w, _: w.exports.quick_screenshot(),
        "Ctrl+Shift+S",
        N_("Save the view as a PNG in the last export folder"),
        toolbar=True,
        icon="SP_DialogSaveButton",
        separator=True,
    ),
    ActionSpec(
        "export",
        N_("&Export..."),
        "file",
        lambda w, _: w.exports.show_dialog(),
        "Ctrl+E",
        N_("Pictures at any size, every phase, animations, the 3D scene"),
        toolbar=True,
    ),
    ActionSpec(
        "quit", N_("&Quit"), "file", lambda w, _: w.close(), "Ctrl+Q", separator=True
    ),
    # Edit
    ActionSpec(
        "undo",
        N_("&Undo"),
        "edit",
        lambda w, _: w.history.stack.undo(),
        "Ctrl+Z",
        N_(
            "Undo the last change of visibility, imported models, reference models "
            "or camera"
        ),
        enabled_when=lambda w: w.history.stack.canUndo(),
    ),
    ActionSpec(
        "redo",
        N_("&Redo"),
        "edit",
        lambda w, _: w.history.stack.redo(),
        "Ctrl+Shift+Z",
        enabled_when=lambda w: w.history.stack.canRedo(),
    ),
    ActionSpec(
        "back",
        N_("&Back to the previous phase"),
        "edit",
        lambda w, _: w.history.back(),
        "Alt+Left",
        N_("After the app jumped to a module's phase, go back where you were"),
        enabled_when=lambda w: bool(w.history.back_stack),
    ),
    # View
    ActionSpec(
        "mode_solid",
        N_("&Solid"),
        "view",
        lambda w, _: w.model.set_mode("solid"),
        "Ctrl+1",
        checkable=True,
        group="mode",
        toolbar=True,
        separator=True,
        checked_when=lambda w: w.model.mode == "solid",
    ),
    ActionSpec(
        "mode_wireframe",
        N_("&Wireframe overlay"),
        "view",
        lambda w, _: w.model.set_mode("wireframe"),
        "Ctrl+2",
        checkable=True,
        group="mode",
        toolbar=True,
        checked_when=lambda w: w.model.mode == "wireframe",
    ),
    ActionSpec(
        "mode_xray",
        N_("&X-ray"),
        "view",
        lambda w, _: w.model.set_mode("xray"),
        "Ctrl+3",
        checkable=True,
        group="mode",
        toolbar=True,
        checked_when=lambda w: w.model.mode == "xray",
    ),
    ActionSpec(
        "labels",
        N_("Module &labels"),
        "view",
        lambda w, on: w.model.set_labels(on),
        "L",
        checkable=True,
        separator=True,
        checked_when=lambda w: w.model.labels,
    ),
    ActionSpec(
        "antialiasing",
        N_("&Anti-aliasing (4x MSAA)"),
        "view",
        lambda w, on: w.model.set_option("antialiasing", on),
        "",
        N_("Smoother edges; costs 2-2.5x per frame on a software renderer"),
        checkable=True,
        checked_when=lambda w: bool(w.view.requested_samples),
    ),
    ActionSpec(
        "shadows",
        N_("Sun s&hadows and ambient occlusion"),
        "view",
        lambda w, on: w.model.set_option("shadows", on),
        "",
        N_("Off: faster frames on a slow computer; exported pictures keep them"),
        checkable=True,
        checked_when=lambda w: w.model.shadows,
    ),
    ActionSpec(
        "docking_animations",
        N_("Doc&king animations"),
        "view",
        lambda w, on: w.model.set_option("animate_docking", on),
        "",
        N_("Fly modules in when stepping phase by phase"),
        checkable=True,
        checked_when=lambda w: w.model.animate_docking,
    ),
    ActionSpec(
        "presentation",
        N_("&Presentation mode"),
        "view",
        lambda w, on: w.presentation.toggle(on),
        "F11",
        N_(
            "The view full screen with the timeline and a caption; F11 or Esc leaves it"
        ),
        checkable=True,
        checked_when=lambda w: w.presentation.active,
    ),
    ActionSpec(
        "fit_all",
        N_("&Fit all"),
        "view",
        lambda w, _: w.view.fit_all(),
        "F",
        separator=True,
    ),
    ActionSpec(
        "fit_selected",
        N_("Fit s&elected"),
        "view",
        lambda w, _: w.view.fit_selected(w.model.selected),
        "Shift+F",
        enabled_when=_selected,
    ),
    ActionSpec(
        "view_front",
        N_("F&ront view"),
        "view",
        lambda w, _: w.view.view_preset("front"),
        "1",
    ),
    ActionSpec(
        "view_side",
        N_("S&ide view"),
        "view",
        lambda w, _: w.view.view_preset("side"),
        "3",
    ),
    ActionSpec(
        "view_top", N_("&Top view"), "view", lambda w, _: w.view.view_preset("top"), "7"
    ),
    ActionSpec(
        "view_iso",
        N_("Is&o view (reset)"),
        "view",
        lambda w, _: w.view.view_preset("iso"),
        "9",
    ),
    # Timeline
    ActionSpec(
        "first_phase",
        N_("F&irst phase"),
        "timeline",
        lambda w, _: w.model.set_phase(0),
        "Home",
        toolbar=True,
        icon="SP_MediaSkipBackward",
        enabled_when=_not_first,
        separator=True,
    ),
    ActionSpec(
        "prev_phase",
        N_("P&revious phase"),
        "timeline",
        lambda w, _: w.model.step(-1),
        "Left",
        toolbar=True,
        icon="SP_MediaSeekBackward",
        enabled_when=_not_first,
    ),
    ActionSpec(
        "play",
        N_("&Play assembly"),
        "timeline",
        lambda w, on: w.timeline.set_playing(on),
        "Space",
        N_("Step through every phase"),
        checkable=True,
        toolbar=True,
        icon="SP_MediaPlay",
        text_checked=N_("&Pause"),
        icon_checked="SP_MediaPause",
        checked_when=lambda w: w.timeline.playing,
    ),
    ActionSpec(
        "next_phase",
        N_("&Next phase"),
        "timeline",
        lambda w, _: w.model.step(1),
        "Right",
        toolbar=True,
        icon="SP_MediaSeekForward",
        enabled_when=_not_last,
    ),
    ActionSpec(
        "last_phase",
        N_("&Last phase"),
        "timeline",
        lambda w, _: w.model.set_phase(w.model.phase_count - 1),
        "End",
        toolbar=True,
        icon="SP_MediaSkipForward",
        enabled_when=_not_last,
    ),
    # Help
    ActionSpec(
        "shortcuts",
        N_("&Keyboard shortcuts"),
        "help",
        lambda w, _: w.show_shortcuts(),
        "F1",
    ),
    ActionSpec(
        "about", N_("&About ROSS Explorer"), "help", lambda w, _: w.show_about()
    ),
)

# the toolbar: (action names, separated groups) in this order
TOOLBAR = (
    ("first_phase", "prev_phase", "play", "next_phase", "last_phase"),
    ("mode_solid", "mode_wireframe", "mode_xray"),
    ("screenshot", "export", "compare"),
)


class ActionTable:
    """The QActions of one window, made once from SPECS."""

    def __init__(self, window: QMainWindow, specs: tuple[ActionSpec, ...] = SPECS):
        self.window = window
        self.specs = {s.name: s for s in specs}
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        groups: dict[str, QActionGroup] = {}
        self._refreshing = False
        used = {s.menu for s in specs}
        for key, _title in MENUS:
            if key in used:  # a menu exists only when a command lives in it
                self.menus[key] = window.menuBar().addMenu("")
        for spec in specs:
            act = QAction(window)
            act.setObjectName(f"action_{spec.name}")
            if spec.shortcut:
                act.setShortcut(QKeySequence(spec.shortcut))
            act.setCheckable(spec.checkable)
            if spec.group:
                groups.setdefault(spec.group, QActionGroup(window)).addAction(act)
            if spec.checkable:
                act.toggled.connect(lambda on, s=spec: self._run(s, on))
            else:
                act.triggered.connect(lambda _=False, s=spec: self._run(s, False))
            window.addAction(act)  # shortcuts work even with the menu bar hidden
            menu = self.menus[spec.menu]
            if spec.separator and not menu.isEmpty():
                menu.addSeparator()
            menu.addAction(act)
            self.actions[spec.name] = act

    def _run(self, spec: ActionSpec, checked: bool) -> None:
        if self._refreshing:
            return
        if spec.group and not checked:
            return  # the other action of the group reports the change
        spec.handler(self.window, checked)
        self.refresh()

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def fill_toolbar(self, toolbar: QToolBar) -> None:
        for n, names in enumerate(TOOLBAR):
            if n:
                toolbar.addSeparator()
            for name in names:
                toolbar.addAction(self.actions[name])

    def retranslate(self) -> None:
        """Set every text again in the current language; nothing is rebuilt."""
        for key, title in MENUS:
            if key in self.menus:
                self.menus[key].setTitle(tr(title))
        for name, act in self.actions.items():
            spec = self.specs[name]
            label = tr(
                spec.text_checked
                if act.isChecked() and spec.text_checked
                else spec.text
            )
            act.setText(label)
            plain = label.replace("&", "")
            if spec.tip:
                act.setStatusTip(tr(spec.tip))
            keys = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(
                f"{plain} ({keys})" if keys else (tr(spec.tip) if spec.tip else plain)
            )

    def refresh(self, *_) -> None:
        """Enabled and checked states, icons and toggled texts from the window's state."""
        w = self.window
        self._refreshing = True
        try:
            for name, act in self.actions.items():
                spec = self.specs[name]
                if spec.enabled_when is not None:
                    act.setEnabled(bool(spec.enabled_when(w)))
                if spec.checked_when is not None:
                    act.setChecked(bool(spec.checked_when(w)))
                icon = (
                    spec.icon_checked
                    if act.isChecked() and spec.icon_checked
                    else spec.icon
                )
                if icon:
                    act.setIcon(
                        w.style().standardIcon(getattr(QStyle.StandardPixmap, icon))
                    )
                if spec.text_checked:
                    act.setText(tr(spec.text_checked if act.isChecked() else spec.text))
        finally:
            self._refreshing = False

    def shortcut_rows(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(menu title, [(keys, what)]) for every action that has a shortcut."""
        out = []
        for key, title in MENUS:
            rows = [
                (
                    self.actions[s.name]
                    .shortcut()
                    .toString(QKeySequence.SequenceFormat.NativeText),
                    tr(s.text).replace("&", "").rstrip("."),
                )
                for s in self.specs.values()
                if s.menu == key and s.shortcut
            ]
            if rows:
                out.append((tr(title).replace("&", ""), rows))
        return out
