"""Recognition output: gene mentions, family mentions and the figure's gene set."""

from __future__ import annotations

from dataclasses import dataclass, field

from pfocr.ocr.models import Box

__all__ = ["OUTCOMES", "Candidate", "FamilyMention", "Mention", "Reading", "Recognition", "Step"]


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
class Step:
    """One change of a reading's decision.

    :param stage: the pass (or ``candidates``, ``threshold``) that made it
    :param before: the decision before, in words (empty for a new reading)
    :param after: the decision after
    :param reason: why, in words
    """

    stage: str
    before: str
    after: str
    reason: str


#: What became of a reading.
OUTCOMES = ("accepted", "below threshold", "family", "not a gene", "dropped")


@dataclass(frozen=True)
class Reading:
    """Every reading recognition made of some words, with its trail (what each step
    decided, and why): genes accepted or not, families, not-genes, and readings that a
    later pass replaced (``dropped``). Only accepted readings make the gene set.

    :param outcome: one of :data:`OUTCOMES`
    :param symbol: the gene of the last gene decision, if any
    :param family_id: the family, for a family reading
    :param confidence: the final confidence of a gene reading
    """

    word_start: int
    word_end: int
    text: str
    normalized: str
    outcome: str
    symbol: str | None
    family_id: str | None
    confidence: float | None
    box: Box
    trail: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Recognition:
    """All mentions recognised in one figure, under one recogniser version."""

    version: str
    mentions: tuple[Mention, ...] = ()
    families: tuple[FamilyMention, ...] = ()
    debug: dict[str, str] = field(default_factory=dict, compare=False)
    readings: tuple[Reading, ...] = field(default=(), compare=False)

    def gene_set(self) -> list[str]:
        """Return the figure's distinct accepted gene symbols in order of first mention.

        :returns: HGNC approved symbols
        """
        seen: dict[str, None] = {}
        for m in self.mentions:
            if m.accepted:
                seen.setdefault(m.symbol, None)
        return list(seen)
