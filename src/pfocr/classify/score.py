"""A first pathway-ness score from what OCR and recognition found.

Pathway diagrams are many short labels, several of them genes, with little prose;
charts, micrographs and tables have axis numbers, prose or no text. Until a trained
model replaces it (``version`` records which), this is a transparent logistic score
over those counts.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from pfocr.classify.models import Classification
from pfocr.ocr.models import Word

__all__ = ["CLASSIFIER_VERSION", "pathway_score"]

CLASSIFIER_VERSION = "heuristic-2"

_NUMBER = re.compile(r"^[\d.,:%±+\-−×*/()]+$")
_LABEL = re.compile(r"^[A-Za-z][A-Za-z0-9\-/αβγδεκ]{1,11}$")


def pathway_score(words: Sequence[Word], n_genes: int, n_families: int) -> Classification:
    """Score how much a figure looks like a pathway diagram.

    :param words: the OCR words
    :param n_genes: distinct accepted genes
    :param n_families: family mentions
    :returns: the score in [0, 1]
    """
    n = len(words)
    if n == 0:
        return Classification(0.05, CLASSIFIER_VERSION)
    numbers = sum(bool(_NUMBER.match(w.text)) for w in words) / n
    labels = sum(bool(_LABEL.match(w.text)) and not w.text.islower() for w in words) / n
    lines: dict[int, int] = {}
    for w in words:
        lines[w.line] = lines.get(w.line, 0) + 1
    long_lines = sum(1 for c in lines.values() if c >= 6) / max(1, len(lines))
    # a share of labels means little in a figure with one or two words ("FC" in a
    # micrograph): the evidence grows with the number of words, up to eight
    support = min(1.0, n / 8)
    z = (
        -1.5
        + 0.45 * min(n_genes, 12)
        + 0.3 * min(n_families, 6)
        + 2.0 * labels * support
        - 3.0 * numbers
        - 2.0 * long_lines
    )
    return Classification(round(1.0 / (1.0 + math.exp(-z)), 4), CLASSIFIER_VERSION)
