"""Clean: one scrape in, its story out, with every removed line and why.

In: a ``Source`` (ingest) and its ``Curation``. Out: a ``Cleaned`` (model):
the story's blocks, each removed line with its rule (``rulebook``), the
metadata moved out of the body (``metadata``), and how sure the cleaner is
(``confidence``). ``cleaner.clean`` is the entry; ``text`` and ``html`` are
the two cleaners, ``rules`` and ``lines`` their shared signals, ``line_model``
the learned line classifier (weights in ``data/``).
"""
