"""The way a drawn arrowhead points, from its ink: a triangle's mass lies towards its
base, so along its axis it is skewed towards its tip."""

from __future__ import annotations

import cv2
import numpy as np
from scipy import ndimage as ndi

from pfocr.edges.params import Box

__all__ = ["tip_way"]


def tip_way(ink: np.ndarray, pix: np.ndarray, boxes: list[Box], s: float) -> np.ndarray | None:
    """The way (unit y, x) a head drawn in ``ink`` points: its ink as drawn around the
    zone ``pix`` (the nodes' mask cut it), outside the given boxes, a line's stub opened
    off; its axis the principal one, the tip the way its mass is skewed (a triangle's
    skewness along its axis is 0.57). None when it is not skewed (a thick line's piece).
    """
    m = max(2, round(4 * s))
    y0, x0 = np.maximum(pix.min(axis=0) - m, 0)
    y1, x1 = pix.max(axis=0) + m + 1
    win = ink[y0:y1, x0:x1].astype(np.uint8).copy()
    for b in boxes:  # the boxes and their outlines are no part of the head
        bx0, by0 = max(0, round(b[0]) - 1 - int(x0)), max(0, round(b[1]) - 1 - int(y0))
        bx1, by1 = round(b[2]) + 2 - int(x0), round(b[3]) + 2 - int(y0)
        if bx1 > 0 and by1 > 0:
            win[by0:by1, bx0:bx1] = 0
    opened = np.asarray(cv2.morphologyEx(win, cv2.MORPH_OPEN, np.ones((3, 3), np.uint8)))
    lab, _ = ndi.label(opened)
    hit = lab[pix[:, 0] - y0, pix[:, 1] - x0]
    hit = hit[hit > 0]
    if not hit.size:
        return None
    ys, xs = np.nonzero(lab == np.bincount(hit).argmax())
    pts = np.stack([ys, xs], 1).astype(float)
    if len(pts) < 12:
        return None
    pts -= pts.mean(axis=0)
    _, _, vt = np.linalg.svd(pts, full_matrices=False)
    t = pts @ vt[0]
    sd = float(t.std())
    skew = float((t**3).mean()) / sd**3 if sd > 0 else 0.0
    if abs(skew) < 0.3:
        return None
    way: np.ndarray = vt[0] * np.sign(skew)
    return way
