"""The recogniser: OCR words in, gene and family mentions out (DESIGN §4).

It reads in this order, and every step that changes a reading's decision writes it into
the reading's trail:

1. **candidates** (:mod:`~pfocr.recognize.candidates`): words -> candidate labels (single
   words, adjacent words of one line, labels printed over two lines, lists, ranges,
   glued labels), each looked up and scored (:mod:`~pfocr.recognize.lookup`);
2. **the passes**, in the order of :data:`pfocr.recognize.passes.PASSES`: context and
   company, English fragments, old symbols in another case, stems, OCR slips,
   coagulation factors, homographs, species;
3. **threshold** (:mod:`~pfocr.recognize.decide`): mentions of the genes whose
   confidence passes it, family mentions, and every reading with its trail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pfocr.lexicon import Lexicon
from pfocr.ocr.models import Word
from pfocr.recognize.candidates import candidate_hits
from pfocr.recognize.config import RECOGNIZER_VERSION, RecognizerConfig, digest_files
from pfocr.recognize.context import FigureContext
from pfocr.recognize.curated import Curated, load_curated
from pfocr.recognize.decide import conclude
from pfocr.recognize.knowledge import Knowledge
from pfocr.recognize.lookup import Reader
from pfocr.recognize.models import Recognition, Step
from pfocr.recognize.passes import PASSES, Scene
from pfocr.recognize.trail import Hit, State, describe, notes_reason, render, state

__all__ = ["RECOGNIZER_VERSION", "Recognizer", "RecognizerConfig", "digest_files"]


class Recognizer:
    """Find genes and families in a figure's OCR words.

    :param lexicon: the compiled lexicon
    :param config: settings (defaults when None)
    :param curated: curated tables (the packaged ones when None)
    """

    def __init__(
        self,
        lexicon: Lexicon,
        config: RecognizerConfig | None = None,
        curated: Curated | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.config = config or RecognizerConfig()
        if curated is None:
            curated = load_curated() if self.config.curated else Curated(frozenset(), {}, ())
        self.curated = curated
        self.knowledge = Knowledge.build(lexicon, self.config, curated)

    @property
    def version(self) -> str:
        """Stage version: recogniser code, lexicon and settings."""
        return f"rec{RECOGNIZER_VERSION}-{self.lexicon.version}-{self.config.key()}"

    def recognize(self, words: Sequence[Word], context: FigureContext | None = None) -> Recognition:
        """Recognise the genes and families named in a figure.

        :param words: the figure's OCR words
        :param context: caption, title and organisms (empty when None)
        :returns: mentions (accepted or not, with candidates), family mentions, and every
            reading with its trail
        """
        ctx = context or FigureContext()
        if not self.config.species:
            ctx = replace(ctx, nonmammalian=False, pathogen=False)
        reader = Reader(self.knowledge, ctx.pathogen)
        scene = Scene(words, ctx, reader)
        dropped: list[Hit] = []
        hits = candidate_hits(reader, words, dropped)
        self._seed(hits, dropped)
        for step in PASSES:
            if not step.enabled(self.config):
                continue
            before = {id(h): state(h) for h in hits}
            n_dropped = len(dropped)
            hits = step.run(hits, scene, dropped)
            self._record(step.name, before, hits, dropped[n_dropped:])
        return conclude(self.knowledge, self.version, hits, dropped)

    # -- trails ------------------------------------------------------------------------
    def _seed(self, hits: list[Hit], dropped: list[Hit]) -> None:
        """The candidate stage's step on every reading (and the replacement of those a
        two-line label replaced)."""
        threshold = self.config.threshold
        for h in hits:
            h.trail.append(Step("candidates", "", describe(h, threshold), _found(h)))
            h.reasons.clear()
        for h in dropped:
            why = "; ".join(h.reasons)
            h.trail.append(Step("candidates", "", describe(h, threshold), _found(h)))
            h.trail.append(Step("candidates", describe(h, threshold), "dropped", why))
            h.reasons.clear()

    def _record(
        self, name: str, before: dict[int, State], hits: list[Hit], gone: list[Hit]
    ) -> None:
        threshold = self.config.threshold
        for h in hits:
            was = before.get(id(h))
            if was is None:  # a reading the pass made
                after = describe(h, threshold)
                h.trail.append(Step(name, "", after, "; ".join(h.reasons) or _found(h)))
                h.reasons.clear()
                continue
            now = state(h)
            if now == was:
                h.reasons.clear()
                continue
            decided = now[:3] != was[:3] or (now[3] >= threshold) != (was[3] >= threshold)
            if decided or h.reasons or abs(now[3] - was[3]) >= 0.05:
                why = "; ".join(h.reasons) or _evidence(h)
                h.trail.append(Step(name, render(was, threshold), render(now, threshold), why))
            h.reasons.clear()
        for h in gone:
            was = before.get(id(h), state(h))
            h.trail.append(Step(name, render(was, threshold), "dropped", "; ".join(h.reasons)))
            h.reasons.clear()


def _evidence(h: Hit) -> str:
    d = h.decision
    if d.kind == "gene" and d.genes:
        top = d.genes[0]
        why = notes_reason(top.notes) or "re-scored"
        return f"{top.symbol}: {why}"
    return "re-read"


def _found(h: Hit) -> str:
    """How the candidate stage read a label, in words."""
    d = h.decision
    how = f" ({h.rule})" if h.rule else ""
    if d.kind == "gene" and d.genes:
        top = d.genes[0]
        words = f"{top.status} of {top.symbol}{how}"
        if len(d.genes) > 1:
            others = ", ".join(f"{g.symbol} {min(1.0, g.score):.2f}" for g in d.genes[1:4])
            words += f"; {len(d.genes)} candidates, the others {others}"
        notes = notes_reason(top.notes)
        return words + (f"; {notes}" if notes else "")
    if d.kind == "family" and d.family is not None:
        return f"names the family {d.family.text}{how}"
    if d.kind == "not_gene":
        return d.reason or "not a gene"
    return "no reading"
