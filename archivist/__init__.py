"""Turn raw news scrapes into a clean, annotated, searchable archive.

The folders follow the data flow, each stage importing only from the stages
before it (``tests/test_layout.py`` checks):

- ``ingest``: originals and their ``article.yml`` read from ``archive/``;
- ``clean``: a scrape in, its story, removed lines (with reasons), metadata
  and the cleaner's confidence out;
- ``glossary``: the contributors' entries, checked, and their mentions found
  in the stories;
- ``render``: the generated Markdown pages (articles, reports, browse lists,
  term pages, home);
- ``export``: the data files (``articles.json``, downloads, annotations);
- ``build``: the pipeline that runs the stages, its worker processes, cache
  and page conversion;
- ``preserve``: fixity manifests and the BagIt bag of what the build made;
- ``site``: the MkDocs plugin, Pagefind indexing and the built site's checks.

``model``, ``errors``, ``rights`` and ``progress`` are the types every stage
shares; ``common`` the text helpers. Only ``site.plugin`` imports MkDocs:
``build.pipeline.build`` reads the ``archive/`` folder and returns the pages
and data files without it, and ``cli`` serves the ``archive`` command.
"""

__version__ = "0.1.0"
