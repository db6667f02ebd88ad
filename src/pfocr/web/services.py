"""The one place the site calls the search, enrichment, export and lexicon stages.

Routes never import :mod:`pfocr.search`, :mod:`pfocr.enrich`, :mod:`pfocr.export` or
:mod:`pfocr.lexicon` themselves: they call the functions here, which turn the stages'
results into the small frozen records below (so a stage's API change touches one file).
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from pfocr import enrich, export, lexicon, search
from pfocr.bulk import gc_paused
from pfocr.errors import InputError
from pfocr.search.ranked import RankedWords
from pfocr.settings import Settings
from pfocr.store import FigureRecord, Store
from pfocr.web.queries import all_figures

__all__ = [
    "EnrichOutcome",
    "EnrichRow",
    "Enricher",
    "SearchPage",
    "SearchQuery",
    "SplitQuery",
    "find_figures",
    "gene_names",
    "gene_synonyms",
    "gmt_line",
    "gmt_lines",
    "local_lexicon",
    "mentions_tsv",
    "record_markdown",
    "split_query",
]

logger = logging.getLogger(__name__)


# -- gene names ---------------------------------------------------------------------------


def local_lexicon(settings: Settings | None = None) -> lexicon.Lexicon | None:
    """Return the lexicon if one is already on this machine (never download or compile).

    The site uses it for gene names (the store keeps ids and symbols only) and to map
    aliases and former symbols in enrichment input. Without one (no ``PFOCR_LEXICON``
    and no cached build of ``pfocr lexicon``) the site shows no names and matches
    symbols exactly and up to case.

    :param settings: the settings (read from the environment when None)
    :returns: the lexicon, or None
    """
    settings = settings or Settings()
    path = settings.lexicon
    if path is None:
        cached_hgnc = settings.cache_dir / "downloads" / "hgnc_complete_set.txt"
        if settings.data_dir is None and not cached_hgnc.is_file():
            return None  # finding the default lexicon would download HGNC
        try:
            path = lexicon.default_lexicon_path(settings)
        except InputError:
            return None
    if not path.is_file():
        logger.info("no lexicon at %s: no gene names, exact symbols only", path)
        return None
    started = time.perf_counter()
    found = lexicon.Lexicon.load(path)
    logger.info("lexicon %s loaded in %.1f s", found.version, time.perf_counter() - started)
    return found


def gene_names(lex: lexicon.Lexicon | None) -> dict[str, str]:
    """Return HGNC id -> approved name.

    :param lex: a lexicon, or None
    :returns: the names (empty without a lexicon)
    """
    return {} if lex is None else {g.hgnc_id: g.name for g in lex.genes.values()}


def gene_synonyms(
    lex: lexicon.Lexicon | None,
) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Return HGNC id -> (previous symbols, aliases), as HGNC spells them.

    :param lex: a lexicon, or None
    :returns: the synonyms (empty without a lexicon)
    """
    if lex is None:
        return {}
    found: dict[str, tuple[dict[str, None], dict[str, None]]] = {}
    for terms in lex.terms.values():
        for t in terms:
            if t.db == "HGNC" and t.status in ("previous", "alias"):
                previous, aliases = found.setdefault(t.id, ({}, {}))
                (previous if t.status == "previous" else aliases)[t.text] = None
    return {k: (tuple(sorted(p)), tuple(sorted(a))) for k, (p, a) in found.items()}


# -- search --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchQuery:
    """A figure search: every gene AND the free text AND the filters."""

    genes: tuple[str, ...] = ()
    text: str = ""
    organism: str | None = None
    chemicals: tuple[str, ...] = ()
    diseases: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    limit: int = 20
    offset: int = 0

    @property
    def empty(self) -> bool:
        """True when nothing is asked (the site then lists every figure)."""
        return not (
            self.genes
            or self.chemicals
            or self.diseases
            or self.text.strip()
            or self.organism
            or self.year_from is not None
            or self.year_to is not None
        )


@dataclass(frozen=True)
class SplitQuery:
    """A search box split into genes and words, and what became of the genes."""

    genes: tuple[str, ...]
    text: str
    renamed: tuple[tuple[str, str], ...]
    not_found: tuple[str, ...]


@dataclass(frozen=True)
class SearchPage:
    """One page of search results (figure ids, best first), the total, and snippets."""

    figids: tuple[str, ...]
    total: int
    snippets: dict[str, str] = field(default_factory=dict)


_WORDS = re.compile(r"[\s,;]+")


def split_query(
    store: Store,
    box: str,
    genes: Sequence[str] = (),
    resolver: enrich.SymbolResolver | None = None,
) -> SplitQuery:
    """Split a search box into gene symbols and words; map explicit genes too.

    A word of the box is a gene when some figure shows it (as given, mapped by the
    resolver, or upper-cased) and it is not all lower-case letters, so ``tp53`` and
    ``p53`` are genes but ``met`` and ``apoptosis`` stay words. Explicit genes must be
    shown by some figure, or the search matches nothing (``not_found``).

    :param store: the store
    :param box: the search box
    :param genes: explicit genes
    :param resolver: maps aliases to approved symbols (the lexicon), or None
    :returns: the split query
    """
    words = [w for w in _WORDS.split(box.strip()) if w][:100]
    candidates = [w for w in words if not (w.isalpha() and w.islower())]
    _, _, unknown_words = search.resolve_genes(store, candidates, resolver)
    as_genes = [w for w in candidates if w not in unknown_words]
    text = [w for w in words if w not in as_genes]
    found, renamed, not_found = search.resolve_genes(store, [*as_genes, *genes], resolver)
    return SplitQuery(found, " ".join(text), renamed, not_found)


