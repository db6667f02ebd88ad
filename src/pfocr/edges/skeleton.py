"""The connectors as a graph: skeleton branches between zones (junctions and heads)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from scipy import ndimage as ndi
from skimage.morphology import skeletonize

from pfocr.edges.params import EIGHT, Params, px


@dataclass
class Graph:
    """Skeleton graph: branches between zones (junctions, heads)."""

    branch_ends: dict[int, list[tuple[int, int, float, float, int]]]  # b -> [(y, x, dy, dx, zone)]
    branch_len: dict[int, int]
    branch_pixels: dict[int, np.ndarray]
    zone_branches: dict[int, list[tuple[int, int]]]  # zone -> [(branch, end index)]
    zone_kind: dict[int, str]  # "junction" or a head kind
    zone_pixels: dict[int, np.ndarray]


def opposed(
    gr: Graph, ends: list[tuple[int, int]], cos: float
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The pairs of branch ends (in the list's order) that leave their zone in opposite
    ways: the cosine between their directions below ``cos`` (a line running through).

    :param gr: the graph
    :param ends: (branch, end index) at one zone
    :param cos: the cosine under which two ways are opposite (-0.85, -0.9)
    :returns: the pairs, first by the first end's place in the list
    """
    ways = [np.array(gr.branch_ends[b][k][2:4], float) for b, k in ends]
    return [
        (ends[i], ends[j])
        for i in range(len(ends))
        for j in range(i + 1, len(ends))
        if float(ways[i] @ ways[j]) < cos
    ]


# ---------------------------------------------------------------- skeleton graph


def _neighbours(b: np.ndarray) -> np.ndarray:
    count: np.ndarray = ndi.convolve(b.astype(np.uint8), EIGHT.astype(np.uint8), mode="constant")
    out: np.ndarray = count - b
    return out


def _crossing_number(sk: np.ndarray) -> np.ndarray:
    """Number of 0->1 transitions around each pixel's 8-neighbourhood."""
    p = np.pad(sk.astype(np.int8), 1)
    ring = [
        p[:-2, 1:-1],
        p[:-2, 2:],
        p[1:-1, 2:],
        p[2:, 2:],
        p[2:, 1:-1],
        p[2:, :-2],
        p[1:-1, :-2],
        p[:-2, :-2],
    ]
    t = np.zeros(sk.shape, np.int8)
    for a, b in zip(ring, ring[1:] + ring[:1], strict=False):
        t += (a == 0) & (b == 1)
    return t


