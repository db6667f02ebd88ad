"""The connectors' pixels: ink outside the nodes, text specks removed, dashes joined,
small holes (open heads) filled, and the heads found."""

from __future__ import annotations

import math

import cv2
import numpy as np
from scipy import ndimage as ndi

from pfocr.edges.params import EIGHT, Params, px

# ---------------------------------------------------------------- connectors


def head_disc(s: float, p: Params) -> np.ndarray:
    """The opening's disc that thin lines do not survive and filled heads do."""
    r = px(p.head_open * s)
    disc: np.ndarray = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1, 2 * r + 1))
    return disc


def remove_text_specks(conn: np.ndarray, s: float, p: Params) -> np.ndarray:
    """Drop small components that are neither dash-like nor a head (letters of free text).

    A head drawn apart from its line (the last dash of a dashed arrow stops short of
    it) is a small compact component too: one that the heads' opening keeps a head's
    area of (:func:`find_heads`) is kept for the dashes to reach.
    """
    lab, n = ndi.label(conn, EIGHT)
    if n == 0:
        return conn
    objs = ndi.find_objects(lab)
    keep = np.zeros(n + 1, bool)
    opened = cv2.morphologyEx(conn.astype(np.uint8), cv2.MORPH_OPEN, head_disc(s, p))
    solid = np.bincount(lab[opened.astype(bool)], minlength=n + 1) >= p.head_min_area * s * s
    keep |= solid
    dmax = p.dash_max_len * s
    for i, sl in enumerate(objs, 1):
        h = sl[0].stop - sl[0].start
        w = sl[1].stop - sl[1].start
        if max(h, w) > dmax:
            keep[i] = True
            continue
        comp = lab[sl] == i
        area = comp.sum()
        length = math.hypot(h, w)
        if length >= 3 * s and area <= 2.2 * s * length + 2:  # thin and elongated: a dash
            keep[i] = True
    kept: np.ndarray = keep[lab]
    return kept


def _principal(ys: np.ndarray, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    c = np.array([ys.mean(), xs.mean()])
    pts = np.stack([ys, xs], 1) - c
    if len(pts) < 2:
        return c, c, np.array([0.0, 1.0])
    _, _, vt = np.linalg.svd(pts, full_matrices=False)
    d = vt[0]
    t = pts @ d
    return c + d * t.min(), c + d * t.max(), d


def join_dashes(conn: np.ndarray, s: float, p: Params) -> np.ndarray:
    """Bridge gaps between collinear dashes (and from a dash to the next line piece)."""
    lab, n = ndi.label(conn, EIGHT)
    if n == 0:
        return conn
    out = conn.astype(np.uint8)
    objs = ndi.find_objects(lab)
    dmax = p.dash_max_len * s
    gap = p.dash_gap * s
    hgt, wid = conn.shape
    for i, sl in enumerate(objs, 1):
        h = sl[0].stop - sl[0].start
        w = sl[1].stop - sl[1].start
        if max(h, w) > dmax:
            continue
        ys, xs = np.nonzero(lab[sl] == i)
        a, b, d = _principal(ys + sl[0].start, xs + sl[1].start)
        for end, sign in ((a, -1.0), (b, 1.0)):
            step = d * sign
            for k in range(2, int(gap) + 2):
                y, x = round(end[0] + step[0] * k), round(end[1] + step[1] * k)
                if not (0 <= y < hgt and 0 <= x < wid):
                    break
                hit = lab[max(0, y - 1) : y + 2, max(0, x - 1) : x + 2]
                other = hit[(hit != 0) & (hit != i)]
                if other.size:
                    cv2.line(out, (round(end[1]), round(end[0])), (x, y), 1, 1)
                    break
    return out.astype(bool)


def fill_small_holes(conn: np.ndarray, s: float, p: Params) -> tuple[np.ndarray, np.ndarray]:
    """Fill holes of open heads (triangles, circles); return the filled mask and hole mask."""
    filled = ndi.binary_fill_holes(conn)
    holes = filled & ~conn
    lab, n = ndi.label(holes)
    if n:
        sizes = ndi.sum(np.ones_like(lab), lab, index=np.arange(1, n + 1))
        small = np.zeros(n + 1, bool)
        small[1:] = sizes <= p.hole_max_area * s * s
        holes = small[lab]
    return conn | holes, holes


def find_heads(
    filled: np.ndarray, holes: np.ndarray, s: float, p: Params
) -> tuple[np.ndarray, dict[int, str]]:
    """Head blobs: what survives an opening that removes thin lines. Returns labels and kinds."""
    k = head_disc(s, p)
    opened = cv2.morphologyEx(filled.astype(np.uint8), cv2.MORPH_OPEN, k).astype(bool)
    lab, n = ndi.label(opened, EIGHT)
    kinds: dict[int, str] = {}
    if n == 0:
        return lab, kinds
    keep = np.zeros(n + 1, bool)
    for i, sl in enumerate(ndi.find_objects(lab), 1):
        comp = lab[sl] == i
        area = comp.sum()
        h = sl[0].stop - sl[0].start
        w = sl[1].stop - sl[1].start
        if not (p.head_min_area * s * s <= area <= p.head_max_area * s * s):
            continue
        if max(h, w) > 4 * min(h, w) + 2:
            continue  # thick line piece, not a head
        hole_frac = holes[sl][comp].mean()
        if hole_frac > 0.25:
            fill = area / max(1, h * w)
            kinds[i] = "circle" if fill > 0.62 else "open"
        else:
            kinds[i] = "filled"
        keep[i] = True
    lab = np.where(keep[lab], lab, 0)
    # grow heads back over the pixels the opening trimmed
    grown = cv2.dilate(lab.astype(np.float32), k).astype(np.int32)
    lab = np.where(filled & (lab == 0), grown, lab)
    return lab, kinds
