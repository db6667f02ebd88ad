"""T-bars drawn over a box's side in the line's own colour.

A T-bar as long as the side it meets (WikiPathways draws an inhibition's bar over the
target's border) adds no ink the border does not already have, so the reader's
thickness test (``bar_at_border``) cannot see it. Where the line and the box are drawn
in different colours (a red inhibition to a black box), the bar still shows as the
line's colour along the side on both sides of where the line meets it; and where a
black line meets a box outlined in grey, as a darker stretch of the border around the
line's end than the rest of that side (``dark_bar_at_border``).
"""

from __future__ import annotations

import numpy as np

from pfocr.edges.params import Box, BoxEnd, Params, facing_side, squareness

__all__ = ["BORDER_MAX", "colour_bar_at_border", "dark_bar_at_border"]

#: a box's side whose border is lighter than this grey level (0-255) along it has none
#: drawn (the side of a cluster of boxes, or of a group's padding)
BORDER_MAX = 235


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
    rgb: np.ndarray, ink: np.ndarray, end: BoxEnd, s: float, p: Params
) -> bool:
    """Whether the side of ``box`` that a line ending at (y, x) runs into carries a bar
    in the line's colour, drawn over or along the border.

    :param rgb: the image
    :param ink: its ink mask
    :param end: the line's end at the box
    :param s: the figure's scale
    :param p: the reader's parameters
    :returns: True when a bar of the line's colour spans the side around the end
    """
    y, x, inward, box = end.y, end.x, end.inward, end.box
    line = _line_colour(rgb, ink, y, x, inward, s)
    if line is None:
        return False
    lh, ls = _hue_sat(line[None, :])
    if ls[0] < 0.5:
        return False  # a grey line: nothing to tell a bar by
    if squareness(_rounded(box), y, x, inward) < 0.7:
        return False  # the line meets the side at a slant, or runs along it
    border = _border_colour(rgb, box)
    if border is None:
        return False
    bh, bs = _hue_sat(border[None, :])
    if bs[0] >= 0.25 and _hue_gap(lh, bh)[0] < 40:
        return False  # a line of the border's colour
    got = _side_band(rgb, y, x, box, s, p)
    if got is None:
        return False
    pos, m, band = got
    hue, sat = _hue_sat(band.reshape(-1, 3))
    like: np.ndarray = (sat >= 0.35) & (_hue_gap(hue, lh[0]) <= 20)
    return _spans_both_sides(np.asarray(like.reshape(band.shape[:2]).any(axis=1)), pos, m, s)


def dark_bar_at_border(rgb: np.ndarray, ink: np.ndarray, end: BoxEnd, s: float, p: Params) -> bool:
    """Whether the side of ``box`` that a grey or black line ending at (y, x) runs into
    carries a bar darker than the rest of that side's border, drawn over it.

    The grey form of :func:`colour_bar_at_border`: a black inhibition's bar drawn over a
    box outlined in grey adds no ink to the border's but darkens it where it lies. The
    side is compared with itself (renders draw a box's sides in different greys, for a
    shadow), on the border's own rows (other lines leaving the side are no bar).

    :param rgb: the image
    :param ink: its ink mask
    :param end: the line's end at the box
    :param s: the figure's scale
    :param p: the reader's parameters
    :returns: True when the line is darker than the side's border farther along, and
        the border around the end darker than that by ``p.dark_bar_gap`` on both sides of
        the end
    """
    y, x, inward, box = end.y, end.x, end.inward, end.box
    if squareness(_rounded(box), y, x, inward) < 0.7:
        return False  # the line meets the side at a slant, or runs along it
    line = _line_darkness(rgb, ink, y, x, inward, s)
    if line is None:
        return False
    side, base, sgn, lo, hi, m = _side_of(box, y, x)
    corner = round(3 * s)  # a rounded corner's curve is no straight border
    pos = np.arange(lo + 2 + corner, hi - 1 - corner)
    if pos.size == 0:
        return False
    band = _band(rgb, side, pos, base + sgn * np.arange(-1, 3))
    grey = band.mean(axis=2).min(axis=1)  # the border's darkest along each position
    far = grey[np.abs(pos - m) >= 9 * s]
    if far.size < 3:
        return False  # too short a side to compare with
    if (far <= BORDER_MAX).mean() < 0.8:
        return False  # no border drawn along the side (a cluster of boxes, a gap)
    light = float(np.median(far))
    if light - line < p.dark_bar_gap / 2:
        return False  # a border as dark as the line: nothing to tell a bar by
    dark = np.asarray(grey <= min(light - p.dark_bar_gap, (line + light) / 2), bool)
    return _spans_both_sides(dark, pos, m, s)


