"""The OCR stage: words with text, 4-point box and confidence from a local engine."""

from pfocr.ocr.base import Engine, OcrEngine, engine_version, get_engine
from pfocr.ocr.models import Box, OcrResult, Word

__all__ = ["Box", "Engine", "OcrEngine", "OcrResult", "Word", "engine_version", "get_engine"]