def find_figures(
    store: Store,
    query: SearchQuery,
    resolver: enrich.SymbolResolver | None = None,
    index: search.SearchIndex | None = None,
    ranked: RankedWords | None = None,
) -> SearchPage:
    """Run a figure search (:func:`pfocr.search.search_figures`); list all when empty.

    :param store: the store
    :param query: the query (genes already mapped by :func:`split_query`)
    :param resolver: maps aliases to approved symbols
    :param index: the store's gene index (a search by genes alone is answered from it)
    :param ranked: kept searches of common words (a search by one is read from them)
    :returns: the page of results
    :raises InputError: when the search stage refuses the query (text without a word,
        an empty year range)
    """
    if query.empty:
        figids, total = all_figures(store, query.limit, query.offset)
        return SearchPage(tuple(figids), total)
    result = search.search_figures(
        store,
        genes=query.genes,
        text=query.text or None,
        organism=query.organism,
        year_from=query.year_from,
        year_to=query.year_to,
        limit=query.limit,
        offset=query.offset,
        resolver=resolver,
        chemicals=query.chemicals,
        diseases=query.diseases,
        index=index,
        ranked=ranked,
    )
    return SearchPage(
        tuple(h.figid for h in result.hits),
        result.total,
        {h.figid: h.snippet for h in result.hits if query.text and h.snippet},
    )


# -- enrichment ----------------------------------------------------------------------------


@dataclass(frozen=True)
class EnrichRow:
    """One figure ranked by an enrichment."""

    figid: str
    title: str
    overlap: tuple[str, ...]
    set_size: int
    p: float
    log_p: float
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
    """Enrichment over a store's figure gene sets (:mod:`pfocr.enrich`).

    The index is loaded (or built) on first use and again whenever the store's data
    changes, through the enrichment stage's cache file beside the database.

    :param min_genes: smallest figure gene set indexed (as ``pfocr export gmt``)
    :param resolver: maps aliases and former symbols to approved ones (the lexicon);
        None: exact and case-insensitive matches only
    """

    def __init__(self, min_genes: int = 3, resolver: enrich.SymbolResolver | None = None) -> None:
        self.min_genes = min_genes
        self.resolver = resolver
        self._lock = threading.Lock()
        self._index: enrich.EnrichmentIndex | None = None

    def index(self, store: Store) -> enrich.EnrichmentIndex:
        """Return the index of the store's current data.

        :param store: the store
        :returns: the index
        :raises InputError: when no figure has ``min_genes`` genes
        """
        index = self._index
        if index is not None and enrich.is_current(index, store):
            return index
        with self._lock:
            if self._index is None or not enrich.is_current(self._index, store):
                with gc_paused():  # kept until the data changes: no collection rescans it
                    self._index = enrich.EnrichmentIndex.from_db(
                        store, min_genes=self.min_genes, resolver=self.resolver
                    )
            return self._index

    def enrich(
        self, store: Store, genes: Sequence[str], background: Sequence[str] | None, top: int
    ) -> EnrichOutcome:
        """Rank the figures whose gene sets are over-represented in a gene list.

        :param store: the store
        :param genes: the gene list (validated: 1 to :data:`~pfocr.web.config.MAX_GENES`)
        :param background: the genes that could have been picked, or None for every
            gene of some figure
        :param top: how many figures to return
        :returns: the outcome
        :raises InputError: when the list has no gene of the background, or the
            background no gene
        """
        result = self.index(store).enrich(genes, top, background=background)
        report = result.report
        return EnrichOutcome(
            rows=tuple(
                EnrichRow(
                    figid=r.figid,
                    title=r.title,
                    overlap=r.genes,
                    set_size=r.set_size,
                    p=r.p,
                    log_p=r.log_p,
                    fdr=r.fdr,
                    odds_ratio=r.odds_ratio,
                    combined_score=r.combined_score,
                )
                for r in result.results
            ),
            n_input=len(genes),
            recognised=report.recognised,
            unrecognised=report.unrecognised,
            renamed=report.renamed,
            background_size=result.background_size,
            n_sets=result.n_sets,
        )


# -- exports ------------------------------------------------------------------------------


def gmt_lines(store: Store, min_genes: int = 3, expand_families: bool = False) -> Iterator[str]:
    """Yield GMT lines, each ending in a newline.

    :param store: the store
    :param min_genes: leave out sets with fewer genes
    :param expand_families: add the members of families shown in a figure
    :yields: lines
    """
    return _lines(export.gmt_lines(store, min_genes, expand_families))


def gmt_line(record: FigureRecord) -> str:
    """Return one figure's GMT line, whatever the size of its set.

    :param record: the figure
    :returns: the line, ending in a newline
    """
    fig = record.figure
    title = export.clean_field(fig.figtitle) or fig.figid
    return "\t".join([fig.figid, title, *sorted(g.symbol for g in record.genes)]) + "\n"


def record_markdown(record: FigureRecord, store: Store) -> str:
    """Return a figure's record in the PFOCR website's Markdown format.

    :param record: the figure
    :param store: the store (families are listed in the body)
    :returns: the Markdown text
    """
    return export.record_markdown(record, store)


def mentions_tsv(store: Store, figids: Iterable[str] | None = None) -> Iterator[str]:
    """Yield the mentions TSV (header first), each line ending in a newline.

    :param store: the store
    :param figids: only these figures (all when None)
    :yields: lines
    """
    return _lines(export.mentions_tsv(store, figids))


def _lines(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield line if line.endswith("\n") else line + "\n"
