"""The data export (``site/data/articles.json``) and ``archive clean --json``.

Shapes follow the export contract in DESIGN.md; fields may be added, never
changed in meaning.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict

from archivist.clean.confidence import assess, needs_review
from archivist.common.site_paths import article_address
from archivist.model import Article, Cleaned, Confidence, Mention


def blocks_json(cleaned: Cleaned, mentions: Sequence[Mention] = ()) -> list[dict[str, object]]:
    terms: dict[int, list[str]] = {}
    for m in mentions:
        if m.term not in terms.setdefault(m.block, []):
            terms[m.block].append(m.term)
    return [
        {"kind": b.kind, "text": b.text, "terms": sorted(terms.get(i, [])), "lines": list(b.lines)}
        for i, b in enumerate(cleaned.body)
    ]


def removed_json(cleaned: Cleaned) -> list[dict[str, object]]:
    return [
        {
            "lines": list(r.lines),
            "reason": r.reason,
            "text": r.text,
            "rule": r.rule,
            "rule_id": r.rule_id,
            "curator": r.curator,
        }
        for r in cleaned.removed
    ]


def confidence_json(confidence: Confidence, reviewed: str = "") -> dict[str, object]:
    """How sure the cleaner is: ``score`` (0 to 1), ``reasons`` in words, ``needs_review``
    (below the threshold and no curator's ``reviewed:``) and ``reviewed`` (that note, or null)."""
    return {
        "score": confidence.score,
        "reasons": list(confidence.reasons),
        "needs_review": needs_review(confidence, reviewed),
        "reviewed": reviewed or None,
    }


def article_json(article: Article) -> dict[str, object]:
    meta = article.meta
    source = article.cleaned.source
    return {
        "id": article.id,
        "url": article_address(article.id),
        **meta.as_dict(),
        "reposted": meta.json_value("reposted"),  # a curator's: the date of the repost the capture comes from
        "source": article.source_path,
        "sha256": source.sha256,
        "format": source.format,
        "encoding": source.encoding,
        "metadata_origins": meta.origins(),
        "note": article.notes or None,
        "capture": asdict(article.capture) if article.capture else None,  # the web capture it was imported from
        "rights": article.rights.as_dict() if article.rights else None,  # its rightsstatements.org statement
        "body": blocks_json(article.cleaned, article.mentions),
        "removed": removed_json(article.cleaned),
        "confidence": confidence_json(article.confidence, article.reviewed),
    }


def clean_json(path: str, cleaned: Cleaned) -> dict[str, object]:
    """One line of ``archive clean --json``: the cleaner's verdict on a file."""
    source = cleaned.source
    return {
        "source": path,
        "sha256": source.sha256,
        "format": source.format,
        "encoding": source.encoding,
        "metadata": cleaned.metadata.as_dict(),
        "metadata_origins": cleaned.metadata.origins(),
        "body": blocks_json(cleaned),
        "removed": removed_json(cleaned),
        "confidence": confidence_json(assess(cleaned)),
    }


def dumps(data: object) -> str:
    """Stable JSON text, indented: the same data always gives the same bytes."""
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def json_lines_array(items: Iterable[object]) -> bytes:
    """A JSON array as UTF-8, one compact item per line: each line diffs and
    greps as one record. Items are encoded one at a time (from a generator,
    none is kept), through json's C encoder: the export of 10,000 articles
    took seconds and most of the pipeline's memory as one indented dump."""
    return lines_array(json_line(item) for item in items)


def json_line(item: object) -> str:
    """One item of ``json_lines_array``, encoded: an article's, which a build may keep."""
    return json.dumps(item, ensure_ascii=False)


def lines_array(lines: Iterable[str]) -> bytes:
    """``json_lines_array`` of items encoded already (``json_line``)."""
    encoded = [line.encode("utf-8") for line in lines]
    return b"[\n" + b",\n".join(encoded) + b"\n]\n" if encoded else b"[]\n"
