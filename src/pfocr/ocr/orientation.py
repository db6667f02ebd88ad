"""Upside-down text lines: read both ways, keep the surer reading.

RapidOCR's orientation classifier turns a text line by 180 degrees when it is at least
``cls_thresh`` sure the line is printed upside down, and only the turned line is read.
On short labels in sans-serif fonts the classifier is often sure and wrong: ``JUN``
turned over reads ``NOC`` (in 28 of the 816 WikiPathways renders), vertical text in
journal figures comes out as garbage, ``TNF-α`` as ``TN-``. Here every line the
classifier turns over is also read as it was cropped, and the reading the recogniser
is surer of is kept. Only the turned lines are read twice, so the cost is small.

The hook is RapidOCR's ``run_ocr_steps`` (RapidOCR 3.x); where it is missing the
engine keeps RapidOCR's own behaviour.
"""

from __future__ import annotations

from typing import Any

__all__ = ["both_ways", "prefer_surer"]


def prefer_surer(
    first: tuple[list[str], list[float], list[Any]],
    second: tuple[list[str], list[float], list[Any]],
    which: list[int],
) -> int:
    """Replace readings of ``first`` by those of ``second`` where ``second`` is surer.

    :param first: texts, scores and word results of every line (changed in place)
    :param second: texts, scores and word results of the lines ``which`` names, in order
    :param which: indices into ``first`` of the lines read again
    :returns: how many readings were replaced
    """
    texts, scores, words = first
    new_texts, new_scores, new_words = second
    replaced = 0
    for k, i in enumerate(which):
        if new_texts[k].strip() and new_scores[k] > scores[i]:
            texts[i], scores[i], words[i] = new_texts[k], new_scores[k], new_words[k]
            replaced += 1
    return replaced


def both_ways(base: type) -> type:
    """Make a RapidOCR subclass that reads turned-over lines both ways.

    :param base: ``rapidocr.RapidOCR``
    :returns: the subclass (the same options, the same output types)
    """

    class BothWays(base):  # type: ignore[misc]
        def run_ocr_steps(self, img: Any, op_record: dict[str, Any]) -> Any:
            det_res, cls_res, rec_res, crops = super().run_ocr_steps(img, op_record)
            labels = getattr(cls_res, "cls_res", None)
            if not labels or rec_res.txts is None or len(crops) != len(rec_res.txts):
                return det_res, cls_res, rec_res, crops
            thresh = float(self.cfg.Cls.cls_thresh)
            turned = [i for i, (lab, sc) in enumerate(labels) if "180" in lab and sc > thresh]
            if not turned:
                return det_res, cls_res, rec_res, crops
            again = self.recognize_txt([crops[i] for i in turned])
            first = (list(rec_res.txts), list(rec_res.scores), list(rec_res.word_results))
            second = (list(again.txts), list(again.scores), list(again.word_results))
            if prefer_surer(first, second, turned):
                rec_res.txts = tuple(first[0])
                rec_res.scores = first[1]
                rec_res.word_results = tuple(first[2])
            return det_res, cls_res, rec_res, crops

    return BothWays
