"""The species stage: which organisms a figure names, and whose pathway it draws."""

from typing import TYPE_CHECKING

from pfocr.lazy import lazy_attributes
from pfocr.species.models import Organism

if TYPE_CHECKING:
    from pfocr.species.detect import Named, NameMention, find_names, resolve_name
    from pfocr.species.host import SpeciesCall, decide_host
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

__getattr__ = lazy_attributes(
    __name__,
    {
        "Named": "detect",
        "NameMention": "detect",
        "find_names": "detect",
        "resolve_name": "detect",
        "SpeciesCall": "host",
        "decide_host": "host",
        "Nomenclature": "nomenclature",
        "read_nomenclature": "nomenclature",
    },
)
