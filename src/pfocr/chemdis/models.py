"""Chemical and disease mentions: what the stage finds in a figure."""

from __future__ import annotations

from dataclasses import dataclass

from pfocr.chemdis.vocabulary import Concept
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
    :param rule: which name matched: ``name``, ``synonym``, ``doid``, ``lincs``,
        ``abbreviation`` (pfocr's curated table), ``defined`` (an abbreviation the caption
        defines), ``ocr`` (a misread word's nearest name) or ``organism`` (an organism's
        infection, through its taxon)
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

    @classmethod
    def of(
        cls,
        concept: Concept,
        *,
        text: str,
        rule: str,
        source: str,
        confidence: float,
        box: Box | None,
        start: int,
        end: int,
    ) -> ChemMention:
        """A mention of a concept, its id, name and cross-references taken from it.

        :param concept: what is named
        :param text: the text as printed
        :param rule: which name matched
        :param source: one of :data:`SOURCES`
        :param confidence: in [0, 1]
        :param box: the words' box (figure mentions), or None
        :param start: the first word or character
        :param end: one past the last
        :returns: the mention
        """
        return cls(
            kind=concept.kind,
            concept=concept.id,
            name=concept.name,
            text=text,
            rule=rule,
            source=source,
            confidence=confidence,
            box=box,
            word_start=start,
            word_end=end,
            chebi=concept.chebi,
            doid=concept.doid,
            mondo=concept.mondo,
        )
