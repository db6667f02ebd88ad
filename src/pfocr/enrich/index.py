"""The enrichment index: every figure gene set in memory, one query in milliseconds.

The sets are a sparse figure x gene matrix kept twice, as CSR (figure -> genes) and
its transpose (gene -> figures, the postings). A query of n genes reads the postings of
its genes and counts overlaps with one ``bincount`` (the sparse matrix-vector product of
DESIGN §7). The statistics depend on a set only through its size K and overlap k, so they
are computed once per distinct (K, k) pair (about 2,000 for 100,000 sets) and BH runs
over those pairs with their multiplicities.
"""

from __future__ import annotations

import copy
import json
import logging
import math
from collections.abc import Container, Iterable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from pfocr.enrich.arrays import StringTable, invert
from pfocr.enrich.gmt import read_gmt
from pfocr.enrich.models import (
    EnrichmentResult,
    EnrichmentRow,
    GeneReport,
)
from pfocr.enrich.normalize import SymbolResolver, map_symbols
from pfocr.enrich.stats import bh_fdr_grouped, combined_score, hypergeom_log_sf, odds_ratio
from pfocr.errors import InputError
from pfocr.store import GeneSet, Store

__all__ = ["FDR_OVER", "EnrichmentIndex"]

logger = logging.getLogger(__name__)

#: ``fdr_over`` choices: BH over every set, or only over sets sharing a gene with the query.
FDR_OVER = ("all", "overlapping")

Int32s = NDArray[np.int32]
Int64s = NDArray[np.int64]
Floats = NDArray[np.float64]

#: Version of the arrays' layout in saved files.
INDEX_FORMAT = 1


