"""Micro-averaged precision, recall and F1 of figure gene sets against truth."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pfocr.evaluate.truth import TruthFigure
from pfocr.lexicon.normalize import norm_key

__all__ = ["FigureScore", "Scores", "score_sets"]


@dataclass(frozen=True)
class FigureScore:
    """One figure's true positives, misses and extras."""

    figid: str
    tp: frozenset[str]
    missed: frozenset[str]
    extra: frozenset[str]


@dataclass(frozen=True)
class Scores:
    """Micro-averaged scores over figures, with per-figure rows."""

    tp: int
    fp: int
    fn: int
    figures: tuple[FigureScore, ...] = field(default=())
    fp_family: int = 0

    @property
    def lenient_precision(self) -> float:
        """Precision not counting as false a gene read from a label the truth lists as a
        family or unresolvable node (eval README, "lenient precision")."""
        fp = self.fp - self.fp_family
        return self.tp / (self.tp + fp) if self.tp + fp else 1.0

    @property
    def precision(self) -> float:
        """TP / (TP + FP), 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN), 1.0 when the truth is empty."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_sets(
    truth: Sequence[TruthFigure],
    predicted: Mapping[str, set[str]],
    labels: Mapping[str, Mapping[str, set[str]]] | None = None,
    members: Mapping[str, set[str]] | None = None,
) -> Scores:
    """Score predicted gene sets against truth (figures missing from ``predicted`` are empty).

    :param truth: the truth figures
    :param predicted: figid -> predicted HGNC symbols
    :param labels: figid -> symbol -> the texts it was read from (for lenient precision)
    :param members: family label key -> member symbols (for lenient precision)
    :returns: micro-averaged scores
    """
    rows = []
    tp = fp = fn = fp_family = 0
    for t in truth:
        pred = set(predicted.get(t.figid, set()))
        hit = frozenset(pred & t.genes)
        extra = pred - t.genes
        rows.append(FigureScore(t.figid, hit, frozenset(t.genes - pred), frozenset(extra)))
        tp += len(hit)
        fp += len(extra)
        fn += len(t.genes - pred)
        # a family cell may join names of one node ("ZEB1 / TCF8", "CDKN1B / KIP1, p27")
        fam_keys = {norm_key(f) for f in t.families}
        fam_keys |= {norm_key(p) for f in t.families for p in re.split(r"[/,]", f) if p.strip()}
        covered = set().union(*((members or {}).get(k, set()) for k in fam_keys))
        seen = (labels or {}).get(t.figid, {})
        for gene in extra:
            if gene in covered or {norm_key(x) for x in seen.get(gene, set())} & fam_keys:
                fp_family += 1
    return Scores(tp, fp, fn, tuple(rows), fp_family)
