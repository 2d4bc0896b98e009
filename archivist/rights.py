"""Rights statements and the takedown contact: what a reader may do with an article, and whom to ask.

The statements are the twelve of rightsstatements.org (version 1.0), the
vocabulary DPLA and Europeana use for digitised items whose rights a library
states but does not hold. Metadata names a statement by its URI
(``http://rightsstatements.org/vocab/InC/1.0/``: the vocabulary's own form,
http included, as its technical white paper asks); pages show its label and
link to it. An archive sets one in ``mkdocs.yml`` (the archive plugin's
``rights``), an article may set its own in ``article.yml`` (``rights:``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archivist.errors import ArchiveError

VOCAB = "http://rightsstatements.org/vocab/"
VERSION = "1.0"

# Each statement's identifier and English label, as the vocabulary gives them
# (rights-statements.ttl, skos:prefLabel @en).
STATEMENTS = {
    "InC": "In Copyright",
    "InC-OW-EU": "In Copyright - EU Orphan Work",
    "InC-EDU": "In Copyright - Educational Use Permitted",
    "InC-NC": "In Copyright - Non-Commercial Use Permitted",
    "InC-RUU": "In Copyright - Rights-holder(s) Unlocatable or Unidentifiable",
    "NoC-CR": "No Copyright - Contractual Restrictions",
    "NoC-NC": "No Copyright - Non-Commercial Use Only",
    "NoC-OKLR": "No Copyright - Other Known Legal Restrictions",
    "NoC-US": "No Copyright - United States",
    "CNE": "Copyright Not Evaluated",
    "UND": "Copyright Undetermined",
    "NKC": "No Known Copyright",
}
# An archive that names none: the statement that claims nothing about the articles.
DEFAULT = "CNE"

_BY_LOWER = {key.lower(): key for key in STATEMENTS}
# The URI, its https twin and the human page's address (/page/ for /vocab/), with or without the last "/".
_URI = re.compile(r"^https?://rightsstatements\.org/(?:vocab|page)/([A-Za-z-]+)/1\.0/?(?:\?.*)?$")
_EMAIL = re.compile(r"^[^@\s<>\"'`()\[\]]+@[^@\s<>\"'`()\[\]]+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


@dataclass(frozen=True)
class Rights:
    """One rightsstatements.org statement."""

    id: str  # "InC", "NoC-US", ...

    @property
    def uri(self) -> str:
        return f"{VOCAB}{self.id}/{VERSION}/"

    @property
    def label(self) -> str:
        return STATEMENTS[self.id]

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "uri": self.uri, "label": self.label}


@dataclass(frozen=True)
class Contact:
    """Where to ask for an article to be taken down: an email address or a web page."""

    href: str  # mailto:... or http(s)://...
    text: str  # as a reader sees it: the address, or the page's URL

    @property
    def email(self) -> str:
        return self.href.removeprefix("mailto:") if self.href.startswith("mailto:") else ""


def valid_list() -> str:
    """The statements' identifiers with their labels, for a hint."""
    return "; ".join(f"{key} ({label})" for key, label in STATEMENTS.items())


def statement(value: object, path: str, line: int | None, what: str = "rights") -> Rights:
    """The statement ``value`` names (its identifier or URI, any case); an ArchiveError naming ``path:line`` if none."""
    text = str(value).strip() if isinstance(value, str) else ""
    match = _URI.match(text)
    key = _BY_LOWER.get((match.group(1) if match else text).lower())
    if key is None:
        shown = repr(value) if isinstance(value, str) else f"{value!r} (not a text)"
        raise ArchiveError(
            path,
            line,
            f"'{what}': {shown} is not a rightsstatements.org statement",
            f"write one of {valid_list()}, or its URI, e.g. {VOCAB}InC/{VERSION}/",
        )
    return Rights(key)


def contact(value: object, path: str, line: int | None, what: str = "takedown") -> Contact | None:
    """The takedown contact ``value`` names (an email address, a mailto: or an http(s) address); None for ''."""
    if value is None or value == "":
        return None
    text = value.strip() if isinstance(value, str) else ""
    address = text.removeprefix("mailto:")
    if _EMAIL.match(address):
        return Contact(f"mailto:{address}", address)
    if _URL.match(text):
        # Parentheses percent-encoded: the same address, and it cannot end a Markdown link early.
        return Contact(text.replace("(", "%28").replace(")", "%29"), text)
    raise ArchiveError(
        path,
        line,
        f"'{what}': {value!r} is neither an email address nor a web address",
        "write an address such as archive@example.org or https://example.org/takedown",
    )
