"""The species stage: which organisms a figure is about."""

from pfocr.species.detect import SpeciesCall, detect_organisms
from pfocr.species.models import Organism

__all__ = ["Organism", "SpeciesCall", "detect_organisms"]
