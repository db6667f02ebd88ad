"""Why the interaction reader misses a drawn gene pair: the first of its steps that loses it.

For each directed truth line (a row of an edge truth such as
``shared/eval/wikipathways/edges-dev.tsv``, with the line as drawn in ``points_px``) whose
gene pairs the reader did not state, the reader's steps are replayed on the figure and
looked at near the line's two ends (within 2.5 label heights):

- ``no node``: a gene of the line is no node (OCR or recognition missed its label);
- ``target: ...``: no line end near the target end, none with a head, heads attached to
  another region or to none;
- ``source: ...``: no end near the source end, only heads there, plain ends attached to
  another region or to none;
- ``no trace``: both ends right, but no trace from the one to the other;
- ``lost later``: a trace joins the two ends, its pairs lost after (a group read in
  part, a line's confidence too low, an edge dropped as spaced).

A ``no trace`` line also says why the follower (:mod:`pfocr.edges.follow`) did not read
it from the heads at its target (:data:`WHYS`: :data:`pfocr.edges.follow.FOLLOW_WHY`,
and ``taken by a traced line``, ``read``: the follower reached the source and the pair
was lost after, ``reaches another node``: it reached a node other than the source).

Counts are member pairs (a group end gives one pair per member) and truth lines, apart
for lines between single genes and lines with a group end (docs/interactions.md).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Container, Mapping, Sequence, Set
from dataclasses import dataclass, field

import numpy as np

from pfocr.edges.ends import region_boxes
from pfocr.edges.follow import follow_head
from pfocr.edges.models import Node
from pfocr.edges.reader import WORD_NODES, Traced, pair_terminals
from pfocr.edges.tracing import trace
from pfocr.evaluate.edges import end_members, line_points

__all__ = ["STEPS", "Miss", "MissTally", "figure_misses"]

#: the steps, in the order the reader takes them
STEPS = (
    "no node",
    "target: no end near",
    "target: no head",
    "target: head at another region",
    "target: head attached to none",
    "source: no end near",
    "source: only heads near",
    "source: end at another region",
    "source: end attached to none",
    "no trace",
    "lost later",
)


@dataclass(frozen=True)
class Miss:
    """A truth line some of whose gene pairs the reader did not state."""

    figid: str
    source: str
    target: str
    group: bool
    pairs: int
    step: str
    #: for a ``no trace`` line: why the follower did not read it (see the module)
    why: str = ""


#: why the follower did not read a line (:data:`pfocr.edges.follow.FOLLOW_WHY`, a head
#: a traced line took, a line read or read from another node), nearest to a reading
#: first: a line with several heads at its target is counted under the nearest any came
WHYS = (
    "read",
    "reaches another node",
    "passes by the node",
    "reaches its own node or a shape",
    "reaches no node",
    "stops short of a node",
    "another head in the way",
    "the line bends away",
    "the ink ends",
    "runs back into its node",
    "no way out of the head",
    "taken by a traced line",
    "a circle",
)


@dataclass
class MissTally:
    """Missed pairs and lines per step, for single genes and group ends."""

    pairs: Counter[tuple[str, bool]] = field(default_factory=Counter)
    lines: Counter[tuple[str, bool]] = field(default_factory=Counter)
    found: int = 0
    #: ``no trace`` lines by why the follower did not read them: pairs, lines
    why_pairs: Counter[tuple[str, bool]] = field(default_factory=Counter)
    why_lines: Counter[tuple[str, bool]] = field(default_factory=Counter)

    def add(self, misses: Sequence[Miss]) -> None:
        """Count one figure's misses."""
        for m in misses:
            self.pairs[(m.step, m.group)] += m.pairs
            self.lines[(m.step, m.group)] += 1
            if m.why:
                self.why_pairs[(m.why, m.group)] += m.pairs
                self.why_lines[(m.why, m.group)] += 1

    def follow_table(self) -> str:
        """A Markdown table of the ``no trace`` lines: pairs (lines) by why the follower
        did not read them from their target's heads, one gene and group ends."""
        out = ["| the follower at the target | one gene | a group end |", "|---|---|---|"]
        for why in WHYS:
            cells = [
                f"{self.why_pairs[(why, g)]:,} ({self.why_lines[(why, g)]:,})"
                for g in (False, True)
            ]
            out.append(f"| {why} | {cells[0]} | {cells[1]} |")
        return "\n".join(out)

    def table(self) -> str:
        """A Markdown table: pairs (lines) per step, one gene and group ends."""
        out = ["| step | one gene | a group end |", "|---|---|---|"]
        for step in STEPS:
            cells = [
                f"{self.pairs[(step, g)]:,} ({self.lines[(step, g)]:,})" for g in (False, True)
            ]
            out.append(f"| {step} | {cells[0]} | {cells[1]} |")
        return "\n".join(out)


