"""Build: the stages run in order over the whole archive.

In: the ``archive/`` folder. Out: an ``Output`` (``pipeline``): pages and data
files by site path. Around it: worker processes that are safe to start and
stop (``workers``), the cleaning cache by content hash (``cache``), cleaning
on a cluster (``clean_engine``), pages converted to HTML in the workers
(``page_html``), the pipeline in a child process (``staged``), and the
one-step swap of a new site into place (``replace_site``).
"""
