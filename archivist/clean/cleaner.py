"""The cleaning stage: a Source in, the body, the removed lines and metadata out."""

from __future__ import annotations

from archivist.clean import rulebook as R
from archivist.clean.metadata import extract
from archivist.clean.text import Verdict, classify
from archivist.errors import ArchiveError
from archivist.ingest.curation import Curation
from archivist.model import Block, BlockKind, Cleaned, Removed, Source


def _apply_overrides(verdicts: list[Verdict], curation: Curation) -> tuple[list[Verdict], set[int]]:
    """Curator keep/drop decisions, applied over the cleaner's; returns curated line numbers."""
    curated: set[int] = set()
    for picks, keep in ((curation.keep, True), (curation.drop, False)):
        for pick in picks:
            hits = [i for i, v in enumerate(verdicts) if pick.matches(v.line.number, v.line.raw)]
            if not hits:
                what = f"line {pick.line}" if pick.line is not None else f"text {pick.text!r}"
                raise ArchiveError(
                    curation.path,
                    None,
                    f"'{'keep' if keep else 'drop'}' names {what}, which is not a non-blank line of the original",
                    "check the line number against the original scrape",
                )
            for i in hits:
                v = verdicts[i]
                if keep:
                    verdicts[i] = Verdict(v.line, "paragraph", R.CURATOR_KEEP)
                else:
                    verdicts[i] = Verdict(v.line, None, R.CURATOR_DROP, reason=pick.reason)
                curated.add(v.line.number)
    return verdicts, curated


def _stray_breaks_removed(verdicts: list[Verdict]) -> list[Verdict]:
    """A scene break separates parts of a story: one before the first kept
    line, after the last, or right after another break separates nothing. It
    is removed, and listed as removed like any other line."""
    out = list(verdicts)
    previous: BlockKind | None = None  # the kind of the last kept line
    for i, v in enumerate(out):
        if not v.kept:
            continue
        if v.kind == "break" and previous in (None, "break"):
            out[i] = Verdict(v.line, None, R.LONE_BREAK_BEFORE)
        else:
            previous = v.kind
    for i in reversed([i for i, v in enumerate(out) if v.kept]):
        if out[i].kind != "break":
            break
        out[i] = Verdict(out[i].line, None, R.LONE_BREAK_AFTER)
    return out


def _blocks(verdicts: list[Verdict]) -> tuple[Block, ...]:
    return tuple(
        Block(v.kind, "" if v.kind == "break" else v.line.text, (v.line.number, v.line.number), v.wording, v.rule.id)
        for v in verdicts
        if v.kept and v.kind is not None
    )


def _removed(verdicts: list[Verdict], curated: set[int]) -> tuple[Removed, ...]:
    """Removed lines; a run of comment lines is one entry (its lines joined
    once, at its end: a thread of thousands of lines is not copied per line)."""
    runs: list[list[Verdict]] = []
    for v in verdicts:
        if v.kept:
            continue
        head = runs[-1][0] if runs else None
        if (
            head
            and v.reason == "comment"
            and head.reason == "comment"
            and (head.rule.id, head.wording) == (v.rule.id, v.wording)
            and head.line.number not in curated
        ):
            runs[-1].append(v)
        else:
            runs.append([v])
    return tuple(
        Removed(
            (run[0].line.number, run[-1].line.number),
            run[0].reason,
            "\n".join(v.line.raw for v in run),
            run[0].wording,
            curator=run[0].line.number in curated,
            rule_id=run[0].rule.id,
        )
        for run in runs
    )


def clean(source: Source, curation: Curation | None = None) -> Cleaned:
    """The cleaner's verdict on a source, with the curator's notes applied."""
    curation = curation or Curation()
    if source.format == "html":
        from archivist.clean.html import classify_html

        verdicts, metadata_of = classify_html(source)
    else:
        verdicts, metadata_of = classify(source), extract
    # Metadata is read after the curator's keeps and drops, for HTML and text alike.
    verdicts, curated = _apply_overrides(verdicts, curation)
    metadata = curation.apply_metadata(metadata_of(verdicts))
    verdicts = _stray_breaks_removed(verdicts)
    return Cleaned(source, _blocks(verdicts), _removed(verdicts, curated), metadata)