def figure_misses(
    figid: str,
    traced: Traced,
    nodes: Sequence[Node],
    rows: Sequence[Mapping[str, str]],
    stated: Set[tuple[str, str]],
    symbols: Container[str] | None = None,
) -> tuple[list[Miss], int]:
    """The truth lines of one figure whose gene pairs the reader missed, and where.

    :param figid: the figure
    :param traced: the reader's state on the figure (:func:`pfocr.edges.reader.trace_lines`
        with ``WORD_NODES`` over the boxes of ``nodes``)
    :param nodes: the figure's nodes (:func:`pfocr.edges.stage.figure_nodes`)
    :param rows: the figure's truth rows (with ``points_px``)
    :param stated: the ordered gene pairs the reader stated
    :param symbols: the approved symbols (see :func:`end_members`)
    :returns: the misses, and how many truth pairs were stated
    """
    gr, terms, regions = traced.graph, traced.terms, traced.regions
    used: set[tuple[int, int]] = set()
    pair_terminals(gr, terms, regions, traced.scale, WORD_NODES, used)
    boxes = region_boxes(regions)
    heights = [n.box[3] - n.box[1] for n in nodes]
    reach = 2.5 * (float(np.median(heights)) if heights else 10.0)
    where = {k: gr.branch_ends[k[0]][k[1]][:2] for k in terms}

    def near(pt: tuple[float, float]) -> list[tuple[int, int]]:
        hits = [(math.hypot(x - pt[0], y - pt[1]), k) for k, (y, x) in where.items()]
        return [k for d, k in sorted(hits) if d <= reach]

    def at(k: tuple[int, int], want: Sequence[int]) -> bool:
        t = terms[k]
        return t.region >= 0 and bool(set(regions[t.region].node_ids) & set(want))

    def unattached(keys: Sequence[tuple[int, int]]) -> bool:
        return all(terms[k].region < 0 for k in keys)

    def follower(src: Sequence[int], heads: Set[tuple[int, int]]) -> str:
        """Why the follower did not read the line: the nearest a head came (:data:`WHYS`)."""
        if traced.masks is None:
            return ""
        found = []
        for k in heads:
            if k in used:
                found.append("taken by a traced line")
                continue
            got = follow_head(gr, terms, regions, k, traced.masks, traced.scale, WORD_NODES, boxes)
            if isinstance(got, str):
                found.append(got)
            else:
                found.append(
                    "read" if set(regions[got[0]].node_ids) & set(src) else "reaches another node"
                )
        return min(found, key=WHYS.index) if found else ""

    def step(
        src: Sequence[int], tgt: Sequence[int], pts: Sequence[tuple[float, float]]
    ) -> tuple[str, str]:
        if not src or not tgt:
            return "no node", ""
        ends_t = near(pts[-1])
        heads = [k for k in ends_t if terms[k].head != "none"]
        good_t = {k for k in heads if at(k, tgt)}
        if not ends_t or not heads or not good_t:
            if not ends_t:
                return "target: no end near", ""
            if not heads:
                return "target: no head", ""
            where = "attached to none" if unattached(heads) else "at another region"
            return f"target: head {where}", ""
        ends_s = near(pts[0])
        plain = [k for k in ends_s if terms[k].head == "none"]
        good_s = [k for k in plain if at(k, src)]
        if not ends_s:
            return "source: no end near", ""
        if not plain:
            return "source: only heads near", ""
        if not good_s:
            where = "attached to none" if unattached(plain) else "at another region"
            return f"source: end {where}", ""
        for k in good_s:
            if any(key in good_t for key, _forks, _path in trace(gr, terms, k, WORD_NODES)):
                return "lost later", ""
        return "no trace", follower(src, good_t)

    misses: list[Miss] = []
    found = 0
    for row in rows:
        if (row.get("directed") or "").strip().lower() not in ("yes", "true", "1"):
            continue
        src, tgt = end_members(row, "source", symbols), end_members(row, "target", symbols)
        pairs = [(a, b) for a in src for b in tgt if a != b]
        missed = [pr for pr in pairs if pr not in stated]
        found += len(pairs) - len(missed)
        pts = line_points(row)
        if not missed or len(pts) < 2:
            continue
        sn = [i for i, n in enumerate(nodes) if set(n.members) & set(src)]
        tn = [i for i, n in enumerate(nodes) if set(n.members) & set(tgt)]
        lost, why = step(sn, tn, pts)
        misses.append(
            Miss(
                figid,
                row.get("source_label", ""),
                row.get("target_label", ""),
                len(src) > 1 or len(tgt) > 1,
                len(missed),
                lost,
                why,
            )
        )
    return misses, found
