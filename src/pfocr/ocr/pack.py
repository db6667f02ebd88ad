"""Short text lines read side by side: several labels share one recogniser input.

The recogniser reads each line at 48 px height, padded to at least 320 px wide, and its
CPU is linear in that padded width: a gene label ``AKT`` (about 100 px at 48 px height)
costs as much as a line of six words. Packing places short lines one after another in
inputs of that width, each at a column that is a multiple of the recogniser's stride
(8 px: one output step), with a gap of the padding value between them. The output steps
are then cut back per line and decoded as if each line had been read alone: its text,
its confidence and its character columns (from which RapidOCR's word boxes come) are
those of the steps over its own columns and half the gap on either side.

Lines wider than ``width - gap`` are read as RapidOCR reads them.

Not the default (engine option ``rec_pack``, its own stage version): the recogniser's
sequence layers see the neighbours, so a packed line does not always read as it reads
alone. On the 45 PMC dev figures it cut pfocr's CPU to 0.79 of the default's, but changed
19% of the lines' readings (a thin first or last letter dropped at a line's edge: ``IRF-3``
as ``RF-3``) and lost 7 true genes for 3 gained (docs/speed.md).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

#: the recogniser's output stride: one CTC step per 8 input columns
STRIDE = 8
#: the recogniser's input height
HEIGHT = 48


@dataclass(frozen=True)
class Slot:
    """Where one line sits in a packed input."""

    index: int  # the line's position in the caller's list
    row: int  # which packed input
    x0: int  # first column (a multiple of STRIDE)
    width: int  # columns at 48 px height


def line_width(img: np.ndarray) -> int:
    """The line's width once resized to the recogniser's height (RapidOCR's rounding)."""
    h, w = img.shape[:2]
    return math.ceil(HEIGHT * int(w) / float(h))


def plan(widths: list[int], width: int, gap: int) -> tuple[list[Slot], list[int]]:
    """Place lines in packed inputs of ``width`` columns, widest first, each in the first
    input with room (first-fit decreasing).

    :param widths: each line's width at 48 px height
    :param width: the packed input's width
    :param gap: padding columns between two lines
    :returns: the packed lines' slots, and the indices of lines read alone (too wide)
    """
    order = sorted(range(len(widths)), key=lambda i: (-widths[i], i))
    ends: list[int] = []  # next free column of each packed input
    slots: list[Slot] = []
    alone: list[int] = []
    for i in order:
        w = widths[i]
        if w > width - gap:
            alone.append(i)
            continue
        for row, end in enumerate(ends):
            x0 = _aligned(end + gap) if end else 0
            if x0 + w <= width:
                ends[row] = x0 + w
                slots.append(Slot(i, row, x0, w))
                break
        else:
            ends.append(w)
            slots.append(Slot(i, len(ends) - 1, 0, w))
    return slots, sorted(alone)


def _ratio(img: np.ndarray) -> float:
    h, w = img.shape[:2]
    return int(w) / float(h)


def _aligned(x: int) -> int:
    return -(-x // STRIDE) * STRIDE


def _normalised(img: np.ndarray, w: int) -> np.ndarray:
    resized = cv2.resize(img, (w, HEIGHT)).astype(np.float32)
    return (resized.transpose((2, 0, 1)) / 255 - 0.5) / 0.5


class PackedRecognizer:
    """Stands in for RapidOCR's ``TextRecognizer``: the same call and output, with short
    lines packed (see the module docstring).

    :param rec: RapidOCR's text recogniser (its session, decoder and batch size are used)
    :param width: the packed input's width (RapidOCR's minimum input width)
    :param gap: padding columns between two packed lines
    """

    def __init__(self, rec: Any, width: int = 320, gap: int = 16) -> None:
        self._rec = rec
        self.width = width
        self.gap = gap

    def __getattr__(self, name: str) -> Any:
        return getattr(self._rec, name)

    def __call__(self, args: Any) -> Any:
        from rapidocr.ch_ppocr_rec.typings import TextRecInput, TextRecOutput

        start = time.perf_counter()
        imgs: list[np.ndarray] = [args.img] if isinstance(args.img, np.ndarray) else args.img
        n = len(imgs)
        widths = [line_width(img) for img in imgs]
        slots, alone = plan(widths, self.width, self.gap)
        lines: list[tuple[str, float]] = [("", 0.0)] * n
        words: list[Any] = [None] * n
        if alone:
            wide = TextRecInput(img=[imgs[i] for i in alone], return_word_box=args.return_word_box)
            out = self._rec(wide)
            for k, i in enumerate(alone):
                lines[i] = (out.txts[k], out.scores[k])
                words[i] = out.word_results[k]
        if slots:
            self._read_packed(imgs, slots, args.return_word_box, lines, words)
        txts: Any = tuple(t for t, _ in lines)
        scores = [s for _, s in lines]
        return TextRecOutput(
            imgs,
            txts,
            scores,
            tuple(words),
            time.perf_counter() - start,
            viser=None,
        )

    def _read_packed(
        self,
        imgs: list[np.ndarray],
        slots: list[Slot],
        word_box: bool,
        lines: list[tuple[str, float]],
        words: list[Any],
    ) -> None:
        rows = 1 + max(s.row for s in slots)
        batch = np.zeros((rows, 3, HEIGHT, self.width), dtype=np.float32)
        for s in slots:
            batch[s.row, :, :, s.x0 : s.x0 + s.width] = _normalised(imgs[s.index], s.width)
        size = int(self._rec.rec_batch_num)
        preds = np.concatenate(
            [self._rec.session(batch[b : b + size]) for b in range(0, rows, size)]
        )
        steps = preds.shape[1]
        half = self.gap // 2
        decode = self._rec.postprocess_op
        for s in slots:
            first = max(0, (s.x0 - half) // STRIDE)
            lead = s.x0 // STRIDE - first
            last = min(steps, -(-(s.x0 + s.width + half) // STRIDE))
            part = preds[s.row : s.row + 1, first:last]
            # columns counted from the line's first step, as if it were read alone
            line, word = decode(
                part,
                word_box,
                wh_ratio_list=[_ratio(imgs[s.index])],
                max_wh_ratio=(last - first) * STRIDE / HEIGHT,
            )
            lines[s.index] = line[0]
            if word_box:
                info = word[0]
                if lead and info.word_cols:
                    info.word_cols = [[max(0, c - lead) for c in cols] for cols in info.word_cols]
                words[s.index] = info
