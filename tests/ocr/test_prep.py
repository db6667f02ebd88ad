"""The detector's input prepared by table look-up: RapidOCR's numbers, to the bit."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from rapidocr.ch_ppocr_det.utils import DetPreProcess

from pfocr.ocr.prep import _Prepare, fast_det_preprocess, normalise_table

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _image() -> np.ndarray:
    path = sorted(EXAMPLES.rglob("*.png"))[0]
    return np.asarray(Image.open(path).convert("RGB"))


@pytest.mark.parametrize("limit", [(736, "min"), (960, "max")])
def test_the_table_gives_rapidocrs_input_bit_for_bit(limit: tuple[int, str]) -> None:
    rgb = _image()
    # a real figure, and every byte value in every channel
    ramp = np.tile(np.arange(256, dtype=np.uint8), (64, 3)).reshape(64, 256, 3)
    for img in (rgb, ramp, np.ascontiguousarray(rgb[::-1, ::2])):
        expected = DetPreProcess(*limit)(img)
        got = _Prepare(DetPreProcess(*limit))(img)
        assert expected is not None and got is not None
        assert got.shape == expected.shape and got.dtype == np.float32
        assert got.tobytes() == expected.tobytes()
        assert got.flags.c_contiguous


def test_other_inputs_go_through_rapidocrs_own_code() -> None:
    img = _image().astype(np.float32)
    expected = DetPreProcess(736, "min")(img)
    got = _Prepare(DetPreProcess(736, "min"))(img)
    assert expected is not None and got is not None
    assert np.array_equal(got, expected)


def test_table_with_other_means_follows_them() -> None:
    table = normalise_table(
        1 / 255.0, np.array([0.485, 0.456, 0.406]), np.array([0.229, 0.224, 0.225])
    )
    assert table.shape == (3, 256)
    assert table[0, 0] == pytest.approx(-0.485 / 0.229, rel=1e-6)
    assert table[2, 255] == pytest.approx((1 - 0.406) / 0.225, rel=1e-6)


def test_a_detector_is_made_to_use_it() -> None:
    class Detector:
        def get_preprocess(self) -> DetPreProcess:
            return DetPreProcess(736, "min")

    det = Detector()
    fast_det_preprocess(det)
    prep = det.get_preprocess()
    assert isinstance(prep, _Prepare)
    img = _image()
    reference = DetPreProcess(736, "min")(img)
    assert reference is not None
    assert prep(img).tobytes() == reference.tobytes()  # type: ignore[union-attr]
