"""T-bars drawn over a box's side in the line's own colour.

A T-bar as long as the side it meets (WikiPathways draws an inhibition's bar over the
target's border) adds no ink the border does not already have, so the reader's
thickness test (``bar_at_border``) cannot see it. Where the line and the box are drawn
in different colours (a red inhibition to a black box), the bar still shows as the
line's colour along the side on both sides of where the line meets it.
"""

from __future__ import annotations

import numpy as np

from pfocr.edges.params import Box, Params, facing_side

__all__ = ["colour_bar_at_border"]


def _line_colour(
    rgb: np.ndarray, ink: np.ndarray, y: int, x: int, inward: tuple[float, float], s: float
) -> np.ndarray | None:
    """The median colour of the line's ink a few pixels back from its end."""
    hgt, wid = ink.shape
    picks = []
    for k in range(int(2 * s) + 2, int(8 * s) + 3):
        cy, cx = round(y + inward[0] * k), round(x + inward[1] * k)
        if 0 <= cy < hgt and 0 <= cx < wid and ink[cy, cx]:
            picks.append(rgb[cy, cx])
    if len(picks) < 3:
        return None
    out: np.ndarray = np.median(np.array(picks, float), axis=0)
    return out


def colour_bar_at_border(
    rgb: np.ndarray,
    ink: np.ndarray,
    y: int,
    x: int,
    inward: tuple[float, float],
    box: Box,
    s: float,
    p: Params,
) -> bool:
    """Whether the side of ``box`` that a line ending at (y, x) runs into carries a bar
    in the line's colour, drawn over or along the border.

    :param rgb: the image
    :param ink: its ink mask
    :param y: the line end's row
    :param x: the line end's column
    :param inward: the unit direction from the end back along the line
    :param box: the box the end attaches to
    :param s: the figure's scale
    :param p: the reader's parameters
    :returns: True when a bar of the line's colour spans the side around the end
    """
    line = _line_colour(rgb, ink, y, x, inward, s)
    if line is None:
        return False
    lh, ls = _hue_sat(line[None, :])
    if ls[0] < 0.5:
        return False  # a grey line: nothing to tell a bar by
    x0, y0, x1, y1 = (round(v) for v in box)
    side, _ = facing_side((x0, y0, x1, y1), y, x)
    normal = (0.0, 1.0) if side in "lr" else (1.0, 0.0)
    if abs(inward[0] * normal[0] + inward[1] * normal[1]) < 0.7:
        return False  # the line meets the side at a slant, or runs along it
    border = _border_colour(rgb, box)
    if border is None:
        return False
    bh, bs = _hue_sat(border[None, :])
    if bs[0] >= 0.25 and _hue_gap(lh, bh)[0] < 40:
        return False  # a line of the border's colour
    reach = int((p.node_margin + 1) * s) + 3
    half = int(8 * s) + 2
    hgt, wid = ink.shape
    if side in "lr":
        base, sgn = (x0, -1) if side == "l" else (x1, 1)
        lo, hi, m = y0 + 1, y1 - 1, y
    else:
        base, sgn = (y0, -1) if side == "t" else (y1, 1)
        lo, hi, m = x0 + 1, x1 - 1, x
    pos = np.arange(max(lo, m - half), min(hi, m + half) + 1)
    if pos.size == 0:
        return False
    depths = np.clip(base + sgn * np.arange(0, reach), 0, (wid if side in "lr" else hgt) - 1)
    if side in "lr":
        band = rgb[np.clip(pos, 0, hgt - 1)][:, depths].astype(float)  # (along, depth, 3)
    else:
        band = rgb[depths][:, np.clip(pos, 0, wid - 1)].astype(float).transpose(1, 0, 2)
    hue, sat = _hue_sat(band.reshape(-1, 3))
    like: np.ndarray = (sat >= 0.35) & (_hue_gap(hue, lh[0]) <= 20)
    near_line = np.asarray(like.reshape(band.shape[:2]).any(axis=1), bool)
    a = np.abs(pos - m)
    ring = (a >= 2.5 * s) & (a <= 5.5 * s)
    sides = [ring & (np.sign(pos - m) == sg) for sg in (1, -1)]
    if any(not sd.any() for sd in sides):
        return False
    return all(bool(near_line[sd].mean() >= 0.8) for sd in sides)


def _hue_sat(px: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hue (degrees) and saturation (0-1) of RGB rows."""
    mx, mn = px.max(1), px.min(1)
    chroma = mx - mn
    sat = np.where(mx > 0, chroma / np.maximum(mx, 1e-9), 0.0)
    r, g, b = px[:, 0], px[:, 1], px[:, 2]
    c = np.maximum(chroma, 1e-9)
    hue = np.where(mx == r, ((g - b) / c) % 6, np.where(mx == g, (b - r) / c + 2, (r - g) / c + 4))
    return hue * 60.0, sat


def _hue_gap(a: np.ndarray, b: np.ndarray | float) -> np.ndarray:
    d = np.abs(np.asarray(a) - b) % 360.0
    out: np.ndarray = np.minimum(d, 360.0 - d)
    return out


def _border_colour(rgb: np.ndarray, box: Box) -> np.ndarray | None:
    """The colour a box is outlined in: the darkest pixel across each side's border line,
    over the middle half of all four sides (a bar tints one side at most)."""
    hgt, wid = rgb.shape[:2]
    x0, y0, x1, y1 = (round(v) for v in box)
    xs = np.clip(np.arange(x0 + (x1 - x0) // 4, x1 - (x1 - x0) // 4), 0, wid - 1)
    ys = np.clip(np.arange(y0 + (y1 - y0) // 4, y1 - (y1 - y0) // 4), 0, hgt - 1)
    picks = []
    for yb in (y0, y1):  # top and bottom: (3 rows, n, 3)
        cut = rgb[np.clip(np.arange(yb - 1, yb + 2), 0, hgt - 1)][:, xs].astype(float)
        picks.append(cut[cut.sum(2).argmin(0), np.arange(cut.shape[1])])
    for xb in (x0, x1):  # left and right: (n, 3 columns, 3)
        cut = rgb[ys][:, np.clip(np.arange(xb - 1, xb + 2), 0, wid - 1)].astype(float)
        picks.append(cut[np.arange(cut.shape[0]), cut.sum(2).argmin(1)])
    every = np.concatenate(picks, axis=0)
    if every.shape[0] < 4:
        return None
    out: np.ndarray = np.median(every, axis=0)
    return out
