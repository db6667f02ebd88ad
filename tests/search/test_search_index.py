"""In-memory gene AND search against a brute-force scan."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pfocr.enrich import EnrichmentIndex
from pfocr.search import SearchIndex, search_figures
from pfocr.store import Store
from pfocr.store.target import DbTarget


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


def test_pages_in_the_browse_order_match_the_sql_search(search_db: DbTarget) -> None:
    # the gene searches the site answers from memory: the same hits, in the same order
    # (newest paper first, then by id), and the same totals as the SQL search
    from pfocr.web.queries import browse_order

    with Store(search_db, readonly=True) as store:
        index = SearchIndex(EnrichmentIndex.from_db(store, min_genes=1), browse_order(store))
        for genes in (["TNF"], ["BIRC2", "MAP3K14"], ["G1"], ["NOPE"], ["RELB", "TNF", "G2"]):
            sql = search_figures(store, genes=genes, limit=1000)
            assert index.page(genes, 1000) == ([h.figid for h in sql.hits], sql.total)
            for limit, offset in ((3, 0), (3, 2), (5, 7), (2, 1000)):
                page = search_figures(store, genes=genes, limit=limit, offset=offset)
                fast = search_figures(store, genes=genes, limit=limit, offset=offset, index=index)
                assert fast == page, (genes, limit, offset)
        # with another criterion the search goes to SQL, and still finds the same
        both = search_figures(store, genes=["TNF"], text="pathway", index=index, limit=1000)
        assert both == search_figures(store, genes=["TNF"], text="pathway", limit=1000)


def test_co_mentioned_genes_match_the_sql_count(search_db: DbTarget, figs: Sequence[Any]) -> None:
    from pfocr.web.queries import co_mentioned

    with Store(search_db, readonly=True) as store:
        index = SearchIndex.from_db(store)
        for symbol in ("TNF", "BIRC2", "G1", "C1orf112"):
            brute: dict[str, int] = {}
            for f in figs:
                if symbol in f.genes:
                    for other in set(f.genes) - {symbol}:
                        brute[other] = brute.get(other, 0) + 1
            expected = sorted(brute.items(), key=lambda kv: (-kv[1], kv[0]))
            for limit in (1, 5, 25):
                assert index.co_mentioned(symbol, limit) == expected[:limit]
                assert co_mentioned(store, symbol, limit) == expected[:limit]
        assert index.co_mentioned("NOPE", 5) == []
