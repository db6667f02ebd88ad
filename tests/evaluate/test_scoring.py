"""Micro-averaged scores, lenient precision, truth files and splits."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfocr.errors import InputError
from pfocr.evaluate import in_split, read_truth, score_sets
from pfocr.evaluate.truth import TruthFigure


def truth(figid: str, genes: set[str], families: tuple[str, ...] = ()) -> TruthFigure:
    return TruthFigure(figid, frozenset(genes), dict.fromkeys(genes, ""), families)


def test_micro_average() -> None:
    t = [truth("a", {"TP53", "MDM2"}), truth("b", {"EGFR"})]
    s = score_sets(t, {"a": {"TP53", "AKT1"}, "b": {"EGFR"}})
    assert (s.tp, s.fp, s.fn) == (2, 1, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3)
    assert s.figures[0].missed == {"MDM2"} and s.figures[0].extra == {"AKT1"}


def test_missing_figures_count_as_empty_and_empty_is_perfect() -> None:
    s = score_sets([truth("a", {"TP53"})], {})
    assert (s.tp, s.fp, s.fn, s.precision, s.recall) == (0, 0, 1, 1.0, 0.0)


def test_lenient_precision() -> None:
    t = [truth("a", {"TP53"}, ("AKT", "ZEB1 / TCF8"))]
    predicted = {"a": {"TP53", "AKT2", "ZEB1", "EGFR"}}
    labels = {"a": {"ZEB1": {"TCF8"}, "AKT2": {"AKT2"}, "EGFR": {"EGFR"}}}
    s = score_sets(t, predicted, labels, {"akt": {"AKT1", "AKT2", "AKT3"}})
    assert s.fp == 3 and s.fp_family == 2  # AKT2 is in the AKT family; TCF8 is a truth label
    assert s.lenient_precision == pytest.approx(1 / 2)


def test_read_truth(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text(
        "figid\tgenes\tfamilies\tnotes\nf1\tTP53=p53 ; MDM2=HDM2, Mdm2\tAKT ; PI3K\tx\nf2\t\t\t\n",
        encoding="utf-8",
    )
    rows = read_truth(path)
    assert rows[0].genes == {"TP53", "MDM2"} and rows[0].labels["MDM2"] == "HDM2, Mdm2"
    assert rows[0].families == ("AKT", "PI3K") and rows[1].genes == frozenset()
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tsymbols\n")
    with pytest.raises(InputError, match="figid and genes"):
        read_truth(bad)


def test_splits_are_halves_and_disjoint() -> None:
    ids = [f"PMC{i}__f{i}" for i in range(400)]
    tune = {i for i in ids if in_split(i, "tune")}
    hold = {i for i in ids if in_split(i, "holdout")}
    assert not tune & hold and tune | hold == set(ids)
    assert 150 < len(tune) < 250
