"""Export: articles in, the data files out.

``articles.json`` and ``archive clean --json`` (``data``, the contract in
DESIGN.md), the downloads (CSV, BibTeX, RIS, feed, ``datapackage.json``) and
the W3C Web Annotations of the glossary marks.
"""
