"""Word-image (crop) OCR scores, as MMOCR's text-recognition metric computes them.

The OCR engine benchmark in ``ocr-crops/`` (``summerized_results.csv``) reports these for
Google Cloud Vision and the open models; the definitions are MMOCR's ``eval_ocr_metric``:

* ``word_acc``: prediction equals the label exactly (a prediction spread over several
  lines, with ``\\n`` between them, does not equal a label with spaces);
* ``word_acc_ignore_case``: equal after lower-casing;
* ``word_acc_ignore_case_symbol``: equal after lower-casing and deleting every character
  that is not an ASCII letter or digit (or a CJK ideograph): Greek letters, hyphens and
  spaces are all dropped, so ``NF-κB`` and ``NFB`` are the same;
* ``char_recall`` / ``char_precision``: characters of the symbol-free lower-cased texts
  matched by :class:`difflib.SequenceMatcher`, over the label's / the prediction's
  characters;
* ``1-N.E.D``: one minus the mean of Levenshtein distance / longer length of those texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = ["WordScores", "edit_distance", "score_words", "strip_symbols"]

_NOT_ALNUM = re.compile("[^A-Z^a-z^0-9^\u4e00-\u9fa5]")


def strip_symbols(text: str) -> str:
    """Lower-case a text and keep ASCII letters, digits and CJK ideographs only.

    :param text: the text
    :returns: the reduced text
    """
    return _NOT_ALNUM.sub("", text.lower())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions, each costing 1).

    :param a: one text
    :param b: the other
    :returns: the distance
    """
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


@dataclass(frozen=True)
class WordScores:
    """Scores of predictions against labels (fractions of the ``n`` crops)."""

    n: int
    word_acc: float
    word_acc_ignore_case: float
    word_acc_ignore_case_symbol: float
    char_recall: float
    char_precision: float
    one_minus_ned: float

    def to_json(self) -> dict[str, float | int]:
        """Return the scores under the column names of ``summerized_results.csv``.

        :returns: a JSON-ready mapping
        """
        return {
            "n": self.n,
            "word_acc": round(self.word_acc, 4),
            "word_acc_ignore_case": round(self.word_acc_ignore_case, 4),
            "word_acc_ignore_case_symbol": round(self.word_acc_ignore_case_symbol, 4),
            "char_recall": round(self.char_recall, 4),
            "char_precision": round(self.char_precision, 4),
            "1-N.E.D": round(self.one_minus_ned, 4),
        }


def score_words(pairs: Iterable[tuple[str, str]]) -> WordScores:
    """Score ``(prediction, label)`` pairs.

    :param pairs: one pair per crop
    :returns: the scores (all 0 for no pairs)
    """
    n = exact = nocase = nosym = 0
    gt_chars = pred_chars = tp_chars = 0
    ned = 0.0
    for pred, gt in pairs:
        n += 1
        exact += pred == gt
        nocase += pred.lower() == gt.lower()
        p, g = strip_symbols(pred), strip_symbols(gt)
        nosym += p == g
        ned += edit_distance(p, g) / max(1, len(p), len(g))
        gt_chars += len(g)
        pred_chars += len(p)
        ops = SequenceMatcher(None, p, g).get_opcodes()
        tp_chars += sum(e2 - s2 for op, _, _, s2, e2 in ops if op == "equal")
    if n == 0:
        return WordScores(0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    return WordScores(
        n=n,
        word_acc=exact / n,
        word_acc_ignore_case=nocase / n,
        word_acc_ignore_case_symbol=nosym / n,
        char_recall=tp_chars / max(1, gt_chars),
        char_precision=tp_chars / max(1, pred_chars),
        one_minus_ned=1 - ned / n,
    )
