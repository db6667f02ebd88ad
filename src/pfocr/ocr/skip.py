"""Recognising only the second detector's new lines (``second_rec="new"``, the default).

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

Most lines the second detector finds lie on no first-pass line as a whole: it cuts lines
differently. The engine's ``second_room`` option (default :data:`ROOM`) skips a line
that the first pass's sure, single words fill, leaving no stretch wider than that many
line heights unread (:func:`unread_room`): a second reading could add a word only where
none of those words overlaps it, and there is no room for one. A sure word counts only
inside the line: the second detector finding ``DEL1`` inside a run-on first reading
``DEL1TCO`` is read, and the merge adds it. On the 45 curated PMC dev figures it skips
44% of the lines the second detector would read (368 of 838); no gene set changed there,
on the other 176 PMC figures, nor on the 9 WikiPathways renders the second detector
reads (docs/speed.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from pfocr.ocr.merge import box_iou
from pfocr.ocr.models import BBox, Box, Word, bbox_of

__all__ = [
    "ROOM",
    "SAME_LINE",
    "SURE",
    "known_lines",
    "new_lines",
    "sure_single",
    "unread_room",
    "with_line_filter",
]

#: the merge keeps a first-pass word this sure whatever the second pass reads (margin 0.05)
SURE = 0.95
#: a second-pass line that sure words fill, leaving no stretch wider than this many line
#: heights, is not read (narrower than a character and the detector's margin)
ROOM = 1.0
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
        if all(_unchangeable(w, sure) for w in ws):
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


def new_lines(
    words: Sequence[Word], sure: float = SURE, room: float = 0.0
) -> Callable[[Box], bool]:
    """Say which of the second pass's lines to read: those on no known first-pass line.

    :param words: the first pass's words
    :param sure: as for :func:`known_lines`
    :param room: when above 0, also skip a line that sure single first-pass words fill,
        leaving no stretch wider than this many line heights unread (:func:`unread_room`)
    :returns: a predicate on a line's box in original pixels (True: read it)
    """
    known = known_lines(words, sure)
    sure_words = sure_single(words, sure)

    def keep(box: Box) -> bool:
        line = bbox_of(box)
        if any(box_iou(line, k) >= SAME_LINE for k in known):
            return False
        return room <= 0 or unread_room(line, sure_words) > room

    return keep


def sure_single(words: Sequence[Word], sure: float = SURE) -> list[BBox]:
    """The boxes of the words a second reading cannot change: sure and single.

    :param words: the first pass's words
    :param sure: as for :func:`known_lines`
    :returns: their boxes in original pixels
    """
    return [w.bbox for w in words if _unchangeable(w, sure)]


def _unchangeable(word: Word, sure: float) -> bool:
    """Read at least ``sure`` (the merge keeps it) and single (no separator that a second
    reading could split into words of their own)."""
    return word.confidence >= sure and not _SEPARATORS & set(word.text)


def unread_room(line: BBox, sure_words: Sequence[BBox]) -> float:
    """The widest stretch of a line that no sure word inside it covers, in line heights.

    A sure word counts when its middle lies in the line's height and it does not reach
    beyond the line's ends by more than a quarter of the line's height: a longer word
    is a run-on reading (``DEL1TCO``) that a second reading may split into words of
    their own, which the merge would add. Where the words leave less room than a
    character's width, a second reading can add no word and replace none.

    :param line: a second-detector line's box in original pixels
    :param sure_words: boxes of the first pass's sure, single words
    :returns: the widest uncovered stretch over the line's height (inf: no word inside)
    """
    x0, y0, x1, y1 = line
    height = y1 - y0
    if height <= 0 or x1 <= x0:
        return float("inf")
    slack = height / 4
    inside = sorted(
        (max(b[0], x0), min(b[2], x1))
        for b in sure_words
        if y0 <= (b[1] + b[3]) / 2 <= y1 and b[0] >= x0 - slack and b[2] <= x1 + slack
    )
    if not inside:
        return float("inf")
    widest, reached = 0.0, x0
    for a, b in inside:
        widest = max(widest, a - reached)
        reached = max(reached, b)
    widest = max(widest, x1 - reached)
    return widest / height


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
