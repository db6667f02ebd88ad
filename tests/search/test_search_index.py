"""In-memory gene AND search against a brute-force scan."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pfocr.search import SearchIndex


def test_and_queries_match_brute_force(search_db: Path, figs: Sequence[Any]) -> None:
    index = SearchIndex.from_db(search_db)
    assert len(index) == len(figs)  # every figure with a gene, even a single one
    genes = ["BIRC2", "MAP3K14", "TNF", "RELB", "G1", "G2"]
    for r in (1, 2, 3):
        for combo in itertools.combinations(genes, r):
            expected = sorted(f.figid for f in figs if set(combo) <= set(f.genes))
            assert index.figure_ids(combo) == expected
            assert index.count(combo) == len(expected)


def test_symbols_unknown_and_case(search_db: Path, figs: Sequence[Any]) -> None:
    index = SearchIndex.from_db(search_db)
    with_birc2 = sorted(f.figid for f in figs if "BIRC2" in f.genes)
    assert index.figure_ids(["birc2"]) == with_birc2
    assert index.symbol("c1ORF112") == "C1orf112"
    assert index.figure_ids(["BIRC2", "NOPE"]) == []
    assert index.figure_ids([]) == []
    assert index.count(["NOPE"]) == 0


def test_pages_of_figure_ids(search_db: Path) -> None:
    index = SearchIndex.from_db(search_db)
    everything = index.figure_ids(["TNF"])
    assert len(everything) > 4
    assert index.figure_ids(["TNF"], limit=3) == everything[:3]
    assert index.figure_ids(["TNF"], limit=3, offset=2) == everything[2:5]
    assert index.set_ids(["TNF"]).size == len(everything)
