"""The recognition stage: gene and family mentions from OCR words (DESIGN §4)."""

from pfocr.recognize.context import FigureContext
from pfocr.recognize.models import Candidate, FamilyMention, Mention, Recognition
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
