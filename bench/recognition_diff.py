"""Does a change to the recogniser change what it reads? Gene sets, mentions, families.

Re-runs species detection and recognition on every stored figure's OCR (no OCR) and
writes, figure by figure, the accepted gene set, every mention (words, symbol, rule,
confidence, accepted, candidates) and every family mention. With ``--against`` it
compares them with an earlier dump (made by the code before the change) and exits 1
when anything differs. It also prints the median, 90th percentile and total recognition CPU time.
(The stored mentions themselves are no baseline: stored OCR confidences are rounded, so
a re-run differs from the run that made them in the fourth decimal of a few scores.)

    git stash; python bench/recognition_diff.py --db pfocr-eval.sqlite --out before.jsonl
    git stash pop; python bench/recognition_diff.py --db pfocr-eval.sqlite --against before.jsonl
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from pfocr.lexicon import load_lexicon
from pfocr.pipeline import analyse
from pfocr.recognize import Recognizer
from pfocr.recognize.models import FamilyMention, Mention
from pfocr.store import Store


def _mention(m: Mention) -> list[object]:
    cands = [[c.symbol, c.score, c.rule] for c in m.candidates]
    return [m.word_start, m.word_end, m.text, m.normalized, m.symbol, m.rule,
            m.confidence, m.accepted, cands]  # fmt: skip


def _family(f: FamilyMention) -> list[object]:
    return [f.word_start, f.word_end, f.text, f.family_id, list(f.members)]


def read_all(db: Path, recognizer: Recognizer) -> tuple[dict[str, dict[str, object]], list[float]]:
    """Every figure's recognition from its stored OCR, and the seconds each took."""
    out: dict[str, dict[str, object]] = {}
    seconds = []
    with Store(db, readonly=True) as store:
        for figid in store.figure_ids():
            rec, ocr = store.figure(figid), store.ocr(figid)
            if rec is None or ocr is None:
                continue
            start = time.process_time()  # CPU time: a busy machine does not skew it
            fresh = analyse(recognizer, rec.figure, rec.paper, ocr)[0]
            seconds.append(time.process_time() - start)
            out[figid] = {
                "genes": sorted(fresh.gene_set()),
                "mentions": sorted((_mention(m) for m in fresh.mentions), key=repr),
                "families": sorted((_family(f) for f in fresh.families), key=repr),
            }
    return out, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, help="write the results (JSON lines)")
    parser.add_argument("--against", type=Path, help="compare with an earlier --out")
    parser.add_argument("--show", type=int, default=20, help="differing figures to print")
    args = parser.parse_args()
    results, seconds = read_all(args.db, Recognizer(load_lexicon()))
    ordered = sorted(seconds) or [0.0]
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    print(f"{args.db}: {len(results)} figures; recognition CPU median "
          f"{statistics.median(ordered) * 1000:.1f} ms, p90 {p90 * 1000:.1f} ms, "
          f"total {sum(ordered):.2f} s")  # fmt: skip
    if args.out:
        with args.out.open("w", encoding="utf-8") as handle:
            for figid, row in sorted(results.items()):
                handle.write(json.dumps({"figid": figid, **row}, ensure_ascii=False) + "\n")
    if not args.against:
        return
    before = {}
    for line in args.against.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        before[row.pop("figid")] = row
    differ = [f for f in sorted(set(before) | set(results)) if before.get(f) != results.get(f)]
    genes = sum(before.get(f, {}).get("genes") != results.get(f, {}).get("genes") for f in differ)
    for figid in differ[: args.show]:
        old, new = before.get(figid, {}), results.get(figid, {})
        lost = sorted(set(old.get("genes", [])) - set(new.get("genes", [])))  # type: ignore[call-overload]
        won = sorted(set(new.get("genes", [])) - set(old.get("genes", [])))  # type: ignore[call-overload]
        print(f"  {figid}: genes -{lost} +{won}")
    print(f"{len(differ)} of {len(results)} figures differ ({genes} in their gene sets)")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
