"""Ingest: the archive's originals in, decoded and hashed; their ``article.yml`` read.

In: ``archive/articles/{id}/`` (a scrape, text or HTML, and an optional
``article.yml``), or web captures (WARC, WACZ) to import into that layout.
Out: a ``Source`` per original (text, encoding, format, SHA-256) and the
curator's ``Curation`` (line decisions, metadata, notes, rights).
"""
