"""The one place the site calls the search, enrichment and export stages.

Routes never import :mod:`pfocr.search`, :mod:`pfocr.enrich` or :mod:`pfocr.export`
themselves: they call the functions here, which turn the stages' results into the
small frozen records below. While a stage is not installed yet, a temporary stand-in
(marked ``_stub_``) keeps the site working; it is never used once the stage exists.
"""

from __future__ import annotations

import importlib
import logging
import math
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from pfocr.errors import InputError
from pfocr.store import FigureRecord, Store

__all__ = [
    "EnrichOutcome",
    "EnrichRow",
    "Enricher",
    "SearchPage",
    "SearchQuery",
    "gmt_lines",
    "mentions_tsv",
    "record_markdown",
    "search",
]

logger = logging.getLogger(__name__)


def _stage(name: str) -> ModuleType | None:
    """Import a stage package if it is there (teammates build them in parallel)."""
    try:
        return importlib.import_module(f"pfocr.{name}")
    except ImportError:
        return None


# -- search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchQuery:
    """A figure search: every gene AND the free text AND the filters."""

    genes: tuple[str, ...] = ()
    text: str = ""
    organism: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class SearchPage:
    """One page of search results (figure ids, best first) and the total match count."""

    figids: tuple[str, ...]
    total: int


def search(store: Store, query: SearchQuery) -> SearchPage:
    """Run a figure search.

    :param store: the store
    :param query: the query
    :returns: the page of results
    :raises InputError: when the search stage refuses the query
    """
    stage = _stage("search")
    if stage is None or not hasattr(stage, "search_figures"):
        return _stub_search(store, query)
    result = stage.search_figures(
        store,
        genes=list(query.genes),
        text=query.text or None,
        organism=query.organism,
        year_from=query.year_from,
        year_to=query.year_to,
        limit=query.limit,
        offset=query.offset,
    )
    return _search_page(result)


def _search_page(result: Any) -> SearchPage:
    """Read the search stage's result: hits with a ``figid`` and a ``total`` count."""
    hits = getattr(result, "hits", result)
    figids = tuple(h if isinstance(h, str) else h.figid for h in hits)
    total = getattr(result, "total", len(figids))
    return SearchPage(figids, int(total))


def _stub_search(store: Store, query: SearchQuery) -> SearchPage:
    """Stand-in for :mod:`pfocr.search` (gene AND, FTS5 phrase-quoted words, filters)."""
    where: list[str] = []
    params: list[object] = []
    for gene in query.genes:
        where.append("f.figid IN (SELECT figid FROM genes WHERE symbol = ?)")
        params.append(gene)
    words = re.findall(r"\w+", query.text)
    if words:
        where.append("f.figid IN (SELECT figid FROM figures_fts WHERE figures_fts MATCH ?)")
        params.append(" ".join('"' + w.replace('"', '""') + '"' for w in words))
    if query.organism:
        where.append("f.figid IN (SELECT figid FROM organisms WHERE name = ?)")
        params.append(query.organism)
    if query.year_from is not None:
        where.append("p.year >= ?")
        params.append(query.year_from)
    if query.year_to is not None:
        where.append("p.year <= ?")
        params.append(query.year_to)
    sql = " FROM figures f LEFT JOIN papers p ON p.pmcid = f.pmcid"
    if where:
        sql += " WHERE " + " AND ".join(where)
    total = int(store.conn.execute("SELECT count(*)" + sql, params).fetchone()[0])
    rows = store.conn.execute(
        "SELECT f.figid" + sql + " ORDER BY p.year IS NULL, p.year DESC, f.figid LIMIT ? OFFSET ?",
        [*params, query.limit, query.offset],
    )
    return SearchPage(tuple(r[0] for r in rows), total)


# -- enrichment ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EnrichRow:
    """One figure ranked by an enrichment."""

    figid: str
    title: str
    overlap: tuple[str, ...]
    set_size: int
    p: float
    fdr: float
    odds_ratio: float
    combined_score: float


@dataclass(frozen=True)
class EnrichOutcome:
    """An enrichment's ranked figures and what became of the input genes."""

    rows: tuple[EnrichRow, ...]
    n_input: int
    recognised: tuple[str, ...]
    unrecognised: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...]
    background_size: int
    n_sets: int


class Enricher:
    """Enrichment over a store, with the index rebuilt when the store's data changes.

    :param db_path: the store's file (the enrichment stage builds its index from it)
    """

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._lock = threading.Lock()
        self._index: Any = None
        self._version: int | None = None

    def _current(self, store: Store) -> Any:
        version = store.data_version()
        with self._lock:
            if self._index is None or self._version != version:
                self._index = self._build(store)
                self._version = version
            return self._index

    def _build(self, store: Store) -> Any:
        stage = _stage("enrich")
        if stage is not None and hasattr(stage, "EnrichmentIndex"):
            return stage.EnrichmentIndex.from_db(self.db_path)
        return _StubIndex(store)

    def enrich(
        self, store: Store, genes: Sequence[str], background: Sequence[str] | None, top: int
    ) -> EnrichOutcome:
        """Rank the figures whose gene sets are over-represented in a gene list.

        :param store: the store (read for its data version)
        :param genes: the gene list (validated: 1 to :data:`~pfocr.web.config.MAX_GENES`)
        :param background: the genes that could have been picked, or None for every
            gene of some figure
        :param top: how many figures to return
        :returns: the outcome
        :raises InputError: when no gene of the list is known
        """
        index = self._current(store)
        if isinstance(index, _StubIndex):
            return index.enrich(genes, background, top)
        kwargs: dict[str, Any] = {"top": top}
        if background is not None:
            kwargs["background"] = list(background)
        return _outcome(index.enrich(list(genes), **kwargs), len(genes))


