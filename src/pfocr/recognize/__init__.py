"""The recognition stage: gene and family mentions from OCR words (DESIGN §4)."""

from typing import TYPE_CHECKING

from pfocr.lazy import lazy_attributes
from pfocr.recognize.models import Candidate, FamilyMention, Mention, Recognition

if TYPE_CHECKING:
    from pfocr.recognize.context import FigureContext
    from pfocr.recognize.recognizer import RECOGNIZER_VERSION, Recognizer, RecognizerConfig

__all__ = [
    "RECOGNIZER_VERSION",
    "Candidate",
    "FamilyMention",
    "FigureContext",
    "Mention",
    "Recognition",
    "Recognizer",
    "RecognizerConfig",
]

__getattr__ = lazy_attributes(
    __name__,
    {
        "FigureContext": "context",
        "RECOGNIZER_VERSION": "recognizer",
        "Recognizer": "recognizer",
        "RecognizerConfig": "recognizer",
    },
)
