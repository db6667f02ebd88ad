"""Read GMT files (``figid<TAB>title<TAB>SYMBOL<TAB>SYMBOL...``, DESIGN §5) as gene sets."""

from __future__ import annotations

import gzip
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from pfocr.enrich.normalize import split_gene_text
from pfocr.errors import InputError
from pfocr.store import GeneSet

__all__ = ["read_gene_list", "read_gmt"]

logger = logging.getLogger(__name__)


def _open(path: Path) -> TextIO:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def read_gmt(path: str | Path) -> Iterator[GeneSet]:
    """Yield the gene sets of a GMT file (``.gmt`` or ``.gmt.gz``), in file order.

    Blank lines are skipped; empty gene fields are ignored and repeated genes kept once.

    :param path: the file
    :yields: gene sets (genes in file order)
    :raises InputError: when the file cannot be read, a line has no title field, or a
        set id repeats
    """
    path = Path(path)
    seen: set[str] = set()
    try:
        with _open(path) as handle:
            for lineno, line in enumerate(handle, 1):
                line = line.rstrip("\r\n")
                if not line.strip():
                    continue
                fields = line.split("\t")
                if len(fields) < 2 or not fields[0].strip():
                    raise InputError(f"{path}:{lineno}: not a GMT line (id<TAB>title<TAB>genes)")
                figid = fields[0].strip()
                if figid in seen:
                    raise InputError(f"{path}:{lineno}: gene set {figid!r} appears twice")
                seen.add(figid)
                genes = tuple(dict.fromkeys(g.strip() for g in fields[2:] if g.strip()))
                yield GeneSet(figid, fields[1].strip(), genes)
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise InputError(f"cannot read GMT file {path}: {exc}") from exc


def read_gene_list(path: str | Path) -> list[str]:
    """Read a gene list file: symbols separated by newlines, tabs, spaces, commas or ``;``.

    Text after ``#`` on a line is a comment. ``-`` is not handled here (the CLI reads
    stdin itself).

    :param path: the file
    :returns: the symbols, in order (not deduplicated)
    :raises InputError: when the file cannot be read
    """
    path = Path(path)
    try:
        with _open(path) as handle:
            return split_gene_text(handle)
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise InputError(f"cannot read gene list {path}: {exc}") from exc
