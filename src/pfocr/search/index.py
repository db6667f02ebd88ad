"""Gene queries in memory: figures holding every one of some genes, in microseconds, a page
of them in the browse order (newest paper first), and a gene's co-mentioned genes."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from pfocr.enrich import EnrichmentIndex
from pfocr.store import Store

__all__ = ["SearchIndex"]

logger = logging.getLogger(__name__)


class SearchIndex:
    """Which figures hold which genes, as sorted posting arrays (one per gene).

    An AND query looks the shortest posting list up in the others, so its cost follows
    the rarest gene (BIRC2 AND MAP3K14 over 100,000 figures: tens of microseconds).

    :param index: a gene set index (its postings are shared, not copied)
    :param order: every figure id in the order pages list them (the store's browse order:
        newest paper first, then by id); None: the index's own (by id)
    """

    def __init__(self, index: EnrichmentIndex, order: Sequence[str] | None = None) -> None:
        self.index = index
        self._upper: dict[str, str] = {}
        for symbol in index.symbol_list:
            self._upper.setdefault(symbol.upper(), symbol)
        # each indexed figure's place in the order (figures the order lacks go last)
        n = len(index.figids)
        self.rank: NDArray[np.int64] = np.arange(n, dtype=np.int64)
        if order is not None:
            place = {figid: i for i, figid in enumerate(order)}
            self.rank = np.fromiter(
                (place.get(f, len(place) + i) for i, f in enumerate(index.figids)),
                dtype=np.int64,
                count=n,
            )

    @classmethod
    def from_db(
        cls, db: Store | str | Path, *, cache_dir: Path | None = None, use_cache: bool = True
    ) -> SearchIndex:
        """Index every figure with a gene, through the on-disk cache next to the database.

        :param db: the store or its file
        :param cache_dir: where the cache file goes (default: the database's folder)
        :param use_cache: read and write the cache file
        :returns: the index
        """
        index = EnrichmentIndex.from_db(db, min_genes=1, cache_dir=cache_dir, use_cache=use_cache)
        return cls(index)

    def __len__(self) -> int:
        return len(self.index)

    def symbol(self, gene: str) -> str | None:
        """Return the indexed symbol for a gene, matched exactly, then up to case.

        :param gene: a symbol
        :returns: the symbol, or None when no figure holds it
        """
        gene = gene.strip()
        if gene in self.index.gene_ids:
            return gene
        return self._upper.get(gene.upper())

    def set_ids(self, genes: Iterable[str]) -> NDArray[np.int32]:
        """Return the positions of the figures holding every gene (ascending).

        :param genes: symbols (matched exactly, then up to case)
        :returns: set positions (empty when a gene is unknown or none is given)
        """
        symbols = [self.symbol(g) for g in genes]
        if not symbols or any(s is None for s in symbols):
            return np.zeros(0, dtype=np.int32)
        return self.index.sets_with_all([s for s in symbols if s is not None])

    def figure_ids(
        self, genes: Iterable[str], limit: int | None = None, offset: int = 0
    ) -> list[str]:
        """Return the ids of the figures holding every gene (stored order), a page of them.

        :param genes: symbols (matched exactly, then up to case)
        :param limit: most ids to return (None: all)
        :param offset: ids to skip
        :returns: figure ids (empty when a gene is unknown or none is given)
        """
        ids = self.set_ids(genes)[offset : None if limit is None else offset + limit]
        figids = self.index.figids
        return [figids[i] for i in ids.tolist()]

    def page(self, genes: Iterable[str], limit: int, offset: int = 0) -> tuple[list[str], int]:
        """Return a page of the figures holding every gene, in the order, and their count.

        :param genes: symbols (matched exactly, then up to case)
        :param limit: most ids to return
        :param offset: ids to skip
        :returns: ``(figure ids, total)``
        """
        ids = self.set_ids(genes)
        total = int(ids.size)
        end = min(total, offset + limit)
        if end <= offset:
            return [], total
        ranks = self.rank[ids]
        if end < total:  # only the first ``end`` in order need sorting
            first = np.argpartition(ranks, end - 1)[:end]
            ids, ranks = ids[first], ranks[first]
        chosen = ids[np.argsort(ranks, kind="stable")][offset:end]
        figids = self.index.figids
        return [figids[i] for i in chosen.tolist()], total

    def co_mentioned(self, symbol: str, limit: int) -> list[tuple[str, int]]:
        """Return the genes most often shown with a gene, with how many figures show both.

        :param symbol: an indexed symbol
        :param limit: most genes to return
        :returns: ``(symbol, figures)``, most figures first, then by symbol
        """
        ix = self.index
        gid = ix.gene_ids.get(symbol)
        if gid is None or limit < 1:
            return []
        sets = ix.postings(symbol).astype(np.int64)
        starts, lengths = ix.set_ptr[sets], ix.set_size[sets].astype(np.int64)
        total = int(lengths.sum())
        # the positions of every gene of those sets, gathered without a Python loop
        shift = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        counts = np.bincount(ix.set_genes[shift + np.arange(total)], minlength=len(ix.symbols))
        counts[gid] = 0
        found = np.flatnonzero(counts)
        if found.size > limit:  # the genes tied with the limit-th are all candidates
            kth = np.partition(counts[found], found.size - limit)[found.size - limit]
            found = found[counts[found] >= kth]
        names = ix.symbol_list
        rows = sorted(((names[g], int(counts[g])) for g in found.tolist()), key=_by_count)
        return rows[:limit]

    def count(self, genes: Iterable[str]) -> int:
        """Return how many figures hold every gene.

        :param genes: symbols (matched exactly, then up to case)
        :returns: the count
        """
        return int(self.set_ids(genes).size)


def _by_count(row: tuple[str, int]) -> tuple[int, str]:
    return -row[1], row[0]
