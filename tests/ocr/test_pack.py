"""Short text lines read side by side in one recogniser input (``rec_pack``)."""

from __future__ import annotations

import itertools
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from pfocr.ocr import engine_version, get_engine
from pfocr.ocr.pack import STRIDE, PackedRecognizer, Slot, line_width, plan

pytestmark = pytest.mark.ocr
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_plan_places_every_line_once_within_the_width_with_gaps_on_the_stride() -> None:
    widths = [300, 120, 96, 40, 400, 150, 88, 10, 305]
    slots, alone = plan(widths, 320, 16)
    assert alone == [4, 8]  # wider than the input less one gap: read alone
    assert sorted(s.index for s in slots) == [0, 1, 2, 3, 5, 6, 7]
    rows: dict[int, list[Slot]] = {}
    for s in slots:
        assert s.width == widths[s.index]
        assert s.x0 % STRIDE == 0
        assert s.x0 + s.width <= 320
        rows.setdefault(s.row, []).append(s)
    for row in rows.values():
        row.sort(key=lambda s: s.x0)
        for left, right in itertools.pairwise(row):
            assert right.x0 >= left.x0 + left.width + 16
    # first-fit decreasing: 7 lines of 804 columns in 3 inputs of 320 (300 | 150 120 |
    # 96 88 40 10), where reading them alone takes 7
    assert len(rows) == 3


def test_plan_of_nothing_is_nothing() -> None:
    assert plan([], 320, 16) == ([], [])


def _label(text: str) -> np.ndarray:
    """A printed label, black on white, as a BGR crop of one line."""
    scale, thick = 1.2, 2
    (w, h), base = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, thick)
    img = np.full((h + base + 16, w + 16, 3), 255, np.uint8)
    cv2.putText(img, text, (8, h + 8), cv2.FONT_HERSHEY_SIMPLEX, scale, (0, 0, 0), thick)
    return img


def _recogniser() -> object:
    engine = get_engine("rapidocr")
    return engine._ocr._load_rec_model()  # type: ignore[attr-defined]


def test_packed_labels_read_as_they_read_alone() -> None:
    from rapidocr.ch_ppocr_rec.typings import TextRecInput

    rec = _recogniser()
    texts = ["AKT1", "MAPK3", "TP53", "EGFR", "mTORC1", "PTEN", "KRAS", "BRAF"]
    crops = [_label(t) for t in texts]
    assert all(line_width(c) < 200 for c in crops)
    alone = rec(TextRecInput(img=crops, return_word_box=True))  # type: ignore[operator]
    packed = PackedRecognizer(rec)(TextRecInput(img=crops, return_word_box=True))
    assert list(alone.txts) == texts
    assert list(packed.txts) == texts
    assert len(plan([line_width(c) for c in crops], 320, 16)[0]) == len(texts)
    for a, b in zip(alone.scores, packed.scores, strict=True):
        assert abs(a - b) < 0.05
    # the characters' columns (RapidOCR's word boxes come from them) are the line's own
    for a, b in zip(alone.word_results, packed.word_results, strict=True):
        assert a.words == b.words
        assert a.line_txt_len == pytest.approx(b.line_txt_len)
        for ca, cb in zip(a.word_cols, b.word_cols, strict=True):
            assert all(abs(x - y) <= 1 for x, y in zip(ca, cb, strict=True))


def test_a_line_alone_in_its_input_reads_exactly_as_rapidocr_reads_it() -> None:
    from rapidocr.ch_ppocr_rec.typings import TextRecInput

    rec = _recogniser()
    crops = [_label("MAP2K1"), _label("a much longer line of several words here")]
    alone = rec(TextRecInput(img=crops))  # type: ignore[operator]
    packed = PackedRecognizer(rec)(TextRecInput(img=crops))
    assert packed.txts == alone.txts
    assert packed.scores == pytest.approx(alone.scores)


def test_rec_pack_is_its_own_stage_version_and_reads_a_figure() -> None:
    assert "-pack" not in engine_version("rapidocr")
    assert "-pack" in engine_version("rapidocr", rec_pack=True)
    rgb = np.asarray(Image.open(EXAMPLES / "mapk_erk.png").convert("RGB"))
    words = get_engine("rapidocr", rec_pack=True)(rgb).words
    assert {"EGFR", "GRB2", "BRAF"} <= {w.text for w in words}
    h, w = rgb.shape[:2]
    for word in words:
        xs = [p[0] for p in word.box]
        ys = [p[1] for p in word.box]
        assert -2 <= min(xs) <= max(xs) <= w + 2
        assert -2 <= min(ys) <= max(ys) <= h + 2
