"""What the passes share: the figure (:class:`Scene`), and what its readings accept so far."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pfocr.ocr.models import Word
from pfocr.recognize.context import FigureContext
from pfocr.recognize.knowledge import Knowledge
from pfocr.recognize.lookup import Reader
from pfocr.recognize.scoring import GeneScore
from pfocr.recognize.trail import Hit

__all__ = ["Scene", "accepted", "backed", "firm", "in_gene_list", "support"]


@dataclass(frozen=True)
class Scene:
    """One figure as the passes see it: its words, its context and its label reader."""

    words: Sequence[Word]
    ctx: FigureContext
    reader: Reader

    @property
    def k(self) -> Knowledge:
        """What the recogniser knows (lexicon, settings, tables)."""
        return self.reader.k


def accepted(hits: Sequence[Hit], threshold: float) -> set[str]:
    """The genes the figure's hits accept so far (top candidate at the threshold)."""
    return {
        h.decision.genes[0].symbol
        for h in hits
        if h.decision.kind == "gene" and h.decision.genes[0].score >= threshold
    }


def support(k: Knowledge, genes: set[str]) -> dict[str, int]:
    """How many of the accepted genes are in each group."""
    groups: dict[str, int] = defaultdict(int)
    for symbol in genes:
        for grp in k.groups.get(symbol, ()):
            groups[grp] += 1
    return groups


def backed(gene: GeneScore) -> bool:
    """Whether the figure's caption or company (co-members) backs a reading."""
    return any(n == "caption" or n.startswith("co-member") for n in gene.notes)


def firm(hit: Hit) -> bool:
    """A reading no slip may replace: an approved symbol as printed, a curated name,
    or a gene the figure's context already backs."""
    top = hit.decision.genes[0]
    return top.status in ("symbol", "curated", "name") or backed(top)


def in_gene_list(
    words: Sequence[Word], i: int, cover: dict[int, list[Hit]], threshold: float
) -> bool:
    """Whether word ``i`` is an item of a slash list printed as separate words
    (``ccnd1 / mmp7 / myc``) next to an item that is an accepted gene."""
    for sep, item in ((i - 1, i - 2), (i + 1, i + 2)):
        if not (0 <= item < len(words)) or words[sep].text.strip() != "/":
            continue
        if not words[sep].line == words[i].line == words[item].line:
            continue
        if any(
            h.decision.kind == "gene" and h.decision.genes[0].score >= threshold
            for h in cover.get(item, [])
        ):
            return True
    return False
