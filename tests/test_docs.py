"""The docs name everything a user can set or run, as Datasette's tests keep its docs: each plugin
option, ``archive`` command and flag, environment variable the package reads, and ``make`` target
is found in the real sources (the plugin's config scheme, the argparse parser, a scan of the
package, the Makefile) and looked for in README.md and the pages it links. Adding one without
its docs fails here, naming it."""

from __future__ import annotations

import argparse
import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from archivist.cli import parser
from archivist.site.plugin import ArchivePlugin

from .conftest import ROOT

# -- the docs ----------------------------------------------------------------------------------------


def linked_pages(start: Path = ROOT / "README.md") -> list[Path]:
    """README.md and every Markdown file of the repository it links, directly or through another."""
    found, queue = [start], [start]
    while queue:
        page = queue.pop()
        for target in re.findall(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            path = (page.parent / target).resolve()
            if path.is_file() and path.is_relative_to(ROOT) and path not in found:
                found.append(path)
                queue.append(path)
    return found


FENCE = re.compile(r"^```.*?^```", re.M | re.S)
SPAN = re.compile(r"`([^`\n]+)`")


def code_text(markdown: str) -> str:
    """What the docs show as code (fenced blocks and `spans`), where names are written as typed."""
    blocks = FENCE.findall(markdown)
    spans = SPAN.findall(FENCE.sub("", markdown))
    return "\n".join(blocks + spans)


@dataclass(frozen=True)
class Section:
    page: str
    heading: str
    code: str


def sections(pages: list[Path]) -> list[Section]:
    """Each heading's text, down to the next heading of its level or above."""
    found = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        headings = list(re.finditer(r"^(#+)\s+(.*)$", FENCE.sub(lambda m: " " * len(m[0]), text), re.M))
        for i, heading in enumerate(headings):
            level = len(heading[1])
            end = next((h.start() for h in headings[i + 1 :] if len(h[1]) <= level), len(text))
            found.append(Section(page.name, heading[2], code_text(text[heading.end() : end])))
    return found


PAGES = linked_pages()
CODE = "\n".join(code_text(page.read_text(encoding="utf-8")) for page in PAGES)
SECTIONS = sections(PAGES)
WHERE = " or ".join(page.name for page in PAGES)


def shown(name: str, code: str = CODE) -> bool:
    """``name`` written as code, not as part of a longer name (``bench`` is not ``bench-clean``)."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", code) is not None


# -- plugin options ----------------------------------------------------------------------------------

OPTIONS = [name for name, _ in ArchivePlugin.config_scheme]


@pytest.mark.parametrize("option", OPTIONS)
def test_every_plugin_option_is_documented_as_mkdocs_yml_takes_it(option: str) -> None:
    assert shown(f"{option}:"), f"the plugin option {option} is not shown as `{option}: ...` in {WHERE}"


# -- the archive command -----------------------------------------------------------------------------


def commands() -> dict[str, argparse.ArgumentParser]:
    (subcommands,) = (a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(subcommands.choices)


def arguments() -> list[tuple[str, str]]:
    """Each command's flags (``--json``) and the placeholders of its positional arguments (``FILE``)."""
    found = []
    for name, command in commands().items():
        for action in command._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            flags = [flag for flag in action.option_strings if flag.startswith("--")]
            found.extend((name, flag) for flag in flags or [action.metavar or action.dest.upper()])
    return found


def command_sections(command: str) -> list[Section]:
    return [s for s in SECTIONS if re.search(rf"\barchive {command}\b", s.heading)]


@pytest.mark.parametrize("command", list(commands()))
def test_every_archive_command_has_a_section(command: str) -> None:
    assert command_sections(command), f"no heading names `archive {command}` in {WHERE}"


@pytest.mark.parametrize("command, argument", arguments(), ids=[" ".join(a) for a in arguments()])
def test_every_flag_is_documented_under_its_command(command: str, argument: str) -> None:
    headings = [f"{s.page}: {s.heading}" for s in command_sections(command)] or [f"a heading `archive {command}`"]
    assert any(shown(argument, s.code) for s in command_sections(command)), (
        f"archive {command} {argument} is not shown as code under {', '.join(headings)}"
    )


# -- environment variables ---------------------------------------------------------------------------


def environment_reads(source: str, path: str) -> list[tuple[str, str]]:
    """Each environment variable the module reads, with where: ``os.environ.get(NAME)``,
    ``os.environ[NAME]``, ``NAME in os.environ``, ``os.getenv(NAME)``, and the same through a
    parameter named ``environ``; ``NAME`` a string or a module-level constant holding one. A read
    whose name cannot be told is returned as ``?`` so that the test fails, saying where."""
    tree = ast.parse(source)
    constants = {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }

    def is_environ(node: ast.expr) -> bool:
        return (isinstance(node, ast.Attribute) and node.attr == "environ") or (
            isinstance(node, ast.Name) and node.id == "environ"
        )

    def name_of(node: ast.expr) -> str:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        return constants.get(node.id, "?") if isinstance(node, ast.Name) else "?"

    reads = []
    for node in ast.walk(tree):
        key = None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            if (node.func.attr in ("get", "pop", "setdefault") and is_environ(node.func.value)) or (
                node.func.attr == "getenv"
            ):
                key = node.args[0]
        elif isinstance(node, ast.Subscript) and is_environ(node.value) and isinstance(node.ctx, ast.Load):
            key = node.slice
        elif isinstance(node, ast.Compare) and any(is_environ(c) for c in node.comparators):
            key = node.left
        if key is not None:
            reads.append((name_of(key), f"{path}:{node.lineno}"))
    return reads


def package_environment() -> dict[str, str]:
    found: dict[str, str] = {}
    for module in sorted((ROOT / "archivist").rglob("*.py")):
        for name, where in environment_reads(module.read_text(encoding="utf-8"), str(module.relative_to(ROOT))):
            found.setdefault(name if name != "?" else f"? at {where}", where)
    return found


def test_the_scan_finds_each_way_of_reading_the_environment() -> None:
    source = (
        "import os\n"
        'VARIABLE = "FROM_CONSTANT"\n'
        'a = os.environ.get("GOT")\n'
        'b = os.environ["INDEXED"]\n'
        'c = "TESTED" in os.environ\n'
        'd = os.getenv("GETENV")\n'
        "e = os.environ.get(VARIABLE)\n"
        'def f(environ=os.environ): return environ.get("PARAMETER")\n'
        "g = os.environ.get(compute())\n"
        'os.environ["WRITTEN"] = "1"\n'
    )
    reads = [name for name, _ in environment_reads(source, "m.py")]
    assert sorted(reads) == sorted(["GOT", "INDEXED", "TESTED", "GETENV", "FROM_CONSTANT", "PARAMETER", "?"])


ENVIRONMENT = package_environment()


@pytest.mark.parametrize("variable", sorted(ENVIRONMENT))
def test_every_environment_variable_the_package_reads_is_documented(variable: str) -> None:
    assert not variable.startswith("?"), f"an environment variable read {variable} has no name the scan can tell"
    assert shown(variable), f"{variable} (read at {ENVIRONMENT[variable]}) is not shown as code in {WHERE}"


# -- make targets ------------------------------------------------------------------------------------

TARGETS = re.findall(r"^([A-Za-z][\w-]*)\s*:(?!=)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)


def test_the_makefile_s_targets_are_found() -> None:
    assert {"site", "test", "setup", "clean"} <= set(TARGETS) and "PYTHON" not in TARGETS


@pytest.mark.parametrize("target", TARGETS)
def test_every_make_target_is_documented(target: str) -> None:
    assert shown(f"make {target}"), f"`make {target}` is not shown as code in {WHERE}"
