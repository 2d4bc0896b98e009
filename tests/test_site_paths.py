"""Links between the site's pages are the relative paths posixpath would give."""

from __future__ import annotations

import posixpath

from hypothesis import given
from hypothesis import strategies as st

from archivist.common.site_paths import link

PATH = st.lists(
    st.sampled_from(["articles", "a", "b", "index.md", "report.md", "glossary", "ice.md", ".", ".."]),
    min_size=1,
    max_size=4,
).map("/".join)


@given(PATH, PATH)
def test_a_link_is_the_relative_path_from_the_pages_folder(from_page: str, to_page: str) -> None:
    assert link(from_page, to_page) == posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
