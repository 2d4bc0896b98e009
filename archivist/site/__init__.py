"""Site: the built pages in, a finished, checked static site out.

``plugin`` is the thin MkDocs plugin that drives the build; ``finish`` indexes
a built site with Pagefind (``pagefind_index``) and writes its manifest, for
the plugin and for ``archive finish`` alike; ``linkcheck`` checks every link
of a built site on disk; ``config`` reads the archive's settings from
``mkdocs.yml`` for the commands that run without MkDocs.
"""
