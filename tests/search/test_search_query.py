"""``search_figures`` against a brute-force scan of the same figures."""

from __future__ import annotations

import itertools
import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from pfocr.errors import InputError
from pfocr.lexicon import SymbolMatch
from pfocr.search import fts_query, search_figures
from pfocr.search.ranked import Ranked, RankedWords, common_words
from pfocr.store import Store


def tokens(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"\w+", folded.lower())


def brute(
    figs: Sequence[Any],
    genes: Sequence[str] = (),
    words: Sequence[str] = (),
    taxid: int | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> set[str]:
    out = set()
    for f in figs:
        text = set(tokens(f.title)) | set(tokens(f.caption)) | set(tokens(f.papertitle))
        if not set(genes) <= set(f.genes) or not all(w in text for w in words):
            continue
        if taxid is not None and taxid not in {o.taxid for o in f.organisms}:
            continue
        if (year_from is not None or year_to is not None) and f.year is None:
            continue
        if year_from is not None and f.year < year_from:
            continue
        if year_to is not None and f.year > year_to:
            continue
        out.add(f.figid)
    return out


def run(db: Path, **kwargs: Any) -> Any:
    with Store(db, readonly=True) as store:
        return search_figures(store, limit=1000, **kwargs)


def test_gene_and_matches_brute_force(search_db: Path, figs: Sequence[Any]) -> None:
    genes = ["BIRC2", "MAP3K14", "TNF", "RELB", "G1"]
    for r in (1, 2, 3):
        for combo in itertools.combinations(genes, r):
            result = run(search_db, genes=list(combo))
            expected = brute(figs, genes=combo)
            assert {h.figid for h in result} == expected
            assert result.total == len(expected)
            assert all(h.genes == combo for h in result)


def test_words_match_brute_force(search_db: Path, figs: Sequence[Any]) -> None:
    for words in (["apoptosis"], ["kinase", "cancer"], ["inflammation", "cells"], ["müller"]):
        result = run(search_db, text=" ".join(words))
        assert {h.figid for h in result} == brute(figs, words=[tokens(w)[0] for w in words])
        assert all("[" in h.snippet for h in result)
        scores = [h.score for h in result]
        assert scores == sorted(scores)
    # a prefix, and a hyphenated word searched as its phrase
    assert {h.figid for h in run(search_db, text="signal*")} == brute(figs, words=["signaling"])
    nfkb = {f.figid for f in figs if "NF-kB" in f"{f.title} {f.caption} {f.papertitle}"}
    assert {h.figid for h in run(search_db, text="nf-kb")} == nfkb


def test_genes_words_organism_and_years_combined(search_db: Path, figs: Sequence[Any]) -> None:
    for organism, taxid in (("9606", 9606), ("Homo sapiens", 9606), ("mouse", 10090)):
        result = run(search_db, genes=["TNF"], organism=organism)
        assert {h.figid for h in result} == brute(figs, genes=["TNF"], taxid=taxid)
    result = run(search_db, text="pathway", year_from=2005, year_to=2015)
    assert {h.figid for h in result} == brute(figs, words=["pathway"], year_from=2005, year_to=2015)
    result = run(search_db, year=2010)
    assert {h.figid for h in result} == brute(figs, year_from=2010, year_to=2010)
    assert all(h.year == 2010 for h in result)


def test_order_and_pages(search_db: Path) -> None:
    everything = run(search_db, text="pathway")
    pages: list[str] = []
    with Store(search_db, readonly=True) as store:
        for offset in range(0, everything.total, 7):
            page = search_figures(store, text="pathway", limit=7, offset=offset)
            assert page.total == everything.total
            pages.extend(h.figid for h in page)
    assert pages == [h.figid for h in everything]
    # without words: newest first, figures without a year last
    listed = run(search_db, organism="9606")
    years = [h.year for h in listed]
    dated = [y for y in years if y is not None]
    assert dated == sorted(dated, reverse=True)
    assert years[: len(dated)] == dated


@pytest.mark.parametrize(
    "text",
    [
        '"',
        'apoptosis"',
        "apoptosis OR cancer",
        "NEAR(apoptosis cancer)",
        "figtitle:apoptosis",
        "apoptosis AND",
        "'; DROP TABLE figures; --",
        "^apoptosis",
        "(kinase",
        "{figtitle caption}: kinase",
    ],
)
def test_hostile_text_is_only_words(search_db: Path, text: str) -> None:
    try:
        result = run(search_db, text=text)
    except InputError as exc:
        assert "no word" in str(exc)
        return
    except sqlite3.Error as exc:  # pragma: no cover - the failure this test guards against
        pytest.fail(f"FTS5 syntax leaked through: {exc}")
    assert result.total >= 0
    with Store(search_db, readonly=True) as store:
        assert store.count_figures() == 60


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('NF-kB signal* say "hi"') == '"NF-kB" "signal"* "say" """hi"""'
    with pytest.raises(InputError, match="no word"):
        fts_query(" -- ** ")


def test_gene_mapping(search_db: Path, figs: Sequence[Any]) -> None:
    result = run(search_db, genes=["birc2"])
    assert result.renamed == (("birc2", "BIRC2"),)
    assert {h.figid for h in result} == brute(figs, genes=["BIRC2"])
    missing = run(search_db, genes=["BIRC2", "NOPE"])
    assert missing.total == 0 and missing.unknown == ("NOPE",)

    class Resolver:
        def resolve_symbol(self, text: str) -> SymbolMatch:
            return SymbolMatch(text, "MAP3K14" if text == "NIK" else None, "alias")

    with Store(search_db, readonly=True) as store:
        aliased = search_figures(store, genes=["NIK"], resolver=Resolver(), limit=1000)
    assert aliased.renamed == (("NIK", "MAP3K14"),)
    assert {h.figid for h in aliased} == brute(figs, genes=["MAP3K14"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"genes": ["TNF"], "limit": 0}, "limit"),
        ({"genes": ["TNF"], "offset": -1}, "offset"),
        ({"year_from": 2020, "year_to": 2010}, "empty"),
        ({"organism": "  "}, "organism"),
    ],
)
def test_bad_searches(search_db: Path, kwargs: dict[str, Any], message: str) -> None:
    with Store(search_db, readonly=True) as store, pytest.raises(InputError, match=message):
        search_figures(store, **kwargs)


