"""Search: figures by genes (AND), words (FTS5), organism and year."""

from pfocr.search.fts import fts_query
from pfocr.search.index import SearchIndex
from pfocr.search.models import SearchHit, SearchResults
from pfocr.search.query import MAX_LIMIT, resolve_genes, search_figures

__all__ = [
    "MAX_LIMIT",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "fts_query",
    "resolve_genes",
    "search_figures",
]
