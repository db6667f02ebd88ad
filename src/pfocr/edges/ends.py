"""Line ends: where each branch of the connector graph stops, what head it has, and which
region it touches."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from scipy import ndimage as ndi
from scipy.spatial import cKDTree

from pfocr.edges.colour_bars import colour_bar_at_border, dark_bar_at_border
from pfocr.edges.params import (
    Box,
    BoxEnd,
    Params,
    Region,
    area,
    box_dist,
    box_offsets,
    facing_side,
)
from pfocr.edges.skeleton import Graph, opposed
from pfocr.edges.tilted_bars import tilted_bar_at_box


@dataclass
class Terminal:
    branch: int
    end: int
    head: str  # none, filled, open, circle, bar
    region: int  # index into regions, -1 when attached to nothing
    dist: float


# ---------------------------------------------------------------- ends and tracing


def region_boxes(regions: list[Region]) -> np.ndarray:
    """The regions' boxes as one array (x0, y0, x1, y1 per row), stacks' rows at infinity
    (no end attaches to a stack directly), for :func:`attach`.

    :param regions: the regions
    :returns: an R x 4 array
    """
    out = np.array([r.bbox for r in regions], float).reshape(-1, 4)
    stacks = np.array([bool(r.stack) for r in regions], bool)
    out[stacks] = np.inf
    return out


def attach(
    point_set: np.ndarray,
    regions: list[Region],
    s: float,
    p: Params,
    boxes: np.ndarray | None = None,
    frames: bool = True,
    ink: np.ndarray | None = None,
    outlined: frozenset[int] = frozenset(),
    heading: tuple[float, float] | None = None,
    head: bool = False,
) -> tuple[int, float]:
    """Nearest region to any of the points, within tolerance. A group's frame is as far
    as its border, from outside or in; it does not take an end at one of its members or
    deep inside it (a line that runs in to one member is that member's).

    :param boxes: :func:`region_boxes` of ``regions``, when the caller attaches many ends
    :param frames: whether the end may attach to a group's light frame (a head may; a
        plain end at a frame is as often a head the reader missed, whose line would then
        be read backwards from the group)
    :param ink: the figure's ink: a line's end in the unsure band whose ink runs on,
        under the nodes' mask, into a member's drawn outline touches that member
    :param outlined: the regions that are nodes grown to a drawn outline
    :param heading: the way the line runs on beyond its end (y, x), for a single point
    :param head: whether the end is a head (or a point lines fan out from): in the band
        between a member's reach and a group's padding, at a member of a cluster of
        touching boxes, it is the cluster's (``Params.band_heads``)
    """
    tol = (p.node_margin + p.attach_tol) * s + 1
    best, bd = -1, tol
    ys, xs = point_set[:, 0], point_set[:, 1]
    y0, y1, x0, x1 = ys.min(), ys.max(), xs.min(), xs.max()
    b = region_boxes(regions) if boxes is None else boxes
    # the regions within reach of the points' extent, in their order (a stack never is)
    across = (b[:, 0] - tol <= x1) & (b[:, 2] + tol >= x0)
    near = np.flatnonzero(across & (b[:, 1] - tol <= y1) & (b[:, 3] + tol >= y0))
    for i in near.tolist():
        r = regions[i]
        if r.frame and not frames:
            continue
        each = _dists(xs, ys, r.bbox)
        if r.frame:
            within = each == 0
            depth = _depths(xs, ys, r.bbox)
            if within.all() and float(depth.min()) > 2 * s:
                continue  # within the frame, not at it
            if any(
                float(_dists(xs, ys, regions[m].bbox).min()) <= p.group_gap * s for m in r.node_ids
            ):
                continue  # at a member (regions[i] is node i's box): the member's end
            each = np.where(within, depth, each)
        d = float(each.min())
        # prefer the smaller region when nested (member box inside a group)
        if d < bd - 0.5 or (
            abs(d - bd) <= 0.5 and best >= 0 and area(r.bbox) < area(regions[best].bbox)
        ):
            best, bd = i, d
    if best >= 0 and bd > p.group_gap * s and len(regions[best].node_ids) == 1:
        if bd < p.group_min * s:
            if (
                ink is not None
                and heading is not None
                and best in outlined
                and _ink_runs_to(ink, point_set[0], heading, regions[best].bbox)
            ):
                return best, bd  # its line runs on to the box: the member's end
            if head and _to_cluster(best, regions) != best:
                return _to_cluster(best, regions), bd
            return -1, bd  # neither at a box nor at a group's padding: unsure
        best = _to_cluster(best, regions)
    return best, bd


def _ink_runs_to(
    ink: np.ndarray, point: np.ndarray, heading: tuple[float, float], box: Box
) -> bool:
    """Whether ink runs on without a gap from a line's end, the way the line runs, into a
    box (within twice the end's distance to it, and two pixels)."""
    y, x = float(point[0]), float(point[1])
    dy, dx = heading
    steps = int(np.ceil(2 * box_dist(box, y, x))) + 2
    hgt, wid = ink.shape
    for k in range(steps + 1):
        cy, cx = round(y + dy * k), round(x + dx * k)
        if box[0] <= cx <= box[2] and box[1] <= cy <= box[3]:
            return True
        if not ink[max(0, cy - 1) : min(hgt, cy + 2), max(0, cx - 1) : min(wid, cx + 2)].any():
            return False
    return False


def _dists(xs: np.ndarray, ys: np.ndarray, box: Box) -> np.ndarray:
    """Each point's distance to a box (0 inside)."""
    dx = np.maximum(np.maximum(box[0] - xs, 0), xs - box[2])
    dy = np.maximum(np.maximum(box[1] - ys, 0), ys - box[3])
    out: np.ndarray = np.hypot(dx, dy)
    return out


def _depths(xs: np.ndarray, ys: np.ndarray, box: Box) -> np.ndarray:
    """Each point's distance to a box's border, from inside."""
    out: np.ndarray = np.minimum(
        np.minimum(xs - box[0], box[2] - xs), np.minimum(ys - box[1], box[3] - ys)
    )
    return out


def _to_cluster(best: int, regions: list[Region]) -> int:
    """An end that stops a group's padding away from a member box attaches to its cluster."""
    nid = regions[best].node_ids
    if len(nid) != 1:
        return best
    for i, r in enumerate(regions):
        if r.stack and nid[0] in r.node_ids:
            return i
    return best


def bar_at_border(ink: np.ndarray, y: int, x: int, box: Box, s: float, p: Params) -> bool:
    """A T-bar drawn on (or just outside) the side of the box that a line end runs into.

    Counts ink along the side's outward normal at each position along the side: a bar
    makes the border thicker near where the line meets it than farther along the side.
    """
    x0, y0, x1, y1 = (round(v) for v in box)
    side, _ = facing_side((x0, y0, x1, y1), y, x)
    reach = int((p.node_margin + 1) * s) + 3
    half = int(16 * s)
    hgt, wid = ink.shape
    if side in "lr":
        lo, hi, m = y0 + 2, y1 - 2, y
        base = x0 + 1 if side == "l" else x1 - 1
        sgn = -1 if side == "l" else 1
        pos = np.arange(max(lo, m - half), min(hi, m + half) + 1)
        if pos.size == 0:
            return False
        cols = np.clip(base + sgn * np.arange(0, reach), 0, wid - 1)
        counts = ink[np.clip(pos, 0, hgt - 1)][:, cols].sum(1)
    else:
        lo, hi, m = x0 + 2, x1 - 2, x
        base = y0 + 1 if side == "t" else y1 - 1
        sgn = -1 if side == "t" else 1
        pos = np.arange(max(lo, m - half), min(hi, m + half) + 1)
        if pos.size == 0:
            return False
        rows = np.clip(base + sgn * np.arange(0, reach), 0, hgt - 1)
        counts = ink[rows][:, np.clip(pos, 0, wid - 1)].sum(0)
    a = np.abs(pos - m)
    near = counts[(a >= 2.5 * s) & (a <= 5.5 * s)]
    far = counts[a >= 7 * s]
    if near.size < 2 or far.size < 3 or (far > 0).mean() < 0.8:
        return False  # no straight border to compare with (rounded or short side)
    base_far = float(np.median(far))
    sides = [counts[(a >= 2.5 * s) & (a <= 5.5 * s) & (sg * (pos - m) > 0)] for sg in (1, -1)]
    return all(sd.size and float(np.median(sd)) >= base_far + 1.0 for sd in sides)


def open_head_at_border(ink: np.ndarray, y: int, x: int, box: Box, s: float, p: Params) -> bool:
    """An open triangle whose tip touches the side of the box that a line end runs into.

    The nodes' mask cuts such a triangle's outline at its tip, so its inside is no hole
    in the connectors and its lines' ends read as plain. In the figure's own ink (the box
    drawn too) the inside is a hole again: one of a head's size next to the end, that
    reaches the box, is a triangle (most of its smallest enclosing triangle), no longer
    than 1.6 times its width, narrows toward the box and is as wide on both sides of its
    apex: a round bowl (a letter's), a square, a lopsided triangle of crossing lines or
    the sliver between two lines that converge on a box is none.
    """
    x0, y0, x1, y1 = box
    side, out = facing_side(box, y, x)
    if out < 0:
        return False  # inside the box
    half = int(p.open_reach * s) + 4
    hgt, wid = ink.shape
    wy0, wy1 = max(0, y - half), min(hgt, y + half + 1)
    wx0, wx1 = max(0, x - half), min(wid, x + half + 1)
    lab, n = ndi.label(~ink[wy0:wy1, wx0:wx1])
    if n == 0:
        return False
    edge = np.unique(np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]]))
    lo, hi = p.head_min_area * s * s, p.hole_max_area * s * s
    for i in range(1, n + 1):
        if i in edge:
            continue
        ys, xs = np.nonzero(lab == i)
        if not lo <= ys.size <= hi:
            continue
        ys, xs = ys + wy0, xs + wx0
        if np.hypot(ys - y, xs - x).min() > p.open_near * s + 1:
            continue  # not at this end
        # depth: distance out from the box's side; across: position along the side
        if side in "lr":
            depth = (x0 - xs) if side == "l" else (xs - x1)
            across = ys
        else:
            depth = (y0 - ys) if side == "t" else (ys - y1)
            across = xs
        if depth.min() < -1 or depth.min() > p.open_near * s + 1:
            continue  # within the box's side, or not reaching it
        if _open_triangle(depth.astype(int), across.astype(int), ys, xs):
            return True
    return False


