"""Where the OCR models run: OpenVINO and onnxruntime on the CPU, CUDA with its fallback."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pfocr.ocr import engine_version, get_engine, runtime
from pfocr.ocr.rapid import RapidOcrEngine
from pfocr.ocr.runtime import (
    Device,
    Runtime,
    choose_placement,
    make_session,
    openvino_available,
)

pytestmark = pytest.mark.ocr
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _models() -> Path:
    import rapidocr

    return Path(rapidocr.__file__).parent / "models"


def test_openvino_is_installed_and_runs_the_detector_by_default_on_intel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a dependency of pfocr: a missing wheel would silently cost an Intel CPU 4x the
    # detector's CPU; on other CPUs its kernels cost what onnxruntime's do
    assert openvino_available()
    monkeypatch.setattr(runtime, "cpu_vendor", lambda: "intel")
    placement = choose_placement()
    assert placement.det is Runtime.OPENVINO
    assert (placement.cls, placement.rec) == (Runtime.ONNXRUNTIME, Runtime.ONNXRUNTIME)
    assert placement.device is Device.CPU
    for vendor in ("amd", "other"):
        monkeypatch.setattr(runtime, "cpu_vendor", lambda vendor=vendor: vendor)
        assert choose_placement().det is Runtime.ONNXRUNTIME
        # asked for by name, on any CPU
        assert choose_placement("openvino").det is Runtime.OPENVINO
    assert choose_placement("onnxruntime").det is Runtime.ONNXRUNTIME


def test_the_cpu_vendor_is_read_from_the_machine() -> None:
    assert runtime.cpu_vendor() in ("intel", "amd", "other")
    info = Path("/proc/cpuinfo")
    if info.is_file():
        text = info.read_text(encoding="utf-8", errors="replace")
        if "GenuineIntel" in text:
            assert runtime.cpu_vendor() == "intel"
        elif "AuthenticAMD" in text:
            assert runtime.cpu_vendor() == "amd"


def test_unknown_runtime_or_device_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown OCR runtime"):
        choose_placement("tensorflow")
    with pytest.raises(ValueError, match="unknown OCR runtime"):
        choose_placement(device="tpu")


def test_cuda_falls_back_to_the_cpu_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import onnxruntime

    monkeypatch.setattr(onnxruntime, "get_available_providers", lambda: ["CPUExecutionProvider"])
    monkeypatch.setattr(runtime, "cpu_vendor", lambda: "intel")
    with caplog.at_level(logging.WARNING, logger="pfocr.ocr.runtime"):
        placement = choose_placement(device="cuda")
    assert placement.device is Device.CPU
    assert placement.det is Runtime.OPENVINO
    assert "no CUDA execution provider" in caplog.text


def test_cuda_puts_every_model_on_onnxruntime_where_the_provider_exists(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import onnxruntime

    monkeypatch.setattr(
        onnxruntime,
        "get_available_providers",
        lambda: ["CUDAExecutionProvider", "CPUExecutionProvider"],
    )
    placement = choose_placement(device="cuda")
    assert placement.device is Device.CUDA
    assert {placement.det, placement.cls, placement.rec} == {Runtime.ONNXRUNTIME}


@pytest.mark.parametrize(
    ("model", "shape"),
    [
        ("PP-OCRv6_det_small.onnx", (1, 3, 320, 480)),
        ("PP-OCRv6_rec_small.onnx", (2, 3, 48, 320)),
    ],
)
def test_openvino_computes_what_onnxruntime_computes(model: str, shape: tuple[int, ...]) -> None:
    # float32 on both runtimes (OpenVINO would pick bfloat16 on AMX CPUs unless told)
    path = _models() / model
    x = np.random.default_rng(7).random(shape, dtype=np.float32) * 2 - 1
    ort = make_session(path, Runtime.ONNXRUNTIME, Device.CPU)(x)
    ov = make_session(path, Runtime.OPENVINO, Device.CPU)(x)
    assert ort.shape == ov.shape
    np.testing.assert_allclose(ov, ort, atol=1e-3)
    # the same session answers another input shape (dynamic inputs; the detector's
    # sides are multiples of 32, as RapidOCR resizes them)
    session = make_session(path, Runtime.OPENVINO, Device.CPU)
    session(x)
    y = np.ascontiguousarray(x[..., : shape[-1] - 64])
    np.testing.assert_allclose(
        session(y), make_session(path, Runtime.ONNXRUNTIME, Device.CPU)(y), atol=1e-3
    )


def test_every_runtime_reads_the_same_words() -> None:
    rgb = np.asarray(Image.open(EXAMPLES / "mapk_erk.png").convert("RGB"))
    ov = get_engine("rapidocr", runtime="openvino")
    ort = get_engine("rapidocr", runtime="onnxruntime")
    assert isinstance(ov, RapidOcrEngine) and isinstance(ort, RapidOcrEngine)
    assert ov.placement.det is Runtime.OPENVINO
    assert ort.placement.det is Runtime.ONNXRUNTIME
    a, b = ov(rgb), ort(rgb)
    assert [w.text for w in a.words] == [w.text for w in b.words]
    assert {"EGFR", "GRB2", "BRAF"} <= {w.text for w in a.words}
    for wa, wb in zip(a.words, b.words, strict=True):
        assert np.allclose(wa.box, wb.box, atol=1.0)
    # the runtime does not change what is stored: stored OCR stays valid
    assert a.version == b.version == engine_version("rapidocr", runtime="openvino")


def test_a_model_openvino_cannot_load_runs_on_onnxruntime(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse(model: Path, threads: int, precision: str = "f32") -> None:
        raise RuntimeError("unsupported CPU")

    monkeypatch.setattr(runtime, "_openvino_session", refuse)
    with caplog.at_level(logging.WARNING, logger="pfocr.ocr.runtime"):
        engine = get_engine("rapidocr", second_detector=False, runtime="openvino")
    assert isinstance(engine, RapidOcrEngine)
    assert engine.placement.det is Runtime.ONNXRUNTIME
    assert "cannot run" in caplog.text and "unsupported CPU" in caplog.text
    rgb = np.asarray(Image.open(EXAMPLES / "mapk_erk.png").convert("RGB"))
    assert {"EGFR", "GRB2", "BRAF"} <= {w.text for w in engine(rgb).words}


def test_cuda_on_a_machine_without_a_gpu_reads_on_the_cpu() -> None:
    rgb = np.asarray(Image.open(EXAMPLES / "mapk_erk.png").convert("RGB"))
    engine = get_engine("rapidocr", device="cuda", second_detector=False)
    assert isinstance(engine, RapidOcrEngine)
    import onnxruntime

    if "CUDAExecutionProvider" in onnxruntime.get_available_providers():
        assert engine.placement.device is Device.CUDA
    else:
        assert engine.placement.device is Device.CPU
    assert {"EGFR", "GRB2", "BRAF"} <= {w.text for w in engine(rgb).words}


def test_a_narrower_recogniser_width_is_its_own_stage_version() -> None:
    assert "-rw" not in engine_version("rapidocr")
    assert "-rw160" in engine_version("rapidocr", rec_width=160)


def test_known_lines_are_the_first_pass_lines_a_second_reading_cannot_change() -> None:
    from pfocr.ocr.merge import box_iou
    from pfocr.ocr.models import Word
    from pfocr.ocr.skip import SURE, known_lines, new_lines

    def word(text: str, conf: float, x: float, line: int) -> Word:
        return Word(text, conf, ((x, 0.0), (x + 40, 0.0), (x + 40, 10.0), (x, 10.0)), line)

    words = [
        word("TNF", 0.99, 0, 0),
        word("TRADD", 0.97, 50, 0),  # line 0: sure single words
        word("RIPK1", 0.80, 0, 1),  # line 1: one unsure word
        word("CCND1/MYC", 0.99, 0, 2),  # line 2: a slash a second reading could split
    ]
    (line0,) = known_lines(words)
    assert line0 == (0, 0, 90, 10)
    assert box_iou(line0, line0) == 1.0
    assert box_iou(line0, (100, 0, 140, 10)) == 0.0
    assert 0.4 < box_iou(line0, (0, 0, 45, 10)) < 0.6
    # the second pass reads lines off the known one, not the known one again
    keep = new_lines(words)
    assert not keep(((1.0, 0.0), (89.0, 0.0), (89.0, 10.0), (1.0, 10.0)))
    assert keep(((0.0, 20.0), (40.0, 20.0), (40.0, 30.0), (0.0, 30.0)))
    # a lower bar (the engine's second_sure) skips RIPK1's line (0.80) too
    assert SURE > 0.80
    assert len(known_lines(words, 0.8)) == 2
    ripk1_line = ((1.0, 0.0), (39.0, 0.0), (39.0, 10.0), (1.0, 10.0))
    assert keep(ripk1_line)
    assert not new_lines(words, 0.8)(ripk1_line)


def test_unread_room_skips_second_lines_that_sure_single_words_fill() -> None:
    from pfocr.ocr.models import Word
    from pfocr.ocr.skip import new_lines, sure_single, unread_room

    def word(text: str, conf: float, x0: float, y0: float, x1: float, y1: float) -> Word:
        return Word(text, conf, ((x0, y0), (x1, y0), (x1, y1), (x0, y1)), 0)

    words = [
        word("TNF", 0.99, 0, 0, 30, 10),  # sure and single
        word("TRADD", 0.99, 36, 0, 80, 10),  # sure and single, a space after TNF
        word("RIPK1", 0.80, 0, 20, 40, 30),  # unsure
        word("CCND1/MYC", 0.99, 0, 40, 60, 50),  # sure, but a second reading could split it
        word("DEL1TCO", 0.99, 0, 60, 70, 70),  # a run-on reading, sure
    ]
    sure = sure_single(words)
    assert len(sure) == 3  # TNF, TRADD and the run-on word
    # TNF and TRADD fill their line: the widest stretch unread is the 6 px space
    assert unread_room((0, 0, 80, 10), sure) == 0.6
    # a line one word longer has a 40 px stretch unread, four line heights
    assert unread_room((0, 0, 120, 10), sure) == 4.0
    # the unsure word and the one with a slash leave their lines unread
    assert unread_room((0, 20, 40, 30), sure) == float("inf")
    assert unread_room((0, 40, 60, 50), sure) == float("inf")
    # the second detector finds DEL1 alone inside the run-on word: a word reaching beyond
    # the line does not count, so the line is read (the merge adds DEL1)
    assert unread_room((0, 60, 25, 70), sure) == float("inf")
    assert unread_room((5, 5, 5, 5), sure) == float("inf")  # an empty box

    def quad(x0: float, y0: float, x1: float, y1: float) -> tuple[tuple[float, float], ...]:
        return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))

    # a second-detector line around TNF alone (IoU with the known line under the
    # same-line bar): read without the room test, skipped with it
    line = quad(-1, 0, 31, 10)
    assert new_lines(words)(line)
    assert not new_lines(words, room=0.5)(line)
    assert new_lines(words, room=0.5)(quad(0, 0, 120, 10))  # room for another word
    assert new_lines(words, room=0.5)(quad(-1, 20, 41, 30))  # on the unsure word
    assert new_lines(words, room=0.5)(quad(0, 60, 25, 70))  # inside the run-on word


def test_second_rec_new_is_its_own_stage_version_and_reads_the_labels() -> None:
    assert "-s2new-" in engine_version("rapidocr") + "-"  # the default
    assert "-s2new0.8" in engine_version("rapidocr", second_sure=0.8)
    assert "-s2new-r1.0" in engine_version("rapidocr")  # sure words' room: the default
    assert "-r" not in engine_version("rapidocr", second_room=0).split("-s2new")[1]
    assert "-s2new-r0.5" in engine_version("rapidocr", second_room=0.5)
    assert "-s2" not in engine_version("rapidocr", second_rec="all")
    assert "-s2" not in engine_version("rapidocr", second_detector=False)
    with pytest.raises(ValueError, match="second_rec"):
        get_engine("rapidocr", second_rec="some")
    # an example under 1,200 px: both detectors run; the labels read are the same
    rgb = np.asarray(Image.open(EXAMPLES / "mapk_erk.png").convert("RGB"))
    assert max(rgb.shape[:2]) < 1200
    full = {w.text for w in get_engine("rapidocr", second_rec="all")(rgb).words}
    new = {w.text for w in get_engine("rapidocr")(rgb).words}
    assert {"EGFR", "GRB2", "BRAF"} <= full and full == new
