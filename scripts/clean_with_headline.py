#!/usr/bin/env python3
"""Print `archive clean --json` for each file, the headline and dek first in the body.

The cleaner moves a page's headline and dek to metadata, where the site
shows them above the story; its body holds the story's paragraphs. Some
benchmarks' gold counts the headline and dek as part of the article
(dragnet's comments/ set does), others do not (text/, wcxb_*). Scored with
this command, comments/ measures what a reader gets on the article's page:
the headline and dek as the metadata holds them, then the body.

usage: python scripts/clean_with_headline.py FILE...
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from archivist.clean.cleaner import clean
from archivist.export.data import clean_json
from archivist.ingest.originals import read_source


def main() -> None:
    for name in sys.argv[1:]:
        record = clean_json(name, clean(read_source(Path(name), name)))
        metadata, body = record["metadata"], record["body"]
        assert isinstance(metadata, dict) and isinstance(body, list)
        head = [{"kind": field, "text": metadata[field]} for field in ("title", "subtitle") if metadata.get(field)]
        print(json.dumps({**record, "body": head + body}, ensure_ascii=False))


if __name__ == "__main__":
    main()
