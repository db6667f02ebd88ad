"""The interaction reader's parameters and the small records its steps share.

Lengths are in units of the figure's scale ``s``: pixels per WikiPathways (GPML) unit,
from the median node height (a GPML node is 20 units high). The values were chosen on
the tune half of the WikiPathways dev renders (docs/interactions.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

Box = tuple[float, float, float, float]
#: 8-connectivity for labelling
EIGHT = np.ones((3, 3), bool)


@dataclass(frozen=True)
class Anchor:
    """A node the caller knows: its index and its box (x0, y0, x1, y1) in pixels."""

    id: int
    bbox: Box


@dataclass(frozen=True)
class BoxEnd:
    """A plain line end attached to a box, as the tests for a head hidden at the box's
    side read it: its row and column, the unit direction from it back along its line,
    and the box."""

    y: int
    x: int
    inward: tuple[float, float]
    box: Box


@dataclass(frozen=True)
class Params:
    """Tunable parameters; lengths are in units of the figure scale ``s`` (px per GPML unit)."""

    ink_max: int = 175  # a pixel is ink when its darkest channel is below this
    node_margin: float = 2.0  # node boxes are masked grown by this (x s, + 1 px)
    attach_tol: float = 11.0  # an end attaches to a region at most this far (x s) beyond the mask
    head_open: float = 2.0  # opening radius (x s) that keeps filled heads, drops lines
    head_min_area: float = 14.0  # min head blob area (x s^2)
    head_max_area: float = 700.0  # max head blob area (x s^2)
    hole_max_area: float = 200.0  # holes smaller than this (x s^2) are open heads
    dash_gap: float = 6.0  # dashes this far apart (x s) along their axis are joined
    dash_max_len: float = 16.0  # a dash is at most this long (x s)
    junction_grow: float = 2.0  # junction pixels grown by this (x s) into one zone
    dir_len: float = 8.0  # branch direction measured over this length (x s)
    spur_len: float = 9.0  # free branches shorter than this (x s) at a junction are spurs
    straight_deg: float = 35.0  # max turn at a crossing
    fork_deg: float = 60.0  # max turn at a three-way junction
    #: keep short branches from a node's border to a junction (not spurs)
    node_stubs: bool = False
    min_confidence: float = 0.5
    cluster_gap: float = 3.0  # gene boxes this close (x s) form a cluster (group members)
    group_gap: float = 5.5  # an end farther (x s) from the nearest box is a group end ...
    group_min: float = 6.5  # ... when at least this far (groups pad members by 8 units)
    #: a head between the two, at a member of a cluster of touching boxes, is the cluster's
    band_heads: bool = False
    #: a junction off the mask where two or more lines leave a group, away from it, is
    #: their start at the group (a fan-out from a point of its padding or frame) ...
    fan_groups: bool = False
    fan_reach: float = 10.0  # ... within this (x s) of its members
    fan_out: float = 0.2  # ... each line leaving at least this steeply (cosine) outward
    #: a head no line leaves, between two node regions within this (x s) of it on
    #: opposite sides, is an arrow too short to trace (0: not read)
    short_reach: float = 0.0
    #: a head farther than this (x s) from its node, on a line that runs straight
    #: through it and is an interaction read end to end, is that line's anchor and no
    #: end at the node (0: not read; :mod:`pfocr.edges.anchors`)
    anchor_gap: float = 0.0
    #: a head at a node that no trace reached is followed back along its line's ink to
    #: the node it leaves, the line bending at most this much (degrees; 0: not read;
    #: :mod:`pfocr.edges.follow`) ...
    follow_turn: float = 0.0
    follow_corners: int = 0  # ... and turning square at this many elbow corners
    follow_confidence: float = 0.7  # the confidence of a line so followed
    #: an end between the two whose line's ink runs on to a member's box is the member's
    touch_test: bool = False
    #: a plain end at a box on an open triangle whose tip the box's side cuts is an open head
    open_at_border: bool = False
    #: a plain end at a box whose side shows the line's colour on both sides of it: a bar
    colour_bars: bool = False
    #: ... or, for a grey or black line darker than the box's border, a bar darker than
    #: the border by this many grey levels (0-255) on both sides of the end
    dark_bars: bool = False
    dark_bar_gap: float = 40.0
    #: ... or a bar square to a slanted line across its end (``tilted_bars``)
    tilted_bars: bool = False
    open_reach: float = 14.0  # ... looked for this far (x s) around the end
    open_near: float = 3.0  # ... whose hole comes this close (x s) to the end and the box
    #: a plain line end may attach to a group's drawn frame (the group as a source)
    plain_frames: bool = False
    #: a branch that turns back at a node's mask, its sides less than this apart
    #: (degrees), is two lines drawn from one point of the box (0: not split)
    split_deg: float = 0.0
    #: a closed outline with no node inside that runs through a node's box is a loop of
    #: connectors (lines along nodes' sides), not a node that absorbs line ends
    loop_shapes: bool = False
    max_depth: int = 40
    max_states: int = 400  # trace budget per line end
    #: the boxes are labels' words, not node shapes: grow each to the drawn outline
    #: around it (at most this many times its area; 0: do not grow)
    grow: float = 0.0
    #: ... counting a label's box as at least this many of its heights wide (0: as it is)
    grow_min_width: float = 0.0
    #: touching boxes form clusters whose members a line's end may stand for
    clusters: bool = True
    #: a pixel is light ink (a group's frame, drawn light grey) below this (0: not read)
    frame_max: int = 0


@dataclass
class Region:
    """Something a line end may attach to: a caller node, a group of them, or a non-gene shape."""

    bbox: Box
    node_ids: tuple[int, ...]  # empty: a shape that is no caller node (absorbs ends)
    stack: str = ""  # for a stack of touching boxes: its end sides, "tb" or "lr"
    #: a drawn frame around its members: an end inside it is as far from it as from its
    #: border (a line that runs in to one member is that member's, not the group's)
    frame: bool = False


def box_dist(box: Box, y: float, x: float) -> float:
    """Distance from a point to a box (0 inside)."""
    dx = max(box[0] - x, 0.0, x - box[2])
    dy = max(box[1] - y, 0.0, y - box[3])
    return math.hypot(dx, dy)


def box_offsets(pix: np.ndarray, box: Box) -> np.ndarray:
    """Each point's offset (y, x) from a box's nearest point (0 inside).

    :param pix: points (y, x), one per row
    :param box: the box
    :returns: one offset per row
    """
    ys, xs = pix[:, 0].astype(float), pix[:, 1].astype(float)
    dx = np.maximum(np.maximum(box[0] - xs, 0), xs - box[2]) * np.sign(xs - box[0])
    dy = np.maximum(np.maximum(box[1] - ys, 0), ys - box[3]) * np.sign(ys - box[1])
    out: np.ndarray = np.stack([dy, dx], 1)
    return out


def squareness(box: Box, y: float, x: float, inward: tuple[float, float]) -> float:
    """How squarely a line ending at (y, x) meets the side of ``box`` it runs into: the
    cosine between the line (``inward``, the unit direction back along it) and the
    side's normal (1 square-on, 0 along the side).

    :param box: the box (x0, y0, x1, y1)
    :param y: the end's row
    :param x: the end's column
    :param inward: the unit direction from the end back along the line
    :returns: the cosine, 0-1
    """
    side, _ = facing_side(box, y, x)
    normal = (0.0, 1.0) if side in "lr" else (1.0, 0.0)
    return abs(inward[0] * normal[0] + inward[1] * normal[1])


def facing_side(box: Box, y: float, x: float) -> tuple[str, float]:
    """The side of a box a point lies beyond (``l``, ``r``, ``t`` or ``b``), and how far
    beyond it (negative inside the box).

    :param box: the box (x0, y0, x1, y1)
    :param y: the point's row
    :param x: the point's column
    :returns: the side and the point's distance out from it
    """
    x0, y0, x1, y1 = box
    dists = {"l": x0 - x, "r": x - x1, "t": y0 - y, "b": y - y1}
    side = max(dists, key=lambda k: dists[k])
    return side, dists[side]


def px(v: float) -> int:
    """A length in whole pixels, at least 1."""
    return max(1, round(v))


def inside(inner: Box, outer: Box, slack: float) -> bool:
    """Whether a box lies inside another, with some slack."""
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def iou(a: Box, b: Box) -> float:
    """Intersection over union of two boxes."""
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    ua = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / ua if ua > 0 else 0.0


def area(b: Box) -> float:
    """A box's area."""
    return (b[2] - b[0]) * (b[3] - b[1])
