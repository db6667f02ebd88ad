"""What a wrong pair is: each kind told on edges laid over drawn truth lines."""

from __future__ import annotations

from pfocr.edges.models import Edge, Node
from pfocr.evaluate.edge_wrongs import KINDS, WrongTally, figure_wrongs
from pfocr.evaluate.edges import EdgeTruth

H = 20.0  # the boxes' height: edges within 16 px of a truth line run along it


def _node(*members: str) -> Node:
    return Node("group" if len(members) > 1 else "gene", "/".join(members), members, (0, 0, 60, H))


def _edge(source: tuple[str, ...], target: tuple[str, ...], *points: tuple[float, float]) -> Edge:
    return Edge(_node(*source), _node(*target), "activation", True, 0.9, points)


def _row(source: str, target: str, points: str, target_type: str = "GeneProduct") -> dict[str, str]:
    return {
        "source_hgnc": source,
        "target_hgnc": target if target_type == "GeneProduct" else "",
        "target_label": target,
        "target_type": target_type,
        "directed": "yes",
        "points_px": points,
    }


def test_each_wrong_edge_is_told_by_the_line_it_runs_along() -> None:
    rows = [
        _row("EGFR", "GRB2", "0,100;300,100"),
        _row("KRAS", "RAF1", "0,300;300,300"),
        _row("SOS1", "Apoptosis", "0,500;300,500", "Label"),
        _row("MAPK1", "ELK1", "0,700;300,700"),
    ]
    truth = EdgeTruth(directed={("EGFR", "GRB2"), ("KRAS", "RAF1"), ("MAPK1", "ELK1")})
    edges = [
        _edge(("EGFR",), ("GRB2",), (0, 100), (300, 100)),  # right: not listed
        _edge(("GRB2",), ("EGFR",), (300, 102), (0, 102)),  # reversed
        _edge(("KRAS", "HRAS"), ("RAF1",), (0, 300), (300, 300)),  # one member extra
        _edge(("SOS1",), ("CASP3",), (0, 500), (300, 500)),  # the truth's end a label
        _edge(("MAPK1",), ("FOS",), (0, 700), (300, 705)),  # another gene at the head
        _edge(("TP53",), ("MDM2",), (600, 0), (600, 900)),  # across every line
    ]
    wrongs = figure_wrongs("F1", edges, rows, truth)
    got = {(w.source, w.target): (w.kind, w.pairs) for w in wrongs}
    assert got == {
        ("GRB2", "EGFR"): ("reversed", 1),
        ("KRAS/HRAS", "RAF1"): ("extra members", 1),
        ("SOS1", "CASP3"): ("target wrong (truth: not a gene)", 1),
        ("MAPK1", "FOS"): ("target wrong", 1),
        ("TP53", "MDM2"): ("along no line", 1),
    }
    tally = WrongTally()
    tally.add(wrongs)
    table = tally.table()
    assert table.count("\n") == len(KINDS) + 1
    assert "| reversed | 1 | 1 |" in table
    assert "| both ends wrong | 0 | 0 |" in table


def test_undirected_truth_pairs_are_not_wrong() -> None:
    rows = [_row("EGFR", "GRB2", "0,100;300,100")]
    truth = EdgeTruth(undirected={frozenset(("EGFR", "GRB2"))})
    edges = [_edge(("GRB2",), ("EGFR",), (300, 100), (0, 100))]
    assert figure_wrongs("F1", edges, rows, truth) == []
