"""Ablation of recognition levers on stored OCR: precision and recall per lever and split.

Reads the OCR that ``pfocr eval`` stored for a truth set, re-runs species detection and
recognition under each configuration (no OCR), and scores the gene sets on the tune
and holdout halves (``pfocr.evaluate.in_split``) and on all figures.

    python bench/ablation.py --truth ../shared/eval/pmc/truth-dev.tsv --db pfocr-eval.sqlite
    python bench/ablation.py ... --thresholds 0.3,0.4,0.5,0.6,0.7   # threshold sweep

Precision is printed strict, then lenient in parentheses (a gene read from a label the
truth lists as a family or unresolvable node is not counted as false).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from pfocr.evaluate import in_split, read_truth, score_sets
from pfocr.evaluate.lenient import family_members
from pfocr.lexicon import load_lexicon
from pfocr.pipeline import analyse
from pfocr.recognize import Recognizer, RecognizerConfig
from pfocr.recognize.passes import PASSES, SWITCHES
from pfocr.store import Store


def levers() -> dict[str, dict[str, object]]:
    """Every lever of the pass table: each switch off, then each pass skipped alone
    (a new pass is measured by adding its row to ``PASSES``)."""
    out: dict[str, dict[str, object]] = {"all levers": {}}
    out.update({f"- {what}": {switch: False} for switch, what in SWITCHES.items()})
    out.update({f"- pass {p.name}": {"skip": (p.name,)} for p in PASSES})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--truth", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True, help="store with the figures' OCR")
    parser.add_argument("--thresholds", default="", help="comma-separated sweep instead")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    lexicon = load_lexicon()
    truth = read_truth(args.truth)
    with Store(args.db, readonly=True) as store:
        inputs = []
        for t in truth:
            rec = store.figure(t.figid)
            ocr = store.ocr(t.figid)
            if rec is None or ocr is None:
                print(f"missing from the store: {t.figid}", file=sys.stderr)
                continue
            inputs.append((t, rec.figure, rec.paper, ocr))
    if args.thresholds:
        configs = {
            f"threshold {x}": RecognizerConfig(threshold=float(x))
            for x in args.thresholds.split(",")
        }
    else:
        configs = {
            name: replace(RecognizerConfig(), **change)  # type: ignore[arg-type]
            for name, change in levers().items()
        }
    members = family_members(lexicon, truth)
    rows = []
    for name, config in configs.items():
        recognizer = Recognizer(lexicon, config)
        predicted: dict[str, set[str]] = {}
        labels: dict[str, dict[str, set[str]]] = {}
        for t, fig, paper, ocr in inputs:
            recognition = analyse(recognizer, fig, paper, ocr)[0]
            predicted[t.figid] = set(recognition.gene_set())
            seen: dict[str, set[str]] = {}
            for m in recognition.mentions:
                if m.accepted:
                    seen.setdefault(m.symbol, set()).update({m.text, m.normalized})
            labels[t.figid] = seen
        row: dict[str, object] = {"config": name}
        for split in ("tune", "holdout", "all"):
            part = [t for t, *_ in inputs if in_split(t.figid, split)]
            s = score_sets(part, predicted, labels, members)
            row[split] = {
                "n": len(part),
                "P": round(s.precision, 3),
                "R": round(s.recall, 3),
                "F1": round(s.f1, 3),
                "P_lenient": round(s.lenient_precision, 3),
            }
        rows.append(row)
        cells = "  ".join(
            f"{sp}: P {row[sp]['P']:.3f} ({row[sp]['P_lenient']:.3f}) R {row[sp]['R']:.3f}"  # type: ignore[index]
            for sp in ("tune", "holdout", "all")
        )
        print(f"{name:44s} {cells}", flush=True)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