def build_graph(
    filled: np.ndarray, heads: np.ndarray, head_kinds: dict[int, str], s: float, p: Params
) -> Graph:
    sk: np.ndarray = skeletonize(filled)  # type: ignore[no-untyped-call]
    nb = _neighbours(sk)
    junction = sk & ((_crossing_number(sk) >= 3) | (nb >= 4))
    g = px(p.junction_grow * s)
    jz = cv2.dilate(junction.astype(np.uint8), np.ones((2 * g + 1, 2 * g + 1), np.uint8)).astype(
        bool
    )
    jlab, _nj = ndi.label(jz, EIGHT)
    nh = int(heads.max()) if heads.size else 0
    head_zone = heads > 0
    zones = np.where(head_zone, heads, np.where(jlab > 0, jlab + nh, 0))
    # a junction zone touching a head becomes part of the head
    over = (jlab > 0) & head_zone
    if over.any():
        pairs = set(zip(jlab[over].tolist(), heads[over].tolist(), strict=False))
        # each such junction's pixels take its head's id (the pairs' last word for a
        # junction touching two heads, as one assignment per pair would leave it), in
        # one pass over the image instead of one per pair
        head_of: dict[int, int] = {}
        for j, h in pairs:
            head_of[j] = h
        lut = np.zeros(int(jlab.max()) + 1, dtype=zones.dtype)
        lut[list(head_of)] = list(head_of.values())
        mapped = lut[jlab]
        taken = mapped > 0
        zones[taken] = mapped[taken]
    branches = sk & (zones == 0)
    blab, _nbr = ndi.label(branches, EIGHT)
    bnb = _neighbours(branches)
    ends = branches & (bnb <= 1)
    zone_pix: dict[int, np.ndarray] = {}
    zone_kind: dict[int, str] = {}
    for z, sl in enumerate(ndi.find_objects(zones), 1):
        if sl is None:
            continue
        ys, xs = np.nonzero(zones[sl] == z)
        zone_pix[z] = np.stack([ys + sl[0].start, xs + sl[1].start], 1)
        zone_kind[z] = head_kinds.get(z, "filled") if z <= nh else "junction"
    zp = np.pad(zones, 1)
    branch_ends: dict[int, list[tuple[int, int, float, float, int]]] = {}
    branch_len: dict[int, int] = {}
    branch_pixels: dict[int, np.ndarray] = {}
    zone_branches: dict[int, list[tuple[int, int]]] = {z: [] for z in zone_pix}
    dl = p.dir_len * s
    # every branch's pixels, in row-major order, grouped by branch in one sort (a mask per
    # branch costs as much as the image's bounding slice of each of thousands of branches)
    all_ys, all_xs = np.nonzero(blab)
    labels = blab[all_ys, all_xs]
    order = np.argsort(labels, kind="stable")
    all_ys, all_xs, labels = all_ys[order], all_xs[order], labels[order]
    at_end = ends[all_ys, all_xs]
    bounds = np.searchsorted(labels, np.arange(1, int(labels.max(initial=0)) + 2))
    for b in range(1, len(bounds)):
        lo, hi = int(bounds[b - 1]), int(bounds[b])
        if lo == hi:
            continue
        ys, xs = all_ys[lo:hi], all_xs[lo:hi]
        pix = np.stack([ys, xs], 1)
        branch_pixels[b] = pix
        branch_len[b] = len(pix)
        end_here = at_end[lo:hi]
        eps = list(zip(ys[end_here], xs[end_here], strict=False))
        if len(pix) == 1:
            eps = [eps[0], eps[0]] if eps else [(ys[0], xs[0])] * 2
        out = []
        for y, x in eps[:2] if len(eps) >= 2 else eps:
            near = pix[np.abs(pix - (y, x)).max(1) <= dl]
            v = near.mean(0) - (y, x)
            nv = float(np.hypot(*v)) or 1.0
            win = zp[y : y + 3, x : x + 3]
            zs = win[win > 0]
            z = int(np.bincount(zs).argmax()) if zs.size else 0
            out.append((int(y), int(x), float(v[0] / nv), float(v[1] / nv), z))
        branch_ends[b] = out
        for k, e in enumerate(out):
            if e[4]:
                zone_branches[e[4]].append((b, k))
    return Graph(branch_ends, branch_len, branch_pixels, zone_branches, zone_kind, zone_pix)


def mark_bars(gr: Graph, s: float, p: Params, at_node: np.ndarray | None = None) -> set[int]:
    """Junction zones that are T-bar ends: two short collinear spurs across one line.

    The spurs are removed from the graph; the zone becomes a terminal of kind ``bar``.
    Other short dangling spurs are removed too, except, with ``at_node``, one whose free
    end touches a node (a line that leaves a box and crosses another line at once).
    """
    bars: set[int] = set()
    lim = p.spur_len * s
    for z, inc in gr.zone_branches.items():
        if gr.zone_kind[z] != "junction":
            continue
        spurs = [
            (b, k)
            for b, k in inc
            if len(gr.branch_ends[b]) == 2
            and gr.branch_ends[b][1 - k][4] == 0
            and gr.branch_len[b] <= lim
        ]
        rest = [(b, k) for b, k in inc if (b, k) not in spurs]
        if len(spurs) == 2 and len(rest) == 1:
            d1 = np.array(gr.branch_ends[spurs[0][0]][spurs[0][1]][2:4])
            d2 = np.array(gr.branch_ends[spurs[1][0]][spurs[1][1]][2:4])
            dl = np.array(gr.branch_ends[rest[0][0]][rest[0][1]][2:4])
            if d1 @ d2 < -0.8 and abs(d1 @ dl) < 0.5:
                bars.add(z)
        if at_node is not None and z not in bars:
            spurs = [(b, k) for b, k in spurs if not _touches(gr, b, 1 - k, at_node)]
        if spurs and rest:
            for b, k in spurs:
                gr.zone_branches[z].remove((b, k))
                gr.branch_ends[b] = []
    for z in bars:
        gr.zone_kind[z] = "bar"
    return bars