def _open_triangle(depth: np.ndarray, across: np.ndarray, ys: np.ndarray, xs: np.ndarray) -> bool:
    """Whether a hole's pixels form a triangle with its apex at the smallest depth."""
    d0, d1 = int(depth.min()), int(depth.max())
    if d1 - d0 < 3:
        return False
    widths = np.bincount(depth - d0, minlength=d1 - d0 + 1)
    if d1 - d0 + 1 > 1.6 * widths.max():
        return False  # a sliver between converging lines, longer than a head is
    if widths[: max(1, (d1 - d0 + 1) // 4)].max() > 0.5 * widths.max():
        return False  # no narrower toward the box
    if int(np.argmax(widths)) < (d1 - d0) // 2:
        return False  # widest nearer the box than away from it
    near = depth <= d0 + max(1, (d1 - d0) // 4)
    wide = depth >= d1 - max(1, (d1 - d0) // 4)
    if abs(float(across[near].mean()) - float(across[wide].mean())) > 0.25 * widths.max() + 1:
        return False  # the apex is off the base's middle
    pts = np.stack([xs, ys], 1).astype(np.float32).reshape(-1, 1, 2)
    tri_area, _ = cv2.minEnclosingTriangle(pts)
    return bool(tri_area > 0 and ys.size / tri_area >= 0.7)


def _head_at_box(
    rgb: np.ndarray | None,
    ink: np.ndarray,
    end: BoxEnd,
    s: float,
    p: Params,
    taken: np.ndarray | None = None,
    drawn: bool = False,
) -> str:
    """The head a plain end has at a box's side that the connectors lost under the nodes'
    mask: a bar that thickens the side, a bar drawn over it in the line's colour or
    darker than the border (``drawn``: the box is a node's drawn outline, not a
    cluster's or a word's box), a bar square to a slanted line (``taken``: ink that is
    no such bar, see :func:`_taken`), an open triangle whose tip touches the side; or
    ``none``."""
    if bar_at_border(ink, end.y, end.x, end.box, s, p):
        return "bar"
    if p.colour_bars and rgb is not None and colour_bar_at_border(rgb, ink, end, s, p):
        return "bar"
    if p.dark_bars and drawn and rgb is not None and dark_bar_at_border(rgb, ink, end, s, p):
        return "bar"
    if p.tilted_bars and taken is not None and tilted_bar_at_box(ink, taken, end, s, p):
        return "bar"
    if p.open_at_border and open_head_at_border(ink, end.y, end.x, end.box, s, p):
        return "open"
    return "none"


def _crossing(gr: Graph, inc: list[tuple[int, int]]) -> bool:
    """Whether a junction's four branches are two lines crossing (two straight pairs)."""
    if len(inc) != 4:
        return False
    pairs = opposed(gr, inc, -0.9)
    return len(pairs) >= 2 and len({x for pr in pairs for x in pr}) == 4


def _fan_from_group(
    gr: Graph,
    inc: list[tuple[int, int]],
    pix: np.ndarray,
    regions: list[Region],
    s: float,
    p: Params,
    boxes: np.ndarray,
) -> tuple[int, float, list[tuple[int, int]]]:
    """A junction off the nodes' mask where lines fan out from a group: two or more
    branches leaving a point within a group's padding of its members (or on its drawn
    frame), away from the group, not two lines crossing; a line that runs through the
    point along the group's side is no part of the fan.

    :returns: the group's region, its distance, and the fan's branches (none: no fan)
    """
    if len(inc) < 3 or _crossing(gr, inc):
        return -1, 0.0, []
    ri, d = attach(pix, regions, s, p, boxes, head=True)
    if ri < 0 or len(regions[ri].node_ids) < 2 or d > p.fan_reach * s:
        return -1, 0.0, []
    out = box_offsets(pix.mean(axis=0)[None, :], regions[ri].bbox)[0]
    norm = float(np.hypot(*out))
    if norm < 1.0:
        return -1, 0.0, []
    out /= norm  # the way out of the group at the point

    def outward(key: tuple[int, int]) -> float:
        return float(np.array(gr.branch_ends[key[0]][key[1]][2:4], float) @ out)

    along = [key for key in inc if abs(outward(key)) < 0.35]
    passing = {key for pair in opposed(gr, along, -0.9) for key in pair}
    fan = [key for key in inc if key not in passing]
    if len(fan) < 2 or any(outward(key) <= p.fan_out for key in fan):
        return -1, 0.0, []
    return ri, d, fan


def _taken(gr: Graph, ink: np.ndarray, s: float) -> np.ndarray:
    """Ink that is no T-bar across a line's end, grown by one pixel: the graph's lines
    (but spurs and short free pieces, which a bar's half that the nodes' mask leaves
    is), and straight runs along either axis longer than a bar (boxes' sides)."""
    out = np.zeros(ink.shape[:2], np.uint8)
    for b, pix in gr.branch_pixels.items():
        es = gr.branch_ends.get(b, [])
        if len(es) == 2 and len(pix) and (len(pix) >= 12 * s or es[0][4] or es[1][4]):
            out[pix[:, 0], pix[:, 1]] = 1
    run = max(3, round(18 * s))
    u8 = ink.astype(np.uint8)
    out |= np.asarray(cv2.morphologyEx(u8, cv2.MORPH_OPEN, np.ones((1, run), np.uint8)), np.uint8)
    out |= np.asarray(cv2.morphologyEx(u8, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8)), np.uint8)
    grown: np.ndarray = cv2.dilate(out, np.ones((3, 3), np.uint8)).astype(bool)
    return grown


def bridge_clips(gr: Graph, terms: dict[tuple[int, int], Terminal], s: float, p: Params) -> None:
    """Rejoin a line that only clips a node's margin or corner (two facing ends close by)."""
    lim = 2 * (p.node_margin * s + 1) + 6 * s
    plain = [k for k, t in terms.items() if t.head == "none" and gr.branch_ends[k[0]][k[1]][4] == 0]
    used: set[tuple[int, int]] = set()
    zid = max(gr.zone_kind, default=0) + 1
    if len(plain) < 2:
        return
    # only ends within reach of each other can pair: found through a k-d tree, then taken
    # in the order of the pairs of the list (as a loop over every pair would)
    points = np.array([gr.branch_ends[k[0]][k[1]][:2] for k in plain], float)
    near = sorted(cKDTree(points).query_pairs(lim))
    for i, j in near:
        a, b = plain[i], plain[j]
        if a in used or b in used or a[0] == b[0]:
            continue
        ya, xa, dya, dxa, _ = gr.branch_ends[a[0]][a[1]]
        yb, xb, dyb, dxb, _ = gr.branch_ends[b[0]][b[1]]
        v = np.array([yb - ya, xb - xa], float)
        dist = float(np.hypot(*v))
        if dist > lim or dist < 1 or dya * dyb + dxa * dxb > -0.85:
            continue
        travel = -np.array([dya, dxa])
        lateral = abs(travel[0] * v[1] - travel[1] * v[0])
        if lateral / dist > 0.35 or travel @ v <= 0:
            continue
        for key, (y, x, dy, dx, _) in ((a, (ya, xa, dya, dxa, 0)), (b, (yb, xb, dyb, dxb, 0))):
            gr.branch_ends[key[0]][key[1]] = (y, x, dy, dx, zid)
            del terms[key]
            used.add(key)
        gr.zone_branches[zid] = [a, b]
        gr.zone_kind[zid] = "junction"
        gr.zone_pixels[zid] = np.array([[ya, xa], [yb, xb]])
        zid += 1


def find_terminals(
    gr: Graph,
    regions: list[Region],
    ink: np.ndarray,
    cut: np.ndarray,
    s: float,
    p: Params,
    outlined: frozenset[int] = frozenset(),
    rgb: np.ndarray | None = None,
) -> dict[tuple[int, int], Terminal]:
    """Line ends: free branch ends, heads, bars, and junctions cut by a node mask.

    :param outlined: the regions that are nodes grown to a drawn outline
    :param rgb: the image, to tell bars drawn over a box's side by their colour
    """
    terms: dict[tuple[int, int], Terminal] = {}
    boxes = region_boxes(regions)
    taken = _taken(gr, ink, s) if p.tilted_bars else None
    touch = ink if p.touch_test else None
    for b, es in gr.branch_ends.items():
        for k, (y, x, dy, dx, z) in enumerate(es):
            if z == 0:
                # a plain end: at a group frame it may be a head missed (see attach), so
                # it is the group's only with ``plain_frames`` (measured: stop 34)
                ri, d = attach(
                    np.array([[y, x]]),
                    regions,
                    s,
                    p,
                    boxes,
                    p.plain_frames,
                    touch,
                    outlined,
                    (-dy, -dx),
                )
                head = "none"
                if ri >= 0:
                    box = regions[ri].bbox
                    drawn = ri in outlined  # a node's own drawn outline
                    end = BoxEnd(y, x, (dy, dx), box)
                    head = _head_at_box(rgb, ink, end, s, p, taken, drawn)
                terms[(b, k)] = Terminal(b, k, head, ri, d)
    for z, inc in gr.zone_branches.items():
        kind = gr.zone_kind[z]
        if not inc:
            continue
        pix = gr.zone_pixels[z]
        if kind == "junction":
            if len(inc) > 1 and not cut[pix[:, 0], pix[:, 1]].any():
                ri, d, fan = (
                    _fan_from_group(gr, inc, pix, regions, s, p, boxes)
                    if p.fan_groups
                    else (-1, 0.0, [])
                )
                for b, k in fan:  # a fan's lines start at the group
                    terms[(b, k)] = Terminal(b, k, "none", ri, d)
                continue
            kind = "none"
        ri, d = attach(pix, regions, s, p, boxes, head=p.band_heads and kind != "none")
        if len(inc) > 1 and ri < 0:
            continue
        for b, k in inc:
            terms[(b, k)] = Terminal(b, k, kind, ri, d)
    return terms
