"""The package's folders follow the data flow, and no import runs back up it.

A newcomer reads the stages from the folder names (ingest, clean, glossary,
render, export, build, preserve, site); this test holds the code to that
reading: a module imports only from its own stage, from the stages before it,
or from the shared types and helpers, wherever the import stands (inside a
function or under ``TYPE_CHECKING`` included).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import archivist

PACKAGE = Path(archivist.__file__).parent
SHARED = {"errors", "model", "rights", "progress", "common"}
FLOW = ["ingest", "clean", "glossary", "render", "export", "build", "preserve", "site", "cli"]


def stage(dotted: str) -> int:
    """The place of ``archivist.<first>...`` in the flow; -1 for the shared modules."""
    first = dotted.split(".")[1] if "." in dotted else ""
    return -1 if first in SHARED or first in ("", "__init__") else FLOW.index(first)


def imports(path: Path) -> list[tuple[int, str]]:
    """Every ``archivist`` module ``path`` imports, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("archivist"):
            if node.module == "archivist":
                found += [(node.lineno, f"archivist.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("archivist.")]
    return found


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_every_module_sits_in_a_stage_folder_or_is_shared() -> None:
    for path in modules():
        rel = path.relative_to(PACKAGE).with_suffix("")
        first = rel.parts[0]
        assert first in SHARED or first in FLOW or first == "__init__", f"{rel}: not in a stage folder"


def test_no_import_runs_back_up_the_flow() -> None:
    wrong = []
    for path in modules():
        rel = path.relative_to(PACKAGE)
        own = stage("archivist." + ".".join(rel.with_suffix("").parts))
        for line, target in imports(path):
            if stage(target) > own:
                wrong.append(f"archivist/{rel.as_posix()}:{line}: imports {target}, a later stage")
    assert not wrong, "\n".join(wrong)


def test_relative_imports_are_not_used() -> None:
    """Absolute imports name the stage a module comes from; a relative one hides it."""
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not [n.lineno for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level], path


def test_each_stage_says_what_goes_in_and_what_comes_out() -> None:
    for name in [*FLOW[:-1], "common"]:
        doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.split()) >= 8, f"archivist/{name}/__init__.py has no docstring"


def test_site_paths_are_written_in_one_module() -> None:
    """An article's or a term's place in the site (``articles/{id}/``, ``glossary/{id}.md``)
    is spelled out only in ``common/site_paths.py``: moving it there moves it everywhere."""
    spelled = re.compile(r"""f["'][^"'\n]*(?<![\w./])(articles|glossary)/\{""")  # not archive/articles/
    found = [
        f"{path.relative_to(PACKAGE)}:{n}"
        for path in modules()
        if path.name != "site_paths.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if spelled.search(line)
    ]
    assert not found, found
