"""Exception types: one per kind of thing a user can get wrong.

Every user-facing error carries one clear sentence (file, line, what was expected); the CLI
prints that sentence and exits non-zero, never a traceback.
"""

from __future__ import annotations


class SynthesisError(Exception):
    """Base of every error the user should see as one sentence."""


class InputError(SynthesisError):
    """A file could not be imported; the study is unchanged."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        where = f"{source}, line {line}" if line is not None else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line


class StudyError(SynthesisError):
    """The study folder or an operation on it is not valid."""


class StoreError(StudyError):
    """The study's store could not be opened or could not save a change; nothing was written."""


class RefiError(SynthesisError):
    """A REFI-QDA file was refused; nothing was written."""


class AnalysisError(SynthesisError, ValueError):
    """An analysis was asked for something its data cannot give (a base larger than the study)."""
