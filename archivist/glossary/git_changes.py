"""Which files of a folder differ from the repository's default branch, when git can tell.

When two glossary entries claim one name, the one a contribution added or
changed is the one to blame, whatever the files are called. Outside a git
checkout, or without a default branch, nothing is known (``None``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

# Tried in order; a clone has origin/HEAD, a fresh repository its local branch.
DEFAULT_BRANCHES = ("refs/remotes/origin/HEAD", "refs/heads/main", "refs/heads/master")


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def changed_files(folder: Path) -> set[Path] | None:
    """Files under ``folder`` that differ from the default branch (committed on
    this branch, staged, edited or new), resolved; ``None`` when git cannot tell."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    base = next((ref for ref in DEFAULT_BRANCHES if _git(folder, "rev-parse", "--verify", "-q", ref)), None)
    if base is None:
        return None
    fork = (_git(folder, "merge-base", "HEAD", base) or "").strip() or base
    changed = _git(folder, "diff", "--name-only", "--no-renames", fork, "--", ".")
    new = _git(folder, "ls-files", "--others", "--exclude-standard", "--full-name", "--", ".")
    if changed is None or new is None:
        return None
    root = Path(top.strip())
    return {(root / name).resolve() for name in (changed + new).splitlines() if name}
