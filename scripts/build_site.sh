#!/bin/sh
# Build the site into a staging folder and put it in place only when the build
# succeeds (what `make site` runs). A failed build (a configuration error, an
# exception, a non-zero exit, no index.html written) leaves the previous site
# exactly as it was, and so does a build killed at any point (SIGKILL): the new
# site is built aside, then swapped in with one rename (archivist/build/replace_site.py). Warnings about bad articles do not fail the build, except
# in CI (CI set, as CI services do), where the build is strict: a bad input
# there must be fixed, not skipped.
#
# usage: scripts/build_site.sh [SITE_DIR [MKDOCS_BUILD_OPTION...]]
#   SITE_DIR           the folder to replace (default: site)
#   MKDOCS             the mkdocs command (default: .venv/bin/mkdocs)
#   PYTHON             the Python that has archivist (default: the one beside
#                      MKDOCS, else python3); it swaps the new site in
#   STAGING            where to build first (default: build/, git-ignored)
#   SOURCE_DATE_EPOCH  the build's date (MkDocs dates sitemap.xml and
#                      sitemap.xml.gz with it); default: the last commit's
#                      time, so that two builds of a commit are byte-identical;
#                      outside git, left unset (today's date)
set -eu

site=${1:-site}
[ $# -gt 0 ] && shift
mkdocs=${MKDOCS:-.venv/bin/mkdocs}
case $mkdocs in
    */*) python=${PYTHON:-$(dirname "$mkdocs")/python} ;;
    *) python=${PYTHON:-python3} ;;
esac
staging=${STAGING:-build}
name=$(basename "$site")
new="$staging/$name.new"
case $new in /*) ;; *) new="$PWD/$new" ;; esac

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || true)
fi
if [ -n "$SOURCE_DATE_EPOCH" ]; then
    export SOURCE_DATE_EPOCH
else
    unset SOURCE_DATE_EPOCH
fi

mkdir -p "$staging" "$(dirname "$site")"
# Where the system cannot swap in one step, a build killed between its two
# renames left the old site aside: put it back first.
if [ ! -e "$site" ] && [ -d "$new.old" ]; then
    mv "$new.old" "$site"
fi
rm -rf "$new" "$new.old"
strict=""
if [ -n "${CI:-}" ]; then
    strict="--strict"
fi
if ! "$mkdocs" build --clean $strict -d "$new" "$@" || [ ! -f "$new/index.html" ]; then
    rm -rf "$new"
    echo "build_site: the build failed; $site is left as it was" >&2
    exit 1
fi
# One swap: the old site stays whole, in place, until the new one is complete
# and takes its place in the same step; then the old one (now at $new) goes.
"$python" -m archivist.build.replace_site "$new" "$site"
rm -rf "$new"
echo "build_site: built $site${SOURCE_DATE_EPOCH:+ (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)}"
