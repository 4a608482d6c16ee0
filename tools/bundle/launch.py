"""Entry point of the PyInstaller bundle (tools/bundle/ross-explorer.spec).

The model importer runs `sys.executable -m models3d._import_worker` in a separate
process; in the bundle sys.executable is this program, so that command line is
answered here instead of by main.py's argument parser."""

import sys

if sys.argv[1:3] == ["-m", "models3d._import_worker"]:
    from models3d._import_worker import main as worker

    sys.argv = [sys.argv[0], *sys.argv[3:]]
    sys.exit(worker())

from main import main

sys.exit(main())