def test_no_criterion_browses_everything(search_db: Path, figs: Sequence[Any]) -> None:
    result = run(search_db)
    assert result.total == len(figs) and len(result) == len(figs)


def test_hit_fields(search_db: Path, figs: Sequence[Any]) -> None:
    by_id = {f.figid: f for f in figs}
    result = run(search_db, genes=["TNF"])
    for hit in result:
        fig = by_id[hit.figid]
        assert hit.title == fig.title and hit.year == fig.year
        assert hit.n_genes == len(fig.genes)
        assert set(hit.organisms) == {o.name for o in fig.organisms}
        assert fig.caption.startswith(hit.snippet.rstrip("…"))
    assert result.to_dict()["hits"][0]["figid"] == result[0].figid


def test_the_organism_filter_finds_hosts_and_pathogens_not_passing_names(tmp_path: Path) -> None:
    # a human figure whose caption names mice in passing, and HCV
    from tests.search.conftest import Fig, bundle

    from pfocr.species import Organism

    organisms = (
        Organism(9606, "Homo sapiens", "genes: 5 labels", "host", "mammal"),
        Organism(3052230, "Hepacivirus hominis", "caption: HCV", "named", "virus"),
        Organism(10090, "Mus musculus", "caption: mouse", "named", "mammal"),
    )
    fig = Fig("f1", ("TNF",), "t", "HCV in mice", "p", 2020, organisms)
    db = tmp_path / "one.sqlite"
    with Store(db) as store:
        store.save_figure(bundle(fig))
    with Store(db, readonly=True) as store:
        assert [h.figid for h in search_figures(store, organism="human")] == ["f1"]
        assert [h.figid for h in search_figures(store, organism="HCV")] == ["f1"]
        assert [h.figid for h in search_figures(store, organism="mouse")] == []
        (hit,) = search_figures(store, organism="human")
        assert hit.organisms == ("Homo sapiens", "Hepacivirus hominis")


class _Recording(RankedWords):
    """Kept searches that remember the text queries asked of them."""

    def __init__(self, depth: int, min_docs: int) -> None:
        super().__init__(depth, min_docs)
        self.asked: list[str] = []

    def get(self, match: str) -> Ranked | None:
        self.asked.append(match)
        return super().get(match)


def test_common_words_are_ranked_once_then_read_from_what_was_kept(search_db: Path) -> None:
    """A common word's search keeps its count and first rows; its pages, within the kept
    depth and beyond, are the pages a fresh search gives (same hits, scores, snippets)."""
    with Store(search_db, readonly=True) as store:
        words = common_words(store.conn, min_docs=20)
        assert {"pathway", "study", "signaling"} <= set(words)  # in every or many figures
        assert "cells" in words and not any(len(w) < 3 or not w.isalpha() for w in words)
        ranked = _Recording(depth=9, min_docs=20)
        for word in words:
            search_figures(store, text=word, limit=1, ranked=ranked)
        assert len(ranked) == len(words)
        for word in ("signaling", "Pathway"):
            for offset in range(0, 15, 3):  # pages within the kept 9 rows, then beyond
                fresh = search_figures(store, text=word, limit=3, offset=offset)
                kept = search_figures(store, text=word, limit=3, offset=offset, ranked=ranked)
                assert kept.total == fresh.total
                assert [(h.figid, h.score, h.snippet) for h in kept] == [
                    (h.figid, h.score, h.snippet) for h in fresh
                ]
        # what was kept is read back, not ranked again
        search_figures(store, text="kinase", limit=2, ranked=ranked)
        match = ranked.asked[-1]
        first = ranked.get(match)
        assert first is not None
        ranked.put(match, Ranked(12345, tuple(reversed(first.rows))))
        again = search_figures(store, text="kinase", limit=2, ranked=ranked)
        assert again.total == 12345
        assert [h.figid for h in again] == [r[0] for r in reversed(first.rows)][:2]
        # a rare word, or a search with more than words, is not kept
        rare = _Recording(depth=9, min_docs=10**6)
        search_figures(store, text="kinase", limit=2, ranked=rare)
        search_figures(store, text="kinase", organism="9606", limit=2, ranked=ranked)
        assert len(rare) == 0 and len(ranked) == len(words)
