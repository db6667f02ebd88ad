"""Heads on another interaction's line: an arrow drawn onto the middle of a line (its
anchor, in GPML) acts on that interaction, not on the node the line passes near. A
head is such an anchor when a line runs straight through it that is itself an
interaction read end to end: one way to a tail at a node, the other to a head at a node
that points the way the line runs (a compartment's outline, which other arrows' heads
sit on across it, is none).
"""

from __future__ import annotations

import numpy as np

from pfocr.edges.ends import Terminal
from pfocr.edges.head_way import tip_way
from pfocr.edges.params import Params, Region
from pfocr.edges.skeleton import Graph, opposed
from pfocr.edges.tracing import trace

__all__ = ["unattach_anchored_heads"]


Key = tuple[int, int]


def _at_node(terms: dict[Key, Terminal], regions: list[Region], key: Key) -> bool:
    t = terms[key]
    return t.region >= 0 and bool(regions[t.region].node_ids)


def _own_head(
    gr: Graph,
    terms: dict[Key, Terminal],
    key: Key,
    ink: np.ndarray,
    regions: list[Region],
    s: float,
) -> bool:
    """Whether a line reaching ``key`` ends in that end's head: a triangle at a node
    whose tip points the way the line runs into it (another arrow's head that a line
    runs across, as on a compartment's outline, points across it)."""
    t = terms[key]
    z = gr.branch_ends[key[0]][key[1]][4]
    if z == 0 or t.head not in ("filled", "open") or not _at_node(terms, regions, key):
        return False
    travel = -np.array(gr.branch_ends[key[0]][key[1]][2:4], float)
    way = tip_way(ink, gr.zone_pixels[z], [regions[t.region].bbox], s)
    return way is not None and float(way @ travel) > 0.7


def _through(gr: Graph, inc: list[Key], s: float, p: Params) -> tuple[Key, Key] | None:
    """Two of a zone's branches, longer than spurs, leaving it in opposite ways: a line
    running straight through it."""
    long = [(b, k) for b, k in inc if gr.branch_len.get(b, 0) > p.spur_len * s]
    pairs = [(one, other) for one, other in opposed(gr, long, -0.85) if one[0] != other[0]]
    return pairs[-1] if pairs else None  # (of several, the last: as measured)


def unattach_anchored_heads(
    gr: Graph,
    terms: dict[Key, Terminal],
    regions: list[Region],
    ink: np.ndarray,
    s: float,
    p: Params,
) -> int:
    """Leave unattached each head farther than ``p.anchor_gap`` units from its node
    that sits on another interaction's line, and let that line run on through it.

    :returns: how many heads were left unattached
    """
    zones = dict.fromkeys(  # in the order the ends were found
        gr.branch_ends[b][k][4]
        for (b, k), t in terms.items()
        if gr.branch_ends[b][k][4]
        and t.head != "none"
        and t.region >= 0
        and t.dist > p.anchor_gap * s
    )
    done = 0
    for z in zones:
        inc = gr.zone_branches[z]
        through = _through(gr, inc, s, p) if len(inc) >= 3 else None
        if through is None:
            continue
        # each way along the line, the ends it reaches without a fork
        reach = [
            [key for key, forks, _ in trace(gr, terms, half, p) if not forks] for half in through
        ]
        tail = [
            any(terms[k].head == "none" and _at_node(terms, regions, k) for k in r) for r in reach
        ]
        head = [any(_own_head(gr, terms, k, ink, regions, s) for k in r) for r in reach]
        if not ((tail[0] and head[1]) or (tail[1] and head[0])):
            continue  # no interaction read end to end (an outline, a membrane)
        for key in through:
            terms.pop(key, None)  # the line runs on through the head
        for key in inc:
            if key in terms:
                old = terms[key]
                terms[key] = Terminal(old.branch, old.end, old.head, -1, old.dist)
        done += 1
    return done
