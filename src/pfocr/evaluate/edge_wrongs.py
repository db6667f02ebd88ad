"""What the interaction reader's wrong pairs are: each stated edge against the drawn lines.

The counterpart of :mod:`pfocr.evaluate.edge_misses` for precision. Each stored directed
gene edge that states a pair the truth does not draw (scored as :mod:`pfocr.evaluate.edges`
does) is laid over the truth's lines (``points_px`` of
``shared/eval/wikipathways/edges-dev.tsv``): the truth line along most of whose length
the edge's own polyline runs (within 0.8 label heights) is the line it read, and the
edge's wrong pairs are put in one of :data:`KINDS`:

- ``along no line``: under a fifth of the edge runs along any truth line (a node's
  outline, a frame, text read as a line);
- ``partly along a line``: a fifth to a half;
- ``reversed``: along a line whose ends the edge swaps;
- ``extra members``: the line's ends right, but a group end holds members the truth's
  end does not (clusters of touching boxes, two groups read as one);
- ``source wrong`` / ``target wrong``: one end right, the other at another node; with
  ``(truth: not a gene)`` where the truth's end is a label, metabolite, shape or
  another line's anchor, which the reader gave to a gene;
- ``both ends wrong``: along a line neither of whose ends is the edge's.

Counts are wrong pairs (one per member pair of a group end, as the scorer counts
them) and edges.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np

from pfocr.edges.models import Edge
from pfocr.evaluate.edges import EdgeTruth, end_members, gene_edge, line_points

__all__ = ["KINDS", "Wrong", "WrongTally", "figure_wrongs"]

KINDS = (
    "along no line",
    "partly along a line",
    "reversed",
    "extra members",
    "source wrong",
    "source wrong (truth: not a gene)",
    "target wrong",
    "target wrong (truth: not a gene)",
    "both ends wrong",
)


@dataclass(frozen=True)
class Wrong:
    """A stated edge some of whose pairs the truth does not draw."""

    figid: str
    source: str
    target: str
    pairs: int
    kind: str


@dataclass
class WrongTally:
    """Wrong pairs and edges per kind."""

    pairs: Counter[str] = field(default_factory=Counter)
    edges: Counter[str] = field(default_factory=Counter)

    def add(self, wrongs: Sequence[Wrong]) -> None:
        """Count one figure's wrong edges."""
        for w in wrongs:
            self.pairs[w.kind] += w.pairs
            self.edges[w.kind] += 1

    def table(self) -> str:
        """A Markdown table: wrong pairs and edges per kind."""
        out = ["| what the edge is | wrong pairs | edges |", "|---|---|---|"]
        out += [f"| {k} | {self.pairs[k]:,} | {self.edges[k]:,} |" for k in KINDS]
        return "\n".join(out)


def _sample(points: Sequence[tuple[float, float]], step: float = 4.0) -> np.ndarray:
    """Points every ``step`` pixels along a polyline, (x, y) rows."""
    pts = np.asarray(points, float).reshape(-1, 2)
    out = [pts[:1]]
    for a, b in pairwise(pts):
        n = max(1, int(np.hypot(*(b - a)) / step))
        out.append(a + (b - a) * (np.arange(1, n + 1)[:, None] / n))
    return np.concatenate(out)


def _along(a: np.ndarray, b: np.ndarray, tol: float) -> float:
    """The share of a's points within ``tol`` of one of b's."""
    d = np.hypot(a[:, None, 0] - b[None, :, 0], a[:, None, 1] - b[None, :, 1]).min(axis=1)
    return float((d <= tol).mean())


def figure_wrongs(
    figid: str,
    edges: Sequence[Edge],
    rows: Sequence[Mapping[str, str]],
    truth: EdgeTruth,
    symbols: Container[str] | None = None,
) -> list[Wrong]:
    """The stated edges of one figure with wrong pairs, and what each is.

    :param figid: the figure
    :param edges: its stored edges
    :param rows: its truth rows (with ``points_px``)
    :param truth: its scored truth (:func:`pfocr.evaluate.edges.read_edge_truth`)
    :param symbols: the approved symbols (see :func:`end_members`)
    :returns: one per edge with a wrong pair
    """
    lines = []
    for row in rows:
        pts = line_points(row)
        if len(pts) >= 2:
            src, tgt = end_members(row, "source", symbols), end_members(row, "target", symbols)
            lines.append((set(src), set(tgt), _sample(pts)))
    out: list[Wrong] = []
    for e in edges:
        if not gene_edge(e) or len(e.points) < 2:
            continue
        bad = [p for p in e.pairs() if truth.wrong(p)]
        if not bad:
            continue
        drawn = _sample(e.points)
        tol = 0.8 * max(
            8.0, min(e.source.box[3] - e.source.box[1], e.target.box[3] - e.target.box[1])
        )
        best, line = max(
            ((_along(drawn, pts, tol), i) for i, (_, _, pts) in enumerate(lines)), default=(0.0, -1)
        )
        out.append(
            Wrong(figid, e.source.label, e.target.label, len(bad), _kind(e, best, lines, line))
        )
    return out


def _kind(
    e: Edge, share: float, lines: Sequence[tuple[set[str], set[str], np.ndarray]], i: int
) -> str:
    if share < 0.2:
        return "along no line"
    if share < 0.5:
        return "partly along a line"
    src, tgt = set(e.source.members), set(e.target.members)
    ls, lt, _ = lines[i]
    if src & lt and tgt & ls and not (src & ls and tgt & lt):
        return "reversed"
    if src & ls and tgt & lt:
        return "extra members"
    if src & ls:
        return "target wrong" + ("" if lt else " (truth: not a gene)")
    if tgt & lt:
        return "source wrong" + ("" if ls else " (truth: not a gene)")
    return "both ends wrong"
