"""The archive's settings in ``mkdocs.yml``, for the commands that run without MkDocs.

``archive build``, ``archive check`` and ``archive bag`` read the same
settings the plugin gets from MkDocs: the site's name, description and
``site_url``, and the archive plugin's ``rights`` and ``takedown`` options.
The file is read leniently (MkDocs' own tags such as ``!ENV`` read as null)
and with the line of each value, so a bad option is reported at its line.
``INHERIT`` is followed as MkDocs does: a key the file sets replaces the
parent's (a ``plugins`` list replaces the parent's list whole).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from archivist.build.pipeline import DEFAULT_SITE_NAME
from archivist.common import yaml_lines
from archivist.errors import ArchiveError
from archivist.rights import DEFAULT, Contact, Rights, contact, statement

PLUGIN = "archive"


@dataclass(frozen=True)
class SiteConfig:
    name: str = DEFAULT_SITE_NAME
    description: str = ""
    url: str = ""  # site_url, "" when unset
    rights: Rights = field(default_factory=lambda: Rights(DEFAULT))
    takedown: Contact | None = None


def _plugin_options(doc: yaml_lines.Located) -> tuple[dict[object, object], tuple[object, ...]]:
    """The archive plugin's options and their path in the document (``plugins`` as a list or a mapping)."""
    plugins = doc.data.get("plugins") if isinstance(doc.data, dict) else None
    if isinstance(plugins, dict):
        options = plugins.get(PLUGIN)
        return (options if isinstance(options, dict) else {}), ("plugins", PLUGIN)
    for i, entry in enumerate(plugins if isinstance(plugins, list) else []):
        if isinstance(entry, dict) and PLUGIN in entry:
            options = entry[PLUGIN]
            return (options if isinstance(options, dict) else {}), ("plugins", i, PLUGIN)
    return {}, ()


def load(path: Path) -> tuple[SiteConfig, list[ArchiveError]]:
    """The settings of ``path`` (defaults where it is missing or silent) and the problems found, each with its line."""
    if not path.is_file():
        return SiteConfig(), []
    shown = path.as_posix()
    try:
        doc = yaml_lines.load(path.read_text(encoding="utf-8"), lenient=True)
    except yaml.YAMLError as exc:
        line, problem, hint = yaml_lines.plain_problem(exc)
        return SiteConfig(), [ArchiveError(shown, line, f"invalid YAML: {problem}", hint)]
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[ArchiveError]
    parent, problems = SiteConfig(), []
    if isinstance(data.get("INHERIT"), str):
        parent, problems = load(path.parent / data["INHERIT"])
    rights, takedown = parent.rights, parent.takedown
    if "plugins" in data:
        options, where = _plugin_options(doc)
        rights, takedown = Rights(DEFAULT), None
        try:
            rights = statement(options.get("rights", DEFAULT), shown, doc.line(*where, "rights"))
        except ArchiveError as exc:
            problems.append(exc)
        try:
            takedown = contact(options.get("takedown", ""), shown, doc.line(*where, "takedown"))
        except ArchiveError as exc:
            problems.append(exc)
    site = SiteConfig(
        str(data["site_name"]) if data.get("site_name") else parent.name,
        str(data["site_description"]) if data.get("site_description") else parent.description,
        str(data["site_url"]) if data.get("site_url") else parent.url,
        rights,
        takedown,
    )
    return site, problems
