"""Recognition output: gene mentions, family mentions and the figure's gene set."""

from __future__ import annotations

from dataclasses import dataclass, field

from pfocr.ocr.models import Box

__all__ = ["Candidate", "FamilyMention", "Mention", "Recognition"]


@dataclass(frozen=True)
class Candidate:
    """One gene a piece of text may denote, with the rule that matched and its score."""

    hgnc_id: str
    symbol: str
    entrez_id: str | None
    rule: str
    score: float


@dataclass(frozen=True)
class Mention:
    """Text in a figure that names a gene.

    ``word_start``/``word_end`` index the OCR words (end exclusive); ``text`` is the
    text as seen, ``normalized`` what was looked up. ``rule`` says how it matched
    (``symbol``, ``alias``, ``previous``, ``name``, ``expansion:symbol`` ...).
    ``candidates`` keeps every gene the text may denote with its score; ``accepted``
    says whether the chosen gene passed the confidence threshold.
    """

    word_start: int
    word_end: int
    text: str
    normalized: str
    rule: str
    hgnc_id: str
    symbol: str
    entrez_id: str | None
    confidence: float
    box: Box
    accepted: bool = True
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class FamilyMention:
    """Text that names a gene family or complex; its members are listed, never expanded."""

    word_start: int
    word_end: int
    text: str
    family_id: str
    name: str
    members: tuple[str, ...]
    box: Box


@dataclass(frozen=True)
class Recognition:
    """All mentions recognised in one figure, under one recogniser version."""

    version: str
    mentions: tuple[Mention, ...] = ()
    families: tuple[FamilyMention, ...] = ()
    debug: dict[str, str] = field(default_factory=dict, compare=False)

    def gene_set(self) -> list[str]:
        """Return the figure's distinct accepted gene symbols in order of first mention.

        :returns: HGNC approved symbols
        """
        seen: dict[str, None] = {}
        for m in self.mentions:
            if m.accepted:
                seen.setdefault(m.symbol, None)
        return list(seen)
