"""Read the connectors drawn between a figure's node boxes.

Classical vision (OpenCV, SciPy, scikit-image): binarise; mask the nodes and the shapes
drawn around them; remove text specks and join dashes; fill small holes (open heads);
find heads (what survives an opening that removes thin lines); skeletonise into a graph
of branches between junction and head zones; find T-bars; trace each line from its
tail end, straight through crossings, to every end with a head; attach ends to the
nearest region. A line is output only when both ends attach to different regions and
the tracing was sure enough (forks passed and end gaps lower the confidence).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from pfocr.edges.anchors import unattach_anchored_heads
from pfocr.edges.connectors import fill_small_holes, find_heads, join_dashes, remove_text_specks
from pfocr.edges.ends import Terminal, bridge_clips, find_terminals
from pfocr.edges.follow import follow_heads
from pfocr.edges.params import Anchor, Box, Params, Region
from pfocr.edges.regions import (
    build_regions,
    detect_shapes,
    frame_regions,
    grow_to_shapes,
    ink_mask,
    node_mask,
    scale_from_nodes,
)
from pfocr.edges.short_arrows import ShortArrow, short_arrows
from pfocr.edges.skeleton import Graph, build_graph, mark_bars, split_at_nodes
from pfocr.edges.tracing import trace

__all__ = [
    "DEFAULT",
    "WORD_NODES",
    "LineEnd",
    "ReadLine",
    "Traced",
    "pair_traced",
    "read_lines",
    "trace_lines",
]

#: the parameters chosen on the WikiPathways tune renders, with their node boxes
DEFAULT = Params()
#: for pfocr's own nodes (labels' word boxes): grown to the outlines drawn around them;
#: touching outlines form clusters that an arrow to a drawn group reaches (chosen on 40
#: tune renders, stop 30, with group ends scored one pair per member: precision 0.72 ->
#: 0.77, recall 0.09 -> 0.49); groups' light frames (light grey below 235) are read too
#: (stop 31: 0.78 / 0.49 -> 0.81 / 0.62 on the tune renders, 0.78 / 0.21 -> 0.80 / 0.28
#: on the holdout; docs/interactions.md); a line's stub between its node and a line it
#: crosses at once is its start, not a spur (stop 32: 0.806 / 0.623 tune, 0.808 / 0.286
#: holdout); an end in the unsure band whose line runs on into a node's drawn outline is
#: that node's (stop 32: 0.804 / 0.654 tune, 0.804 / 0.316 holdout); an open triangle whose
#: tip touches the box is read in the figure's own ink (stop 33: 0.805 / 0.660 tune,
#: 0.807 / 0.337 holdout); a short label grows to its box as one four heights wide would
#: (stop 33: 0.808 / 0.670 tune, 0.808 / 0.341 holdout); a bar drawn over the target's side
#: is told by the line's colour there (stop 33: 0.812 / 0.681 tune, 0.807 / 0.345 holdout).
#: Stop 34, scored on every dev render (398 tune, 418 holdout; the 40 above were fitted):
#: a V that two lines drawn from one point of a box skeletonize to is split there, a
#: plain end at a group's frame is the group's, and a loop of lines running through
#: nodes' boxes is no node (0.796 / 0.475 -> 0.777 / 0.506 tune, 0.809 / 0.340 ->
#: 0.807 / 0.384 holdout). Stop 35: a black bar over a grey border, and a bar square to
#: a slanted line across its end (0.778 / 0.511 tune, 0.808 / 0.386 holdout). Stop 36: a
#: head in a group's padding is the group's, and lines fanning out beside a group start
#: at it (0.780 / 0.522 tune, 0.807 / 0.397 holdout); an arrow too short to trace is
#: read from its head's shape (0.780 / 0.523 tune, 0.806 / 0.398 holdout); a head on
#: another arrow's line is that line's anchor (0.782 / 0.524 tune, 0.807 / 0.398)
WORD_NODES = Params(
    grow=6.0,
    clusters=True,
    attach_tol=11.0,
    frame_max=235,
    node_stubs=True,
    touch_test=True,
    open_at_border=True,
    grow_min_width=4.0,
    colour_bars=True,
    split_deg=100.0,
    plain_frames=True,
    loop_shapes=True,
    dark_bars=True,
    tilted_bars=True,
    band_heads=True,
    fan_groups=True,
    short_reach=6.0,
    anchor_gap=2.0,
    follow_turn=20.0,
    follow_corners=0,
)


@dataclass(frozen=True)
class LineEnd:
    """A line's end: the node (or the nodes of a drawn group) it touches, by index, and
    the group's drawn frame where the end stops at one."""

    nodes: tuple[int, ...]
    frame: Box | None = None


