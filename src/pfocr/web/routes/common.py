"""Parameters and lookups shared by the pages and the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import HTTPException, Path, Query
from pydantic import BeforeValidator, Field

from pfocr.enrich import SymbolResolver
from pfocr.search import SearchIndex
from pfocr.search.ranked import RankedWords
from pfocr.search.stored import read_ranks
from pfocr.store import FigureRecord, Store
from pfocr.store.chemicals import concept_ids
from pfocr.web.config import MAX_QUERY_CHARS, MAX_SYMBOL_CHARS
from pfocr.web.deps import WebContext
from pfocr.web.models import EnrichOut
from pfocr.web.queries import GeneInfo, display_titles, gene_index, gene_info, known_symbols
from pfocr.web.services import EnrichOutcome, SearchQuery, split_query
from pfocr.web.views import enrich_out

__all__ = [
    "FigId",
    "GeneParams",
    "OptOrganism",
    "OptYear",
    "SearchText",
    "Symbol",
    "enrich_result",
    "find_gene",
    "genes_in_memory",
    "load_figure",
    "make_query",
    "shown",
]


def _blank_to_none(value: Any) -> Any:
    # HTML forms send empty fields as "": an unset filter, not an invalid one
    return None if isinstance(value, str) and not value.strip() else value


#: A figure id in a path: any text but a slash, at most 255 characters.
FigId = Annotated[str, Path(min_length=1, max_length=255, description="Figure id")]
#: A gene symbol in a path.
Symbol = Annotated[
    str, Path(min_length=1, max_length=MAX_SYMBOL_CHARS, description="HGNC gene symbol")
]
SearchText = Annotated[
    str,
    Query(
        max_length=MAX_QUERY_CHARS,
        description="Genes and words: known gene symbols must all be shown, the other words"
        " must occur in the title, caption or paper title",
    ),
]
OptYear = Annotated[
    Annotated[int, Field(ge=1800, le=2100)] | None,
    BeforeValidator(_blank_to_none),
    Query(description="Publication year bound (inclusive)"),
]
OptOrganism = Annotated[
    Annotated[str, Field(max_length=200)] | None,
    BeforeValidator(_blank_to_none),
    Query(description="Organism name, e.g. Homo sapiens"),
]
ConceptParams = Annotated[
    list[Annotated[str, Field(max_length=200)]],  # an empty form field is no filter
    Query(
        max_length=20,
        description="Chemicals (or diseases) the figures must all name: a MeSH id such as"
        " MESH:D008070, a name, or a label as printed such as LPS (repeatable)",
    ),
]
GeneParams = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=MAX_SYMBOL_CHARS)]],
    Query(max_length=50, description="Genes the figures must all show (repeatable)"),
]


def shown(text: str, limit: int = 80) -> str:
    """Shorten user input for an error message.

    :param text: the input
    :param limit: most characters kept
    :returns: the text, cut with an ellipsis when longer
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


def load_figure(store: Store, figid: str) -> FigureRecord:
    """Return a figure or raise 404.

    :param store: the store
    :param figid: the figure
    :returns: the record
    :raises HTTPException: 404 for an unknown figure
    """
    record = store.figure(figid)
    if record is None:
        raise HTTPException(404, f"No figure {shown(figid)!r} in this collection.")
    return record


def find_gene(store: Store, symbol: str, resolver: SymbolResolver | None = None) -> GeneInfo:
    """Return a gene shown in some figure, matching the symbol's case loosely, and
    resolving an alias or previous symbol (``NIK`` -> MAP3K14) when a lexicon is given.

    :param store: the store
    :param symbol: the symbol as requested
    :param resolver: maps aliases and previous symbols to approved ones, or None
    :returns: the gene (its ``symbol`` is the stored spelling)
    :raises HTTPException: 404 when no figure shows the gene
    """
    info = gene_info(store, symbol)
    if info is None:
        canonical = known_symbols(store, [symbol]).get(symbol)
        info = gene_info(store, canonical) if canonical else None
    if info is None and resolver is not None:
        approved = resolver.resolve_symbol(symbol).symbol
        info = gene_info(store, approved) if approved else None
    if info is None:
        raise HTTPException(404, f"No figure in this collection shows a gene {shown(symbol)!r}.")
    return info


@dataclass(frozen=True)
class ParsedSearch:
    """A search box and filters resolved into genes and free text."""

    query: SearchQuery
    renamed: tuple[tuple[str, str], ...]
    not_found: tuple[str, ...]


def make_query(
    store: Store,
    resolver: SymbolResolver | None,
    q: str,
    genes: list[str],
    organism: str | None,
    year_from: int | None,
    year_to: int | None,
    limit: int,
    offset: int,
    chemicals: list[str] | None = None,
    diseases: list[str] | None = None,
) -> ParsedSearch:
    """Split the search box into genes and words (see :func:`split_query`), add filters.

    :param store: the store
    :param resolver: maps aliases to approved symbols, or None
    :param q: the search box
    :param genes: explicit genes
    :param organism: organism filter
    :param year_from: earliest year
    :param year_to: latest year
    :param limit: page size
    :param offset: rows to skip
    :param chemicals: chemicals every figure must name
    :param diseases: diseases every figure must name
    :returns: the resolved search
    """
    split = split_query(store, q, genes, resolver)
    chem = tuple(c.strip() for c in chemicals or () if c.strip())
    dis = tuple(d.strip() for d in diseases or () if d.strip())
    unknown = [
        c
        for kind, queries in (("chemical", chem), ("disease", dis))
        for c in queries
        if not concept_ids(store.conn, c, kind)  # existence only: no counting
    ]
    query = SearchQuery(
        genes=split.genes,
        chemicals=chem,
        diseases=dis,
        text=split.text,
        organism=organism,
        year_from=year_from,
        year_to=year_to,
        limit=limit,
        offset=offset,
    )
    return ParsedSearch(query, split.renamed, (*split.not_found, *unknown))


def enrich_result(store: Store, outcome: EnrichOutcome) -> EnrichOut:
    """An enrichment for the page and the API, untitled figures named by their captions.

    :param store: the store
    :param outcome: the enrichment
    :returns: the API model
    """
    untitled = [r.figid for r in outcome.rows if not r.title]
    return enrich_out(outcome, display_titles(store, untitled) if untitled else None)


def genes_in_memory(ctx: WebContext, store: Store) -> SearchIndex | None:
    """The store's figure gene sets in memory (:func:`pfocr.web.queries.gene_index`), kept
    per data version with the site's other derived values.

    :param ctx: the app context
    :param store: the store
    :returns: the index, or None while no figure has a gene
    """
    return ctx.cache.get_or_make(("genes", store.data_version()), lambda: gene_index(store))


def ranked_words(ctx: WebContext, store: Store) -> RankedWords:
    """The kept searches of the store's common words (:mod:`pfocr.search.ranked`), per
    data version: those the writer stored with the data (:mod:`pfocr.search.stored`),
    else filled when the site starts (SQLite) and by each common word searched since.

    :param ctx: the app context
    :param store: the store
    :returns: the kept searches
    """
    return ctx.cache.get_or_make(
        ("ranked", store.data_version()), lambda: read_ranks(store) or RankedWords()
    )
