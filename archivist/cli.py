"""The ``archive`` command: clean any scrape, check the glossary, write the generated site tree,
finish a site another builder made of it (search index, manifest), verify a site's fixity,
bag the archive for preservation and import web captures."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from archivist.build.clean_engine import ENGINES, EngineError, choose
from archivist.build.pipeline import build, default_time_limit, default_workers, format_timings, write_tree
from archivist.clean.cleaner import clean
from archivist.clean.confidence import assess, confidence_lines
from archivist.errors import ArchiveError
from archivist.export.data import clean_json
from archivist.ingest.originals import read_source
from archivist.progress import Progress

if TYPE_CHECKING:
    from archivist.model import Cleaned
    from archivist.site.config import SiteConfig


def _explain(path: str, cleaned: Cleaned) -> str:
    """Every line's verdict and the rule that decided it, in line order."""
    rows: list[tuple[int, str, str, str]] = []
    for b in cleaned.body:
        rows.append((b.lines[0], "KEEP " + b.kind, b.rule, b.text))
    for r in cleaned.removed:
        rows.append((r.lines[0], "DROP " + r.reason, r.rule + (" (curator)" if r.curator else ""), r.text))
    out = [f"== {path} ({cleaned.source.format}, {cleaned.source.encoding})"]
    for line, verdict, rule, text in sorted(rows, key=lambda row: row[0]):
        first = text.split("\n", 1)[0]
        out.append(f"{line:>5}  {verdict:<20} {rule:<45} {first[:100]}")
    for name, origin in cleaned.metadata.origins().items():
        out.append(f"       meta {name} = {cleaned.metadata.json_value(name)!r}  <- {origin}")
    out.extend(confidence_lines(assess(cleaned)))
    return "\n".join(out)


def cmd_clean(args: argparse.Namespace) -> int:
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            if not path.is_file():
                raise ArchiveError(name, None, "no such file")
            cleaned = clean(read_source(path, name))
        except (ArchiveError, OSError) as exc:
            print(f"archive clean: {exc}", file=sys.stderr)
            status = 1
            continue
        except Exception as exc:  # noqa: BLE001 - report, go on with the next file
            print(
                f"archive clean: {name}: could not be cleaned ({type(exc).__name__}: {exc}); "
                "this is a bug in the cleaner, please report it with this file",
                file=sys.stderr,
            )
            status = 1
            continue
        if args.json:
            print(json.dumps(clean_json(name, cleaned), ensure_ascii=False))
        else:
            print(_explain(name, cleaned))
    return status


def _site(command: str, config: str) -> SiteConfig | None:
    """mkdocs.yml's settings (site_config.SiteConfig), or None after printing its problems."""
    from archivist.site.config import load

    site, problems = load(Path(config))
    for problem in problems:
        print(f"archive {command}: {problem}", file=sys.stderr)
    return None if problems else site


def cmd_build(args: argparse.Namespace) -> int:
    progress = Progress()
    workers = args.workers or default_workers()
    limit = default_time_limit() if args.clean_time_limit is None else (args.clean_time_limit or None)
    site = _site("build", args.config)
    if site is None:
        return 1
    try:
        engine = choose(args.clean_engine, args.dask_scheduler)
    except EngineError as error:
        print(f"archive build: {error}", file=sys.stderr)
        return 2
    try:
        output = build(
            Path(args.archive),
            Path(args.cache) if args.cache else None,
            site.name,
            site.url,
            progress=progress,
            workers=workers,
            rights=site.rights,
            takedown=site.takedown,
            time_limit=limit,
            engine=engine,
        )
    except EngineError as error:  # its scheduler does not answer
        progress.finish()
        print(f"archive build: {error}", file=sys.stderr)
        return 2
    for problem in output.problems:
        print(f"archive build: {problem}", file=sys.stderr)
    if output.fatal:
        print(f"archive build: {len(output.fatal)} problem(s) stop the build; nothing written", file=sys.stderr)
        return 1
    progress.start("write the tree", len(output.pages) + len(output.files))
    with_write = dict(output.timings)
    start = time.perf_counter()
    write_tree(output, Path(args.out), progress.advance)
    with_write["write"] = time.perf_counter() - start
    progress.finish()
    counts = f"{len(output.pages)} pages and {len(output.files)} files for {len(output.articles)} articles"
    print(f"wrote {counts} to {args.out}")
    if args.timings:
        afresh = f"{output.cleaned} cleaned afresh, {output.rendered} rendered afresh"
        print(f"archive build: {afresh}; {format_timings(with_write)}", file=sys.stderr)
    return 1 if output.problems and args.strict else 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate every glossary entry, curator's notes file and mkdocs.yml's archive options;
    print every problem as path:line: message."""
    from archivist.glossary.load import article_ids, load
    from archivist.ingest.curation import load as load_curation
    from archivist.site.config import load as load_site

    root = Path(args.archive)
    folder = root / "glossary"
    glossary, problems = load(folder, f"{root.as_posix()}/glossary", article_ids(root))
    problems.extend(load_site(Path(args.config))[1])
    notes = sorted((root / "articles").glob("*/article.yml"))
    for path in notes:
        try:
            load_curation(path, f"{root.as_posix()}/articles/{path.parent.name}/article.yml")
        except ArchiveError as exc:
            problems.append(exc)
    for problem in problems:
        print(problem, file=sys.stderr)
    checked = len(list(folder.glob("*.md"))) if folder.is_dir() else 0
    if problems:
        print(
            f"archive check: {len(problems)} problem(s) in {checked} glossary file(s) and {len(notes)} article.yml",
            file=sys.stderr,
        )
        return 1
    print(f"archive check: {len(glossary.entries)} glossary entries and {len(notes)} article.yml, no problem")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Check a folder against its manifest-sha256.txt; name every missing, changed and extra file."""
    from archivist.preserve.fixity import MANIFEST, verify

    try:
        mismatches = verify(Path(args.dir))
    except (ArchiveError, OSError) as exc:
        print(f"archive verify: {exc}", file=sys.stderr)
        return 2
    for mismatch in mismatches:
        print(f"archive verify: {mismatch}", file=sys.stderr)
    if mismatches:
        print(f"archive verify: {len(mismatches)} file(s) do not match {args.dir}/{MANIFEST}", file=sys.stderr)
        return 1
    print(f"archive verify: every file in {args.dir} matches {MANIFEST}")
    return 0


