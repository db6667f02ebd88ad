"""Loading the curated tables in ``pfocr/data`` (see its README)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from pfocr.data.tables import read_table

__all__ = ["Curated", "load_curated"]


@dataclass(frozen=True)
class Curated:
    """The curated tables, ready for lookups."""

    not_genes: frozenset[str]
    nonhuman: dict[str, str]
    protein_names: tuple[tuple[str, str], ...]


@functools.lru_cache(maxsize=1)
def load_curated() -> Curated:
    """Load the curated tables (once per process).

    :returns: the tables
    """
    return Curated(
        not_genes=frozenset(r["text"] for r in read_table("not_genes.tsv")),
        nonhuman={r["text"]: r["organism"] for r in read_table("nonhuman_proteins.tsv")},
        protein_names=tuple((r["text"], r["symbol"]) for r in read_table("protein_names.tsv")),
    )
