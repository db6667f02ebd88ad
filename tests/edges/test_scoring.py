"""Scoring directed gene -> gene edges against a drawn-interaction truth."""

from __future__ import annotations

from pathlib import Path

import pytest

from pfocr.edges.models import Edge, Node
from pfocr.errors import InputError
from pfocr.evaluate.edges import EdgeTruth, read_edge_truth, score_edges

HEADER = "wpid\tsource_hgnc\ttarget_hgnc\tdirected\tedge_class\n"


def gene(symbol: str, *more: str) -> Node:
    return Node("group" if more else "gene", symbol, (symbol, *more), (0.0, 0.0, 1.0, 1.0))


def edge(a: Node, b: Node, kind: str = "activation", directed: bool = True) -> Edge:
    return Edge(a, b, kind, directed, 0.9, ((0.0, 0.0), (1.0, 1.0)))


def test_scores_directed_pairs(tmp_path: Path) -> None:
    truth_file = tmp_path / "edges.tsv"
    truth_file.write_text(
        HEADER
        + "W1\tTNF\tTNFRSF1A\tyes\tactivation\n"
        + "W1\tTNFRSF1A\tTRADD|TRAF2\tyes\tactivation\n"  # a group end: a pair per member
        + "W1\tRELA\tNFKB1\tno\tbinding\n"  # undirected: no direction to score
        + "W1\tTNF\t\tyes\tactivation\n"  # a non-gene end: not a gene pair
        + "W1\tIKBKB\tIKBKB\tyes\tactivation\n"  # a gene on itself: left out
        + "W2\tEGFR\tGRB2\tyes\tinhibition\n"
    )
    truth = read_edge_truth(truth_file)
    assert truth["W1"].directed == {
        ("TNF", "TNFRSF1A"),
        ("TNFRSF1A", "TRADD"),
        ("TNFRSF1A", "TRAF2"),
    }
    predicted = {
        "W1": [
            edge(gene("TNF"), gene("TNFRSF1A")),  # right
            edge(gene("TNFRSF1A"), gene("TRADD", "TRAF2"), "inhibition"),  # 2 right, kind wrong
            edge(gene("NFKB1"), gene("RELA")),  # the truth draws no direction: ignored
            edge(gene("TRADD"), gene("TNF")),  # wrong
            edge(gene("TNF"), gene("CASP8"), directed=False),  # undirected: not scored
            edge(Node("family", "IKK", ("IKK",), (0, 0, 1, 1)), gene("TNF")),  # family end
        ],
    }
    scores = score_edges(truth, predicted, ["W1", "W2"])
    assert (scores.tp, scores.fp, scores.fn) == (3, 1, 1)
    assert scores.precision == pytest.approx(0.75)
    assert scores.recall == pytest.approx(0.75)
    assert scores.kind_accuracy == pytest.approx(1 / 3)
    w2 = scores.figures[1]
    assert w2.fn == {("EGFR", "GRB2")} and not w2.tp


def test_truth_needs_its_columns(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("figid\tgenes\nX\tTNF\n")
    with pytest.raises(InputError, match="columns"):
        read_edge_truth(bad)
    with pytest.raises(InputError, match="no such file"):
        read_edge_truth(tmp_path / "missing.tsv")


def test_group_members_listed_with_semicolons_are_pairs_of_their_own(tmp_path: Path) -> None:
    """The WikiPathways truth lists a group end's symbols with ``;`` (its labels with
    ``|``): each member gives its own pair, not one symbol ``RELA;NFKB1``."""
    truth_file = tmp_path / "edges.tsv"
    truth_file.write_text(HEADER + "W1\tRELA;NFKB1\tIL6\tyes\tactivation\n")
    truth = read_edge_truth(truth_file)
    assert truth["W1"].directed == {("RELA", "IL6"), ("NFKB1", "IL6")}
    scores = score_edges(truth, {"W1": [edge(gene("RELA"), gene("IL6"))]}, ["W1"])
    assert (scores.tp, scores.fp, scores.fn) == (1, 0, 1)


def test_an_end_without_a_symbol_is_the_gene_its_label_spells(tmp_path: Path) -> None:
    """WikiPathways leaves the symbol column empty for nodes with no HGNC cross-reference
    (miRNAs typed Rna, some proteins); with the approved symbols given, a label that is
    one (every member's, for a group) names the gene; a metabolite's label never does."""
    truth_file = tmp_path / "edges.tsv"
    truth_file.write_text(
        "wpid\tsource_label\tsource_type\tsource_hgnc\ttarget_label\ttarget_type\ttarget_hgnc"
        "\tdirected\tedge_class\n"
        "W1\tMIR199B\tRna\t\tLAMC2\tGeneProduct\tLAMC2\tyes\tinhibition\n"
        "W1\tMIR16-1|MIR16-2\tGroup:Group\t\tFGF2\tProtein\tFGF2\tyes\tinhibition\n"
        "W1\tmir-21\tRna\t\tPDCD4\tProtein\tPDCD4\tyes\tinhibition\n"  # not a symbol
        "W1\tNO\tMetabolite\t\tGUCY1A1\tProtein\tGUCY1A1\tyes\tactivation\n"  # a metabolite
    )
    approved = {"MIR199B", "MIR16-1", "MIR16-2", "LAMC2", "FGF2", "PDCD4", "NO", "GUCY1A1"}
    filled = read_edge_truth(truth_file, approved)["W1"].directed
    assert filled == {("MIR199B", "LAMC2"), ("MIR16-1", "FGF2"), ("MIR16-2", "FGF2")}
    assert not read_edge_truth(truth_file).get("W1", EdgeTruth()).directed  # columns alone
