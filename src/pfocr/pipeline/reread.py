"""A second OCR pass over the words the first pass was unsure of.

Each word below a confidence threshold is cut out of the image (with a margin) and read
again by the crop reader (:mod:`pfocr.ocr.crops`: grey, contrast-stretched, one
recogniser call). The new reading replaces the old one only when it names something the
lexicon knows (a gene or a family) and the old reading did not: the lexicon decides
between two readings, it never invents text. On the 45 curated PMC figures this raised
gene recall from 0.732 to 0.740 for about 0.3 s per figure.

Only words that could be a misread gene symbol are read again (:func:`worth_rereading`):
not prose words, not words too long to be a symbol, not marks and numbers. Of the 212
words the PMC tune half reads again, the 16 readings the lexicon took all came from such
candidates; skipping the others saves two fifths of the pass (docs/speed.md).
"""

from __future__ import annotations

import re

import numpy as np

from pfocr.lexicon import Lexicon, norm_key
from pfocr.ocr import OcrResult, Word
from pfocr.ocr.crops import CropReader

__all__ = [
    "REREAD_BELOW",
    "REREAD_TAG",
    "reread_low_confidence",
    "reread_version",
    "worth_rereading",
]

#: Words read with less confidence than this are read again (chosen on the PMC tune half).
REREAD_BELOW = 0.99
#: A word longer than this is not read again: OCR slips keep a word's length within a
#: character or two, and gene symbols as figures print them are rarely over 8 characters.
REREAD_LONGEST = 10
#: what the pass adds to the OCR settings and stage version ("w": only words worth it)
REREAD_TAG = f"-rr{REREAD_BELOW}w"
_PROSE = re.compile(r"[a-z]{5,}\W*")
_ALNUM = re.compile(r"[^\W_]", re.UNICODE)


def reread_version(ocr_version: str) -> str:
    """Return the OCR stage version when this pass follows the engine.

    :param ocr_version: the engine's version
    :returns: the version with the pass's settings appended
    """
    return f"{ocr_version}{REREAD_TAG}"


def worth_rereading(text: str) -> bool:
    """Say whether a word could be a gene symbol misread, and so is worth reading again.

    Not: a word of two or more letters and digits fewer than two (``+p``, ``/``, ``4``),
    a word without a letter (``2011``), a word over :data:`REREAD_LONGEST` characters,
    or a prose word (five or more lower-case letters: ``stimulation``, ``proteolysis``).

    :param text: the word as read
    :returns: True when a second reading might name a gene
    """
    alnum = _ALNUM.findall(text)
    if len(alnum) < 2 or not any(c.isalpha() for c in alnum):
        return False
    return len(text) <= REREAD_LONGEST and _PROSE.fullmatch(text) is None


def _known(text: str, lexicon: Lexicon) -> bool:
    return any(t.db in ("HGNC", "FPLX") for t in lexicon.lookup(norm_key(text)))


def reread_low_confidence(
    ocr: OcrResult, rgb: np.ndarray, reader: CropReader, lexicon: Lexicon
) -> OcrResult:
    """Read unsure words again from their crops.

    :param ocr: the first pass
    :param rgb: the image it was read from (original pixels)
    :param reader: the crop reader
    :param lexicon: decides between two readings
    :returns: the OCR result with improved words and the pass in its settings
    """
    height, width = rgb.shape[:2]
    words: list[Word] = []
    for w in ocr.words:
        if w.confidence < REREAD_BELOW and worth_rereading(w.text) and not _known(w.text, lexicon):
            x0, y0, x1, y1 = w.bbox
            margin = 0.3 * (y1 - y0)
            crop = rgb[
                max(0, int(y0 - margin)) : min(height, int(y1 + margin)),
                max(0, int(x0 - margin)) : min(width, int(x1 + margin)),
            ]
            if crop.shape[0] >= 4 and crop.shape[1] >= 4:
                reading = reader(np.ascontiguousarray(crop))
                text = reading.text.strip()
                if text and " " not in text and text != w.text and _known(text, lexicon):
                    words.append(Word(text, max(w.confidence, reading.confidence), w.box, w.line))
                    continue
        words.append(w)
    return OcrResult(
        ocr.engine,
        ocr.engine_version,
        f"{ocr.settings}{REREAD_TAG}",
        tuple(words),
        ocr.seconds,
    )
