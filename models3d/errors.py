"""The project's error types: one base, one subclass per kind of input or output.

Every error a user can cause (a broken plan or tour file, a model that cannot be
imported, an export that cannot be written, a bad command-line value) derives from
`RossError`. Its message is one or more complete lines that name the input and the
problem, so the command line prints it and exits with code 2, and the app shows it
in a dialog and the status bar, without a traceback.
"""

from __future__ import annotations

from pathlib import Path


class RossError(Exception):
    """A problem with something the user gave us; str(exc) is the message to show."""


class FileProblemsError(RossError):
    """A file that cannot be used, with every reason found in it (`problems`): the
    message is the file's name and the count, then one line per problem."""

    def __init__(self, path: str | Path, problems: list[str]):
        self.path = str(path)
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{Path(self.path).name}: {count} problem" + ("s" if count != 1 else "")
        super().__init__(head + "\n" + "\n".join(f"  - {p}" for p in self.problems))


class PlanError(FileProblemsError):
    """A plan file that cannot be used; `problems` lists every reason."""


class ImportRefusedError(RossError):
    """A model file that cannot be imported; the message names the file and why."""


class ExportError(RossError):
    """An export that cannot be made or written; nothing was left behind."""


class UsageError(RossError):
    """A value on the command line or in settings that cannot be used."""


class TourError(FileProblemsError):
    """A tour file that cannot be used; `problems` lists every reason (as PlanError)."""
