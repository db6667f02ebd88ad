"""Where the interaction reader loses the drawn gene pairs it misses, step by step.

Reads every figure of a store that has OCR and recognition (a store `pfocr eval` wrote,
for example), replays the interaction reader on it and sorts each truth line whose
pairs it misses by the first step that loses them (`pfocr.evaluate.edge_misses`);
prints the table that docs/interactions.md shows, the lines with no trace by why the
follower did not read them, and with --list every missed line.

    python bench/edge_misses.py --db wp-tune.sqlite \
        --truth ../shared/eval/wikipathways/edges-dev.tsv \
        --images ../shared/eval/wikipathways/images [--list] [FIGID ...]
"""

from __future__ import annotations

import argparse
import csv
import io
from collections import defaultdict
from pathlib import Path

import numpy as np
from PIL import Image

from pfocr.edges.reader import WORD_NODES, pair_traced, trace_lines
from pfocr.edges.stage import figure_nodes, state_edges
from pfocr.evaluate.edge_misses import MissTally, figure_misses
from pfocr.evaluate.edges import gene_pairs
from pfocr.lexicon import load_lexicon
from pfocr.recognize.models import Recognition
from pfocr.settings import Settings
from pfocr.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="a store with OCR")
    parser.add_argument("--truth", type=Path, required=True, help="the edge truth TSV")
    parser.add_argument("--images", type=Path, help="the figures (default: the store's)")
    parser.add_argument("--list", action="store_true", help="print every missed line")
    parser.add_argument("figids", nargs="*", help="only these figures")
    args = parser.parse_args()
    symbols = load_lexicon(Settings()).by_symbol
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with args.truth.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows[row.get("figid") or row.get("wpid") or ""].append(row)
    tally = MissTally()
    with Store(args.db, readonly=True) as store:
        for figid in store.figure_ids():
            if (args.figids and figid not in args.figids) or figid not in rows:
                continue
            rec = Recognition(
                figid,
                tuple(store.mentions(figid, accepted_only=True)),
                tuple(store.family_mentions(figid)),
            )
            chems = store.chemicals(figid)
            if args.images is not None:
                image = Image.open(args.images / f"{figid}.png")
            else:
                data, _ = store.image(figid)
                image = Image.open(io.BytesIO(data))
            rgb = np.asarray(image.convert("RGB"))
            nodes = figure_nodes(rec, chems)
            # the reader's state, and the edges it states from it (as find_edges does)
            traced = trace_lines(rgb, [n.box for n in nodes], WORD_NODES)
            lines = pair_traced(traced, WORD_NODES)
            stated = set(gene_pairs(state_edges(rgb, nodes, lines)))
            misses, found = figure_misses(figid, traced, nodes, rows[figid], stated, symbols)
            tally.add(misses)
            tally.found += found
            if args.list:
                for m in misses:
                    print(f"{m.figid}\t{m.source}\t{m.target}\t{m.pairs}\t{m.step}\t{m.why}")
    print(tally.table())
    print("\nThe lines with no trace, by why the follower did not read them:\n")
    print(tally.follow_table())
    print(f"\ntruth pairs stated: {tally.found:,}")


if __name__ == "__main__":
    main()
