"""Errors that carry their place: the core raises, the CLI and plugin report."""

from __future__ import annotations


class ArchiveError(Exception):
    """A problem in one input file, with where it is and what to do."""

    def __init__(self, path: str, line: int | None, message: str, hint: str = "") -> None:
        self.path = path
        self.line = line
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __reduce__(self) -> tuple[type, tuple[str, int | None, str, str]]:
        # Pickled by its fields, so it comes back whole from a worker process.
        return type(self), (self.path, self.line, self.message, self.hint)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" + (f" ({self.hint})" if self.hint else "")


class FatalError(ArchiveError):
    """A problem that stops every build, strict or not: building around it
    would change what other inputs mean (a name clash would drop an entry)."""
