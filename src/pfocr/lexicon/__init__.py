"""The lexicon: HGNC genes and FamPlex families, compiled once into a versioned file."""

from typing import TYPE_CHECKING

from pfocr.lazy import lazy_attributes
from pfocr.lexicon.lexicon import Lexicon, SymbolMatch
from pfocr.lexicon.models import STATUS_RANK, Family, Gene, Term
from pfocr.lexicon.normalize import norm_key

if TYPE_CHECKING:
    from pfocr.lexicon.build import (
        build_lexicon,
        default_lexicon_path,
        hgnc_source,
        load_lexicon,
    )

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

__getattr__ = lazy_attributes(
    __name__,
    {
        "build_lexicon": "build",
        "default_lexicon_path": "build",
        "hgnc_source": "build",
        "load_lexicon": "build",
    },
)
