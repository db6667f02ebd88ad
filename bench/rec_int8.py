"""The recogniser in int8 (issue 17's lever): quantise, time, and read the word crops.

Quantises RapidOCR's recogniser statically (onnxruntime's QDQ format, int8 weights per
channel, uint8 activations, MinMax ranges) with ranges calibrated on word crops of the
*tune* half of ``ocr-crops/pmc`` and ``ocr-crops/kegg``, times it against the float32
model at one thread, and reads every crop with both (``bench/ocr_crops.py``'s
``rec-raw`` reader), scoring exact-word accuracy on the tune and holdout halves.

    pip install onnx   # the quantiser needs it; pfocr does not
    python bench/rec_int8.py [--calibrate 300] [--ops Conv,MatMul] [--out FILE]

Measured (docs/speed.md): 0.73-0.76 of the float32 CPU, but fewer words read right.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ocr_crops import load_labels, report, run

import pfocr.ocr.runtime as runtime
from pfocr.evaluate.splits import in_split
from pfocr.images.convert import to_rgb_array
from pfocr.ocr.crops import CONFIGS, CropReader

ROOT = Path(__file__).resolve().parents[1]
SHAPES = ((1, 3, 48, 320), (6, 3, 48, 320), (6, 3, 48, 640))


def recogniser_model() -> Path:
    """The recogniser RapidOCR loads (the one pfocr runs)."""
    import rapidocr

    found = sorted((Path(rapidocr.__file__).parent / "models").glob("*rec*.onnx"))
    if not found:
        raise SystemExit("no recogniser model in the rapidocr package")
    return found[0]


def rec_input(path: Path) -> np.ndarray:
    """A crop as RapidOCR feeds its recogniser: BGR, resized by OpenCV to 48 px high,
    scaled to [-1, 1], zero-padded to at least 320 px."""
    import cv2

    bgr = cv2.imread(str(path))
    if bgr is None:
        raise SystemExit(f"cannot read {path}")
    h, w = bgr.shape[:2]
    width = max(1, math.ceil(48 * w / h))
    x = cv2.resize(bgr, (width, 48)).astype(np.float32).transpose(2, 0, 1) / 255
    out = np.zeros((1, 3, 48, max(320, width)), np.float32)
    out[0, :, :, :width] = (x - 0.5) / 0.5
    return out


def calibration_crops(sets: list[Path], n: int) -> list[Path]:
    """``n`` crops of the tune half of the crop sets, shuffled reproducibly."""
    crops = [
        crops_dir / "imgs" / name
        for crops_dir in sets
        for name, _ in load_labels(crops_dir)
        if in_split(name, "tune")
    ]
    random.Random(0).shuffle(crops)
    return crops[:n]


def quantise(model: Path, out: Path, crops: list[Path], ops: list[str] | None) -> None:
    """Write the int8 model (the float model's opset is raised to 17 first: per-channel
    dequantisation needs 13 or later; then onnxruntime's pre-processing)."""
    try:
        import onnx
        from onnx import version_converter
        from onnxruntime.quantization import (
            CalibrationDataReader,
            CalibrationMethod,
            QuantFormat,
            QuantType,
            quantize_static,
        )
        from onnxruntime.quantization.shape_inference import quant_pre_process
    except ImportError:
        raise SystemExit("the quantiser needs the onnx package: pip install onnx") from None

    class Reader(CalibrationDataReader):  # type: ignore[misc]
        def __init__(self) -> None:
            self.left: Iterator[Path] = iter(crops)

        def get_next(self) -> dict[str, np.ndarray] | None:
            path = next(self.left, None)
            return None if path is None else {"x": rec_input(path)}

    raised = out.with_suffix(".opset17.onnx")
    onnx.save(version_converter.convert_version(onnx.load(str(model)), 17), str(raised))
    ready = out.with_suffix(".pre.onnx")  # shapes inferred, graph optimised (onnxruntime's advice)
    quant_pre_process(str(raised), str(ready), skip_symbolic_shape=True)
    quantize_static(
        str(ready),
        str(out),
        Reader(),
        quant_format=QuantFormat.QDQ,
        per_channel=True,
        weight_type=QuantType.QInt8,
        activation_type=QuantType.QUInt8,
        calibrate_method=CalibrationMethod.MinMax,
        op_types_to_quantize=ops,
    )


def cpu_ms(model: Path) -> dict[str, float]:
    """CPU per call, one thread, for RapidOCR's batch shapes."""
    session = runtime.make_session(model, runtime.Runtime.ONNXRUNTIME, runtime.Device.CPU)
    out = {}
    for shape in SHAPES:
        x = np.random.default_rng(0).random(shape, dtype=np.float32)
        session(x)
        start = time.process_time()
        for _ in range(10):
            session(x)
        out["x".join(map(str, shape[::3]))] = round((time.process_time() - start) * 100, 1)
    return out


def read_crops(crops_dir: Path, model: Path) -> dict[str, Any]:
    """Exact-word accuracy of the ``rec-raw`` reader with ``model`` as the recogniser."""
    original = runtime.make_session

    def swapped(path: Path, rt: runtime.Runtime, device: runtime.Device, threads: int = 1) -> Any:
        if "rec" in path.name:
            path = model
        return original(path, rt, device, threads)

    runtime.make_session = swapped  # type: ignore[assignment]
    try:
        reader = CropReader(CONFIGS["rec-raw"])
        reader(to_rgb_array(Image.new("RGB", (60, 20), "white")))  # load the models
        rows = load_labels(crops_dir)
        preds, seconds, _ = run(crops_dir, rows, reader)
    finally:
        runtime.make_session = original
    scored = report(rows, preds, seconds)
    return {split: scored[split]["word_acc"] for split in ("tune", "holdout", "all")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--crops", type=Path, default=ROOT.parent / "shared/eval/ocr-crops")
    parser.add_argument("--calibrate", type=int, default=300, help="tune crops for ranges")
    parser.add_argument("--ops", default="", help="op types to quantise (default: all)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    sets = [args.crops / "pmc", args.crops / "kegg"]
    model = recogniser_model()
    with tempfile.TemporaryDirectory(prefix="pfocr-int8-") as tmp:
        int8 = Path(tmp) / "rec_int8.onnx"
        ops = args.ops.split(",") if args.ops else None
        quantise(model, int8, calibration_crops(sets, args.calibrate), ops)
        result: dict[str, Any] = {
            "model": model.name,
            "ops": ops or "all",
            "cpu_ms": {"float32": cpu_ms(model), "int8": cpu_ms(int8)},
        }
        for crops_dir in sets:
            result[crops_dir.name] = {
                "float32": read_crops(crops_dir, model),
                "int8": read_crops(crops_dir, int8),
            }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
