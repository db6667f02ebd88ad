"""Loading the curated tables in ``pfocr/data`` (see its README)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from pfocr.data.tables import read_table
from pfocr.lexicon.normalize import norm_key

__all__ = ["NOT_A_GENE", "Curated", "Homograph", "load_curated"]

#: the ``symbol`` of a gene homograph row whose reading is not a gene at all (APC, the
#: antigen-presenting cell, beside the APC gene's Wnt reading)
NOT_A_GENE = "-"


@dataclass(frozen=True)
class Homograph:
    """A label that is a gene symbol but, in some figures, something else (CAMP: cAMP).

    ``words`` are lookup keys of words that signal the other reading, ``genes`` symbols
    (or prefixes ending in ``*``) of genes that do.
    """

    reading: str
    words: frozenset[str]
    genes: tuple[str, ...]

    def gene_signals(self, symbol: str) -> bool:
        """Say whether a gene of the figure signals the other reading.

        :param symbol: an approved symbol found in the figure
        :returns: True when it is one of :attr:`genes`
        """
        return any(
            symbol.startswith(g[:-1]) if g.endswith("*") else symbol == g for g in self.genes
        )


@dataclass(frozen=True)
class Curated:
    """The curated tables, ready for lookups."""

    not_genes: frozenset[str]
    nonhuman: dict[str, str]
    protein_names: tuple[tuple[str, str], ...]
    homographs: dict[str, Homograph] = field(default_factory=dict)
    #: labels that name one of several genes by the figure's company (PDK1 among AKT and
    #: PI3K genes is PDPK1, among glycolytic genes PDK1); ``reading`` is the symbol, or
    #: :data:`NOT_A_GENE`
    gene_homographs: dict[str, tuple[Homograph, ...]] = field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def load_curated() -> Curated:
    """Load the curated tables (once per process).

    :returns: the tables
    """
    return Curated(
        not_genes=frozenset(r["text"] for r in read_table("not_genes.tsv")),
        nonhuman={r["text"]: r["organism"] for r in read_table("nonhuman_proteins.tsv")},
        protein_names=tuple((r["text"], r["symbol"]) for r in read_table("protein_names.tsv")),
        homographs={r["text"]: _homograph(r["reading"], r) for r in read_table("homographs.tsv")},
        gene_homographs=_gene_homographs(),
    )


def _homograph(reading: str, row: dict[str, str]) -> Homograph:
    return Homograph(
        reading,
        frozenset(norm_key(w) for w in row["context_words"].split()),
        tuple(row["context_genes"].split()),
    )


def _gene_homographs() -> dict[str, tuple[Homograph, ...]]:
    readings: dict[str, list[Homograph]] = {}
    for r in read_table("gene_homographs.tsv"):
        readings.setdefault(r["text"], []).append(_homograph(r["symbol"], r))
    return {text: tuple(rows) for text, rows in readings.items()}
