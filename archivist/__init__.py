"""Turn raw news scrapes into a clean, annotated, searchable archive.

The package is the pipeline core: it never imports MkDocs. ``pipeline.build``
reads the ``archive/`` folder and returns the generated pages and data files;
``mkdocs_plugin`` hands them to MkDocs and ``cli`` serves the ``archive``
command.
"""

__version__ = "0.1.0"
