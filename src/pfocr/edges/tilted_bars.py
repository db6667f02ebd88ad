"""T-bars across a slanted line's end, where it meets a box.

A line that meets a box's side at a slant ends in a bar drawn square to the line, not
along the side: a short stroke through the end, half of it over the box (or hidden
under the box's fill), that the nodes' mask cuts to a spur the skeleton drops. In the
figure's own ink it is still there: ink across the line's end, on both sides of it (or
on one, where the other lies under the box), that stops within a bar's length.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pfocr.edges.params import Box, BoxEnd, Params, squareness

__all__ = ["tilted_bar_at_box"]

#: where the bar is looked for, across the line (x s, both sides of it): past the line's
#: own width, within a bar's half-length (a WikiPathways bar is about 16 units long)
RING = (2.5, 5.5)
#: where the bar has stopped (x s): a line that runs on across the end is no bar
BEYOND = (9.0, 12.0)
#: how thin a bar is (x s): nothing across the line this far back or on from it
THICK = 3.0
#: a line meets the side square-on (cosine to its normal above this, under 15 degrees)
SQUARE = 0.97


def _from_border(ys: np.ndarray, xs: np.ndarray, box: Box) -> np.ndarray:
    """Each point's distance to the box's outline (inside or out), in pixels."""
    x0, y0, x1, y1 = box
    inside = (xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1)
    d_in = np.minimum(np.minimum(xs - x0, x1 - xs), np.minimum(ys - y0, y1 - ys))
    dx = np.maximum(np.maximum(x0 - xs, xs - x1), 0.0)
    dy = np.maximum(np.maximum(y0 - ys, ys - y1), 0.0)
    out: np.ndarray = np.where(inside, d_in, np.hypot(dx, dy))
    return out


def _inside(ys: np.ndarray, xs: np.ndarray, box: Box) -> np.ndarray:
    x0, y0, x1, y1 = box
    out: np.ndarray = (xs > x0 + 1) & (xs < x1 - 1) & (ys > y0 + 1) & (ys < y1 - 1)
    return out


def tilted_bar_at_box(ink: np.ndarray, taken: np.ndarray, end: BoxEnd, s: float, p: Params) -> bool:
    """Whether a plain line end at (y, x), attached to ``box``, ends in a bar square to
    the line, at the end or between it and the box.

    Looked for at each step from the end on toward the box: ink across the line over
    most of :data:`RING` on both sides (a side inside the box may show none: the box's
    fill hides it), none over most of :data:`BEYOND` (the bar stops), the box's own
    outline left out (a side met square-on is the other bar tests' case), and no other
    traced line or box side there.

    :param ink: the figure's ink mask (the nodes unmasked)
    :param taken: ink that is no bar: the lines the reader traced (two lines drawn from
        one point of a box) and boxes' sides
    :param end: the line's end at the box
    :param s: the figure's scale
    :param p: the reader's parameters
    :returns: True when such a bar crosses the line's end
    """
    y, x, inward, box = end.y, end.x, end.inward, end.box
    if squareness(box, y, x, inward) > SQUARE:
        return False  # a line square to the side: its bar lies along the border
    ty, tx = -inward[0], -inward[1]  # on toward the box
    qy, qx = tx, -ty  # across the line
    near = np.arange(RING[0] * s, RING[1] * s + 1.0)
    far = np.arange(BEYOND[0] * s, BEYOND[1] * s + 1.0)
    for d in range(0, int((p.node_margin + 1) * s) + 4):
        cy, cx = y + ty * d, x + tx * d
        ways = [(qy * sg, qx * sg) for sg in (1, -1)]
        got = [_side(ink, taken, cy, cx, way, near, far, box) for way in ways]
        sides = [sd for sd in got if sd is not None]
        if len(sides) < 2:
            continue
        marked = [sd for sd in sides if sd.hit >= 0.8]
        if not marked or any(sd.runs_on for sd in marked):
            continue
        if len(marked) < 2 and not any(sd.hit < 0.8 and sd.hidden for sd in sides):
            continue
        if all(
            _thin(ink, taken, cy, cx, (ty, tx), way, near, far, box, s)
            for way, sd in zip(ways, got, strict=True)
            if sd is not None and sd.hit >= 0.8
        ):
            return True
    return False


def _thin(
    ink: np.ndarray,
    taken: np.ndarray,
    cy: float,
    cx: float,
    along: tuple[float, float],
    way: tuple[float, float],
    near: np.ndarray,
    far: np.ndarray,
    box: Box,
    s: float,
) -> bool:
    """Whether the ink across the line at (cy, cx) on one side (``way``) is a stroke as
    thin as a bar: none there a few units back along the line or on toward the box (an
    arrowhead's base, which a head drawn at a box's corner shows, is as wide but runs
    on to its tip)."""
    for k in (-THICK * s, THICK * s):
        side = _side(ink, taken, cy + along[0] * k, cx + along[1] * k, way, near, far, box)
        if side is not None and side.hit >= 0.5:
            return False
    return True


@dataclass(frozen=True)
class _Side:
    hit: float  # the share of the ring's points on ink (0 where it is another line's)
    hidden: bool  # the ring lies inside the box (its fill may hide a bar's half)
    runs_on: bool  # ink beyond a bar's length too


def _side(
    ink: np.ndarray,
    taken: np.ndarray,
    cy: float,
    cx: float,
    way: tuple[float, float],
    near: np.ndarray,
    far: np.ndarray,
    box: Box,
) -> _Side | None:
    """What lies across a line at (cy, cx) on one side (``way``); None where the box's
    outline covers the ring."""
    hgt, wid = ink.shape
    ys, xs = cy + way[0] * near, cx + way[1] * near
    ry, rx = np.rint(ys).astype(int), np.rint(xs).astype(int)
    ok = (ry >= 0) & (ry < hgt) & (rx >= 0) & (rx < wid)
    ok &= _from_border(ys, xs, box) > 1.5  # the box's outline is no bar
    if ok.sum() < 2:
        return None
    hit = float(ink[ry[ok], rx[ok]].mean())
    if taken[ry[ok], rx[ok]].mean() >= 0.5:
        hit = 0.0  # another line leaving the box here, or a box's side
    fy = np.rint(cy + way[0] * far).astype(int)
    fx = np.rint(cx + way[1] * far).astype(int)
    fok = (fy >= 0) & (fy < hgt) & (fx >= 0) & (fx < wid)
    runs_on = bool(fok.any() and ink[fy[fok], fx[fok]].mean() >= 0.5)
    return _Side(hit, bool(_inside(ys, xs, box).mean() >= 0.5), runs_on)
