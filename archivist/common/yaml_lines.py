"""YAML read with the line of every value, and its errors told in plain words.

Contributors' files are reported by line. ``yaml.safe_load`` forgets where
each value was and silently keeps the last of two equal keys; PyYAML's
composed nodes keep both (``start_mark``), so the check can point at the line
that holds the problem.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

Path = tuple[object, ...]  # keys and list indices from the document's root


@dataclass(frozen=True)
class Duplicate:
    """A key written twice in one mapping: the later line wins in YAML, silently."""

    path: Path
    line: int
    first_line: int


@dataclass(frozen=True)
class Located:
    """A YAML document's data with the (1-based) line of each of its values."""

    data: object
    lines: dict[Path, int]
    duplicates: tuple[Duplicate, ...] = ()

    def line(self, *path: object) -> int:
        """The line of the value at ``path``, else of its nearest parent (1 for the root)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class Loader(yaml.SafeLoader):
    """SafeLoader, but an impossible unquoted date (``2020-13-01``) reads as its text,
    for the check to report at its line, where PyYAML raises a bare ValueError."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    """A date or time as PyYAML reads one; its text when it is no real date."""
    assert isinstance(node, yaml.ScalarNode)  # the resolver tags only scalars as timestamps
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return loader.construct_scalar(node)


Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


class Lenient(Loader):
    """A config such as mkdocs.yml may hold tags (``!ENV``, ``!!python/name:``): read them as null."""


Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def load(text: str, lenient: bool = False) -> Located:
    """Parse ``text`` (``lenient``: any tag reads as null); raises ``yaml.YAMLError`` (see ``plain_problem``)."""
    loader = (Lenient if lenient else Loader)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    duplicates: list[Duplicate] = []
    if node is not None:
        _walk(node, (), lines, duplicates)
    return Located(data, lines, tuple(duplicates))


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int], duplicates: list[Duplicate]) -> None:
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            line = key_node.start_mark.line + 1
            if key in seen:
                duplicates.append(Duplicate(path + (key,), line, seen[key]))
                continue  # the first one's lines stay: the value kept is reported at the later line
            seen[key] = line
            lines[path + (key,)] = line
            # A value on its own lines (a list under its key) is found at its first item.
            _walk(value_node, path + (key,), lines, duplicates)
            if isinstance(value_node, yaml.ScalarNode):
                lines[path + (key,)] = value_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, duplicates)


# PyYAML's wording -> (what went wrong, how to fix it), in a contributor's words.
# Matched on the parser's "problem" or "context" text; the first match wins.
_PLAIN = (
    ("while scanning a quoted scalar", "a quoted text is not closed", "end it with the same quote mark it starts with"),
    ("while parsing a flow sequence", "a list opened with '[' is not closed", "close it with ']' on the same line"),
    ("while parsing a flow mapping", "a group opened with '{' is not closed", "close it with '}' on the same line"),
    ("found character '\\t'", "a tab character is used for indentation", "indent with spaces only"),
    ("mapping values are not allowed here", "a second ': ' on one line", "put the whole value in quotes"),
    ("could not find expected ':'", "a line is not 'field: value'", "add the colon, or put the text in quotes"),
    ("while parsing a block mapping", "a line is indented differently from the fields around it", "line it up"),
    ("while parsing a block collection", "a list item is indented differently from the others", "line it up"),
    ("while scanning a block scalar", "text follows a closing quote, or a '|' or '>'", "put the whole value in quotes"),
    ("that cannot start any token", "a value starts with a character YAML reserves", "put the value in quotes"),
    ("found undefined alias", "a value starts with '*'", "put the value in quotes"),
)
# Where the problem starts, not where the parser gave up (often the end of the file).
_AT_CONTEXT = ("while scanning a quoted scalar", "while parsing a flow sequence", "while parsing a flow mapping")


def plain_problem(exc: yaml.YAMLError) -> tuple[int, str, str]:
    """(line, problem, hint) of a YAML error, in plain words."""
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    line = problem_mark.line + 1 if problem_mark is not None else 1
    for words, what, hint in _PLAIN:
        if words in problem or words in context:
            if words in _AT_CONTEXT and context_mark is not None:
                line = context_mark.line + 1
            return line, what, hint
    return line, "the fields cannot be read", "check indentation, colons and quotes"