def _outcome(result: Any, n_input: int) -> EnrichOutcome:
    """Read the enrichment stage's result into an :class:`EnrichOutcome`."""
    rows = tuple(
        EnrichRow(
            figid=r.figid,
            title=r.title,
            overlap=tuple(r.genes),
            set_size=int(r.set_size),
            p=float(r.p),
            fdr=float(r.fdr),
            odds_ratio=float(r.odds_ratio),
            combined_score=float(r.combined_score),
        )
        for r in getattr(result, "results", result)
    )
    report = getattr(result, "report", None)
    return EnrichOutcome(
        rows=rows,
        n_input=n_input,
        recognised=tuple(getattr(report, "recognised", ())),
        unrecognised=tuple(getattr(report, "unrecognised", ())),
        renamed=tuple(getattr(report, "renamed", ())),
        background_size=int(getattr(result, "background_size", 0)),
        n_sets=int(getattr(result, "n_sets", 0)),
    )


class _StubIndex:
    """Stand-in for :mod:`pfocr.enrich` (hypergeometric test, BH FDR) until it lands."""

    def __init__(self, store: Store) -> None:
        self.sets = [(s.figid, s.title, frozenset(s.genes)) for s in store.gene_sets(1)]
        self.universe = frozenset().union(*(s for _, _, s in self.sets))

    def enrich(
        self, genes: Sequence[str], background: Sequence[str] | None, top: int
    ) -> EnrichOutcome:
        from scipy.stats import hypergeom  # heavy import; only the stand-in needs it

        universe = self.universe
        if background is not None:
            universe = universe & {g.upper() for g in background}
        seen: dict[str, None] = dict.fromkeys(g.upper() for g in genes)
        recognised = tuple(g for g in seen if g in universe)
        unrecognised = tuple(g for g in seen if g not in universe)
        if not recognised:
            raise InputError("none of the genes is in any figure's gene set")
        query, n, big_n = frozenset(recognised), len(recognised), len(universe)
        scored: list[tuple[float, str, str, tuple[str, ...], int, float, float]] = []
        for figid, title, members in self.sets:
            s = members & universe
            k = len(s & query)
            if k == 0:
                continue
            p = float(hypergeom.sf(k - 1, big_n, len(s), n))
            a, b, c = k + 0.5, len(s) - k + 0.5, n - k + 0.5
            odds = a * (big_n - len(s) - n + k + 0.5) / (b * c)
            scored.append((p, figid, title, tuple(sorted(s & query)), len(s), odds, 0.0))
        scored.sort()
        m = len(scored)
        fdrs = [0.0] * m
        running = 1.0
        for i in range(m - 1, -1, -1):
            running = min(running, scored[i][0] * m / (i + 1))
            fdrs[i] = running
        rows = tuple(
            EnrichRow(figid, title, overlap, size, p, fdr, odds, -math.log(max(p, 1e-300)) * odds)
            for (p, figid, title, overlap, size, odds, _), fdr in zip(scored, fdrs, strict=True)
        )[:top]
        return EnrichOutcome(rows, len(genes), recognised, unrecognised, (), big_n, len(self.sets))


# -- exports -------------------------------------------------------------------------------


def gmt_lines(store: Store, min_genes: int = 3, expand_families: bool = False) -> Iterator[str]:
    """Yield GMT lines, each ending in a newline.

    :param store: the store
    :param min_genes: leave out sets with fewer genes
    :param expand_families: add the members of families shown in a figure
    :yields: lines
    """
    stage = _stage("export")
    if stage is not None and hasattr(stage, "gmt_lines"):
        yield from _lines(stage.gmt_lines(store, min_genes, expand_families))
        return
    for s in store.gene_sets(min_genes):
        yield "\t".join((s.figid, _cell(s.title), *s.genes)) + "\n"


def record_markdown(record: FigureRecord, store: Store) -> str:
    """Return a figure's record in the PFOCR website's Markdown format.

    :param record: the figure
    :param store: the store
    :returns: the Markdown text
    """
    stage = _stage("export")
    if stage is not None and hasattr(stage, "record_markdown"):
        return str(stage.record_markdown(record, store))
    fig, paper = record.figure, record.paper
    keys = {
        "figid": fig.figid,
        "figtitle": fig.figtitle,
        "organisms": [o.name for o in record.organisms],
        "pmcid": fig.pmcid,
        "year": paper.year if paper else None,
        "doi": paper.doi if paper else None,
        "keywords": [g.symbol for g in record.genes],
    }
    front = "\n".join(f"{k}: {v!r}" for k, v in keys.items())
    return f"---\n{front}\n---\n\n{fig.caption or ''}\n"


def mentions_tsv(store: Store, figids: Iterable[str] | None = None) -> Iterator[str]:
    """Yield the mentions TSV (header first), each line ending in a newline.

    :param store: the store
    :param figids: only these figures (all when None)
    :yields: lines
    """
    stage = _stage("export")
    if stage is not None and hasattr(stage, "mentions_tsv"):
        yield from _lines(
            stage.mentions_tsv(store, figids=list(figids) if figids is not None else None)
        )
        return
    yield "figid\ttext\tsymbol\thgnc_id\trule\tconfidence\tbox\n"
    for figid in store.figure_ids() if figids is None else figids:
        for m in store.mentions(figid):
            box = ";".join(f"{x:g},{y:g}" for x, y in m.box)
            cells = (figid, _cell(m.text), m.symbol, m.hgnc_id, m.rule, f"{m.confidence:.3f}", box)
            yield "\t".join(cells) + "\n"


def _lines(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield line if line.endswith("\n") else line + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split())
