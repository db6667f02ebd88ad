"""The index against a brute-force enrichment, and its conventions."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from scipy.stats import hypergeom

from pfocr.enrich import EnrichmentIndex, read_gmt
from pfocr.errors import InputError
from pfocr.store import GeneSet


def naive_bh(p: Sequence[float], m: int) -> list[float]:
    order = sorted(range(len(p)), key=lambda i: p[i])
    q = [0.0] * len(p)
    running = 1.0
    for pos in range(len(order) - 1, -1, -1):
        running = min(running, p[order[pos]] * m / (pos + 1))
        q[order[pos]] = running
    return q


def brute_force(
    sets: Sequence[GeneSet],
    query: Sequence[str],
    background: set[str] | None = None,
    fdr_over: str = "all",
) -> dict[str, dict[str, Any]]:
    """Enrichment written out set by set with scipy (the reference)."""
    universe = set().union(*(s.genes for s in sets)) if background is None else background
    q = set(query) & universe
    big_n, n = len(universe), len(q)
    rows: dict[str, dict[str, Any]] = {}
    for s in sets:
        members = set(s.genes) & universe
        if not members:
            continue
        shared = members & q
        k, big_k = len(shared), len(members)
        p = float(hypergeom.sf(k - 1, big_n, big_k, n)) if k else 1.0
        b, c, d = big_k - k, n - k, big_n - big_k - n + k
        odds = k * d / max(b * c, 1)
        rows[s.figid] = {"k": k, "K": big_k, "p": p, "odds": odds, "genes": tuple(sorted(shared))}
    tested = [f for f in rows if fdr_over == "all" or rows[f]["k"] > 0]
    fdr = naive_bh([rows[f]["p"] for f in tested], len(tested))
    for f, value in zip(tested, fdr, strict=True):
        rows[f]["fdr"] = value
    return rows


def check_against(result: Any, reference: dict[str, dict[str, Any]]) -> None:
    overlapping = {f for f, r in reference.items() if r["k"] > 0}
    assert {r.figid for r in result} <= overlapping
    for row in result:
        ref = reference[row.figid]
        assert (row.overlap, row.set_size, row.genes) == (ref["k"], ref["K"], ref["genes"])
        assert row.p == pytest.approx(ref["p"], rel=1e-9)
        assert row.fdr == pytest.approx(ref["fdr"], rel=1e-9)
        assert row.odds_ratio == pytest.approx(ref["odds"], rel=1e-12)
        assert row.combined_score == pytest.approx(-math.log(ref["p"]) * ref["odds"], rel=1e-9)
    ps = [r.p for r in result]
    assert ps == sorted(ps)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_matches_brute_force(seed: int, helpers: Any) -> None:
    sets = helpers.random_sets(seed)
    ix = EnrichmentIndex.from_sets(sets)
    rng = np.random.default_rng(seed + 100)
    # half planted from one set, half random: some strong, some null sets
    planted = list(sets[int(rng.integers(len(sets)))].genes[:8])
    query = planted + [f"G{g}" for g in rng.choice(150, size=25, replace=False)]
    for fdr_over in ("all", "overlapping"):
        result = ix.enrich(query, top=None, fdr_over=fdr_over)
        reference = brute_force(sets, query, fdr_over=fdr_over)
        check_against(result, reference)
        assert len(result) == sum(1 for r in reference.values() if r["k"] > 0)
        assert result.n_overlapping == len(result)
        assert result.n_sets == len(sets)


def test_top_is_the_head_of_the_full_ranking(helpers: Any) -> None:
    sets = helpers.random_sets(5)
    ix = EnrichmentIndex.from_sets(sets)
    query = [f"G{i}" for i in range(0, 60, 2)]
    everything = ix.enrich(query, top=None)
    assert [r.figid for r in ix.enrich(query, top=7)] == [r.figid for r in everything[:7]]
    assert len(ix.enrich(query, top=10_000)) == len(everything)


def test_ties_keep_set_order() -> None:
    sets = [GeneSet(f"S{i}", "", ("A", "B", f"X{i}")) for i in range(5)]
    ix = EnrichmentIndex.from_sets(sets)
    result = ix.enrich(["A"], top=3)
    assert [r.figid for r in result] == ["S0", "S1", "S2"]
    assert len({r.p for r in result}) == 1


def test_user_background(helpers: Any) -> None:
    sets = helpers.random_sets(8)
    background = {f"G{i}" for i in range(0, 150, 3)} | {"EXTRA1", "EXTRA2"}
    ix = EnrichmentIndex.from_sets(sets).with_background(sorted(background))
    # G1 is a set gene outside the background; EXTRA1 is in the background but no set
    query = ["G0", "G3", "G6", "G9", "G12", "G1", "EXTRA1"]
    result = ix.enrich(query, top=None)
    assert result.background_size == len(background)
    assert result.query_size == 6  # EXTRA1 counts in n, G1 does not
    assert result.report.outside_background == ("G1",)
    reference = brute_force(sets, query, background=background)
    check_against(result, reference)
    assert result.n_sets == sum(1 for s in sets if set(s.genes) & background)


def test_background_per_query_equals_with_background(helpers: Any) -> None:
    sets = helpers.random_sets(9)
    ix = EnrichmentIndex.from_sets(sets)
    bg = [f"G{i}" for i in range(100)]
    query = ["G1", "G2", "G3", "G50"]
    a = ix.enrich(query, background=bg)
    b = ix.with_background(bg).enrich(query)
    assert a == b


def test_gmt_file(tmp_path: Path, helpers: Any) -> None:
    sets = helpers.random_sets(4, n_sets=10)
    path = helpers.write_gmt(tmp_path / "sets.gmt", sets)
    ix = EnrichmentIndex.from_gmt(path, background=[f"G{i}" for i in range(150)])
    assert len(ix) == 10 and ix.background_size == 150
    assert [s.figid for s in read_gmt(path)] == [s.figid for s in sets]
    result = ix.enrich(list(sets[0].genes))
    assert result[0].figid == sets[0].figid


def test_bad_gmt_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gmt"
    bad.write_text("S1\ttitle\tA\tB\nno-tabs-here\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.gmt:2"):
        EnrichmentIndex.from_gmt(bad)
    twice = tmp_path / "twice.gmt"
    twice.write_text("S1\tt\tA\nS1\tt\tB\n", encoding="utf-8")
    with pytest.raises(InputError, match="twice"):
        EnrichmentIndex.from_gmt(twice)
    empty = tmp_path / "empty.gmt"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError, match="no gene set"):
        EnrichmentIndex.from_gmt(empty)
    with pytest.raises(InputError, match="cannot read"):
        EnrichmentIndex.from_gmt(tmp_path / "missing.gmt")


def test_bad_queries(helpers: Any) -> None:
    ix = EnrichmentIndex.from_sets(helpers.random_sets(6, n_sets=5))
    with pytest.raises(InputError, match="empty"):
        ix.enrich([])
    with pytest.raises(InputError, match="empty"):
        ix.enrich(["  ", ""])
    with pytest.raises(InputError, match=r"none of the 2 genes \(FOO, BAR\)"):
        ix.enrich(["FOO", "BAR"])
    with pytest.raises(InputError, match="top"):
        ix.enrich(["G0"], top=0)
    with pytest.raises(InputError, match="fdr_over"):
        ix.enrich(["G0"], fdr_over="some")
    with pytest.raises(InputError, match="background holds no gene"):
        ix.with_background([])


def test_symbols_without_a_lexicon_match_up_to_case() -> None:
    ix = EnrichmentIndex.from_sets([GeneSet("S1", "t", ("BIRC2", "C1orf112", "TNF"))])
    result = ix.enrich(["birc2", "C1ORF112", "TNF", "TNF", "nik"])
    report = result.report
    assert report.recognised == ("BIRC2", "C1orf112", "TNF")
    assert report.renamed == (("birc2", "BIRC2"), ("C1ORF112", "C1orf112"))
    assert report.unknown == ("nik",)
    assert [m.status for m in report.mappings] == ["used", "used", "used", "duplicate", "unknown"]
    assert result.query_size == 3


def test_symbols_through_a_lexicon(lexicon_small: Any) -> None:
    sets = [GeneSet("S1", "t", ("BIRC2", "MAP3K14")), GeneSet("S2", "t", ("TNF", "RELB"))]
    ix = EnrichmentIndex.from_sets(sets, resolver=lexicon_small)
    result = ix.enrich(["API1", "nik", "KIAA", "Relb", "NOPE", "C1orf112"], top=None)
    by_query = {m.query: m for m in result.report.mappings}
    assert (by_query["API1"].symbol, by_query["API1"].how) == ("BIRC2", "previous")
    assert (by_query["nik"].symbol, by_query["nik"].how) == ("MAP3K14", "alias")
    assert by_query["KIAA"].status == "ambiguous"
    assert by_query["KIAA"].candidates == ("RELB", "TNF")
    assert (by_query["Relb"].symbol, by_query["Relb"].how) == ("RELB", "case")
    assert by_query["NOPE"].status == "unknown"
    # an approved symbol in no figure is outside the default background
    assert by_query["C1orf112"].status == "outside_background"
    assert result.report.recognised == ("BIRC2", "MAP3K14", "RELB")
    assert result[0].figid == "S1" and result[0].genes == ("BIRC2", "MAP3K14")


def test_result_is_json_ready(helpers: Any) -> None:
    import json

    ix = EnrichmentIndex.from_sets(helpers.random_sets(2, n_sets=8))
    data = ix.enrich(["G0", "G1", "G2", "UNKNOWN"], top=3).to_dict()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text)["query"]["genes"][3]["status"] == "unknown"
    assert len(data["results"]) == 3


def test_sets_with_all(helpers: Any) -> None:
    sets = helpers.random_sets(12)
    ix = EnrichmentIndex.from_sets(sets)
    for genes in (["G0"], ["G0", "G1"], ["G0", "G1", "G2"], ["G3", "NOPE"], []):
        expected = [i for i, s in enumerate(sets) if genes and set(genes) <= set(s.genes)]
        assert ix.sets_with_all(genes).tolist() == expected


def test_split_gene_text() -> None:
    from pfocr.enrich import split_gene_text

    lines = ["BIRC2, MAP3K14;TNF", "  # a comment", "RELB\tNFKB2 # trailing", ""]
    assert split_gene_text(lines) == ["BIRC2", "MAP3K14", "TNF", "RELB", "NFKB2"]
