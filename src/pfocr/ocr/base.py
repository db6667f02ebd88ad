"""The OCR engine interface, engine selection, and helpers every engine shares."""

from __future__ import annotations

import enum
import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from pfocr.errors import InputError
from pfocr.ocr.models import Box, OcrResult, Word

__all__ = [
    "Engine",
    "OcrEngine",
    "RawLine",
    "engine_version",
    "get_engine",
    "lines_to_words",
    "scale_box",
    "split_line",
]


class OcrEngine(Protocol):
    """An OCR engine: construct once per process, call on RGB images."""

    name: str
    version: str

    @property
    def settings_key(self) -> str:
        """A short string that changes whenever a setting affecting the output changes."""
        ...

    def __call__(self, rgb: np.ndarray) -> OcrResult:
        """Read the words of an RGB image (H x W x 3, uint8)."""
        ...


class Engine(enum.StrEnum):
    """The engines pfocr knows."""

    RAPIDOCR = "rapidocr"
    TESSERACT = "tesseract"


_ENGINES = {
    Engine.RAPIDOCR: ("pfocr.ocr.rapid", "RapidOcrEngine", "pip install rapidocr onnxruntime"),
    Engine.TESSERACT: (
        "pfocr.ocr.tesseract",
        "TesseractEngine",
        "apt-get install tesseract-ocr (Debian)",
    ),
}


def get_engine(name: str = "rapidocr", **options: object) -> OcrEngine:
    """Create an engine by name; backends are imported lazily.

    :param name: ``rapidocr`` (default) or ``tesseract``
    :param options: engine options (e.g. ``upscale``)
    :returns: the engine
    :raises InputError: for an unknown engine, or one that is not installed
    """
    try:
        key = Engine(name)
    except ValueError as exc:
        known = ", ".join(e.value for e in Engine)
        raise InputError(f"unknown OCR engine {name!r} (known: {known})") from exc
    module, cls, hint = _ENGINES[key]
    try:
        engine_cls = getattr(importlib.import_module(module), cls)
        engine: OcrEngine = engine_cls(**options)
    except (ImportError, FileNotFoundError) as exc:
        raise InputError(f"OCR engine {name} is not available ({exc}); install: {hint}") from exc
    return engine


def engine_version(name: str = "rapidocr", **options: object) -> str:
    """Return the OCR stage version an engine with these options has (no models loaded).

    :param name: the engine
    :param options: engine options
    :returns: ``<engine>-<engine version>-<settings>``
    :raises InputError: for an unknown or unavailable engine
    """
    try:
        key = Engine(name)
    except ValueError as exc:
        known = ", ".join(e.value for e in Engine)
        raise InputError(f"unknown OCR engine {name!r} (known: {known})") from exc
    module, cls, hint = _ENGINES[key]
    try:
        describe = getattr(importlib.import_module(module), cls).describe
        return str(describe(**options))
    except (ImportError, FileNotFoundError) as exc:
        raise InputError(f"OCR engine {name} is not available ({exc}); install: {hint}") from exc


@dataclass(frozen=True)
class RawLine:
    """A text line as an engine returns it, with optional per-word boxes."""

    text: str
    confidence: float
    box: Box
    words: tuple[tuple[str, float, Box], ...] = ()


def scale_box(box: Sequence[Sequence[float]], factor: float, dx: float = 0, dy: float = 0) -> Box:
    """Map a box from a resized/cropped image back to original pixels.

    :param box: four points
    :param factor: the resize factor that was applied to the image
    :param dx: x offset of the crop in original pixels
    :param dy: y offset of the crop in original pixels
    :returns: the box in original pixels
    """
    pts = [(float(x) / factor + dx, float(y) / factor + dy) for x, y in box[:4]]
    return (pts[0], pts[1], pts[2], pts[3])


def split_line(line: RawLine) -> list[tuple[str, float, Box]]:
    """Split a text line into words, spreading the line box by character count when the
    engine gave no word boxes.

    :param line: the line
    :returns: ``(text, confidence, box)`` per word
    """
    parts = line.text.split()
    if line.words and len(line.words) == len(parts):
        return list(line.words)
    if len(parts) <= 1:
        return [(line.text.strip(), line.confidence, line.box)] if parts else []
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = line.box
    total = len(line.text)
    out = []
    pos = 0
    for part in parts:
        start = line.text.index(part, pos)
        end = start + len(part)
        pos = end
        a, b = start / total, end / total
        box: Box = (
            (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
            (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b),
            (x3 + (x2 - x3) * b, y3 + (y2 - y3) * b),
            (x3 + (x2 - x3) * a, y3 + (y2 - y3) * a),
        )
        out.append((part, line.confidence, box))
    return out


def lines_to_words(lines: Iterable[RawLine]) -> tuple[Word, ...]:
    """Number the lines and flatten them into words in reading order.

    :param lines: lines in the engine's order
    :returns: the words
    """
    ordered = sorted(lines, key=lambda ln: (round(min(p[1] for p in ln.box) / 8), ln.box[0][0]))
    words: list[Word] = []
    for i, line in enumerate(ordered):
        for text, conf, box in split_line(line):
            if text:
                words.append(Word(text, float(conf), box, i))
    return tuple(words)
