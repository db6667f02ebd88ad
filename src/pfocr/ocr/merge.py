"""Merging the words of two OCR passes over the same image (e.g. at two scales).

A word of the second pass is added where the first pass read nothing; where both read
something at the same place, the more confident reading is kept. Line numbers of the
second pass are shifted past the first pass's, so words of one line stay together.
"""

from __future__ import annotations

from collections.abc import Sequence

from pfocr.ocr.models import BBox, Word

__all__ = ["box_iou", "iou", "merge_words"]


def box_iou(a: BBox, b: BBox) -> float:
    """Intersection over union of two axis-aligned boxes ``(x0, y0, x1, y1)``.

    :param a: a box
    :param b: another box
    :returns: the IoU in [0, 1]
    """
    ax0, ay0, ax1, ay1 = a
    bx0, by0, bx1, by1 = b
    w = min(ax1, bx1) - max(ax0, bx0)
    h = min(ay1, by1) - max(ay0, by0)
    if w <= 0 or h <= 0:
        return 0.0
    inter = w * h
    union = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - inter
    return inter / union if union > 0 else 0.0


def iou(a: Word, b: Word) -> float:
    """Intersection over union of two words' bounding boxes.

    :param a: a word
    :param b: another word
    :returns: the IoU in [0, 1]
    """
    return box_iou(a.bbox, b.bbox)


def merge_words(
    first: Sequence[Word], second: Sequence[Word], *, overlap: float = 0.3, margin: float = 0.05
) -> tuple[Word, ...]:
    """Merge two passes' words.

    :param first: the primary pass
    :param second: the extra pass
    :param overlap: IoU above which two words are readings of the same text
    :param margin: how much more confident a second reading must be to replace the first
    :returns: the merged words, first-pass order, new words appended
    """
    words = list(first)
    shift = 1 + max((w.line for w in first), default=-1)
    extra: list[Word] = []
    for w in second:
        same = [i for i, f in enumerate(words) if iou(f, w) > overlap]
        if not same:
            extra.append(Word(w.text, w.confidence, w.box, w.line + shift))
            continue
        i = max(same, key=lambda j: iou(words[j], w))
        if w.confidence > words[i].confidence + margin and len(same) == 1:
            words[i] = Word(w.text, w.confidence, words[i].box, words[i].line)
    return (*words, *extra)
