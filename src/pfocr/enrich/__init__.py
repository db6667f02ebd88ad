"""Enrichment: which figure gene sets is a gene list over-represented in (DESIGN §7)."""

from pfocr.enrich.cache import cache_path, is_current, load_index, load_or_build, save_index
from pfocr.enrich.gmt import read_gene_list, read_gmt
from pfocr.enrich.index import FDR_OVER, EnrichmentIndex
from pfocr.enrich.models import EnrichmentResult, EnrichmentRow, GeneMapping, GeneReport
from pfocr.enrich.normalize import SymbolResolver, map_symbols, split_gene_text
from pfocr.enrich.stats import (
    bh_fdr,
    bh_fdr_grouped,
    combined_score,
    hypergeom_log_pmf,
    hypergeom_log_sf,
    hypergeom_sf,
    odds_ratio,
)

__all__ = [
    "FDR_OVER",
    "EnrichmentIndex",
    "EnrichmentResult",
    "EnrichmentRow",
    "GeneMapping",
    "GeneReport",
    "SymbolResolver",
    "bh_fdr",
    "bh_fdr_grouped",
    "cache_path",
    "combined_score",
    "hypergeom_log_pmf",
    "hypergeom_log_sf",
    "hypergeom_sf",
    "is_current",
    "load_index",
    "load_or_build",
    "map_symbols",
    "odds_ratio",
    "read_gene_list",
    "read_gmt",
    "save_index",
    "split_gene_text",
]
