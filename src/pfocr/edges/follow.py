"""Heads whose line the tracer lost, followed back along their ink.

The tracer walks the connectors' skeleton graph from a line's tail, and gives up where
the graph does not say which way the line goes on: lines crossing at a shallow angle
merge into one stretch of skeleton, a line drawn through a fan of others leaves a knot
of junctions, a dashed line that starts along its box's border leaves no clean tail. A
head at a node that no traced line reached is followed here instead, from its base back
along the line's ink, as a pen would: a step at a time in the way the line runs,
re-centred on the ink across it, held straight through crossings (where the ink across
is wider than a line) and across gaps as long as a dashed line's, until it meets a
node's mask, and runs on into that node's box (a line passing by a node does not).
A stretch may bend by ``Params.follow_turn`` degrees; at its end, an elbow's square
corner (ink running on to one side only: both sides is a crossing or a T) starts the
next stretch, up to ``Params.follow_corners`` times.

Which way a line leaves its head: the skeleton's branch where the triangle points
straight against it; else the triangle's own axis, from its base (its branch runs into
a corner, or is too short to say). A bar's branch must run square to it; a circle (a
catalysis' mark, often on another line's anchor) is not followed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from pfocr.edges.ends import Terminal, attach, region_boxes
from pfocr.edges.head_way import tip_way
from pfocr.edges.params import Box, Params, Region
from pfocr.edges.skeleton import Graph

__all__ = [
    "FOLLOW_WHY",
    "Followed",
    "FollowedArrow",
    "follow_head",
    "follow_heads",
    "follow_line",
]


@dataclass(frozen=True)
class Followed:
    """Where a line followed from a head ends: the point (y, x) in the nodes' mask that
    it reached, the way it ran there (y, x, unit), and its polyline (x, y)."""

    end: tuple[int, int]
    heading: tuple[float, float]
    points: tuple[tuple[float, float], ...]


def _run_at_centre(ink: np.ndarray, y: float, x: float, py: float, px_: float, r: int) -> list[int]:
    """The offsets across the line (``-r..r`` along ``(py, px_)``) of the run of ink
    nearest the centre; empty where there is none."""
    hgt, wid = ink.shape
    hits = []
    for o in range(-r, r + 1):
        iy, ix = round(y + o * py), round(x + o * px_)
        hits.append(0 <= iy < hgt and 0 <= ix < wid and bool(ink[iy, ix]))
    on = [o - r for o, h in enumerate(hits) if h]
    if not on:
        return []
    start = min(on, key=abs)
    run = [start]
    for step in (-1, 1):
        o = start + step
        while -r <= o <= r and hits[o + r]:
            run.append(o)
            o += step
    return sorted(run)


@dataclass
class _Pen:
    """A follow's state: where it is, which way it goes, the way its segment started,
    the points it passed and the run of steps without ink."""

    y: float
    x: float
    dy: float
    dx: float
    first: tuple[float, float]
    trail: list[tuple[float, float]]
    gap: int = 0


def _segment(
    pen: _Pen,
    ink: np.ndarray,
    stop: np.ndarray,
    s: float,
    p: Params,
    heads: np.ndarray | None,
    own: int,
) -> str:
    """Follow one straight stretch of a line; say how it ended: ``stop`` (a node's mask
    reached), ``gap`` (the ink ran out), ``turn`` (the line bent away), ``lost``."""
    hgt, wid = ink.shape
    cos_turn = math.cos(math.radians(p.follow_turn))
    r = max(2, round(1.5 * s))
    max_gap = p.dash_gap * s + 2
    look = max(4, round(6 * s))
    seg = 0
    for _ in range(hgt + wid):
        pen.y, pen.x = pen.y + pen.dy, pen.x + pen.dx
        iy, ix = round(pen.y), round(pen.x)
        if not (0 <= iy < hgt and 0 <= ix < wid):
            return "lost"
        if stop[iy, ix]:
            return "stop"
        if heads is not None and heads[iy, ix] not in (0, own):
            return "lost"
        run = _run_at_centre(ink, pen.y, pen.x, -pen.dx, pen.dy, r)
        if not run:
            pen.gap += 1
            if pen.gap > max_gap:
                return "gap"
            continue
        pen.gap = 0
        if len(run) < 2 * r + 1:  # the line itself, not a crossing: re-centre on it
            shift = 0.5 * (run[0] + run[-1]) / 2
            pen.y, pen.x = pen.y - pen.dx * shift, pen.x + pen.dy * shift
        pen.trail.append((pen.y, pen.x))
        seg += 1
        if seg > look:
            ty, tx = pen.y - pen.trail[-look][0], pen.x - pen.trail[-look][1]
            tn = math.hypot(ty, tx)
            if tn > 0:
                ny, nx = ty / tn, tx / tn
                if ny * pen.first[0] + nx * pen.first[1] < cos_turn:
                    return "turn"
                pen.dy, pen.dx = ny, nx
    return "lost"


def _ink_run(
    ink: np.ndarray, y: float, x: float, dy: float, dx: float, start: int, most: int
) -> int:
    """How many steps of ink in a row from ``start`` steps along (dy, dx) from (y, x)."""
    hgt, wid = ink.shape
    n = 0
    for k in range(start, start + most):
        iy, ix = round(y + dy * k), round(x + dx * k)
        if not (0 <= iy < hgt and 0 <= ix < wid and ink[iy, ix]):
            break
        n += 1
    return n


def _corner(pen: _Pen, ink: np.ndarray, s: float) -> bool:
    """Turn the pen at an elbow's corner: where its stretch ended, the one side of the
    line (not both: a crossing, or a line that ends on another) along which ink runs on
    square to it for at least four units. Moves the pen there and says whether it turned."""
    r = max(2, round(1.5 * s))
    need = max(4, round(4 * s))
    back = max(4, round(6 * s))
    # where the stretch was last straight: the corner is from there to a little ahead
    by, bx = pen.trail[-back] if len(pen.trail) > back else pen.trail[0]
    dy, dx = pen.first
    best: tuple[int, float, float, float, float] | None = None
    for j in range(0, back + 2 * r + 1):
        cy, cx = by + dy * j, bx + dx * j
        runs = [
            (_ink_run(ink, cy, cx, sy, sx, r + 1, need), sy, sx)
            for sy, sx in ((-dx, dy), (dx, -dy))
        ]
        long = [(n, sy, sx) for n, sy, sx in runs if n >= need]
        if len(long) == 1 and (best is None or long[0][0] > best[0]):
            best = (long[0][0], cy, cx, long[0][1], long[0][2])
    if best is None:
        return False
    _, cy, cx, sy, sx = best
    pen.y, pen.x = cy + sy * r, cx + sx * r
    pen.dy, pen.dx = sy, sx
    pen.first = (sy, sx)
    pen.gap = 0
    pen.trail.append((cy, cx))
    pen.trail.append((pen.y, pen.x))
    return True


def follow_line(
    ink: np.ndarray,
    stop: np.ndarray,
    start: tuple[int, int],
    way: tuple[float, float],
    s: float,
    p: Params,
    heads: np.ndarray | None = None,
    own: int = 0,
) -> Followed | str:
    """Follow a line's ink from ``start`` in the way ``way`` until it reaches ``stop``.

    :param ink: the connectors' ink (nodes masked out, dashes joined)
    :param stop: where a line ends: the nodes' mask, grown a little
    :param start: the first point (y, x), on the line
    :param way: the way the line runs from it (y, x)
    :param s: the figure's scale
    :param p: the reader's parameters (``follow_turn``, ``follow_corners``, ``dash_gap``)
    :param heads: the heads' zones by label: a follow that runs into one other than
        ``own`` (the head it starts from) finds nothing
    :param own: the label of the head it starts from
    :returns: where it ended; else why it found nothing: ``the ink ends`` (past a gap
        longer than a dashed line's, as at an elbow's corner), ``the line bends away``,
        ``another head in the way`` (or the image's edge), ``stops short of a node``,
        ``no way out of the head`` (no way given)
    """
    norm = math.hypot(*way)
    if norm == 0:
        return "no way out of the head"
    dy, dx = way[0] / norm, way[1] / norm
    pen = _Pen(
        float(start[0]), float(start[1]), dy, dx, (dy, dx), [(float(start[0]), float(start[1]))]
    )
    corners = 0
    while True:
        how = _segment(pen, ink, stop, s, p, heads, own)
        if how == "stop":
            if pen.gap > 2:
                return "stops short of a node"
            pts = [*pen.trail[:: max(1, len(pen.trail) // 16)], (pen.y, pen.x)]
            end = (round(pen.y), round(pen.x))
            return Followed(end, (pen.dy, pen.dx), tuple((float(a), float(b)) for b, a in pts))
        if how == "lost":
            return "another head in the way"
        if corners >= p.follow_corners or not _corner(pen, ink, s):
            return "the ink ends" if how == "gap" else "the line bends away"
        corners += 1


#: a triangle's tip at most this far from straight against its line's way (cosine)
_ALONG = math.cos(math.radians(25))
#: a bar's axis at least this square to its line (cosine)
_ACROSS = math.cos(math.radians(70))

#: (source region, target region, head kind, the line (x, y) from source to target)
FollowedArrow = tuple[int, int, str, tuple[tuple[float, float], ...]]


def _start(
    gr: Graph, drawn: np.ndarray, key: tuple[int, int], head: str, box: Box, s: float
) -> tuple[tuple[int, int, float, float], bool] | None:
    """Where a head's line leaves it and which way (y, x, dy, dx), and whether that was
    read from the head's shape rather than from its branch of the skeleton.

    A triangle's branch says it where the triangle points straight against it
    (:func:`tip_way`, on the figure's ink with the node's box cut out); where it points
    elsewhere (the branch runs into an elbow's corner or another line), or the branch is
    too short to say, the line leaves the triangle's base against the way it points.
    A triangle that does not read as one (a head the box's outline hides half of) is
    taken at its branch's word. A bar's branch must run square to it. A circle (a
    catalysis' mark, as often on another line's anchor) is never followed.
    """
    b, k = key
    y, x, dy, dx, zone = gr.branch_ends[b][k]
    pix = gr.zone_pixels.get(zone)
    if pix is None or len(pix) < 3:
        return None
    along = gr.branch_len.get(b, 0) >= 2 * s
    if head == "bar":
        pts = pix.astype(float) - pix.mean(axis=0)
        _, _, vt = np.linalg.svd(pts, full_matrices=False)
        across = abs(float(vt[0][0] * dy + vt[0][1] * dx)) < _ACROSS
        return ((y, x, dy, dx), False) if along and across else None
    if head not in ("filled", "open"):
        return None
    tip = tip_way(drawn, pix, [box], s)
    if tip is None:
        return ((y, x, dy, dx), False) if along else None
    if along and float(tip[0] * dy + tip[1] * dx) < -_ALONG:
        return (y, x, dy, dx), False
    base = pix[int(np.argmin(pix @ tip))]
    return (int(base[0]), int(base[1]), -float(tip[0]), -float(tip[1])), True


def _enters(got: Followed, box: Box, s: float, p: Params) -> bool:
    """Whether a line followed to a node's mask runs on into the node's box (within the
    mask's margin and a little more), as a line that leaves the node does; a line that
    grazes the mask passing by does not."""
    y, x = got.end
    dy, dx = got.heading
    reach = round((p.node_margin + 2) * s) + 3
    for k in range(reach + 1):
        py, px_ = y + dy * k, x + dx * k
        if box[0] <= px_ <= box[2] and box[1] <= py <= box[3]:
            return True
    return False


#: why a head's line was not followed to a node: what :func:`follow_head` (and, for its
#: ink, :func:`follow_line`) returns in place of a line, in the order it meets them
FOLLOW_WHY = (
    "a circle",
    "no way out of the head",
    "runs back into its node",
    "the ink ends",
    "the line bends away",
    "another head in the way",
    "stops short of a node",
    "reaches no node",
    "reaches its own node or a shape",
    "passes by the node",
)


def follow_head(
    gr: Graph,
    terms: dict[tuple[int, int], Terminal],
    regions: list[Region],
    key: tuple[int, int],
    masks: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    s: float,
    p: Params,
    boxes: np.ndarray,
    shaped: set[int] | None = None,
) -> FollowedArrow | str:
    """Follow one head's line back to the node it leaves (:func:`follow_line`).

    :param gr: the connectors' graph
    :param terms: the line ends
    :param regions: the regions ends attach to
    :param key: the head's end (branch, end index), attached to a node
    :param masks: the connectors' ink, the figure's ink, the nodes' mask grown a little,
        and the heads' zones by label (the graph's zone numbers)
    :param s: the figure's scale
    :param p: the reader's parameters
    :param boxes: the regions' boxes (:func:`pfocr.edges.ends.region_boxes`)
    :param shaped: where given, the head's zone is added to it when the way out was
        read from the head's shape (the same whichever of its branches asks)
    :returns: the line, or why none was read (one of :data:`FOLLOW_WHY`)
    """
    ink, drawn, stop, heads = masks
    t = terms[key]
    if t.head == "circle":
        return "a circle"
    tb = regions[t.region].bbox
    start = _start(gr, drawn, key, t.head, tb, s)
    if start is None:
        return "no way out of the head"
    (y, x, dy, dx), by_shape = start
    zone = gr.branch_ends[key[0]][key[1]][4]
    if by_shape and shaped is not None:
        shaped.add(zone)
    if ((tb[1] + tb[3]) / 2 - y) * dy + ((tb[0] + tb[2]) / 2 - x) * dx > 0:
        return "runs back into its node"
    got = follow_line(ink, stop, (y, x), (dy, dx), s, p, heads, zone)
    if isinstance(got, str):
        return got
    src, _d = attach(np.array([got.end]), regions, s, p, boxes, p.plain_frames, heading=got.heading)
    if src < 0:
        return "reaches no node"
    if src == t.region or not regions[src].node_ids:
        return "reaches its own node or a shape"
    if not _enters(got, regions[src].bbox, s, p):
        return "passes by the node"  # a line passing by the node, not one leaving it
    return (src, t.region, t.head, tuple(reversed(got.points)))


def follow_heads(
    gr: Graph,
    terms: dict[tuple[int, int], Terminal],
    regions: list[Region],
    used: set[tuple[int, int]],
    masks: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    s: float,
    p: Params,
) -> list[FollowedArrow]:
    """The lines of heads at a node that no trace reached, followed back to the node
    they leave (:func:`follow_head`).

    :param gr: the connectors' graph
    :param terms: the line ends
    :param regions: the regions ends attach to
    :param used: the heads' ends that a traced line already took
    :param masks: the connectors' ink, the figure's ink, the nodes' mask grown a little,
        and the heads' zones by label (the graph's zone numbers)
    :param s: the figure's scale
    :param p: the reader's parameters
    :returns: one per head whose line reaches another node
    """
    out: list[FollowedArrow] = []
    boxes = region_boxes(regions)
    seen: set[int] = set()  # heads whose shape gave their line's way, followed once
    for key, t in terms.items():
        if t.head == "none" or t.region < 0 or key in used or not regions[t.region].node_ids:
            continue
        zone = gr.branch_ends[key[0]][key[1]][4]
        if zone in seen:
            continue
        got = follow_head(gr, terms, regions, key, masks, s, p, boxes, seen)
        if not isinstance(got, str):
            out.append(got)
    return out
