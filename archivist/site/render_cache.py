"""Pages rendered by an earlier build, reused when nothing they show has changed.

Once the pipeline converts the pages, rendering Material's template is most
of what MkDocs does: about 3 ms a page, 6 s at 1,000 articles, on every
build, though a glossary edit changes only the pages that mention the term.
A page's rendered template is a function of the page (its content, front
matter, table of contents, title and addresses, its neighbours and place in
the navigation), of the navigation, of the site's configuration and theme
files, and of the code that renders them. The key here digests all of those;
a page whose key was rendered before is not rendered again: its earlier
output is handed to MkDocs, and goes through every plugin after the template
as a rendered one would. Builds stay byte-identical, cached or not
(tests/test_render_cache.py).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.utils import get_build_datetime

from archivist.build.cache import converter_version, library_versions, write_atomic

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

# The libraries whose code renders a page's template.
RENDERERS = ("mkdocs", "mkdocs-material", "jinja2")
# Configuration that names where files are, not what a page shows.
_WHERE = frozenset({"site_dir", "docs_dir", "config_file_path", "watch", "dev_addr", "strict"})

# The template of a page rendered before: it writes the earlier output as it is
# (held in the page's front matter until the page is written), or, should that
# have gone from the cache meanwhile, renders the page's own template.
EARLIER, OWN_TEMPLATE = "archive_rendered_before", "archive_own_template"
CACHED_TEMPLATE = "archive-rendered-before.html"
CACHED_SOURCE = (
    f"{{% if page.meta.{EARLIER} is defined %}}{{{{ page.meta.{EARLIER} }}}}"
    f"{{% else %}}{{% include page.meta.{OWN_TEMPLATE} %}}{{% endif %}}"
)


def _plain(value: object) -> str:
    """Any value as stable JSON: a mapping (MkDocs' ``extra`` is a config object)
    by its items, any other object by its text less any memory address in it."""

    def fold(o: object) -> object:
        items = getattr(o, "items", None)
        if callable(items):
            return {str(k): v for k, v in items()}
        if isinstance(o, (set, frozenset)):
            return sorted(map(str, o))
        return f"<{type(o).__name__}: {_ADDRESS.sub('', str(o))}>"

    return json.dumps(value, sort_keys=True, default=fold, ensure_ascii=False)


_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def site_digest(config: MkDocsConfig, own_plugin: str = "archive") -> str:
    """What every page's template reads: the configuration (the plugins' own
    options but this one's, whose effect on pages is in ``extra``), the theme's
    templates, the build's date if one shows it (SOURCE_DATE_EPOCH or now),
    and the versions of the code that renders."""
    digest = hashlib.sha256()
    settings = {k: v for k, v in config.items() if k not in _WHERE and k not in ("plugins", "theme", "nav")}
    digest.update(_plain(settings).encode())
    plugins = {name: (dict(p.config) if name != own_plugin else None) for name, p in config.plugins.items()}
    digest.update(_plain(plugins).encode())
    digest.update(_plain({k: config.theme[k] for k in config.theme}).encode())
    dated = False  # whether a template shows the build's date (MkDocs' own themes do; Material does not)
    for folder in config.theme.dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            text = path.read_bytes()
            digest.update(f"{path.relative_to(folder)}\0".encode() + text)
            dated = dated or b"build_date_utc" in text
    versions = library_versions(RENDERERS)
    digest.update(_plain([converter_version(), versions, str(get_build_datetime()) if dated else None]).encode())
    return digest.hexdigest()


def _toc(items: Iterable[AnchorLink]) -> list[Any]:
    return [[item.title, item.id, item.level, _toc(item.children)] for item in items]


def nav_digest(nav: Navigation) -> str:
    """The navigation every page shows: each item's kind, title and address (pages' titles once read)."""

    def walk(items: Iterable[Any]) -> list[Any]:
        return [
            [type(item).__name__, item.title, getattr(item, "url", None), walk(getattr(item, "children", None) or ())]
            for item in items
        ]

    return hashlib.sha256(_plain(walk(nav.items)).encode()).hexdigest()


def page_key(site: str, nav: str, page: Page, content: str) -> str:
    """The key of ``page``'s rendered template; ``content`` identifies its HTML
    (the pipeline's key of a converted page, or the HTML's own digest)."""

    def near(other: Page | None) -> list[Any] | None:
        return None if other is None else [other.url, other.title]

    parents, parent = [], page.parent
    while parent is not None:
        parents.append(parent.title)
        parent = parent.parent
    facts = [
        page.file.src_uri,
        page.url,
        page.canonical_url,
        page.edit_url,
        page.title,
        page.is_homepage,
        page.meta,
        _toc(page.toc),
        content,
        near(page.previous_page),
        near(page.next_page),
        parents,
    ]
    return hashlib.sha256(f"{site}\0{nav}\0{_plain(facts)}".encode()).hexdigest()


def content_digest(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()


class RenderCache:
    """Rendered templates, one file per key under ``folder`` (None: no cache)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def path(self, key: str) -> Path | None:
        return None if self.folder is None else self.folder / key[:2] / f"{key}.html"

    def get(self, key: str) -> str | None:
        path = self.path(key)
        try:
            return None if path is None else path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def has(self, key: str) -> bool:
        path = self.path(key)
        return path is not None and path.is_file()

    def put(self, key: str, output: str) -> None:
        path = self.path(key)
        if path is not None:
            write_atomic(path, output)
