"""Micro-averaged precision, recall and F1 of figure gene sets against truth."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pfocr.evaluate.truth import TruthFigure

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


def score_sets(truth: Sequence[TruthFigure], predicted: Mapping[str, set[str]]) -> Scores:
    """Score predicted gene sets against truth (figures missing from ``predicted`` are empty).

    :param truth: the truth figures
    :param predicted: figid -> predicted HGNC symbols
    :returns: micro-averaged scores
    """
    rows = []
    tp = fp = fn = 0
    for t in truth:
        pred = set(predicted.get(t.figid, set()))
        hit = frozenset(pred & t.genes)
        rows.append(FigureScore(t.figid, hit, frozenset(t.genes - pred), frozenset(pred - t.genes)))
        tp += len(hit)
        fp += len(pred - t.genes)
        fn += len(t.genes - pred)
    return Scores(tp, fp, fn, tuple(rows))
