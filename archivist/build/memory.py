"""Give the memory a build has let go back to the system, before a child process needs it.

CPython frees large objects to the C allocator, which keeps the pages for
reuse: the process's resident memory stays at its peak, and a child started
then (Pagefind) adds its own on top. Collecting cycles and asking glibc to
trim its heap returns those pages. Elsewhere (no glibc) only the collection runs.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc


def give_back_memory() -> None:
    gc.collect()
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        trim = getattr(libc, "malloc_trim", None)
    except OSError:
        trim = None
    if trim is not None:
        trim(0)
