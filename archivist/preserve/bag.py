"""A BagIt bag of the archive, for a library's preservation system.

Under ``data/`` the bag holds:

- ``archive/articles/<id>/original.*`` and ``article.yml``: the captures, byte
  for byte, and the curator's notes, at the paths the export's ``source``
  field names;
- ``cleaned/<id>.txt``: each article's cleaned text (its title, a blank line,
  then its body blocks separated by blank lines; a section break is ``* * *``);
- ``articles.json``: the metadata export, the same bytes as the site's
  ``data/articles.json``;
- ``archive/glossary/*.md``: the glossary entries.

When originals were imported from web captures (``archive import``), the tag
file ``captures-sha256.txt`` gives each WARC or WACZ file's SHA-256.

``bag-info.txt`` names the archive's rights statement (``Rights-Statement``,
a rightsstatements.org URI, and ``Rights-Label``) and the takedown contact;
the tag file ``rights.txt`` gives each article's statement (``<URI>  <the
article's folder>`` lines), as ``articles.json``'s ``rights`` does.

The bag is reproducible: with ``SOURCE_DATE_EPOCH`` set, two bags of the same
archive are identical, Bagging-Date included.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import bagit

from archivist.build.pipeline import Output
from archivist.errors import ArchiveError
from archivist.export.web_annotation import plain_text
from archivist.model import Article
from archivist.rights import DEFAULT, Contact, Rights

CHECKSUMS = ("sha256", "sha512")
CAPTURES_TAG_FILE = "captures-sha256.txt"  # the SHA-256 of each WARC/WACZ file the originals came from
RIGHTS_TAG_FILE = "rights.txt"  # each article's rights statement
PAYLOAD = (
    "Payload: the captures as scraped, with curator notes (archive/articles/<id>/), "
    "the cleaned texts (cleaned/<id>.txt), the metadata export (articles.json) "
    "and the glossary (archive/glossary/)."
)


@dataclass(frozen=True)
class BagInfo:
    """What bag-info.txt says about the bag (Payload-Oxum is counted by bagit)."""

    organization: str
    description: str
    date: str  # ISO YYYY-MM-DD
    rights: Rights = Rights(DEFAULT)
    takedown: Contact | None = None

    def fields(self) -> dict[str, str]:
        fields = {
            "Source-Organization": self.organization,
            "External-Description": self.description,
            "Bagging-Date": self.date,
            "Rights-Statement": self.rights.uri,
            "Rights-Label": self.rights.label,
        }
        if self.takedown:
            fields["Takedown-Contact"] = self.takedown.href
            if self.takedown.email:
                fields["Contact-Email"] = self.takedown.email  # a field BagIt reserves (RFC 8493, 2.2.2)
        return fields


def bagging_date(environ: Mapping[str, str] = os.environ) -> str:
    """Today (UTC), or the day of ``SOURCE_DATE_EPOCH`` when it is set, for reproducible bags."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
        except (ValueError, OverflowError, OSError) as exc:
            raise ArchiveError("SOURCE_DATE_EPOCH", None, f"not a Unix time: {epoch!r}", "seconds since 1970") from exc
    return datetime.now(UTC).date().isoformat()


def cleaned_text(article: Article) -> str:
    """The article as plain text: title line, blank line, the body blocks' text (the text
    the annotations' positions count in, data/annotations.jsonld)."""
    return plain_text(article)


def payload(root: Path, output: Output) -> dict[str, bytes]:
    """Every file of the bag's payload, by path under ``data/``, sorted.

    Every original and curator file under ``root/articles`` goes in, even of
    an article the build had a problem with: the bag preserves the captures."""
    files: dict[str, bytes] = {}
    for path in sorted((root / "articles").glob("*/*")):
        if path.is_file() and (path.name.startswith("original.") or path.name == "article.yml"):
            files[f"{root.name}/{path.relative_to(root).as_posix()}"] = path.read_bytes()
    for path in sorted((root / "glossary").glob("*.md")):
        files[f"{root.name}/glossary/{path.name}"] = path.read_bytes()
    for article in output.articles:
        files[f"cleaned/{article.id}.txt"] = cleaned_text(article).encode("utf-8")
    files["articles.json"] = output.files["data/articles.json"]
    return dict(sorted(files.items()))


def ensure_empty(out: Path) -> None:
    """A bag is written whole, never over or beside other files."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ArchiveError(str(out), None, "is not an empty folder", "name a new or empty one: a bag is written whole")


def capture_hashes(articles: Iterable[Article]) -> str:
    """The tag file of the web captures the originals were imported from: ``<sha256>  <file>`` lines,
    sorted (a WARC inside a WACZ as ``<file>!<warc>``), as in a manifest; "" when there are none."""
    lines = set()
    for article in articles:
        capture = article.capture
        if capture:
            lines.add(f"{capture.sha256}  {capture.file}\n")
            if capture.warc:
                lines.add(f"{capture.warc_sha256}  {capture.file}!{capture.warc}\n")
    return "".join(sorted(lines, key=lambda line: line.split("  ", 1)[1]))


def rights_tags(articles: Iterable[Article]) -> str:
    """The tag file of each article's rights statement: ``<URI>  data/archive/articles/<id>/`` lines
    (the folder of its original in the payload), by id."""
    rows = sorted((a.id, a.source_path.rsplit("/", 1)[0], a.rights.uri) for a in articles if a.rights)
    return "".join(f"{uri}  data/{folder}/\n" for _, folder, uri in rows)


def write_bag(out: Path, files: dict[str, bytes], info: BagInfo, captures: str = "", rights: str = "") -> bagit.Bag:
    """Write ``files`` as the payload of a new bag in ``out`` (absent or empty); ``captures``
    (``capture_hashes``) and ``rights`` (``rights_tags``) go beside bag-info.txt as tag files
    when there is any."""
    ensure_empty(out)
    out.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    bag = bagit.make_bag(str(out.resolve()), info.fields(), checksums=list(CHECKSUMS))
    tags = {CAPTURES_TAG_FILE: captures, RIGHTS_TAG_FILE: rights}
    for name, text in tags.items():
        if text:
            (out / name).write_text(text, encoding="utf-8")
    if any(tags.values()):
        bag.save()  # the tag manifests now cover the tag files too
    for algorithm in CHECKSUMS:  # bagit lists tag files in directory order: sort them, for identical bags
        tagmanifest = out / f"tagmanifest-{algorithm}.txt"
        lines = sorted(tagmanifest.read_text(encoding="utf-8").splitlines(keepends=True), key=lambda s: s.split(" ")[1])
        tagmanifest.write_text("".join(lines), encoding="utf-8")
    return bag
