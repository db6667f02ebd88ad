"""Reading single word crops: the real engines on rendered crops, preparation, voting, scores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pfocr.errors import InputError
from pfocr.evaluate.words import edit_distance, score_words, strip_symbols
from pfocr.lexicon import Lexicon
from pfocr.lexicon.models import Gene, Term
from pfocr.lexicon.normalize import norm_key
from pfocr.ocr.crops import (
    CONFIGS,
    DEFAULT_CONFIG,
    CropConfig,
    CropReader,
    CropReading,
    Prep,
    choose,
    fold_text,
    join_words,
    prepare,
    vote,
)
from pfocr.ocr.models import Box, Word

pytestmark = pytest.mark.ocr
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
WORDS = ["TRADD", "MAPK14", "IL6R", "Smad2"]


def _crop(text: str, size: int = 15, margin: int = 2) -> np.ndarray:
    """A tight word crop as cut from a figure: a small font, a pixel or two of margin."""
    if not FONT.exists():
        pytest.skip("DejaVu fonts not installed")
    font = ImageFont.truetype(str(FONT), size)
    x0, y0, x1, y1 = (round(v) for v in font.getbbox(text))
    img = Image.new("RGB", (x1 - x0 + 2 * margin, y1 - y0 + 2 * margin), "white")
    ImageDraw.Draw(img).text((margin - x0, margin - y0), text, fill="black", font=font)
    return np.asarray(img)


@pytest.fixture(scope="module")
def reader() -> CropReader:
    return CropReader("rec-raw")


def test_recognition_reads_small_word_crops(reader: CropReader) -> None:
    for text in WORDS:
        reading = reader(_crop(text))
        assert reading.text == text
        assert 0.5 < reading.confidence <= 1
        assert reading.source == "rec-raw"
        assert reading.seconds > 0


def test_default_reader(reader: CropReader, lexicon: Lexicon) -> None:
    default = CropReader(rapid=reader.rapid, lexicon=lexicon)
    assert default.config.name == DEFAULT_CONFIG and default.config.lexicon
    for text in WORDS:
        assert default(_crop(text)).text == text


def test_recognize_batches_and_empty(reader: CropReader) -> None:
    crops = [_crop(t, size=20) for t in WORDS]
    assert [t for t, _ in reader.rapid.recognize(crops)] == WORDS
    assert reader.rapid.recognize([]) == []


def test_recognition_only_does_not_change_the_page_engine(reader: CropReader) -> None:
    reader(_crop("TRADD"))
    word = _crop("GRB2", size=16)
    page = np.full((200, 600, 3), 255, dtype=np.uint8)
    page[80 : 80 + word.shape[0], 100 : 100 + word.shape[1]] = word
    assert "GRB2" in {w.text for w in reader.rapid(page).words}  # detection still runs


def test_detection_reader_joins_lines(reader: CropReader) -> None:
    top, bottom = _crop("Tight", size=20), _crop("junction", size=20)
    width = max(top.shape[1], bottom.shape[1])
    canvas = np.full((top.shape[0] + bottom.shape[0] + 6, width, 3), 255, dtype=np.uint8)
    canvas[: top.shape[0], : top.shape[1]] = top
    canvas[top.shape[0] + 6 :, : bottom.shape[1]] = bottom
    det = CropReader("det-pad", rapid=reader.rapid)
    assert det(canvas).text == "Tight junction"


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed")
def test_tesseract_reads_a_line(reader: CropReader) -> None:
    tess = CropReader("tess-psm7", rapid=reader.rapid)
    reading = tess(_crop("STAT3", size=22))
    assert reading.text == "STAT3"
    assert 0 < reading.confidence <= 1
    assert tess.tesseract(8).psm == 8


def test_prepare_pads_and_upscales() -> None:
    rgb = np.zeros((20, 50, 3), dtype=np.uint8)
    assert prepare(rgb, Prep()).shape == (20, 50, 3)
    padded = prepare(rgb, Prep(pad=0.25))
    assert padded.shape == (30, 60, 3)
    assert padded[0, 0].tolist() == [255, 255, 255] and padded[15, 30].tolist() == [0, 0, 0]
    assert prepare(rgb, Prep(pad=0.25, pad_mode="edge"))[0, 0].tolist() == [0, 0, 0]
    up = prepare(rgb, Prep(min_height=32, target_height=48))
    assert up.shape == (48, 120, 3)
    assert prepare(np.zeros((40, 50, 3), np.uint8), Prep(min_height=32)).shape == (40, 50, 3)
    green = np.full((10, 10, 3), (200, 255, 200), dtype=np.uint8)
    green[4:6, 2:8] = (30, 60, 30)
    grey = prepare(green, Prep(gray=True))
    assert grey[0, 0].tolist() == [255, 255, 255] and grey[5, 5].tolist() == [0, 0, 0]


def test_fold_text() -> None:
    assert fold_text("Àkt") == "Akt"
    assert fold_text(" Ca²+ ") == "Ca2+"
    assert fold_text("NF-κB") == "NF-κB"  # Greek is kept
    assert fold_text("MØ") == "MØ"
    assert fold_text("TRADD") == "TRADD"


def _word(text: str, x0: float, x1: float, line: int = 0, y0: float = 0, y1: float = 10) -> Word:
    box: Box = ((x0, y0), (x1, y0), (x1, y1), (x0, y1))
    return Word(text, 0.9, box, line)


def test_join_words() -> None:
    assert join_words([_word("NF-", 0, 20), _word("κB", 21, 35)]) == "NF-κB"
    assert join_words([_word("ULK", 0, 20), _word("1", 26, 30)]) == "ULK 1"
    words = [_word("Tight", 0, 40), _word("junction", 0, 60, line=1, y0=12, y1=22)]
    assert join_words(words) == "Tight junction"
    assert join_words([]) == ""


def _lexicon() -> Lexicon:
    genes = [Gene("HGNC:1", "AKT1", "AKT serine/threonine kinase 1", "207", "g", "t", (), 1)]
    terms = [
        Term(norm_key("AKT1"), "AKT1", "HGNC", "HGNC:1", "symbol", "hgnc"),
        Term(norm_key("AKT"), "AKT", "FPLX", "AKT", "symbol", "famplex"),
    ]
    return Lexicon("test", genes, terms)


def test_choose_agreement_lexicon_confidence() -> None:
    a = CropReading("AKT1", 0.6, "rec-raw")
    b = CropReading("AKTI", 0.8, "tess-psm7")
    c = CropReading("AKT1", 0.5, "rec-up")
    assert choose([a, b]) is b  # confidence decides
    assert choose([a, b, c]) is a  # agreement beats confidence
    assert choose([a, b], _lexicon()) is a  # the lexicon breaks the tie
    akt = CropReading("Akt", 0.7, "rec-raw")
    upper = CropReading("AKT", 0.6, "tess-psm7")
    assert choose([akt, upper], _lexicon()) is upper  # written as the lexicon writes it
    assert choose([CropReading("", 0.0, "x"), b]) is b
    with pytest.raises(ValueError):
        choose([])


def test_vote_falls_back_only_below_the_threshold() -> None:
    sure = [CropReading("AKTI", 0.95, "rec-raw"), CropReading("AKT1", 0.99, "tess-psm7")]
    assert vote(sure, 0.9).text == "AKTI"
    assert vote(sure, 0.96).text == "AKT1"
    accented = [CropReading("Àkt", 0.5, "rec-raw"), CropReading("Akt", 0.4, "rec-up")]
    assert vote(accented, 0.9).text == "Àkt"
    assert vote(accented, 0.9, fold=True).text == "Akt"
    assert vote(accented[:1], 0.9, fold=True).text == "Akt"


def test_vote_reader(reader: CropReader) -> None:
    cfg = CropConfig("v", reader="vote", members=("rec-raw", "rec-up"), fallback_below=1.01)
    voter = CropReader(cfg, rapid=reader.rapid)
    assert voter(_crop("TRADD")).text == "TRADD"
    assert [r.source for r in voter.candidates(_crop("TRADD"))] == ["rec-raw", "rec-up"]
    lexical = CropReader("vote-edge-lex", rapid=reader.rapid, lexicon=_lexicon())
    assert lexical(_crop("AKT1")).text == "AKT1"
    with pytest.raises(InputError, match="itself a vote"):
        CropReader(CropConfig("vv", reader="vote", members=("rec-raw", "vote-det")))
    with pytest.raises(InputError, match="not a single reader"):
        voter.read_with(cfg, _crop("TRADD"))


def test_unknown_configuration() -> None:
    with pytest.raises(InputError, match="unknown crop configuration"):
        CropReader("gcv")
    assert DEFAULT_CONFIG in CONFIGS


def test_scores_follow_mmocr() -> None:
    assert strip_symbols("NF-κB (p65)") == "nfbp65"
    assert edit_distance("kitten", "sitting") == 3
    scores = score_words(
        [
            ("TRADD", "TRADD"),
            ("Akt", "AKT"),
            ("NF-kB", "NF-κB"),  # Greek dropped: equal ignoring case and symbols
            ("Tight\njunction", "Tight junction"),
            ("", "GRB2"),
        ]
    )
    assert scores.n == 5
    assert scores.word_acc == pytest.approx(1 / 5)
    assert scores.word_acc_ignore_case == pytest.approx(2 / 5)
    assert scores.word_acc_ignore_case_symbol == pytest.approx(3 / 5)
    assert scores.char_precision < 1 and scores.char_recall < 1
    assert score_words([]).n == 0


def test_gcv_scores_reproduce_the_published_ones(shared: Path) -> None:
    for name, acc in (("pmc", 0.7105), ("kegg", 0.8036)):
        path = shared / "eval" / "ocr-crops" / name / "google_results.json"
        if not path.is_file():
            pytest.skip(f"no {path}")
        data = json.loads(path.read_text(encoding="utf-8"))[0]
        pairs = [(p["prediction"], p["ground truth"]) for p in data["predictions"]]
        scores = score_words(pairs).to_json()
        assert scores["word_acc"] == acc
        for key, value in data["score"].items():
            assert scores[key] == pytest.approx(value, abs=1e-4)
