"""The passes of recognition, in order, and the switches that turn each off: one table.

A pass is a plain function over one figure's readings: hits in, hits out, with the
figure's words, context and what the recogniser knows (:class:`Scene`, frozen). It
changes a reading through :meth:`~pfocr.recognize.trail.Hit.set` (with the reason), by
re-scoring candidates, or by replacing it (the replaced reading goes to ``dropped``); the
recogniser writes each change into the reading's trail. A pass runs when every one of its
``switches`` (fields of :class:`~pfocr.recognize.config.RecognizerConfig`) is on and its
name is not in ``config.skip``. ``bench/ablation.py`` measures each switch and each pass
from this table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pfocr.recognize.config import RecognizerConfig
from pfocr.recognize.passes.coagulation import factor_hits
from pfocr.recognize.passes.common import Scene
from pfocr.recognize.passes.context import company, context
from pfocr.recognize.passes.english import fragments
from pfocr.recognize.passes.homographs import homographs
from pfocr.recognize.passes.ocr_slips import slip_hits
from pfocr.recognize.passes.previous import recased_previous
from pfocr.recognize.passes.species import nonmammalian
from pfocr.recognize.passes.stems import stem_or_alias
from pfocr.recognize.trail import Hit

__all__ = ["PASSES", "SWITCHES", "Pass", "PassFn", "Scene"]

#: A pass: the readings, the figure, and where replaced readings go -> the readings.
PassFn = Callable[[list[Hit], Scene, list[Hit]], list[Hit]]


def _keeps(fn: Callable[[list[Hit], Scene], list[Hit]]) -> PassFn:
    """A pass that replaces no reading."""

    def run(hits: list[Hit], scene: Scene, dropped: list[Hit]) -> list[Hit]:
        return fn(hits, scene)

    run.__doc__ = fn.__doc__
    return run


@dataclass(frozen=True)
class Pass:
    """One row of the table.

    :param name: the pass's name (in trails, ``config.skip``, the ablation bench)
    :param run: the function
    :param switches: the config switches that must all be on for it to run
    :param summary: what it does, in one line (the docs page is made from these)
    """

    name: str
    run: PassFn
    switches: tuple[str, ...]
    summary: str

    def enabled(self, config: RecognizerConfig) -> bool:
        """Whether the pass runs under these settings."""
        return self.name not in config.skip and all(getattr(config, s) for s in self.switches)


#: The switches, with what each turns off (candidate stage and passes alike).
SWITCHES: dict[str, str] = {
    "ocr_fixes": "OCR-error fixes (case, Greek, glued labels, slips, factor numerals)",
    "expansions": "expansions (X1/2 lists, ranges, integrins)",
    "context": "context (caption, co-membership) and the passes that weigh company",
    "english_filter": "English-word filter",
    "species": "species (non-mammal figures, viral names)",
    "curated": "curated tables (not-genes, names, homographs)",
}

PASSES: tuple[Pass, ...] = (
    Pass("context", _keeps(context), ("context",),
         "the caption and the figure's other genes re-rank each reading's candidates; they "
         "never push an approved symbol printed exactly below an alias of a related gene, "
         "nor a symbol spelt with the label's separators (`MIR9-3`) below one that drops "
         "them (`MIR93`, whose cluster the figure draws)"),
    Pass("company", _keeps(company), ("context",),
         "a viral name that is a human symbol is the human gene among genes of its group"),
    Pass("english", _keeps(fragments), ("english_filter",),
         "a short lower-case word with no backing is a piece of a word, not a gene"),
    Pass("previous", _keeps(recased_previous), ("context",),
         "an old symbol printed in another case than HGNC's, with no backing, is no gene"),
    Pass("stems", _keeps(stem_or_alias), ("context",),
         "a numbered stem that is also an alias names the alias's gene when the figure backs it"),
    Pass("slips", slip_hits, ("ocr_fixes", "context"),
         "a word misread by one character is the gene the figure backs, if exactly one"),
    Pass("coagulation", factor_hits, ("ocr_fixes",),
         "Roman-numeral coagulation factors (FVIIa, Xla for XIa) in a coagulation figure"),
    Pass("homographs", _keeps(homographs), ("curated", "context"),
         "a symbol that names something else in this company (CAMP beside PKA is cAMP)"),
    Pass("species", _keeps(nonmammalian), ("species",),
         "in a figure about a non-mammal, human gene readings lose confidence"),
)  # fmt: skip
