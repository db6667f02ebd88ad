"""What the chemical and disease stage costs per figure, on stored OCR.

Runs recognition (its output decides which words are genes) and then the chemical and
disease stage on every stored figure of a store, timing the stage alone in CPU time; prints
the median, 90th percentile and largest per-figure cost, and the vocabulary's load time
(opening its file and reading its keys, once per process; the misread index's buckets are
read by the figures that first need them, so their cost is in the per-figure numbers).
The target (issue 18) is under 20 ms per figure.

    python bench/chemdis_cost.py --db pfocr-eval.sqlite [--out chemdis.json]

Without --db it runs the pipeline on the examples first (OCR included) into a temporary
store.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pfocr.chemdis import find_chemdis, gene_namer, load_vocabulary
from pfocr.chemdis.fuzzy import near_names
from pfocr.lexicon import load_lexicon
from pfocr.pipeline import RunConfig, analyse, run_pipeline
from pfocr.recognize import Recognizer
from pfocr.settings import Settings
from pfocr.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="a store with OCR (default: run the examples)")
    parser.add_argument("--out", type=Path, help="write the numbers as JSON here")
    args = parser.parse_args()
    settings = Settings()
    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp(prefix="pfocr-chemdis-")) / "examples.sqlite"
        run_pipeline([EXAMPLES], RunConfig(db=db, workers=1, settings=settings))
    lexicon = load_lexicon(settings)
    start = time.perf_counter()
    vocab = load_vocabulary(settings, gene_namer(lexicon))
    near_names(vocab).nearest("Xwarmupword")  # the key set, wordfreq: once
    load_s = time.perf_counter() - start
    recognizer = Recognizer(lexicon)
    costs: list[float] = []
    mentions = 0
    with Store(db, readonly=True) as store:
        for figid in store.figure_ids():
            rec, ocr = store.figure(figid), store.ocr(figid)
            if rec is None or ocr is None:
                continue
            recognition = analyse(recognizer, rec.figure, rec.paper, ocr)[0]
            t0 = time.process_time()
            found = find_chemdis(
                vocab, ocr.words, recognition, rec.figure.figtitle, rec.figure.caption
            )
            costs.append(time.process_time() - t0)
            mentions += len(found)
    if not costs:
        sys.exit(f"{db} holds no figure with OCR")
    ms = sorted(1000 * c for c in costs)
    result = {
        "figures": len(ms),
        "mentions": mentions,
        "median_ms": round(statistics.median(ms), 2),
        "p90_ms": round(ms[int(0.9 * (len(ms) - 1))], 2),
        "max_ms": round(ms[-1], 2),
        "vocabulary_load_s": round(load_s, 2),
        "vocabulary": vocab.version,
    }
    print(
        f"chemicals and diseases on {result['figures']} figures: median {result['median_ms']} ms,"
        f" p90 {result['p90_ms']} ms, max {result['max_ms']} ms per figure"
        f" ({mentions} mentions); vocabulary loaded in {result['vocabulary_load_s']} s"
    )
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
