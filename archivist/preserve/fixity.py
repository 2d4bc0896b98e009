"""Fixity: the sha256 of every file in a folder, in BagIt manifest format, and its check.

A manifest line is ``<sha256>  <path>``: the hex digest, two spaces, the
path relative to the folder with ``/`` between parts, sorted by path. That is
what BagIt's ``manifest-sha256.txt`` holds and what ``sha256sum -c`` reads, so
a librarian can check a copy of the site with either tool, or ours.

Pure functions: they read the folder and return data; only the caller writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from archivist.common.digest import sha256_file
from archivist.errors import ArchiveError

MANIFEST = "manifest-sha256.txt"

# BagIt (RFC 8493 §2.1.3) percent-encodes these in manifest paths: a path must stay on one line.
_ENCODE = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))


@dataclass(frozen=True)
class Mismatch:
    """A file that does not agree with the manifest, and how."""

    path: str  # relative to the folder, as in the manifest
    kind: Literal["missing", "changed", "extra"]
    expected: str | None = None  # sha256 the manifest lists
    found: str | None = None  # sha256 of the file on disk

    def __str__(self) -> str:
        if self.kind == "missing":
            return f"missing: {self.path} (listed in the manifest, not on disk)"
        if self.kind == "extra":
            return f"extra: {self.path} (on disk, not in the manifest)"
        return f"changed: {self.path} (manifest {self.expected}, file {self.found})"


def files_in(folder: Path, exclude: str = MANIFEST) -> list[str]:
    """Every file under ``folder`` as a relative POSIX path, sorted; ``exclude`` (top level) left out."""
    paths = (p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    return sorted(p for p in paths if p != exclude)


def compute(folder: Path, exclude: str = MANIFEST) -> dict[str, str]:
    """The sha256 of every file under ``folder`` (except the manifest itself), by relative path, sorted."""
    return {rel: sha256_file(folder / rel) for rel in files_in(folder, exclude)}


def _encode(path: str) -> str:
    for raw, encoded in _ENCODE:
        path = path.replace(raw, encoded)
    return path


def _decode(path: str) -> str:
    for raw, encoded in reversed(_ENCODE):
        path = path.replace(encoded, raw)
    return path


def format_manifest(digests: dict[str, str]) -> str:
    """``<sha256>  <path>`` lines, sorted by path: byte-identical for identical folders."""
    return "".join(f"{digests[rel]}  {_encode(rel)}\n" for rel in sorted(digests))


def parse_manifest(text: str, name: str = MANIFEST) -> dict[str, str]:
    """The digests a manifest lists, by path; a malformed line raises with its line number."""
    digests: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        digest, _, rest = line.partition(" ")
        rel = rest.lstrip(" \t").removeprefix("*")  # sha256sum's binary-mode marker
        if len(digest) != 64 or any(c not in "0123456789abcdefABCDEF" for c in digest) or not rel:
            raise ArchiveError(name, number, "not a '<sha256>  <path>' line", "regenerate it with a build")
        digests[_decode(rel)] = digest.lower()
    return digests


def verify(folder: Path, manifest: str = MANIFEST) -> list[Mismatch]:
    """Check ``folder`` against its manifest: every missing, changed and extra file, sorted by path.

    Raises ``ArchiveError`` when there is no manifest to check against."""
    path = folder / manifest
    if not path.is_file():
        raise ArchiveError(str(path), None, "no manifest", "build the site first, or name the folder that holds it")
    expected = parse_manifest(path.read_text(encoding="utf-8"), str(path))
    on_disk = set(files_in(folder, manifest))
    mismatches = []
    for rel in sorted(on_disk | set(expected)):
        if rel not in on_disk:
            mismatches.append(Mismatch(rel, "missing", expected=expected[rel]))
        elif rel not in expected:
            mismatches.append(Mismatch(rel, "extra"))
        else:
            found = sha256_file(folder / rel)
            if found != expected[rel]:
                mismatches.append(Mismatch(rel, "changed", expected[rel], found))
    return mismatches