def _touches(gr: Graph, b: int, k: int, where: np.ndarray) -> bool:
    y, x = gr.branch_ends[b][k][:2]
    win = where[max(0, y - 1) : y + 2, max(0, x - 1) : x + 2]
    return bool(win.any())


def split_at_nodes(gr: Graph, cut: np.ndarray, s: float, p: Params) -> int:
    """Split a branch that turns back at a node: two lines drawn from one point of a box.

    Two lines leaving a box at one point meet outside the node's mask and skeletonize
    to one branch shaped like a V, with no end at the box: each line then has a head
    at one end and nothing at the other. A branch that touches the mask along a short
    stretch only, away from its ends, and whose two sides leave that stretch less than
    ``split_deg`` apart, becomes two branches, each with a plain end there.

    :param cut: the nodes' mask (grown by a few pixels)
    :returns: how many branches were split
    """
    if not p.split_deg:
        return 0
    near = cv2.dilate(cut.astype(np.uint8), np.ones((3, 3), np.uint8)).astype(bool)
    dl = p.dir_len * s
    cos_max = math.cos(math.radians(p.split_deg))
    nxt = max(gr.branch_ends, default=0) + 1
    split = 0
    for b in list(gr.branch_ends):
        es = gr.branch_ends[b]
        pix = gr.branch_pixels.get(b)
        if len(es) != 2 or pix is None or len(pix) < 3 * dl:
            continue
        at = near[pix[:, 0], pix[:, 1]]
        if not at.any() or at.sum() > 2 * dl:
            continue
        touch = pix[at]
        apex = touch.mean(0)
        if np.abs(touch - apex).max() > dl:
            continue  # touches the mask in several places
        ends = [np.array(e[:2], float) for e in es]
        if min(float(np.hypot(*(e - apex))) for e in ends) < dl:
            continue  # the touch is at an end already
        # the branch's pixels on either side of the touch, by connectivity
        y0, x0 = pix.min(0)
        y1, x1 = pix.max(0)
        img = np.zeros((y1 - y0 + 1, x1 - x0 + 1), np.uint8)
        rest = pix[~at]
        img[rest[:, 0] - y0, rest[:, 1] - x0] = 1
        lab, n = ndi.label(img, EIGHT)
        if n != 2:
            continue
        sides = [rest[lab[rest[:, 0] - y0, rest[:, 1] - x0] == i] for i in (1, 2)]
        dirs = []
        for side in sides:
            close = side[np.hypot(*(side - apex).T) <= dl]
            if len(close) == 0:
                break
            v = close.mean(0) - apex
            dirs.append(v / (float(np.hypot(*v)) or 1.0))
        if len(dirs) != 2 or float(dirs[0] @ dirs[1]) < cos_max:
            continue  # a line passing by the box runs straight on
        new: list[tuple[int, list[tuple[int, int, float, float, int]], np.ndarray]] = []
        for side, d in zip(sides, dirs, strict=True):
            k = int(np.argmin([np.abs(side - e).max(1).min() for e in ends]))
            ins = side[np.argmin(np.hypot(*(side - apex).T))]
            new.append((k, [es[k], (int(ins[0]), int(ins[1]), float(d[0]), float(d[1]), 0)], side))
        if new[0][0] == new[1][0]:
            continue
        for k, (*_yx, z) in enumerate(es):
            if z:
                gr.zone_branches[z].remove((b, k))
        gr.branch_ends[b] = []
        for _k, bes, side in new:
            gr.branch_ends[nxt] = bes
            gr.branch_len[nxt] = len(side)
            gr.branch_pixels[nxt] = side
            if bes[0][4]:
                gr.zone_branches[bes[0][4]].append((nxt, 0))
            nxt += 1
        split += 1
    return split
