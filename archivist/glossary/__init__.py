"""Glossary: contributors' term entries in, checked; their mentions found in the stories.

In: ``archive/glossary/*.md`` (YAML front matter and Markdown). Out: a
``Glossary`` (``model``) or ``file:line: problem (hint)`` errors (``load``,
``entry``, ``clash``), and each article's term ``Mention``s (``annotate``).
"""
