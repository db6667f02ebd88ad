"""Writing command output to a file (atomically) or to stdout (``-o -``)."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

__all__ = ["write_lines"]


def write_lines(lines: Iterable[str], out: Path | None) -> int:
    """Write lines to ``out`` (via a temporary file) or to stdout when ``out`` is ``-``/None.

    :param lines: lines without newlines
    :param out: the file, or None/``-`` for stdout
    :returns: the number of lines written
    """
    n = 0
    if out is None or str(out) == "-":
        for line in lines:
            sys.stdout.write(line + "\n")
            n += 1
        sys.stdout.flush()
        return n
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line + "\n")
            n += 1
    tmp.replace(out)
    return n
