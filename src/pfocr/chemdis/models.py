"""Chemical and disease mentions: what the stage finds in a figure."""

from __future__ import annotations

from dataclasses import dataclass

from pfocr.ocr.models import Box

__all__ = ["SOURCES", "ChemMention"]

#: Where a mention was read: the figure's OCR words, its caption or its title.
SOURCES = ("figure", "caption", "title")


@dataclass(frozen=True)
class ChemMention:
    """A chemical or disease named in a figure, or in its caption or title.

    :param kind: ``chemical`` or ``disease``
    :param concept: the normalised id (``MESH:D008070``; ``DOID:...`` where MeSH has none)
    :param name: the concept's preferred name
    :param text: the text as printed
    :param rule: which name matched: ``name``, ``synonym``, ``doid``, ``abbreviation``
        (pfocr's curated table) or ``defined`` (an abbreviation the caption defines)
    :param source: one of :data:`SOURCES`
    :param confidence: in [0, 1]
    :param box: the words' box in image pixels; None for a caption or title mention,
        whose character span is in ``word_start``/``word_end``
    :param word_start: the first OCR word (figure) or character (caption, title)
    :param word_end: one past the last
    :param chebi: the ChEBI id of a chemical, where known
    :param doid: the DOID id of a disease, where known
    :param mondo: the MONDO id of a disease, where known
    """

    kind: str
    concept: str
    name: str
    text: str
    rule: str
    source: str
    confidence: float
    box: Box | None
    word_start: int
    word_end: int
    chebi: str | None = None
    doid: str | None = None
    mondo: str | None = None