class EnrichmentIndex:
    """Figure gene sets indexed for over-representation tests and gene look-ups.

    Build it with :meth:`from_sets`, :meth:`from_gmt` or :meth:`from_db`; restrict the
    background with :meth:`with_background`; query it with :meth:`enrich`.

    :param symbols: the gene vocabulary (gene id -> symbol)
    :param figids: set ids
    :param titles: set titles
    :param set_ptr: CSR offsets of each set's genes (``len(figids) + 1``)
    :param set_genes: gene ids of every set, concatenated
    :param gene_ptr: offsets of each gene's postings (``len(symbols) + 1``)
    :param gene_sets: set ids containing each gene, ascending, concatenated
    :param meta: provenance (source, data version, min_genes), saved with the index
    :param resolver: maps input symbols to approved ones (the lexicon); None: exact and
        case-insensitive matches only
    """

    def __init__(
        self,
        symbols: StringTable,
        figids: StringTable,
        titles: StringTable,
        set_ptr: Int64s,
        set_genes: Int32s,
        gene_ptr: Int64s,
        gene_sets: Int32s,
        meta: dict[str, object] | None = None,
        resolver: SymbolResolver | None = None,
    ) -> None:
        self.symbols = symbols
        self.figids = figids
        self.titles = titles
        self.set_ptr = set_ptr
        self.set_genes = set_genes
        self.gene_ptr = gene_ptr
        self.gene_sets = gene_sets
        self.meta: dict[str, object] = dict(meta or {})
        self.resolver = resolver
        # Python strings for the vocabulary: rows name their genes without decoding
        self.symbol_list: list[str] = list(symbols)
        self.gene_ids: dict[str, int] = {s: i for i, s in enumerate(self.symbol_list)}
        self._gene_ptr_list: list[int] = gene_ptr.tolist()  # Python ints slice faster
        # the default background: every gene of some set
        self.set_size: Int32s = np.diff(set_ptr).astype(np.int32)
        self._n_sets = int(np.count_nonzero(self.set_size))
        self.background_mask: NDArray[np.bool_] | None = None
        self.extra_background: frozenset[str] = frozenset()
        self.background_report: GeneReport | None = None
        # symbols as written (the vocabulary: set genes and background-only genes) and
        # the background's symbols (None: the whole vocabulary)
        self._vocabulary: Container[str] = self.gene_ids
        self._background_symbols: Container[str] | None = None
        self._upper: dict[str, str] | None = None
        self._last_background: tuple[tuple[str, ...], EnrichmentIndex] | None = None

    # -- construction ----------------------------------------------------------------------
    @classmethod
    def from_sets(
        cls,
        sets: Iterable[GeneSet],
        *,
        meta: dict[str, object] | None = None,
        resolver: SymbolResolver | None = None,
    ) -> EnrichmentIndex:
        """Index gene sets (sets without genes are left out).

        :param sets: the gene sets
        :param meta: provenance kept with the index
        :param resolver: maps input symbols to approved ones
        :returns: the index
        """
        ids: dict[str, int] = {}
        flat: list[int] = []
        ptr = [0]
        figids: list[str] = []
        titles: list[str] = []
        for s in sets:
            genes = dict.fromkeys(s.genes)
            if not genes:
                continue
            flat.extend([ids.setdefault(g, len(ids)) for g in genes])
            ptr.append(len(flat))
            figids.append(s.figid)
            titles.append(s.title)
        set_ptr = np.asarray(ptr, dtype=np.int64)
        set_genes = np.asarray(flat, dtype=np.int32)
        gene_ptr, gene_sets = invert(set_ptr, set_genes, len(ids))
        logger.info("indexed %d gene sets over %d genes", len(figids), len(ids))
        return cls(
            StringTable.from_strings(list(ids)),
            StringTable.from_strings(figids),
            StringTable.from_strings(titles),
            set_ptr,
            set_genes,
            gene_ptr,
            gene_sets,
            meta,
            resolver,
        )

    @classmethod
    def from_gmt(
        cls,
        path: str | Path,
        background: Iterable[str] | None = None,
        *,
        resolver: SymbolResolver | None = None,
    ) -> EnrichmentIndex:
        """Index the gene sets of a GMT file.

        :param path: the GMT file
        :param background: background genes (None: every gene of some set)
        :param resolver: maps input symbols to approved ones (None: exact and case only)
        :returns: the index
        :raises InputError: when the file is unreadable or holds no gene set
        """
        ix = cls.from_sets(read_gmt(path), meta={"source": str(path)}, resolver=resolver)
        if len(ix) == 0:
            raise InputError(f"{path} holds no gene set")
        return ix if background is None else ix.with_background(background)

    @classmethod
    def from_db(
        cls,
        db: Store | str | Path,
        background: Iterable[str] | None = None,
        *,
        min_genes: int = 3,
        resolver: SymbolResolver | None = None,
        cache_dir: Path | None = None,
        use_cache: bool = True,
    ) -> EnrichmentIndex:
        """Index a database's figure gene sets, through the on-disk cache next to it.

        :param db: the store or its file
        :param background: background genes (None: every gene of some set)
        :param min_genes: leave out figures with fewer genes (as ``pfocr export gmt``)
        :param resolver: maps input symbols to approved ones (None: exact and case only)
        :param cache_dir: where the cache file goes (default: the database's folder)
        :param use_cache: read and write the cache file
        :returns: the index
        :raises InputError: when the database is missing or holds no gene set
        """
        from pfocr.enrich.cache import load_or_build

        if isinstance(db, Store):
            ix = load_or_build(db, min_genes=min_genes, cache_dir=cache_dir, use_cache=use_cache)
        else:
            with Store(db, readonly=True) as store:
                ix = load_or_build(
                    store, min_genes=min_genes, cache_dir=cache_dir, use_cache=use_cache
                )
        ix.resolver = resolver
        return ix if background is None else ix.with_background(background)

    # -- persistence -----------------------------------------------------------------------
    def to_arrays(self) -> dict[str, NDArray[np.generic]]:
        """Return the arrays that :meth:`from_arrays` reads (for ``numpy.savez``).

        :returns: name -> array
        """
        out: dict[str, NDArray[np.generic]] = {}
        for name, table in (("symbols", self.symbols), ("figids", self.figids)):
            out[f"{name}_blob"], out[f"{name}_offsets"] = table.to_arrays()
        out["titles_blob"], out["titles_offsets"] = self.titles.to_arrays()
        out["set_ptr"] = self.set_ptr
        out["set_genes"] = self.set_genes
        out["gene_ptr"] = self.gene_ptr
        out["gene_sets"] = self.gene_sets
        meta = {**self.meta, "index_format": INDEX_FORMAT}
        out["meta"] = np.array(json.dumps(meta, sort_keys=True))
        return out

    @classmethod
    def from_arrays(cls, arrays: dict[str, NDArray[np.generic]]) -> EnrichmentIndex:
        """Rebuild an index from :meth:`to_arrays` output (a loaded ``.npz``).

        :param arrays: name -> array
        :returns: the index
        :raises ValueError: when arrays are missing, of another format, or inconsistent
        """
        meta = json.loads(str(arrays["meta"][()]))
        if meta.get("index_format") != INDEX_FORMAT:
            raise ValueError(f"index format {meta.get('index_format')} != {INDEX_FORMAT}")

        def table(name: str) -> StringTable:
            blob = np.asarray(arrays[f"{name}_blob"], dtype=np.uint8)
            return StringTable.from_arrays(blob, np.asarray(arrays[f"{name}_offsets"]))

        set_ptr = np.asarray(arrays["set_ptr"], dtype=np.int64)
        set_genes = np.asarray(arrays["set_genes"], dtype=np.int32)
        gene_ptr = np.asarray(arrays["gene_ptr"], dtype=np.int64)
        gene_sets = np.asarray(arrays["gene_sets"], dtype=np.int32)
        symbols, figids, titles = table("symbols"), table("figids"), table("titles")
        if (
            set_ptr.size != len(figids) + 1
            or len(titles) != len(figids)
            or gene_ptr.size != len(symbols) + 1
            or int(set_ptr[-1]) != set_genes.size
            or int(gene_ptr[-1]) != gene_sets.size
            or set_genes.size != gene_sets.size
        ):
            raise ValueError("index arrays are inconsistent")
        return cls(symbols, figids, titles, set_ptr, set_genes, gene_ptr, gene_sets, meta)

    # -- shape -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.figids)

    @property
    def data_version(self) -> int | None:
        """The store's data version the index was built from (None when not from a store).

        :returns: the version
        """
        value = self.meta.get("data_version")
        return int(value) if isinstance(value, int) else None

    @property
    def nbytes(self) -> int:
        """Bytes held by the index's arrays and string tables (dicts not counted).

        :returns: the size
        """
        arrays = (self.set_ptr, self.set_genes, self.gene_ptr, self.gene_sets, self.set_size)
        tables = (self.symbols, self.figids, self.titles)
        return sum(int(a.nbytes) for a in arrays) + sum(t.nbytes for t in tables)

    @property
    def background_size(self) -> int:
        """N: the number of background genes.

        :returns: the count
        """
        if self.background_mask is None:
            return len(self.symbols) + len(self.extra_background)
        return int(self.background_mask.sum()) + len(self.extra_background)

    @property
    def n_sets(self) -> int:
        """The number of sets with at least one background gene (the BH family over all).

        :returns: the count
        """
        return self._n_sets

    def postings(self, symbol: str) -> Int32s:
        """Return the ids (ascending) of the sets holding a gene.

        :param symbol: an exact vocabulary symbol
        :returns: set ids (empty for an unknown symbol)
        """
        gid = self.gene_ids.get(symbol)
        if gid is None:
            return np.zeros(0, dtype=np.int32)
        return self.gene_sets[self.gene_ptr[gid] : self.gene_ptr[gid + 1]]

    def set_symbols(self, set_id: int) -> tuple[str, ...]:
        """Return a set's genes.

        :param set_id: the set's position
        :returns: symbols, in stored order
        """
        ids = self.set_genes[self.set_ptr[set_id] : self.set_ptr[set_id + 1]]
        return tuple(self.symbol_list[g] for g in ids.tolist())

    # -- symbols ---------------------------------------------------------------------------
    def _upper_map(self) -> dict[str, str]:
        if self._upper is None:
            upper: dict[str, str] = {}
            for s in (*self.symbol_list, *sorted(self.extra_background)):
                upper.setdefault(s.upper(), s)
            self._upper = upper
        return self._upper

    def map_genes(self, genes: Iterable[str]) -> GeneReport:
        """Map input symbols to the index's genes (see :mod:`pfocr.enrich.normalize`).

        :param genes: input symbols
        :returns: the mapping of each non-blank input
        """
        return map_symbols(
            genes, self._vocabulary, self._upper_map(), self._background_symbols, self.resolver
        )

    # -- background ------------------------------------------------------------------------
    def with_background(self, genes: Iterable[str]) -> EnrichmentIndex:
        """Return the index with a user background (sharing this one's arrays).

        Background genes are mapped like query genes; those in no set still count in N.
        Set sizes become the sizes of the sets' intersections with the background.

        :param genes: the background genes
        :returns: the restricted index
        :raises InputError: when the background holds no gene
        """
        wanted = tuple(genes)
        cached = self._last_background
        if cached is not None and cached[0] == wanted:
            return cached[1]
        # background genes are read against the whole vocabulary, not a former background
        everything = copy.copy(self)
        everything.background_mask = None
        everything.extra_background = frozenset()
        everything._vocabulary = self.gene_ids
        everything._background_symbols = None
        everything._upper = None if self.extra_background else self._upper
        report = everything.map_genes(wanted)
        mask = np.zeros(len(self.symbols), dtype=bool)
        extra: set[str] = set()
        for query, symbol in zip(report.queries, report.symbols, strict=True):
            if symbol is None:
                # a gene no set holds: it still counts in N (under the name given)
                extra.add(query)
            elif symbol in self.gene_ids:
                mask[self.gene_ids[symbol]] = True
            else:
                extra.add(symbol)
        if not mask.any() and not extra:
            raise InputError("the background holds no gene")
        restricted = copy.copy(self)  # shares the arrays
        restricted.background_mask = mask
        restricted.extra_background = frozenset(extra)
        restricted._upper = None
        restricted._last_background = None
        restricted.background_report = report
        restricted._vocabulary = frozenset(self.gene_ids) | restricted.extra_background
        restricted._background_symbols = (
            frozenset(np.asarray(self.symbol_list, dtype=object)[mask].tolist()) | extra
        )
        set_of = np.repeat(np.arange(len(self), dtype=np.int32), np.diff(self.set_ptr))
        restricted.set_size = np.bincount(set_of[mask[self.set_genes]], minlength=len(self)).astype(
            np.int32
        )
        restricted._n_sets = int(np.count_nonzero(restricted.set_size))
        logger.info(
            "background: %d genes (%d in some set), %d sets keep a background gene",
            restricted.background_size,
            int(mask.sum()),
            restricted.n_sets,
        )
        self._last_background = (wanted, restricted)
        return restricted

    # -- the test --------------------------------------------------------------------------
    def enrich(
        self,
        genes: Iterable[str],
        top: int | None = 50,
        *,
        background: Iterable[str] | None = None,
        fdr_over: str = "all",
    ) -> EnrichmentResult:
        """Test every set for over-representation of a gene list.

        :param genes: the gene list (symbols; mapped through the resolver)
        :param top: how many sets to return, best first; None: every set sharing a gene
        :param background: a background for this query (None: the index's)
        :param fdr_over: ``all`` (BH over every set) or ``overlapping`` (BH over sets
            sharing at least one gene with the query, as Enrichr and gseapy)
        :returns: the rows sorted by p (ties: larger combined score, then set order) and
            the gene mapping
        :raises InputError: on an empty list, a list without background genes, a bad
            ``top`` or ``fdr_over``
        """
        if background is not None:
            return self.with_background(background).enrich(genes, top, fdr_over=fdr_over)
        if fdr_over not in FDR_OVER:
            raise InputError(f"fdr_over must be one of {', '.join(FDR_OVER)}, not {fdr_over!r}")
        if top is not None and top < 1:
            raise InputError(f"top must be at least 1, not {top}")
        report = self.map_genes(genes)
        if not report.queries:
            raise InputError("the gene list is empty")
        used = report.recognised
        if not used:
            shown = ", ".join(report.queries[:5])
            more = "" if len(report) <= 5 else f" and {len(report) - 5} more"
            raise InputError(
                f"none of the {len(report)} genes ({shown}{more}) is in the "
                f"background of {self.background_size} genes"
            )
        gene_ids = self.gene_ids
        ids = np.fromiter((gene_ids[s] for s in used if s in gene_ids), dtype=np.int64)
        rows, n_overlapping = self._rank(ids, len(used), top, fdr_over)
        return EnrichmentResult(
            results=rows,
            report=report,
            query_size=len(used),
            background_size=self.background_size,
            n_sets=self.n_sets,
            n_overlapping=n_overlapping,
            fdr_over=fdr_over,
        )

    def _rank(
        self, ids: NDArray[np.int64], n: int, top: int | None, fdr_over: str
    ) -> tuple[tuple[EnrichmentRow, ...], int]:
        """Score every set against query genes ``ids`` (n also counts genes in no set)."""
        if ids.size == 0:
            return (), 0
        big_n = self.background_size
        ptr = self._gene_ptr_list
        gene_sets = self.gene_sets
        postings = np.concatenate([gene_sets[ptr[g] : ptr[g + 1]] for g in ids.tolist()])
        overlap = np.bincount(postings, minlength=len(self))
        hit = np.flatnonzero(overlap > 0)  # nonzero() is 4x faster on a bool mask
        k_hit = overlap[hit]
        # one key per distinct (K, k); the key space is (max K + 1) x (max k + 1)
        width = int(k_hit.max()) + 1
        key = self.set_size[hit].astype(np.int64) * width + k_hit
        per_key = np.bincount(key)
        keys = np.flatnonzero(per_key > 0)
        counts = per_key[keys]
        pk = keys % width
        psize = keys // width
        log_p = hypergeom_log_sf(pk, big_n, psize, n)
        odds = odds_ratio(pk, big_n, psize, n)
        score = combined_score(log_p, odds)
        order = np.lexsort((-score, log_p))
        m = self.n_sets if fdr_over == "all" else int(hit.size)
        fdr = np.empty(keys.size)
        fdr[order] = bh_fdr_grouped(np.exp(log_p[order]), counts[order], m)
        # each set's pair rank; then the sets of the best pairs, enough to fill ``top``
        rank_of_key = np.zeros(per_key.size, dtype=np.int64)
        rank_of_key[keys[order]] = np.arange(keys.size)
        set_rank = rank_of_key[key]
        if top is None:
            chosen = np.arange(hit.size)
        else:
            enough = int(np.searchsorted(np.cumsum(counts[order]), top))
            chosen = np.flatnonzero(set_rank <= enough)
        chosen = chosen[np.lexsort((hit[chosen], set_rank[chosen]))][:top]
        stats = (pk, psize, log_p, fdr, odds, score)
        rows = self._rows(hit[chosen], order[set_rank[chosen]], ids, stats)
        return rows, int(hit.size)

    def _rows(
        self,
        sets: Int64s,
        pairs: Int64s,
        ids: NDArray[np.int64],
        stats: tuple[Int64s, Int64s, Floats, Floats, Floats, Floats],
    ) -> tuple[EnrichmentRow, ...]:
        """Make result rows for chosen sets, given each set's (K, k) pair's statistics."""
        pk, psize, log_p, fdr, odds, score = (a[pairs].tolist() for a in stats)
        query_mask = np.zeros(len(self.symbols), dtype=bool)
        query_mask[ids] = True
        set_ptr, set_genes, symbols = self.set_ptr, self.set_genes, self.symbol_list
        starts, ends = set_ptr[sets].tolist(), set_ptr[sets + 1].tolist()
        members = [set_genes[a:b] for a, b in zip(starts, ends, strict=True)]
        every = np.concatenate(members) if members else np.zeros(0, dtype=np.int32)
        # query genes of each set, set after set: the i-th set contributes its overlap k
        shared = every[query_mask[every]].tolist()
        rows = []
        at = 0
        for i, s in enumerate(sets.tolist()):
            k = pk[i]
            names = sorted([symbols[g] for g in shared[at : at + k]])
            at += k
            rows.append(
                EnrichmentRow(
                    figid=self.figids[s],
                    title=self.titles[s],
                    overlap=k,
                    set_size=psize[i],
                    p=math.exp(log_p[i]),
                    fdr=fdr[i],
                    odds_ratio=odds[i],
                    combined_score=score[i],
                    genes=tuple(names),
                    log_p=log_p[i],
                )
            )
        return tuple(rows)

    def sets_with_all(self, symbols: Sequence[str]) -> Int32s:
        """Return the ids of the sets holding every one of some genes (an AND query).

        :param symbols: exact vocabulary symbols
        :returns: set ids, ascending (empty when a symbol is unknown or none is given)
        """
        if not symbols:
            return np.zeros(0, dtype=np.int32)
        lists = sorted((self.postings(s) for s in symbols), key=len)
        result = lists[0]
        for other in lists[1:]:
            if result.size == 0:
                break
            # both sorted: look the shorter list up in the longer (|a| log |b|, no sort)
            pos = np.minimum(np.searchsorted(other, result), other.size - 1)
            result = result[other[pos] == result]
        return np.asarray(result, dtype=np.int32)
