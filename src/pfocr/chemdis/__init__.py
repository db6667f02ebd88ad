"""Chemicals and diseases: a stage after recognition that finds the chemicals and diseases
a figure names (in its words, caption and title), normalised to MeSH with ChEBI, DOID and
MONDO cross-references, from offline vocabularies compiled with the lexicon."""

from pfocr.chemdis.build import build_vocabulary, gene_namer, load_vocabulary
from pfocr.chemdis.models import SOURCES, ChemMention
from pfocr.chemdis.stage import find_chemdis, stage_version
from pfocr.chemdis.vocabulary import KINDS, Concept, Name, Vocabulary

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
