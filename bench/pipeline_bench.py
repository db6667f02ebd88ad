"""CPU seconds per figure for OCR and for recognition, and peak memory.

Runs each stage in this process on real figures (one onnxruntime thread, as a pipeline
worker does) and reports median and 90th percentile CPU seconds per figure.

    python bench/pipeline_bench.py [--images DIR] [--limit N] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

from pfocr.images import load_image
from pfocr.ingest import FigureInput, discover
from pfocr.lexicon import load_lexicon
from pfocr.ocr import get_engine
from pfocr.pipeline import analyse
from pfocr.recognize import Recognizer

ROOT = Path(__file__).resolve().parents[1]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--images", type=Path, default=ROOT.parent / "shared/eval/pmc/images")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    if not args.images.is_dir():
        print(f"skipped: no figures at {args.images}", file=sys.stderr)
        return
    t0 = time.process_time()
    lexicon = load_lexicon()
    recognizer = Recognizer(lexicon)
    load_cpu = time.process_time() - t0
    engine = get_engine("rapidocr")
    items = [
        f
        for f in discover([args.images], Path("/tmp/pfocr-bench-work"))
        if isinstance(f, FigureInput)
    ][: args.limit]
    ocr_cpu: list[float] = []
    rec_cpu: list[float] = []
    for item in items:
        image = load_image(item.image_path)
        t = time.process_time()
        ocr = engine(image.rgb)
        ocr_cpu.append(time.process_time() - t)
        t = time.process_time()
        analyse(recognizer, item.figure, item.paper, ocr)  # species, genes, host
        rec_cpu.append(time.process_time() - t)
    report = {
        "figures": len(items),
        "images": str(args.images),
        "ocr_cpu_s": {"median": statistics.median(ocr_cpu), "p90": pct(ocr_cpu, 0.9)},
        "recognize_cpu_s": {"median": statistics.median(rec_cpu), "p90": pct(rec_cpu, 0.9)},
        "lexicon_load_cpu_s": load_cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(report, indent=2))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
