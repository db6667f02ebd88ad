"""Following a connector from one of its ends: through bends, forks and crossings, to
every end it reaches."""

from __future__ import annotations

import math

import numpy as np

from pfocr.edges.ends import Terminal
from pfocr.edges.params import Params
from pfocr.edges.skeleton import Graph

__all__ = ["trace"]


def _turn(travel: np.ndarray, out: np.ndarray) -> float:
    return math.degrees(math.acos(float(np.clip(travel @ out, -1.0, 1.0))))


def trace(
    gr: Graph, terms: dict[tuple[int, int], Terminal], start: tuple[int, int], p: Params
) -> list[tuple[tuple[int, int], int, list[int]]]:
    """All terminals reachable from a terminal: (terminal key, forks passed, branch path)."""
    found: list[tuple[tuple[int, int], int, list[int]]] = []
    stack: list[tuple[int, int, int, list[int]]] = [(start[0], 1 - start[1], 0, [start[0]])]
    budget = p.max_states
    while stack and budget > 0:
        budget -= 1
        b, k, forks, path = stack.pop()
        if len(path) > p.max_depth:
            continue
        es = gr.branch_ends[b]
        if len(es) < 2:
            continue
        key = (b, k)
        if key in terms and key != start:
            found.append((key, forks, path))
            continue
        _y, _x, dy, dx, z = es[k]
        if z == 0:
            continue
        travel = -np.array([dy, dx])
        inc = [(b2, k2) for b2, k2 in gr.zone_branches[z] if b2 != b]
        kind = gr.zone_kind[z]
        if len(inc) == 1 and kind == "junction":
            lim = 180.0  # a bend split by a spurious junction
        elif len(inc) == 2 and kind == "junction":
            lim = p.fork_deg
        else:
            lim = p.straight_deg
        ok = []
        for b2, k2 in inc:
            if b2 in path or len(gr.branch_ends[b2]) < 2:
                continue
            out = np.array(gr.branch_ends[b2][k2][2:4])
            if _turn(travel, out) <= lim:
                ok.append((b2, k2))
        for b2, k2 in ok:
            stack.append((b2, 1 - k2, forks + (len(ok) > 1), [*path, b2]))
    return found