@dataclass(frozen=True)
class ReadLine:
    """A connector read between two ends, with its head's meaning."""

    source: LineEnd
    target: LineEnd
    kind: str
    directed: bool
    confidence: float
    points: tuple[tuple[float, float], ...]


HEAD_KIND = {
    "filled": "activation",
    "open": "activation",
    "circle": "activation",
    "bar": "inhibition",
}


def _polyline(gr: Graph, path: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for b in path:
        for y, x, *_ in gr.branch_ends[b]:
            pts.append((float(x), float(y)))
    return pts


def pair_terminals(
    gr: Graph,
    terms: dict[tuple[int, int], Terminal],
    regions: list[Region],
    s: float,
    p: Params,
    used: set[tuple[int, int]] | None = None,
) -> list[ReadLine]:
    """Pair each tail end with every end with a head that a trace reaches.

    :param used: filled with the heads' ends that a line was read to
    :returns: one line per pair of regions, the surest trace kept
    """
    found: dict[tuple[tuple[int, ...], tuple[int, ...]], ReadLine] = {}
    for key, t in terms.items():
        if t.head != "none" or t.region < 0 or not regions[t.region].node_ids:
            continue
        for key2, forks, path in trace(gr, terms, key, p):
            t2 = terms[key2]
            if t2.head == "none" or t2.region < 0 or t2.region == t.region:
                continue
            source, target = regions[t.region].node_ids, regions[t2.region].node_ids
            if not target or set(source) == set(target):
                continue
            conf = 1.0 - 0.15 * forks - 0.02 * (t.dist + t2.dist) / s
            if conf < p.min_confidence:
                continue
            if used is not None:
                used.add(key2)
            ends = [regions[t.region], regions[t2.region]]
            frames = [r.bbox if r.frame else None for r in ends]
            line = ReadLine(
                LineEnd(source, frames[0]),
                LineEnd(target, frames[1]),
                HEAD_KIND[t2.head],
                True,
                conf,
                tuple(_polyline(gr, path)),
            )
            old = found.get((source, target))
            if old is None or old.confidence < conf:
                found[(source, target)] = line
    return list(found.values())


@dataclass
class Traced:
    """What the reader has found before it pairs line ends: the figure's scale, the
    regions ends attach to (the nodes first, by index), the connectors' graph and their
    ends."""

    scale: float
    regions: list[Region]
    graph: Graph
    terms: dict[tuple[int, int], Terminal]
    #: the arrows too short to trace (:func:`pfocr.edges.short_arrows.short_arrows`)
    short: list[ShortArrow] = field(default_factory=list)
    #: the connectors' ink, the figure's ink, the nodes' mask grown a little and the
    #: heads' zones, for following a head's line where no trace reached it
    #: (:mod:`pfocr.edges.follow`; None where ``Params.follow_turn`` is 0)
    masks: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None


def trace_lines(
    rgb: np.ndarray,
    boxes: Sequence[Box],
    p: Params = DEFAULT,
    scale: float | None = None,
) -> Traced:
    """Find the connectors between node boxes and their ends, without pairing them.

    :param rgb: the image (H x W x 3, uint8)
    :param boxes: the nodes' boxes (x0, y0, x1, y1) in image pixels
    :param p: the reader's parameters
    :param scale: pixels per GPML unit (default: from the median box height)
    :returns: the traced state (:func:`read_lines` pairs its ends)
    """
    nodes = [Anchor(i, b) for i, b in enumerate(boxes)]
    s = scale if scale is not None else scale_from_nodes(nodes)
    ink = ink_mask(rgb, p)
    shapes = detect_shapes(ink, s)
    outlined: frozenset[int] = frozenset()
    if p.grow:  # labels' words -> the node shapes drawn around them
        words = nodes
        nodes = grow_to_shapes(nodes, shapes, p.grow, p.grow_min_width)
        outlined = frozenset(i for i, (w, n) in enumerate(zip(words, nodes, strict=True)) if w != n)
    mask = node_mask(ink.shape, nodes, s, p)
    regions = build_regions(nodes, shapes, mask, s, p)
    regions += frame_regions(rgb, nodes, regions, s, p)
    conn = ink & (mask == 0)
    conn = remove_text_specks(conn, s, p)
    conn = join_dashes(conn, s, p)
    filled, holes = fill_small_holes(conn, s, p)
    heads, head_kinds = find_heads(filled, holes, s, p)
    gr = build_graph(filled, heads, head_kinds, s, p)
    cut = cv2.dilate(mask, np.ones((5, 5), np.uint8)).astype(bool)
    mark_bars(gr, s, p, cut if p.node_stubs else None)
    split_at_nodes(gr, cut, s, p)
    terms = find_terminals(gr, regions, ink, cut, s, p, outlined, rgb)
    bridge_clips(gr, terms, s, p)
    if p.anchor_gap:
        unattach_anchored_heads(gr, terms, regions, ink, s, p)
    short = short_arrows(gr, regions, ink, s, p) if p.short_reach else []
    masks = (filled, ink, cut, heads) if p.follow_turn else None
    return Traced(s, regions, gr, terms, short, masks)


def _add_line(
    lines: list[ReadLine],
    pairs: set[tuple[tuple[int, ...], tuple[int, ...]]],
    ends: tuple[Region, Region],
    kind: str,
    conf: float,
    points: tuple[tuple[float, float], ...],
) -> None:
    """Add a line read apart from the traces, unless a line already joins its nodes (or
    both ends are the same nodes)."""
    key = (ends[0].node_ids, ends[1].node_ids)
    if key in pairs or set(key[0]) == set(key[1]):
        return
    pairs.add(key)
    lines.append(
        ReadLine(
            LineEnd(ends[0].node_ids, ends[0].bbox if ends[0].frame else None),
            LineEnd(ends[1].node_ids, ends[1].bbox if ends[1].frame else None),
            HEAD_KIND[kind],
            True,
            conf,
            points,
        )
    )


def pair_traced(t: Traced, p: Params) -> list[ReadLine]:
    """The lines of a traced figure: its ends paired (:func:`pair_terminals`), then the
    lines of heads no trace reached, followed back along their ink
    (:func:`pfocr.edges.follow.follow_heads`), and its arrows too short to trace, each
    where no line read before joins the same nodes.

    :param t: the traced state
    :param p: the reader's parameters
    :returns: the lines read
    """
    used: set[tuple[int, int]] = set()
    lines = pair_terminals(t.graph, t.terms, t.regions, t.scale, p, used)
    pairs = {(ln.source.nodes, ln.target.nodes) for ln in lines}
    if t.masks is not None:
        for si, ti, kind, points in follow_heads(
            t.graph, t.terms, t.regions, used, t.masks, t.scale, p
        ):
            ends = (t.regions[si], t.regions[ti])
            _add_line(lines, pairs, ends, kind, p.follow_confidence, points)
    for si, ti, kind, ds, dt, points in t.short:
        conf = 1.0 - 0.02 * (ds + dt) / t.scale
        if conf >= p.min_confidence:
            _add_line(lines, pairs, (t.regions[si], t.regions[ti]), kind, conf, points)
    return lines


def read_lines(
    rgb: np.ndarray,
    boxes: Sequence[Box],
    p: Params = DEFAULT,
    scale: float | None = None,
) -> list[ReadLine]:
    """Read the interactions drawn between node boxes.

    :param rgb: the image (H x W x 3, uint8)
    :param boxes: the nodes' boxes (x0, y0, x1, y1) in image pixels
    :param p: the reader's parameters
    :param scale: pixels per GPML unit (default: from the median box height)
    :returns: the lines read, each with its ends (indexes into ``boxes``)
    """
    return pair_traced(trace_lines(rgb, boxes, p, scale), p)
