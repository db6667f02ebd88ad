"""The second look at words OCR was unsure of."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pfocr.lexicon import Lexicon
from pfocr.ocr import OcrResult, Word, get_engine
from pfocr.ocr.crops import CropReader
from pfocr.pipeline.reread import (
    REREAD_TAG,
    reread_low_confidence,
    reread_version,
    worth_rereading,
)

pytestmark = pytest.mark.ocr
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def test_unsure_misreadings_are_read_again(lexicon: Lexicon) -> None:
    if not FONT.exists():
        pytest.skip("DejaVu fonts not installed")
    img = Image.new("RGB", (400, 120), "white")
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 26)
    draw.text((20, 40), "TRADD", fill="black", font=font)
    draw.text((220, 40), "RIPK1", fill="black", font=font)
    rgb = np.asarray(img)
    box_a = ((15.0, 38.0), (120.0, 38.0), (120.0, 72.0), (15.0, 72.0))
    box_b = ((215.0, 38.0), (310.0, 38.0), (310.0, 72.0), (215.0, 72.0))
    first = OcrResult(
        "rapidocr",
        "3",
        "up2",
        # an unsure misreading, and a sure reading that must stay as it is
        (Word("TRAOD", 0.6, box_a, 0), Word("RIPK1", 0.999, box_b, 0)),
        1.0,
    )
    reader = CropReader("rec-gray-fold", rapid=get_engine("rapidocr"), lexicon=lexicon)  # type: ignore[arg-type]
    again = reread_low_confidence(first, rgb, reader, lexicon)
    assert [w.text for w in again.words] == ["TRADD", "RIPK1"]
    assert again.words[0].box == box_a
    assert again.version == reread_version(first.version)
    assert again.settings.endswith(REREAD_TAG)

    # the same crop under a prose word is not read again: a prose word is no misread symbol
    prose = OcrResult("rapidocr", "3", "up2", (Word("traddition", 0.6, box_a, 0),), 1.0)
    assert [w.text for w in reread_low_confidence(prose, rgb, reader, lexicon).words] == [
        "traddition"
    ]


@pytest.mark.parametrize(
    ("text", "worth"),
    [
        ("TRAOD", True),
        ("lkB", True),
        ("2IFITM2", True),
        ("IL-1P", True),
        ("Ifngr3", True),
        ("+p", False),
        ("/", False),
        ("2011", False),
        ("stimulation", False),
        ("peodoction,", False),
        ("Leupeptinincreases", False),
        ("TRIM25RIG-1", False),
    ],
)
def test_only_possible_symbols_are_worth_rereading(text: str, worth: bool) -> None:
    assert worth_rereading(text) is worth