def _positive_int(value: str) -> int:
    """A whole number, 1 or more (argparse's ``type``)."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number, 1 or more, not {value!r}")
    return int(value)


def cmd_finish(args: argparse.Namespace) -> int:
    """Index a site another builder made of the generated tree for Pagefind, then write its manifest."""
    from archivist.preserve.fixity import MANIFEST
    from archivist.site.finish import finish
    from archivist.site.pagefind_index import PagefindError
    from archivist.site.search_shards import SHARD_SIZE

    site = Path(args.dir)
    if not site.is_dir():
        print(f"archive finish: {site}: no such folder (build the site first)", file=sys.stderr)
        return 2
    try:
        indexed = finish(site, progress=Progress(), shard_size=args.shard_size or SHARD_SIZE)
    except PagefindError as error:
        print(f"archive finish: {error}", file=sys.stderr)
        return 1
    assert indexed is not None
    stats = indexed.stats
    print(
        f"archive finish: Pagefind indexed {stats.pages} pages ({stats.words} words) "
        f"in {indexed.bundles} bundle(s); wrote {site}/{MANIFEST}"
    )
    return 0


def cmd_bag(args: argparse.Namespace) -> int:
    """Write a BagIt bag of the archive: originals, cleaned texts, metadata export, glossary."""
    from archivist.preserve.bag import (
        PAYLOAD,
        BagInfo,
        bagging_date,
        capture_hashes,
        ensure_empty,
        payload,
        rights_tags,
        write_bag,
    )

    out, root = Path(args.dir), Path(args.archive)
    site = _site("bag", args.config)
    if site is None:
        return 2
    try:
        ensure_empty(out)  # before the build: say so at once
        description = " ".join(filter(None, [site.description, PAYLOAD]))
        info = BagInfo(args.organization or site.name, description, bagging_date(), site.rights, site.takedown)
        output = build(
            root,
            Path(args.cache) if args.cache else None,
            site.name,
            site.url,
            progress=Progress(),
            workers=default_workers(),
            rights=site.rights,
            takedown=site.takedown,
            time_limit=default_time_limit(),
        )
        for problem in output.problems:
            print(f"archive bag: {problem}", file=sys.stderr)
        if output.fatal:
            print(f"archive bag: {len(output.fatal)} problem(s) stop the bag; nothing written", file=sys.stderr)
            return 1
        bag = write_bag(out, payload(root, output), info, capture_hashes(output.articles), rights_tags(output.articles))
    except ArchiveError as exc:
        print(f"archive bag: {exc}", file=sys.stderr)
        return 2
    size, count = str(bag.info["Payload-Oxum"]).split(".")
    print(f"archive bag: wrote {out}: {count} files, {size} bytes, {len(output.articles)} articles")
    return 1 if output.problems and args.strict else 0


def cmd_import(args: argparse.Namespace) -> int:
    """Import the HTML pages of WARC and WACZ captures as article folders; list every record left out."""
    from collections import Counter

    from archivist.ingest.captures import LeftOut
    from archivist.ingest.import_captures import Duplicate, Imported, import_captures

    progress = Progress()
    progress.start("import: records read")
    counts: Counter[str] = Counter()
    status = 0
    for item in import_captures(Path(args.archive), args.captures, tuple(args.select or ()), progress.advance):
        progress.clear()
        if isinstance(item, Imported):
            counts["imported"] += 1
            print(f"imported {item.id}: {item.page.url} (record {item.page.record_id}, captured {item.page.date})")
        elif isinstance(item, Duplicate):
            counts["skipped"] += 1
            print(f"archive import: {item}")
        elif isinstance(item, LeftOut):
            counts["left out"] += 1
            print(f"archive import: {item}")
        else:
            status = 1
            print(f"archive import: {item}", file=sys.stderr)
    progress.finish()
    print(
        f"archive import: {counts['imported']} page(s) imported into {args.archive}/articles, "
        f"{counts['skipped']} already in the archive, {counts['left out']} record(s) left out"
    )
    return status


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="archive", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("clean", help="print the cleaner's verdict on scrapes, without adding them to the archive")
    c.add_argument("files", nargs="+", metavar="FILE")
    mode = c.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="one JSON object per file per line (the export's shapes)")
    mode.add_argument("--explain", action="store_true", help="each line with its verdict and the rule that decided it")
    c.set_defaults(func=cmd_clean)
    b = sub.add_parser("build", help="write the generated Markdown pages and data files to a folder")
    b.add_argument("--archive", default="archive", help="the archive folder (default: archive)")
    b.add_argument("--out", required=True, help="the folder to write")
    b.add_argument("--strict", action="store_true", help="exit non-zero when any article has a problem")
    b.add_argument("--cache", default=".cache/archive", help="cleaning cache folder ('' for none)")
    b.add_argument("--timings", action="store_true", help="print each stage's time on stderr")
    b.add_argument("--workers", type=int, default=0, help="processes that clean articles (default: one per core)")
    b.add_argument("--config", default="mkdocs.yml", help="the site config: name, site_url, rights, takedown")
    b.add_argument(
        "--clean-time-limit",
        type=float,
        metavar="SECONDS",
        help="stop cleaning an article after this long, report it and leave it out "
        "(default: $ARCHIVE_CLEAN_TIME_LIMIT or 60; 0: no limit)",
    )
    b.add_argument(
        "--clean-engine",
        choices=ENGINES,
        help="what cleans the articles not in the cache: this machine's processes (pool) or a Dask cluster "
        "(dask; the dask extra) (default: $ARCHIVE_CLEAN_ENGINE or pool)",
    )
    b.add_argument(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: $ARCHIVE_DASK_SCHEDULER; "
        "none: a local cluster of --workers processes)",
    )
    b.set_defaults(func=cmd_build)
    k = sub.add_parser(
        "check", help="validate the glossary, article.yml notes and mkdocs.yml's archive options; path:line: problem"
    )
    k.add_argument("--archive", default="archive", help="the archive folder (default: archive)")
    k.add_argument("--config", default="mkdocs.yml", help="the site config whose archive options are checked")
    k.set_defaults(func=cmd_check)
    v = sub.add_parser("verify", help="check a built site against its manifest-sha256.txt; exit 1 naming each mismatch")
    v.add_argument("dir", metavar="DIR", help="the folder holding manifest-sha256.txt (a built site)")
    v.set_defaults(func=cmd_verify)
    f = sub.add_parser(
        "finish", help="index a site built from the `archive build --out` tree for Pagefind, then write its manifest"
    )
    f.add_argument("dir", metavar="SITE", help="the built site (e.g. `mkdocs build` of the tree without the plugin)")
    f.add_argument(
        "--shard-size",
        type=_positive_int,
        default=None,
        help="articles per search bundle, as the plugin's search_shard_size: Pagefind's memory grows with "
        "a bundle's pages (default: 2,500)",
    )
    f.set_defaults(func=cmd_finish)
    g = sub.add_parser("bag", help="write a BagIt bag of the archive (originals, cleaned texts, export, glossary)")
    g.add_argument("dir", metavar="DIR", help="the bag to write: a new or empty folder")
    g.add_argument("--archive", default="archive", help="the archive folder (default: archive)")
    g.add_argument(
        "--config", default="mkdocs.yml", help="the site config: organization, description, rights, takedown"
    )
    g.add_argument("--organization", help="Source-Organization in bag-info.txt (default: the config's site_name)")
    g.add_argument("--strict", action="store_true", help="exit non-zero when any article has a problem")
    g.add_argument("--cache", default=".cache/archive", help="cleaning cache folder ('' for none)")
    g.set_defaults(func=cmd_bag)
    i = sub.add_parser("import", help="add the HTML pages of WARC and WACZ captures to the archive, one folder each")
    i.add_argument("captures", nargs="+", metavar="CAPTURE", help="a WARC (.warc, .warc.gz) or WACZ (.wacz) file")
    i.add_argument("--archive", default="archive", help="the archive folder (default: archive)")
    i.add_argument(
        "--select",
        action="append",
        metavar="URL-PATTERN",
        help="import only pages whose address matches this shell-style pattern (*, ?); repeatable",
    )
    i.set_defaults(func=cmd_import)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
