"""Labels printed over two lines, joined from the word boxes.

A number or Greek letter under a name (``MEK`` over ``1/2``, ``Caspase`` over ``8``)
and a gene's full name over two lines of one box (``Sphingosine`` over ``kinase 2``)
are read as one label; the readings they replace are kept as dropped, with the reason.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from pfocr.ocr.models import Word
from pfocr.recognize.knowledge import NAME_STATUSES, covered, ends_item, word_above
from pfocr.recognize.labels import SUFFIX_WORD, label_hits
from pfocr.recognize.lookup import Reader
from pfocr.recognize.tokens import clean_token
from pfocr.recognize.trail import Hit

__all__ = ["STACKED_NAME_WORDS", "stacked", "stacked_names"]

#: How many words a gene's full name printed over two lines may have in all.
STACKED_NAME_WORDS = 8
# what the recogniser makes of a downward arrow drawn on its own under a label
_ARROW_READ = "4"


def _drop(old: Sequence[Hit], new: Sequence[Hit], dropped: list[Hit], what: str) -> None:
    label = " ".join(dict.fromkeys(h.seen for h in new))
    for h in old:
        h.reasons.append(f"replaced: read as one label with the {what} ({label!r})")
        dropped.append(h)


def stacked(
    reader: Reader, words: Sequence[Word], hits: list[Hit], dropped: list[Hit]
) -> list[Hit]:
    """Join labels printed on two lines: a number or Greek letter under a name
    (``MEK`` over ``1/2``, ``Caspase`` over ``8``), found from the word boxes."""
    in_span = {i for h in hits if h.end - h.start > 1 for i in range(h.start, h.end)}
    for j, below in enumerate(words):
        below_text = clean_token(below.text)
        if j in in_span or not SUFFIX_WORD.match(below_text):
            continue
        if below_text == _ARROW_READ:
            continue  # a downward arrow under the label, read as "4" (IRAK over ↓)
        i = word_above(words, j)
        if i is None or i in in_span or ends_item(words[i]):
            continue
        own = [h for h in hits if h.start == i and h.end == i + 1]
        if any(h.decision.kind == "gene" for h in own):
            continue
        new = label_hits(reader, words, i, i + 1, span=[words[i], below])
        if new and all(h.decision.kind == "gene" for h in new):
            _drop(own, new, dropped, "word below it")
            hits = [h for h in hits if h not in own] + new
            in_span.update((i, j))
    return hits


def stacked_names(
    reader: Reader,
    words: Sequence[Word],
    by_line: dict[int, list[int]],
    hits: list[Hit],
    dropped: list[Hit],
) -> list[Hit]:
    """Join a gene's full name printed over two lines of one box (``Sphingosine`` over
    ``kinase 2``, ``Insulin-like growth factor 1`` over ``receptor``): a line that
    starts like a multi-word name, and the words just below it, are looked up as one
    label, kept only when they name a gene by its name. ``by_line``: the word indices
    of each OCR line."""
    name_starts = reader.k.name_starts
    starts = [
        idxs
        for idxs in by_line.values()
        if len(idxs) <= STACKED_NAME_WORDS - 1
        and len(words[idxs[0]].text) >= 3
        and clean_token(words[idxs[0]].text).casefold() in name_starts
    ]
    if not starts:
        return hits
    cover = covered(hits)
    boxes = [w.bbox for w in words]
    by_top = sorted(range(len(words)), key=lambda j: boxes[j][1])
    tops = [boxes[j][1] for j in by_top]

    def loose(i: int) -> bool:
        # no reading yet, or one by name that a longer name may replace
        return all(
            h.decision.kind != "gene" or h.decision.genes[0].status in NAME_STATUSES
            for h in cover.get(i, [])
        )

    for idxs in starts:
        if not all(loose(i) for i in idxs):
            continue
        x0 = min(boxes[i][0] for i in idxs)
        x1 = max(boxes[i][2] for i in idxs)
        y1 = max(boxes[i][3] for i in idxs)
        h = max(boxes[i][3] - boxes[i][1] for i in idxs)
        pad = 0.1 * (x1 - x0)
        line = words[idxs[0]].line
        lo, hi = bisect_left(tops, y1 - 0.5 * h), bisect_right(tops, y1 + 0.8 * h)
        below = [
            j
            for j in by_top[lo:hi]
            if words[j].line != line
            and 0.5 * h <= boxes[j][3] - boxes[j][1] <= 1.6 * h
            and boxes[j][0] < x1 + pad
            and boxes[j][2] > x0 - pad
        ]
        if not below or len({words[j].line for j in below}) != 1:
            continue
        if len(idxs) + len(below) > STACKED_NAME_WORDS or not all(loose(j) for j in below):
            continue
        below.sort(key=lambda j: boxes[j][0])
        span = [words[i] for i in idxs] + [words[j] for j in below]
        new = label_hits(reader, words, idxs[0], idxs[0] + 1, span=span)
        if new and all(
            n.decision.kind == "gene" and n.decision.genes[0].status in NAME_STATUSES for n in new
        ):
            gone = {id(x) for i in (*idxs, *below) for x in cover.get(i, [])}
            _drop([x for x in hits if id(x) in gone], new, dropped, "line below it")
            hits = [x for x in hits if id(x) not in gone] + new
    return hits
