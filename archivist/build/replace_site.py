"""Put a newly built site in place of the old one in one step.

Two renames (the old site out of the way, the new one in) leave a moment with
no site at all: a build killed right then leaves none where the server looks.
Linux swaps two paths in one step (``renameat2`` with ``RENAME_EXCHANGE``):
the new site is in place and the old one is where the new one was, for the
caller to remove. Where the system cannot swap, the two renames are done, the
old site set aside as ``NEW.old`` in between (``scripts/build_site.sh`` puts
it back if a build was killed there).

usage: python -m archivist.build.replace_site NEW SITE
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import sys
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2  # linux/fs.h


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths in one step; False where the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without renameat2
        return False
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # this file system or kernel cannot
        return False
    raise OSError(error, os.strerror(error), str(a), None, str(b))


def replace(new: Path, site: Path) -> None:
    """Put ``new`` at ``site``; the old site, if any, ends at ``new``."""
    if not site.exists():
        os.rename(new, site)
    elif not exchange(new, site):
        aside = new.with_name(new.name + ".old")
        os.rename(site, aside)
        os.rename(new, site)
        os.rename(aside, new)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    replace(Path(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
