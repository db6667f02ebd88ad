"""How well the pathway score separates pathway diagrams from other figures.

Reads the pathway scores of a store built with ``pfocr run`` over the labelled figures
(``../shared/eval/classify/images``) and scores them against ``labels-dev.tsv``
(``file, label, kind, ...``) at several thresholds.

    pfocr run ../shared/eval/classify/images --db classify.sqlite
    python bench/classify_eval.py --db classify.sqlite \
        --labels ../shared/eval/classify/labels-dev.tsv
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from pfocr.store import Store

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labels", type=Path, required=True)
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    with args.labels.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    scores: dict[str, float] = {}
    with Store(args.db, readonly=True) as store:
        for row in rows:
            rec = store.figure(Path(row["file"]).stem)
            if rec is None or rec.pathway_score is None:
                print(f"not in the store: {row['file']}", file=sys.stderr)
                continue
            scores[row["file"]] = rec.pathway_score
    labelled = [r for r in rows if r["file"] in scores]
    n_path = sum(r["label"] == "pathway" for r in labelled)
    print(f"{len(labelled)} labelled figures ({n_path} pathway, {len(labelled) - n_path} other)")
    for thr in THRESHOLDS:
        tp = sum(r["label"] == "pathway" and scores[r["file"]] >= thr for r in labelled)
        fp = sum(r["label"] != "pathway" and scores[r["file"]] >= thr for r in labelled)
        others = len(labelled) - n_path
        print(
            f"threshold {thr}: pathways kept {tp}/{n_path}, "
            f"other figures rejected {others - fp}/{others} ({(others - fp) / max(1, others):.3f})"
        )
    wrong = Counter(
        r["kind"] for r in labelled if r["label"] != "pathway" and scores[r["file"]] >= 0.5
    )
    print("other figures scored as pathways at 0.5, by kind:", dict(wrong.most_common(8)))


if __name__ == "__main__":
    main()
