"""Merging two OCR passes."""

from __future__ import annotations

from pfocr.ocr.merge import iou, merge_words
from pfocr.ocr.models import Word


def w(text: str, x: float, conf: float = 0.9, line: int = 0) -> Word:
    return Word(text, conf, ((x, 0.0), (x + 40, 0.0), (x + 40, 10.0), (x, 10.0)), line)


def test_iou() -> None:
    assert iou(w("A", 0), w("B", 0)) == 1.0
    assert iou(w("A", 0), w("B", 100)) == 0.0
    assert 0.3 < iou(w("A", 0), w("B", 10)) < 0.7


def test_merge_adds_new_words_and_keeps_lines_apart() -> None:
    merged = merge_words([w("TRAF2", 0, line=0)], [w("TRAF2", 2, line=0), w("TRAF6", 100, line=0)])
    assert [x.text for x in merged] == ["TRAF2", "TRAF6"]
    assert merged[1].line == 1  # second-pass lines are shifted past the first pass's


def test_merge_prefers_a_clearly_more_confident_reading() -> None:
    merged = merge_words([w("IKKY", 0, conf=0.6)], [w("IKKγ", 1, conf=0.95)])
    assert [x.text for x in merged] == ["IKKγ"]
    kept = merge_words([w("IKKβ", 0, conf=0.9)], [w("IKKB", 1, conf=0.92)])
    assert [x.text for x in kept] == ["IKKβ"]