def _line_darkness(
    rgb: np.ndarray, ink: np.ndarray, y: int, x: int, inward: tuple[float, float], s: float
) -> float | None:
    """How dark a line is: the median over a few points back from its end of the darkest
    grey value across it (a thin line's ink is anti-aliased over two pixels)."""
    hgt, wid = ink.shape
    across = (-inward[1], inward[0])
    picks = []
    for k in range(int(2 * s) + 2, int(8 * s) + 3):
        cy, cx = y + inward[0] * k, x + inward[1] * k
        vals = [
            float(rgb[yy, xx].mean())
            for j in (-1, 0, 1)
            if 0 <= (yy := round(cy + across[0] * j)) < hgt
            and 0 <= (xx := round(cx + across[1] * j)) < wid
            and ink[yy, xx]
        ]
        if vals:
            picks.append(min(vals))
    return float(np.median(picks)) if len(picks) >= 3 else None


def _side_band(
    rgb: np.ndarray, y: int, x: int, box: Box, s: float, p: Params
) -> tuple[np.ndarray, int, np.ndarray] | None:
    """The pixels along the side a line end at (y, x) meets, from the border out past the
    node's margin: positions along the side, the end's position, and the band (along,
    depth, 3)."""
    side, base, sgn, lo, hi, m = _side_of(box, y, x)
    reach = int((p.node_margin + 1) * s) + 3
    half = int(8 * s) + 2
    pos = np.arange(max(lo + 1, m - half), min(hi - 1, m + half) + 1)
    if pos.size == 0:
        return None
    return pos, m, _band(rgb, side, pos, base + sgn * np.arange(0, reach))


def _rounded(box: Box) -> Box:
    x0, y0, x1, y1 = (round(v) for v in box)
    return (x0, y0, x1, y1)


def _side_of(box: Box, y: int, x: int) -> tuple[str, int, int, int, int, int]:
    """The side of the (rounded) box a line end at (y, x) meets: its letter, the border's
    row or column, the way out (-1 or 1), the side's extent along it, and the end's
    position along it."""
    x0, y0, x1, y1 = (round(v) for v in box)
    side, _ = facing_side((x0, y0, x1, y1), y, x)
    if side in "lr":
        return (side, x0, -1, y0, y1, y) if side == "l" else (side, x1, 1, y0, y1, y)
    return (side, y0, -1, x0, x1, x) if side == "t" else (side, y1, 1, x0, x1, x)


def _band(rgb: np.ndarray, side: str, pos: np.ndarray, depths: np.ndarray) -> np.ndarray:
    """The image's pixels at positions along a side and depths across it (rows or
    columns, clipped to the image): (along, depth, 3)."""
    hgt, wid = rgb.shape[:2]
    depths = np.clip(depths, 0, (wid if side in "lr" else hgt) - 1)
    if side in "lr":
        out: np.ndarray = rgb[np.clip(pos, 0, hgt - 1)][:, depths].astype(float)
    else:
        out = rgb[depths][:, np.clip(pos, 0, wid - 1)].astype(float).transpose(1, 0, 2)
    return out


def _spans_both_sides(marked: np.ndarray, pos: np.ndarray, m: int, s: float) -> bool:
    """Whether positions marked along a side cover most of a ring on both sides of m."""
    a = np.abs(pos - m)
    ring = (a >= 2.5 * s) & (a <= 5.5 * s)
    sides = [ring & (np.sign(pos - m) == sg) for sg in (1, -1)]
    if any(not sd.any() for sd in sides):
        return False
    return all(bool(marked[sd].mean() >= 0.8) for sd in sides)


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
