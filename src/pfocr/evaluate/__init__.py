"""Evaluation: truth files, micro-averaged scores, tune/holdout splits."""

from pfocr.evaluate.score import FigureScore, Scores, score_sets
from pfocr.evaluate.splits import SPLITS, in_split
from pfocr.evaluate.truth import TruthFigure, read_truth

__all__ = [
    "SPLITS",
    "FigureScore",
    "Scores",
    "TruthFigure",
    "in_split",
    "read_truth",
    "score_sets",
]
