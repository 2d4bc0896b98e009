"""Render: articles and glossary in, the generated Markdown pages out.

Out: each article's page and cleaning report (``article``), browse lists by
date, publisher and confidence, the home page, term pages, citations and
catalogue metadata. Stock Material and pymdown features only, relative links,
so the tree builds with plain MkDocs and from any sub-path.
"""
