"""Recognising only the second detector's new lines (a measured lever, off by default).

The second detector's pass (:mod:`pfocr.ocr.rapid`) recognises every line it finds,
though most are lines the first pass has read already. Its words only change the result
where :func:`pfocr.ocr.merge.merge_words` takes them: where the first pass read nothing,
or read less surely (by the merge's margin). A first-pass word read at least
:data:`SURE` is never replaced, so a second-pass line that lies on a first-pass line
whose every word is that sure, and single (no ``/``, ``,`` or ``+`` that a second reading
could split into words of their own), need not be read. With ``second_rec="new"`` such
lines are dropped after detection, before the orientation classifier and the
recogniser. It is not exact: the recogniser reads lines in batches padded to the widest,
so dropping lines can change the padding of others (docs/speed.md has the measurement).

The engine's ``second_sure`` option skips more than that: lines whose every first-pass
word was read at least that surely. Measured at 0.8 it skipped 3 more of 245 lines on 12
PMC figures (no CPU to speak of), so the default stays at the exact :data:`SURE`
(docs/speed.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from pfocr.ocr.merge import box_iou
from pfocr.ocr.models import BBox, Box, Word, bbox_of

__all__ = ["SAME_LINE", "SURE", "known_lines", "new_lines", "with_line_filter"]

#: the merge keeps a first-pass word this sure whatever the second pass reads (margin 0.05)
SURE = 0.95
#: a second-pass line is the first pass's line when their boxes overlap this much (IoU)
SAME_LINE = 0.7
_SEPARATORS = frozenset("/,;+|")


def known_lines(words: Sequence[Word], sure: float = SURE) -> list[BBox]:
    """The first pass's lines a second reading cannot change: every word sure and single.

    :param words: the first pass's words (with line numbers)
    :param sure: a word read at least this surely is kept whatever a second reading says
    :returns: the lines' boxes in original pixels
    """
    lines: dict[int, list[Word]] = defaultdict(list)
    for w in words:
        lines[w.line].append(w)
    out: list[BBox] = []
    for ws in lines.values():
        if all(w.confidence >= sure and not _SEPARATORS & set(w.text) for w in ws):
            boxes = [w.bbox for w in ws]
            out.append(
                (
                    min(b[0] for b in boxes),
                    min(b[1] for b in boxes),
                    max(b[2] for b in boxes),
                    max(b[3] for b in boxes),
                )
            )
    return out


def new_lines(words: Sequence[Word], sure: float = SURE) -> Callable[[Box], bool]:
    """Say which of the second pass's lines to read: those on no known first-pass line.

    :param words: the first pass's words
    :param sure: as for :func:`known_lines`
    :returns: a predicate on a line's box in original pixels (True: read it)
    """
    known = known_lines(words, sure)

    def keep(box: Box) -> bool:
        line = bbox_of(box)
        return not any(box_iou(line, k) >= SAME_LINE for k in known)

    return keep


def with_line_filter(base: type) -> type:
    """Make a RapidOCR subclass whose ``line_filter`` (when set) drops detected lines
    before they are classified and recognised.

    ``line_filter`` takes a line's box as four points in the pixels of the image the
    object was called with, and says whether to keep it.

    :param base: ``rapidocr.RapidOCR`` or a subclass
    :returns: the subclass
    """
    from rapidocr.utils.process_img import map_boxes_to_original

    class Filtered(base):  # type: ignore[misc]
        line_filter: Callable[[np.ndarray], bool] | None = None

        def detect_and_crop(self, img: Any, op_record: dict[str, Any]) -> Any:
            crops, det = super().detect_and_crop(img, op_record)
            keep_line = self.line_filter
            if keep_line is None or det.boxes is None or len(det.boxes) == 0:
                return crops, det
            big = 1 << 30  # no clipping: only overlaps are compared
            mapped = map_boxes_to_original(
                np.array(det.boxes, dtype=np.float32), dict(op_record), big, big
            )
            keep = [i for i, box in enumerate(mapped) if keep_line(box)]
            if not keep:  # RapidOCR's steps expect at least one line: keep the first
                keep = [0]
            det.boxes = det.boxes[keep]
            if det.scores is not None:
                det.scores = [det.scores[i] for i in keep]
            return [crops[i] for i in keep], det

    return Filtered
