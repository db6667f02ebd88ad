"""What the interaction reader's wrong pairs are, edge by edge.

Reads the edges a store holds (a store `pfocr eval --edges` wrote, for example: no
figure is read again), lays each edge that states a pair the truth does not draw over
the truth's lines and sorts its wrong pairs by what the edge is
(`pfocr.evaluate.edge_wrongs`); prints the table that docs/interactions.md shows, the
figures with the most wrong pairs, and with --list every such edge.

    python bench/edge_wrongs.py --db wp-tune.sqlite \
        --truth ../shared/eval/wikipathways/edges-dev.tsv [--list] [FIGID ...]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

from pfocr.evaluate.edge_wrongs import WrongTally, figure_wrongs
from pfocr.evaluate.edges import read_edge_truth
from pfocr.lexicon import load_lexicon
from pfocr.settings import Settings
from pfocr.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="a store with edges")
    parser.add_argument("--truth", type=Path, required=True, help="the edge truth TSV")
    parser.add_argument("--list", action="store_true", help="print every wrong edge")
    parser.add_argument("figids", nargs="*", help="only these figures")
    args = parser.parse_args()
    symbols = load_lexicon(Settings()).by_symbol
    truth = read_edge_truth(args.truth, symbols)
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with args.truth.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows[row.get("figid") or row.get("wpid") or ""].append(row)
    tally = WrongTally()
    by_figure: Counter[str] = Counter()
    with Store(args.db, readonly=True) as store:
        for figid in store.figure_ids():
            if (args.figids and figid not in args.figids) or figid not in truth:
                continue
            wrongs = figure_wrongs(figid, store.edges(figid), rows[figid], truth[figid], symbols)
            tally.add(wrongs)
            for w in wrongs:
                by_figure[figid] += w.pairs
                if args.list:
                    print(f"{w.figid}\t{w.source}\t{w.target}\t{w.pairs}\t{w.kind}")
    print(tally.table())
    top = ", ".join(f"{f} {n}" for f, n in by_figure.most_common(8))
    print(f"\nwrong pairs: {sum(tally.pairs.values()):,}; most in {top}")


if __name__ == "__main__":
    main()
