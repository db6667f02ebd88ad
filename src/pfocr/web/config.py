"""The site's limits and options, declared once (the routes and the API models read them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pfocr.enrich import SymbolResolver

__all__ = [
    "MAX_BACKGROUND",
    "MAX_BODY_BYTES",
    "MAX_GENES",
    "MAX_QUERY_CHARS",
    "MAX_SYMBOL_CHARS",
    "WebConfig",
]

#: Most genes one enrichment query may hold (the issue's limit; more is a 422).
MAX_GENES = 2_000
#: Most genes a custom enrichment background may hold (about every human gene, twice).
MAX_BACKGROUND = 60_000
#: Longest gene symbol or identifier accepted anywhere (HGNC's longest symbol is ~20).
MAX_SYMBOL_CHARS = 64
#: Longest free-text search accepted.
MAX_QUERY_CHARS = 500
#: Largest request body read: a 60,000-gene background fits with room to spare.
MAX_BODY_BYTES = 2 * 2**20


@dataclass(frozen=True)
class WebConfig:
    """Options of one site instance.

    :param gene_names: HGNC id -> approved name, shown on hover and in gene tables (the
        store keeps ids and symbols only; ``pfocr serve`` reads names from the lexicon)
    :param gene_synonyms: HGNC id -> (previous symbols, aliases), listed on gene pages
    :param resolver: maps aliases and former symbols in enrichment input to approved
        symbols (the lexicon); None: exact and case-insensitive matches only
    :param page_size: figures per search or gene page
    :param enrich_top: rows an enrichment returns unless asked otherwise
    :param chart_bars: bars in the enrichment chart
    :param thumb_width: width in pixels of search-result thumbnails
    :param cache_images: images and thumbnails kept in memory (least recently used out)
    :param cache_pages_mb: megabytes of rendered pages and API answers kept in memory per
        server process (gzip-compressed, about 6 kB a page; least recently used out)
    :param page_file: a file where every server process of the site keeps the pages it
        renders, and finds those ``pfocr pages`` rendered ahead (None: memory only)
    """

    gene_names: Mapping[str, str] = field(default_factory=dict)
    gene_synonyms: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=dict
    )
    resolver: SymbolResolver | None = None
    page_size: int = 20
    enrich_top: int = 50
    chart_bars: int = 10
    thumb_width: int = 240
    cache_images: int = 256
    cache_pages_mb: float = 64.0
    page_file: Path | None = None
