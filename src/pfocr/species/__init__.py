"""The species stage: which organisms a figure names, and whose pathway it draws."""

from pfocr.species.detect import Named, NameMention, find_names, resolve_name
from pfocr.species.host import SpeciesCall, decide_host
from pfocr.species.models import Organism
from pfocr.species.nomenclature import Nomenclature, read_nomenclature

__all__ = [
    "NameMention",
    "Named",
    "Nomenclature",
    "Organism",
    "SpeciesCall",
    "decide_host",
    "find_names",
    "read_nomenclature",
    "resolve_name",
]
