#!/usr/bin/env python3
"""Print the benchmark's gold article for each file, as `archive clean --json` would.

For scoring the gold itself with the benchmark's scorer: what a perfect
cleaner scores (on comments/, its comment leak is not 0: see README).

usage: python scripts/gold_as_output.py GOLD_JSON FILE...
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    gold = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    for name in sys.argv[2:]:
        entry = gold.get(Path(name).name.split(".")[0], "")
        article = entry["article"] if isinstance(entry, dict) else entry
        print(json.dumps({"source": name, "body": [{"kind": "paragraph", "text": article}]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
