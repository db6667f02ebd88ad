"""Bulk loading: Python's cycle collector paused while a file's records become objects.

Loading hundreds of thousands of small records (the lexicon's terms, a cache's rows)
allocates objects faster than any of them dies; CPython's generational collector then
runs again and again over a heap that only grows, and finds nothing (the records hold no
reference cycles). Pausing it for the load halves the lexicon's load time
(docs/speed.md, "Start-up"), and what was loaded is then left out of later collections
(``gc.freeze``): it lives as long as the process. Reference counting still frees it when
it is dropped; only cycles among frozen objects would not be: these tables hold none, and
cycles that happen to be garbage when a load ends (a few, from whatever else the process
was doing) stay unfreed. A full collection first would free them, at 0.2 CPU-s for a
run's three loads: not worth it for what a run or a data version's rebuild leaves.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (restored as it was, even on errors), and
    take what the block made out of its reach afterwards: the block loads tables that
    live as long as the process, which every later collection would scan again."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()
