"""The OCR engines on real images: words, boxes in original pixels, tiling, upscaling."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pfocr.errors import InputError
from pfocr.ocr import engine_version, get_engine
from pfocr.ocr.base import RawLine, lines_to_words, split_line
from pfocr.ocr.rapid import choose_scale
from pfocr.ocr.tiling import keep_in_core, tiles

pytestmark = pytest.mark.ocr
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


@pytest.fixture(scope="module")
def rapid() -> object:
    return get_engine("rapidocr")


def _canvas(
    width: int, height: int, labels: dict[str, tuple[int, int]], size: int = 28
) -> np.ndarray:
    if not FONT.exists():
        pytest.skip("DejaVu fonts not installed")
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), size)
    for text, (x, y) in labels.items():
        draw.text((x, y), text, fill="black", font=font)
    return np.asarray(img)


def test_rapidocr_reads_an_example(rapid: object) -> None:
    rgb = np.asarray(Image.open(EXAMPLES / "mapk_erk.png").convert("RGB"))
    result = rapid(rgb)  # type: ignore[operator]
    texts = {w.text for w in result.words}
    assert {"EGFR", "GRB2", "BRAF"} <= texts
    h, w = rgb.shape[:2]
    for word in result.words:
        assert 0 <= word.confidence <= 1
        for x, y in word.box:
            assert -2 <= x <= w + 2 and -2 <= y <= h + 2
    assert result.version == engine_version("rapidocr")
    assert result.seconds > 0


def test_boxes_are_where_the_words_are(rapid: object) -> None:
    rgb = _canvas(900, 300, {"TRADD": (60, 60), "RIPK1": (600, 200)})
    words = {w.text: w for w in rapid(rgb).words}  # type: ignore[operator]
    x0, y0, x1, y1 = words["TRADD"].bbox
    assert x0 < 70 < x1 and y0 < 75 < y1
    x0, y0, x1, y1 = words["RIPK1"].bbox
    assert x0 < 610 < x1 and y0 < 215 < y1


def test_large_images_are_tiled_at_native_resolution(rapid: object) -> None:
    # 5,000 px wide with 22 px labels: shrunk to 2,000 px they would be unreadable
    names = ["MAP3K7", "TRAF6", "IRAK4", "MYD88", "TICAM1", "NFKB1", "RELA", "CHUK"]
    labels = {}
    for i in range(40):
        labels[f"{names[i % len(names)]}-{i}"] = (100 + (i % 8) * 600, 100 + (i // 8) * 330)
    rgb = _canvas(5000, 1800, labels, size=22)
    texts = [w.text for w in rapid(rgb).words]  # type: ignore[operator]
    found = [label for label in labels if texts.count(label) == 1]
    assert len(found) >= 36, texts
    assert all(texts.count(t) == 1 for t in set(texts) if t in labels)  # never read twice


def test_tiles_cover_the_image_once() -> None:
    ts = tiles(4000, 2500, 1600, 256)
    for x in range(0, 4000, 97):
        for y in range(0, 2500, 89):
            box = ((x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1))
            assert sum(keep_in_core(box, t, 1.0) for t in ts) == 1  # type: ignore[arg-type]
    assert tiles(1000, 800, 1600, 256)[0].x1 == 1000


def test_choose_scale() -> None:
    assert choose_scale(600, 400, "auto") == 2.0
    assert choose_scale(1200, 900, "auto") == 1.0
    assert choose_scale(1200, 900, 1.5) == 1.5


def test_split_line_without_word_boxes() -> None:
    line = RawLine("IKKα IKKβ", 0.9, ((0, 0), (90, 0), (90, 10), (0, 10)))
    parts = split_line(line)
    assert [p[0] for p in parts] == ["IKKα", "IKKβ"]
    assert parts[0][2][1][0] <= parts[1][2][0][0]
    words = lines_to_words([line])
    assert [w.line for w in words] == [0, 0]


def test_unknown_engine() -> None:
    with pytest.raises(InputError, match="unknown OCR engine"):
        get_engine("gcv")


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed")
def test_tesseract_engine() -> None:
    engine = get_engine("tesseract")
    rgb = _canvas(700, 200, {"STAT3": (50, 50), "SOCS3": (400, 120)})
    result = engine(rgb)
    texts = {w.text for w in result.words}
    assert {"STAT3", "SOCS3"} <= texts
    assert result.engine == "tesseract" and engine_version("tesseract").startswith("tesseract-")


def test_extra_native_pass_merges_without_duplicates() -> None:
    engine = get_engine("rapidocr", upscale="auto+1")
    assert "auto+1" in engine.settings_key
    rgb = _canvas(700, 200, {"STAT3": (50, 50), "SOCS3": (400, 120)})
    texts = [w.text for w in engine(rgb).words]
    assert texts.count("STAT3") == 1 and texts.count("SOCS3") == 1


def test_second_detector_is_installed_and_versioned(rapid: object) -> None:
    # the Makefile installs the PP-OCRv4 detector's wheel; its pass is part of the version
    from pfocr.ocr.rapid import second_detector_model

    assert second_detector_model() is not None
    assert "det2v4" in engine_version("rapidocr")
    assert "det2v4" not in engine_version("rapidocr", second_detector=False)


def test_second_detector_reads_small_figures_without_duplicates(rapid: object) -> None:
    # a small figure (upscaled, so both detectors run): every label once, at its place
    rgb = _canvas(640, 220, {"TRAF6": (30, 40), "MAP3K7": (330, 40), "IKBKB": (180, 150)})
    words = rapid(rgb).words  # type: ignore[operator]
    texts = [w.text for w in words]
    for label in ("TRAF6", "MAP3K7", "IKBKB"):
        assert texts.count(label) == 1, texts
    one = get_engine("rapidocr", second_detector=False)
    assert {w.text for w in one(rgb).words} >= {"TRAF6", "MAP3K7", "IKBKB"}


def test_lines_turned_over_are_read_both_ways(rapid: object) -> None:
    # small bold labels in boxes: RapidOCR's orientation classifier is sure "JUN" is
    # printed upside down and reads it turned over ("NOI"); we keep the surer reading
    bold = FONT.parent / "DejaVuSans-Bold.ttf"
    img = Image.new("RGB", (1300, 120), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(bold), 12)
    labels = ["JUN", "NOS2", "SOX9", "MDA5", "LGP2", "SUN1", "NUS1", "MUC1", "OSM"]
    for i, text in enumerate(labels):
        x = 20 + i * 140
        draw.rectangle((x - 8, 30, x + 90, 58), outline="black")
        draw.text((x, 38), text, fill="black", font=font)
    texts = [w.text for w in rapid(np.asarray(img)).words]  # type: ignore[operator]
    assert sorted(texts) == sorted(labels)
    # and text that is upside down is still read turned over
    img = Image.new("RGB", (1300, 160), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(bold), 28)
    draw.text((40, 50), "MAPK14", fill="black", font=font)
    draw.text((700, 50), "SMAD3", fill="black", font=font)
    texts = [w.text for w in rapid(np.asarray(img.rotate(180))).words]  # type: ignore[operator]
    assert sorted(texts) == ["MAPK14", "SMAD3"]


def test_prefer_surer_keeps_the_surer_reading() -> None:
    from pfocr.ocr.orientation import prefer_surer

    texts, scores, words = ["NOC", "MAPK1", "SOX9"], [0.95, 0.99, 0.7], ["a", "b", "c"]
    replaced = prefer_surer(
        (texts, scores, words), (["JUN", "", "XOS"], [0.99, 1.0, 0.6], ["A", "B", "C"]), [0, 1, 2]
    )
    assert replaced == 1
    assert texts == ["JUN", "MAPK1", "SOX9"] and scores == [0.99, 0.99, 0.7]
    assert words == ["A", "b", "c"]
