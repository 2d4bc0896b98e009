"""Names claimed by two glossary entries: each mention can link to one entry only.

A clash is never settled by leaving an entry out (which one would depend on
file names, and every mention of the other would link to the wrong page): it
stops the build, and the message names the entry that introduced it, the one
that differs from the default branch when git can tell, otherwise both.
"""

from __future__ import annotations

from collections.abc import Callable

from archivist.errors import FatalError
from archivist.glossary.model import Entry


def clashes(entries: list[Entry], changed: Callable[[], set[str] | None]) -> list[FatalError]:
    """A problem for every name two entries claim (compared in any case);
    ``changed()`` gives the shown paths that differ from the default branch, or None."""
    claimed: dict[str, Entry] = {}
    pairs: list[tuple[str, Entry, Entry]] = []  # (name, first claim, later claim)
    for entry in entries:
        for name in entry.names:
            other = claimed.setdefault(name.lower(), entry)
            if other.id != entry.id:
                pairs.append((name, other, entry))
    if not pairs:
        return []
    known = changed()
    problems = []
    for name, one, two in pairs:
        blamed = [e for e in (one, two) if known is not None and e.path in known]
        for entry in blamed if len(blamed) == 1 else [one, two]:
            other = two if entry is one else one
            other_name = next((n for n in other.names if n.lower() == name.lower()), name)
            where = f"{other.path}:{other.line_of(f'name:{other_name}')}"
            problems.append(
                FatalError(
                    entry.path,
                    entry.line_of(f"name:{next(n for n in entry.names if n.lower() == name.lower())}"),
                    f"'{name}' is also a name of '{other.id}' ({where})",
                    "a name links to one entry only: keep it in one of them",
                )
            )
    return problems
