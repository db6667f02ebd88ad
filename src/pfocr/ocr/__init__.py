"""The OCR stage: words with text, 4-point box and confidence from a local engine."""

from typing import TYPE_CHECKING

from pfocr.lazy import lazy_attributes
from pfocr.ocr.models import Box, OcrResult, Word

if TYPE_CHECKING:
    from pfocr.ocr.base import Engine, OcrEngine, engine_version, get_engine

__all__ = ["Box", "Engine", "OcrEngine", "OcrResult", "Word", "engine_version", "get_engine"]

__getattr__ = lazy_attributes(
    __name__,
    {
        "Engine": "base",
        "OcrEngine": "base",
        "engine_version": "base",
        "get_engine": "base",
    },
)
