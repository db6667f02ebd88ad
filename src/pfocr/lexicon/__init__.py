"""The lexicon: HGNC genes and FamPlex families, compiled once into a versioned file."""

from pfocr.lexicon.build import (
    build_lexicon,
    default_lexicon_path,
    hgnc_source,
    load_lexicon,
)
from pfocr.lexicon.lexicon import Lexicon, SymbolMatch
from pfocr.lexicon.models import STATUS_RANK, Family, Gene, Term
from pfocr.lexicon.normalize import norm_key

__all__ = [
    "STATUS_RANK",
    "Family",
    "Gene",
    "Lexicon",
    "SymbolMatch",
    "Term",
    "build_lexicon",
    "default_lexicon_path",
    "hgnc_source",
    "load_lexicon",
    "norm_key",
]
