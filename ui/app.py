"""Start-up of the GUI: OpenGL format and context sharing before the QApplication
exists, the app icon and the desktop entry's id."""

from __future__ import annotations

import os
import sys
import time

from models3d.desktop import APP_ID, ICON_SIZES
from models3d.plan import Plan
from models3d.resources import asset

_T0 = time.perf_counter()


def _configure_qt() -> None:
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QSurfaceFormat

    fmt = QSurfaceFormat()
    fmt.setDepthBufferSize(24)
    fmt.setSamples(0)  # MSAA costs 2-2.5x per frame on a software renderer
    QSurfaceFormat.setDefaultFormat(fmt)
    # pyqtgraph compiles shaders per context; share so that a second view works
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


def app_icon():
    """The app's icon (assets/icons, hicolor layout) at every size it is drawn at."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for n in ICON_SIZES:
        path = asset("icons", "hicolor", f"{n}x{n}", "apps", f"{APP_ID}.png")
        icon.addFile(str(path), QSize(n, n))
    return icon


def run(
    plan: Plan,
    phase: int | None,
    quit_after_first_frame: bool = False,
    restore: bool = True,
    language: str | None = None,
) -> int:
    _configure_qt()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("ROSS Explorer")
    app.setOrganizationName("ROSS Explorer")
    # the desktop entry's id: Wayland compositors match the window to it by this name
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    from . import i18n
    from .main_window import MainWindow
    from .settings import CheckedSettings

    codes = ("system", *i18n.LANGUAGES)
    choice = language or CheckedSettings().choice("language", codes, "system")
    lang = i18n.install(app, None if choice == "system" else choice)
    from . import crash

    crash.install()  # from here on an unexpected error is logged and shown, not fatal
    window = MainWindow(plan, phase, restore=restore, language=lang)
    if quit_after_first_frame:

        def first_frame():
            ms = (time.perf_counter() - _T0) * 1000
            st = window.model
            print(
                f"first frame after {ms:.0f} ms: {st.plan.id} phase {st.phase + 1}, "
                f"{len(st.modules())} modules",
                flush=True,
            )
            app.quit()

        window.view.frameSwapped.connect(first_frame)
    window.show()
    code = app.exec()
    if quit_after_first_frame:
        sys.stdout.flush()
        os._exit(code)  # skip GL teardown at exit: the smoke test only checks start-up
    return code


def start(args, default_plan: str) -> int:
    """The app as the command line starts it: the plan and phase asked for, else the
    last ones shown, else the default; a broken remembered plan falls back with a
    warning; no display gives one line instead of Qt's abort."""
    from models3d.console import display_problem, err, fail, load, out, phase_of
    from models3d.errors import RossError
    from ui.settings import reset_settings, settings

    if args.reset_settings:
        out(f"settings reset ({reset_settings()})\n")
    saved = settings()
    key = args.plan or saved.value("plan") or default_plan
    try:
        plan = load(str(key))  # fail before any window appears
    except RossError as exc:
        if args.plan:
            raise
        # the remembered plan is gone or broken: say so and open the default one
        err(
            f"warning: the last plan '{key}' could not be opened "
            f"({str(exc).splitlines()[0]}); opening {default_plan}"
        )
        plan = load(default_plan)
    if args.phase is not None:
        phase = phase_of(plan, args.phase)
    else:
        remembered = (
            saved.value("phase")
            if not args.plan and key == saved.value("plan")
            else None
        )
        try:
            phase = (
                plan.phase_index(int(remembered) + 1)
                if remembered is not None
                else None
            )
        except (KeyError, ValueError, TypeError, OverflowError):
            phase = None
        phase = len(plan.phases) - 1 if phase is None else phase
    problem = display_problem()
    if problem:
        return fail(f"the app needs a display: {problem}")
    return run(
        plan,
        phase,
        quit_after_first_frame=args.quit_after_first_frame,
        restore=not args.reset_settings,
        language=args.lang,
    )
