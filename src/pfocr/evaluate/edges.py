"""Scoring interactions: directed gene -> gene edges per figure.

The truth is a TSV with one row per drawn interaction: ``figid`` (or ``wpid``),
``source_hgnc`` and ``target_hgnc`` (a group end lists its members with ``|`` or ``;``:
the WikiPathways truth writes its labels with ``|`` and its symbols with ``;``),
``directed`` (``yes``/``no``) and ``edge_class`` (activation, inhibition, conversion,
binding, other), as ``shared/eval/wikipathways/edges-dev.tsv`` has them.

An end whose symbol column is empty but whose label (each member's, for a group) is an
approved HGNC symbol, spelled exactly, is that gene when the reader is given the
approved symbols (``symbols``): the WikiPathways truth leaves the column empty for nodes
without an HGNC cross-reference (miRNAs typed ``Rna``, many ``Protein`` and
``GeneProduct`` nodes: 2,429 ends of its 41,382 directed rows), which are genes all the
same. Metabolite ends are never filled (a metabolite's label may spell a symbol).

Per figure, the truth's directed gene pairs T are the ordered (source, target) symbol
pairs of its directed rows whose two ends are genes (one pair per member of a group end;
a pair of a gene with itself left out); U are the unordered pairs of its undirected
rows. A predicted directed edge between genes gives one ordered pair per member pair:
a pair in T is a true positive; a pair whose unordered form is in U only is neither
right nor wrong (the truth draws no direction there); any other pair is a false
positive. Pairs of T not predicted are false negatives. Scores are micro-averaged.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pfocr.edges.models import Edge
from pfocr.errors import InputError

__all__ = [
    "EdgeFigureScore",
    "EdgeScores",
    "EdgeTruth",
    "end_members",
    "gene_edge",
    "gene_pairs",
    "line_points",
    "read_edge_truth",
    "score_edges",
]

Pair = tuple[str, str]


@dataclass
class EdgeTruth:
    """One figure's drawn interactions between genes."""

    directed: set[Pair] = field(default_factory=set)
    undirected: set[frozenset[str]] = field(default_factory=set)
    kinds: dict[Pair, str] = field(default_factory=dict)

    def wrong(self, pair: Pair) -> bool:
        """Whether a stated pair is wrong: the truth draws it neither directed nor
        undirected (an undirected one is neither right nor wrong)."""
        return pair not in self.directed and frozenset(pair) not in self.undirected


def _members(value: str | None) -> list[str]:
    return [m.strip() for m in (value or "").replace(";", "|").split("|") if m.strip()]


def end_members(row: Mapping[str, str], side: str, symbols: Container[str] | None) -> list[str]:
    """The genes of one end of a truth row (``side``: ``source`` or ``target``).

    :param row: the row, by column
    :param side: which end
    :param symbols: the approved symbols, for ends whose symbol column is empty
    :returns: the end's symbols (several for a group; none for a non-gene)
    """
    members = _members(row.get(f"{side}_hgnc"))
    if members or symbols is None or (row.get(f"{side}_type") or "") == "Metabolite":
        return members
    labels = _members(row.get(f"{side}_label"))
    return labels if labels and all(label in symbols for label in labels) else []


def line_points(row: Mapping[str, str]) -> list[tuple[float, float]]:
    """The line a truth row draws, as its ``points_px`` column has it (``x,y;x,y;...``).

    :param row: the row, by column
    :returns: its points (x, y) in image pixels; none where the column is empty
    """
    pts = []
    for p in (row.get("points_px") or "").split(";"):
        if p.strip():
            x, y = p.split(",")
            pts.append((float(x), float(y)))
    return pts


def read_edge_truth(path: Path, symbols: Container[str] | None = None) -> dict[str, EdgeTruth]:
    """Read an interaction truth TSV.

    :param path: the file
    :param symbols: the approved HGNC symbols: an end without a symbol whose label is one
        is that gene (None: the symbol columns alone)
    :returns: figid -> the figure's gene pairs
    :raises InputError: when the file lacks the columns
    """
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    out: dict[str, EdgeTruth] = defaultdict(EdgeTruth)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        names = set(rows.fieldnames or ())
        key = "figid" if "figid" in names else "wpid"
        need = {key, "source_hgnc", "target_hgnc", "directed"}
        if not need <= names:
            raise InputError(f"{path}: an edge truth needs the columns {', '.join(sorted(need))}")
        for row in rows:
            truth = out[row[key]]
            sources = end_members(row, "source", symbols)
            targets = end_members(row, "target", symbols)
            directed = row["directed"].strip().lower() in ("yes", "true", "1")
            for s in sources:
                for t in targets:
                    if s == t:
                        continue
                    if directed:
                        truth.directed.add((s, t))
                        truth.kinds.setdefault((s, t), row.get("edge_class") or "")
                    else:
                        truth.undirected.add(frozenset((s, t)))
    return dict(out)


@dataclass(frozen=True)
class EdgeFigureScore:
    """One figure's edge score."""

    figid: str
    tp: frozenset[Pair]
    fp: frozenset[Pair]
    fn: frozenset[Pair]
    kind_right: int


@dataclass(frozen=True)
class EdgeScores:
    """Micro-averaged directed gene -> gene edge scores."""

    figures: tuple[EdgeFigureScore, ...]

    @property
    def tp(self) -> int:
        return sum(len(f.tp) for f in self.figures)

    @property
    def fp(self) -> int:
        return sum(len(f.fp) for f in self.figures)

    @property
    def fn(self) -> int:
        return sum(len(f.fn) for f in self.figures)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def kind_accuracy(self) -> float:
        """The share of true positive pairs whose kind (activation, inhibition, ...) is
        the truth's."""
        right = sum(f.kind_right for f in self.figures)
        return right / self.tp if self.tp else 0.0


def gene_edge(e: Edge) -> bool:
    """Whether an edge is scored: directed, between genes (or groups of genes)."""
    return e.directed and e.source.kind in ("gene", "group") and e.target.kind in ("gene", "group")


def gene_pairs(edges: Iterable[Edge]) -> dict[Pair, str]:
    """The ordered gene pairs of directed edges between genes, with the edge's kind.

    :param edges: a figure's edges
    :returns: pair -> kind (the surest edge's, where two edges give one pair)
    """
    out: dict[Pair, tuple[float, str]] = {}
    for e in edges:
        if not gene_edge(e):
            continue
        for pair in e.pairs():
            if pair not in out or out[pair][0] < e.confidence:
                out[pair] = (e.confidence, e.kind)
    return {pair: kind for pair, (_, kind) in out.items()}


def score_edges(
    truth: Mapping[str, EdgeTruth], predicted: Mapping[str, Sequence[Edge]], figids: Iterable[str]
) -> EdgeScores:
    """Score the predicted edges of some figures against the truth.

    :param truth: figid -> truth (a figure the truth lacks has no edges)
    :param predicted: figid -> its stored edges (a missing figure predicted nothing)
    :param figids: the figures to score
    :returns: the scores, one row per figure
    """
    rows = []
    for figid in figids:
        t = truth.get(figid, EdgeTruth())
        pairs = gene_pairs(predicted.get(figid, ()))
        tp = {p for p in pairs if p in t.directed}
        fp = {p for p in pairs if t.wrong(p)}
        right = sum(1 for p in tp if pairs[p] == t.kinds.get(p))
        rows.append(
            EdgeFigureScore(figid, frozenset(tp), frozenset(fp), frozenset(t.directed - tp), right)
        )
    return EdgeScores(tuple(rows))
