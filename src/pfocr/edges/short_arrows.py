"""Arrows too short to trace: a head between two boxes set close, whose line the nodes'
mask leaves nothing of (two nodes drawn a few units apart, the arrow between them little
more than its head). No line leaves such a head, so no trace reaches it from a tail; it
is read on its own, from its shape as drawn: a triangle's mass lies towards its base, so
along its axis it is skewed towards its tip.
"""

from __future__ import annotations

import numpy as np

from pfocr.edges.head_way import tip_way
from pfocr.edges.params import Params, Region, box_offsets
from pfocr.edges.skeleton import Graph

__all__ = ["ShortArrow", "short_arrows"]

#: (source region, target region, head kind, gap to the source, gap to the target, the
#: line: from the source's side to the target's, (x, y) in image pixels)
ShortArrow = tuple[int, int, str, float, float, tuple[tuple[float, float], ...]]


def _lone(gr: Graph, z: int, s: float, p: Params) -> bool:
    """Whether no line leaves a head's zone: every branch at it is a loop back into it
    or a stub no longer than a spur."""
    for b, _k in gr.zone_branches[z]:
        ends = gr.branch_ends[b]
        if len(ends) == 2 and ends[0][4] == ends[1][4] == z:
            continue
        if gr.branch_len.get(b, 0) > p.spur_len * s:
            return False
    return True


def _nearest(
    pix: np.ndarray, regions: list[Region], reach: float
) -> list[tuple[float, int, np.ndarray, np.ndarray]]:
    """The node regions within ``reach`` of a zone, nearest first: (distance, index,
    offset (y, x) from the region's nearest point to the zone's nearest pixel, that
    point)."""
    out = []
    for i, r in enumerate(regions):
        if not r.node_ids:
            continue
        gaps = box_offsets(pix, r.bbox)
        dist = np.hypot(gaps[:, 0], gaps[:, 1])
        j = int(dist.argmin())
        if float(dist[j]) <= reach:
            out.append((float(dist[j]), i, gaps[j], pix[j] - gaps[j]))
    return sorted(out, key=lambda t: t[0])


def short_arrows(
    gr: Graph, regions: list[Region], ink: np.ndarray, s: float, p: Params
) -> list[ShortArrow]:
    """The heads no line leaves that sit between two node regions, within
    ``p.short_reach`` units of each on opposite sides, pointing (:func:`tip_way`) from
    the one to the other.

    :returns: one per such head
    """
    out: list[ShortArrow] = []
    reach = p.short_reach * s
    for z, kind in gr.zone_kind.items():
        if kind not in ("filled", "open") or not _lone(gr, z, s, p):
            continue
        pix = gr.zone_pixels[z]
        near = _nearest(pix, regions, reach)
        if not near or near[0][0] < 1.0:
            continue  # on a box: no way to tell its sides
        da, a, off, at_a = near[0]
        u = off / np.hypot(*off)  # from region a towards the head
        far = [
            (d, i, at)
            for d, i, o, at in near[1:]
            if d >= 1.0
            and float(o @ u) / d < -0.7
            and not set(regions[i].node_ids) & set(regions[a].node_ids)
        ]
        if not far:
            continue
        db, b, at_b = far[0]
        way = tip_way(ink, pix, [regions[a].bbox, regions[b].bbox], s)
        if way is None or abs(float(way @ u)) < 0.5:
            continue
        ends = ((a, da, at_a), (b, db, at_b))
        if float(way @ u) < 0:  # it points back at a: b -> a
            ends = ends[::-1]
        (src, ds, p0), (tgt, dt, p1) = ends
        line = ((float(p0[1]), float(p0[0])), (float(p1[1]), float(p1[0])))
        out.append((src, tgt, kind, ds, dt, line))
    return out
