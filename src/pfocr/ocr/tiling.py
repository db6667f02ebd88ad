"""Overlapping tiles for reading large images at native resolution.

Each tile owns a core region (the tile less half the overlap on each inner edge); a
line is kept only by the tile whose core holds its centre, so a label that two tiles
both read is kept once, and a label cut by a tile edge is kept from the tile that
sees it whole (when it is narrower than the overlap).
"""

from __future__ import annotations

from dataclasses import dataclass

from pfocr.ocr.models import Box

__all__ = ["Tile", "keep_in_core", "tiles"]


@dataclass(frozen=True)
class Tile:
    """A tile in scaled-image pixels, with its core region."""

    x0: int
    y0: int
    x1: int
    y1: int
    cx0: float
    cy0: float
    cx1: float
    cy1: float


def _spans(length: int, size: int, overlap: int) -> list[tuple[int, int]]:
    if length <= size + overlap:
        return [(0, length)]
    step = size
    starts = list(range(0, length - overlap, step))
    spans = []
    for s in starts:
        e = min(s + size + overlap, length)
        spans.append((s, e))
        if e == length:
            break
    return spans


def tiles(width: int, height: int, size: int, overlap: int) -> list[Tile]:
    """Cut an image into overlapping tiles.

    :param width: image width
    :param height: image height
    :param size: tile step (a tile is at most ``size + overlap`` wide)
    :param overlap: overlap between neighbouring tiles
    :returns: tiles covering the image; one tile when it is small enough
    """
    xs = _spans(width, size, overlap)
    ys = _spans(height, size, overlap)
    out = []
    for i, (x0, x1) in enumerate(xs):
        cx0 = 0.0 if i == 0 else x0 + overlap / 2
        cx1 = float(width) if i == len(xs) - 1 else xs[i + 1][0] + overlap / 2
        for j, (y0, y1) in enumerate(ys):
            cy0 = 0.0 if j == 0 else y0 + overlap / 2
            cy1 = float(height) if j == len(ys) - 1 else ys[j + 1][0] + overlap / 2
            out.append(Tile(x0, y0, x1, y1, cx0, cy0, cx1, cy1))
    return out


def keep_in_core(box: Box, tile: Tile, factor: float) -> bool:
    """Say whether a line (in original pixels) belongs to this tile.

    :param box: the line box in original pixels
    :param tile: the tile (in scaled pixels)
    :param factor: the scale factor between original and scaled pixels
    :returns: True when the line's centre lies in the tile's core
    """
    cx = sum(p[0] for p in box) / 4 * factor
    cy = sum(p[1] for p in box) / 4 * factor
    return tile.cx0 <= cx < tile.cx1 and tile.cy0 <= cy < tile.cy1
