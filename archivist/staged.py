"""Run the pipeline in a child process that writes its output to a folder.

A large archive's pipeline holds every article, page and data file at once
(over a gigabyte at 10,000 articles), and a Python process keeps most of
what it has freed. Run in a child, the pipeline's memory goes back to the
system when it exits, before MkDocs renders the pages; MkDocs then reads each
generated page from the folder as it needs it. The child sends back only
what the build needs to know: the paths it wrote, the problems it found, the
files contributors edit, and how long each stage took.
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .pipeline import build, write_tree
from .progress import Progress


@dataclass(frozen=True)
class Staged:
    """The pipeline's output, written under ``folder``."""

    folder: Path
    pages: tuple[str, ...]  # site paths of generated Markdown pages
    files: tuple[str, ...]  # site paths of other generated files
    edit_paths: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()  # as messages: "path:line: what, (hint)"
    fatal: tuple[str, ...] = ()  # those of the problems that stop the build, strict or not
    timings: dict[str, float] = field(default_factory=dict)
    articles: int = 0
    cleaned: int = 0

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(  # type: ignore[no-untyped-def]
    conn, root: Path, cache_dir: Path | None, site_name: str, site_url: str, workers: int, folder: Path, repo_url: str
) -> None:
    try:
        output = build(root, cache_dir, site_name, site_url, Progress(), workers, repo_url)
        write_tree(output, folder)
        conn.send(
            Staged(
                folder,
                tuple(output.pages),
                tuple(output.files),
                dict(output.edit_paths),
                tuple(str(p) for p in output.problems),
                tuple(str(p) for p in output.fatal),
                dict(output.timings),
                len(output.articles),
                output.cleaned,
            )
        )
    except BaseException:  # noqa: BLE001 - everything goes back to the parent, which raises it
        conn.send(traceback.format_exc())
    finally:
        conn.close()


def build_staged(
    root: Path, cache_dir: Path | None, site_name: str, site_url: str, workers: int, repo_url: str = ""
) -> Staged:
    """``pipeline.build`` in a child process, its pages and files written to a
    new temporary folder (the caller removes it with ``Staged.remove``)."""
    folder = Path(tempfile.mkdtemp(prefix="archive-build-"))
    context = multiprocessing.get_context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run, args=(send, root, cache_dir, site_name, site_url, workers, folder, repo_url))
    child.start()
    send.close()
    try:
        result = receive.recv()
    except EOFError:
        result = None
    child.join()
    if result is None:
        result = f"its process ended without an answer (exit code {child.exitcode})"
    if isinstance(result, Staged):
        return result
    shutil.rmtree(folder, ignore_errors=True)
    raise RuntimeError(f"the archive pipeline failed:\n{result}")
