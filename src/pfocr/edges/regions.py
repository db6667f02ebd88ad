"""Where line ends may attach: the caller's node boxes, drawn shapes around them,
drawn groups of them, and shapes with text that are no caller node (they catch ends so
those are not given to a wrong gene)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np

from pfocr.edges.params import Anchor, Box, Params, Region, area, inside, iou, px

__all__ = [
    "Shape",
    "build_regions",
    "detect_shapes",
    "frame_regions",
    "grow_to_shapes",
    "ink_mask",
    "node_mask",
    "scale_from_nodes",
]


def ink_mask(rgb: np.ndarray, p: Params) -> np.ndarray:
    """Dark or saturated pixels."""
    ink: np.ndarray = rgb.min(axis=2) < p.ink_max
    return ink


def scale_from_nodes(nodes: list[Anchor]) -> float:
    """Figure scale: node boxes are 20 GPML units high in most WikiPathways diagrams."""
    if not nodes:
        return 1.0
    h = float(np.median([n.bbox[3] - n.bbox[1] for n in nodes]))
    return float(np.clip(h / 20.0, 0.8, 4.0))


@dataclass
class Shape:
    """A closed outline drawn in the figure (a node's shape or a group's)."""

    bbox: Box
    contour: np.ndarray
    has_text: bool


def detect_shapes(ink: np.ndarray, s: float) -> list[Shape]:
    """Closed outlines (rectangles, ellipses) with something inside: node shapes, groups."""
    contours, hier = cv2.findContours(ink.astype(np.uint8), cv2.RETR_TREE, cv2.CHAIN_APPROX_SIMPLE)
    if hier is None:
        return []
    hier = hier[0]
    depth = np.zeros(len(contours), int)
    for i in range(len(contours)):
        d, j = 0, hier[i][3]
        while j != -1:
            d, j = d + 1, hier[j][3]
        depth[i] = d
    shapes = []
    for i, c in enumerate(contours):
        if depth[i] % 2 == 0:
            continue  # outer boundary, not a hole
        x, y, w, h = cv2.boundingRect(c)
        if w < 12 * s or h < 8 * s:
            continue
        if cv2.contourArea(c) < 0.7 * w * h:
            continue
        shapes.append(Shape((x, y, x + w, y + h), c, hier[i][2] != -1))
    return shapes


def grow_to_shapes(
    nodes: list[Anchor], shapes: list[Shape], most: float, min_width: float = 0.0
) -> list[Anchor]:
    """Grow each node's box (a label's words) to the drawn shape around it: the smallest
    closed outline that holds the box, no other node's box, and at most ``most`` times
    its area. A label with no such outline keeps its box.

    :param nodes: the nodes, by their words' boxes
    :param shapes: the figure's closed outlines
    :param most: the largest outline area, as a multiple of the box's
    :param min_width: the box's area is counted as at least this many of its heights
        wide: a short label (``TEK``) in a box drawn for longer ones still grows to it
    :returns: the nodes with their shapes' boxes
    """
    out = []
    for n in nodes:
        x0, y0, x1, y1 = n.bbox
        own = max((y1 - y0) * max(x1 - x0, min_width * (y1 - y0)), 1.0)
        best: Box | None = None
        for sh in shapes:
            if not inside(n.bbox, sh.bbox, 1.0) or area(sh.bbox) > most * own:
                continue
            if any(o.id != n.id and inside(o.bbox, sh.bbox, 1.0) for o in nodes):
                continue
            if best is None or area(sh.bbox) < area(best):
                best = sh.bbox
        out.append(Anchor(n.id, best) if best is not None else n)
    return out


def build_regions(
    nodes: list[Anchor], shapes: list[Shape], shape_mask_out: np.ndarray, s: float, p: Params
) -> list[Region]:
    """Regions for line ends; draws the shapes that are masked out into ``shape_mask_out``."""
    regions = [Region(n.bbox, (n.id,)) for n in nodes]
    if p.clusters:
        regions += cluster_regions(nodes, s, p)
    border = px(2 * s) + 1
    node_boxes = _boxes([n.bbox for n in nodes])
    shape_boxes = _boxes([sh.bbox for sh in shapes])
    for k, sh in enumerate(shapes):
        members = [nodes[i] for i in np.flatnonzero(_inside(node_boxes, sh.bbox, 3 * s))]
        matched = [n for n in members if iou(n.bbox, sh.bbox) > 0.4]
        inner_shapes = [
            shapes[i]
            for i in np.flatnonzero(_inside(shape_boxes, sh.bbox, 0)).tolist()
            if i != k and iou(shapes[i].bbox, sh.bbox) < 0.8
        ]
        if matched:
            cv2.drawContours(shape_mask_out, [sh.contour], -1, 1, -1)
            cv2.drawContours(shape_mask_out, [sh.contour], -1, 1, border * 2)
            continue
        if not inner_shapes and not members:
            if p.loop_shapes and _crosses(node_boxes, sh.bbox, 3 * s):
                continue  # a loop of connectors run along nodes' sides: no node
            if sh.has_text:  # a non-gene node: absorbs line ends
                regions.append(Region(sh.bbox, ()))
                cv2.drawContours(shape_mask_out, [sh.contour], -1, 1, -1)
                cv2.drawContours(shape_mask_out, [sh.contour], -1, 1, border * 2)
            continue
        if (
            2 <= len(members) <= 10
            and len(inner_shapes) <= len(members) + 1
            and _tight(members, sh.bbox, 16 * s)
        ):
            regions.append(Region(sh.bbox, tuple(n.id for n in members)))
            cv2.drawContours(shape_mask_out, [sh.contour], -1, 1, border * 2)
    return regions


def frame_regions(
    rgb: np.ndarray, nodes: list[Anchor], taken: list[Region], s: float, p: Params
) -> list[Region]:
    """Groups drawn as light frames around their members (WikiPathways draws a group's
    frame light grey, solid or dashed, below the ink threshold): closed outlines of light
    ink, dash gaps and the crossings of ink lines closed, that hold two or more nodes with
    a group's padding (2 to 16 units) on every side. A head that stops at such a frame,
    away from every member, stands for all of them (:func:`pfocr.edges.ends.attach`).

    :param rgb: the image
    :param nodes: the nodes (grown to their shapes)
    :param taken: the regions found already (a frame the ink found is not added again)
    :param s: the figure's scale
    :param p: the parameters (``frame_max``: 0 reads no frames)
    :returns: the frames' regions
    """
    if not p.frame_max or len(nodes) < 2:
        return []
    light = _light_sides(rgb, nodes, s, p)
    node_boxes = _boxes([n.bbox for n in nodes])
    out: list[Region] = []
    for sh in detect_shapes(light.astype(bool), s):
        ids = tuple(int(i) for i in np.flatnonzero(_inside(node_boxes, sh.bbox, 0)))
        if len(ids) < 2:
            continue
        pads = _pads([nodes[i] for i in ids], sh.bbox)
        if min(pads) < 2 * s or max(pads) > 16 * s:
            continue  # no group's padding: no frame, or one drawn on the members' borders
        if any(set(r.node_ids) == set(ids) for r in taken + out if not r.stack):
            continue
        out.append(Region(sh.bbox, tuple(nodes[i].id for i in ids), frame=True))
    return out


def _light_sides(rgb: np.ndarray, nodes: list[Anchor], s: float, p: Params) -> np.ndarray:
    """The straight sides drawn in light ink, their gaps closed (a uint8 mask)."""
    grey = rgb.min(axis=2)
    # light ink only: the frames, not the lines and node borders drawn in ink over them
    light = ((grey < p.frame_max) & (grey >= p.ink_max)).astype(np.uint8)
    for node in nodes:  # and not the nodes' own borders' anti-aliased edges
        x0, y0, x1, y1 = (round(v) for v in node.bbox)
        light[max(0, y0 - 2) : y1 + 3, max(0, x0 - 2) : x1 + 3] = 0
    # runs at least 8 units long (dashes joined first)
    gap, run = px(4 * s) + 1, px(8 * s)
    across = cv2.morphologyEx(light, cv2.MORPH_CLOSE, np.ones((1, gap), np.uint8))
    down = cv2.morphologyEx(light, cv2.MORPH_CLOSE, np.ones((gap, 1), np.uint8))
    runs = np.maximum(
        cv2.morphologyEx(across, cv2.MORPH_OPEN, np.ones((1, run), np.uint8)),
        cv2.morphologyEx(down, cv2.MORPH_OPEN, np.ones((run, 1), np.uint8)),
    )
    # the gaps along a side where dashes stop and ink lines or bars cross the frame
    k = px(12 * s) + 1
    sides = np.maximum(
        cv2.morphologyEx(runs, cv2.MORPH_CLOSE, np.ones((1, k), np.uint8)),
        cv2.morphologyEx(runs, cv2.MORPH_CLOSE, np.ones((k, 1), np.uint8)),
    )
    out: np.ndarray = cv2.dilate(sides, np.ones((3, 3), np.uint8))  # and the corners
    return out


def _boxes(boxes: list[Box]) -> np.ndarray:
    return np.array(boxes, float).reshape(-1, 4)


def _crosses(boxes: np.ndarray, box: Box, depth: float) -> bool:
    """Whether a box overlaps one of ``boxes`` deeper than ``depth`` on both axes without
    holding it (a drawn node's outline does not run through another node)."""
    ox = np.minimum(boxes[:, 2], box[2]) - np.maximum(boxes[:, 0], box[0])
    oy = np.minimum(boxes[:, 3], box[3]) - np.maximum(boxes[:, 1], box[1])
    return bool(((ox > depth) & (oy > depth) & ~_inside(boxes, box, 0)).any())


def _inside(boxes: np.ndarray, outer: Box, slack: float) -> np.ndarray:
    """:func:`~pfocr.edges.params.inside` for many boxes at once (an R x 4 array)."""
    return (
        (boxes[:, 0] >= outer[0] - slack)
        & (boxes[:, 1] >= outer[1] - slack)
        & (boxes[:, 2] <= outer[2] + slack)
        & (boxes[:, 3] <= outer[3] + slack)
    )


def cluster_regions(nodes: list[Anchor], s: float, p: Params) -> list[Region]:
    """Clusters of (nearly) touching gene boxes: the members of drawn groups."""
    parent = list(range(len(nodes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    gap = p.cluster_gap * s
    for i, a in enumerate(nodes):
        for j in range(i + 1, len(nodes)):
            b, ab = nodes[j].bbox, a.bbox
            dx = max(b[0] - ab[2], ab[0] - b[2])
            dy = max(b[1] - ab[3], ab[1] - b[3])
            if max(dx, dy) <= gap and min(dx, dy) < 0:  # side by side, overlapping span
                parent[find(i)] = find(j)
    groups: dict[int, list[Anchor]] = {}
    for i, n in enumerate(nodes):
        groups.setdefault(find(i), []).append(n)
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        box = (
            min(n.bbox[0] for n in members),
            min(n.bbox[1] for n in members),
            max(n.bbox[2] for n in members),
            max(n.bbox[3] for n in members),
        )
        out.append(Region(box, tuple(n.id for n in members), "cluster"))
    return out


def _pads(members: list[Anchor], box: Box) -> tuple[float, float, float, float]:
    """How far a container's sides lie beyond its members' (left, top, right, bottom)."""
    return (
        min(n.bbox[0] for n in members) - box[0],
        min(n.bbox[1] for n in members) - box[1],
        box[2] - max(n.bbox[2] for n in members),
        box[3] - max(n.bbox[3] for n in members),
    )


def _tight(members: list[Anchor], box: Box, pad: float) -> bool:
    """The members fill the container up to a group's padding on every side."""
    return max(_pads(members, box)) <= pad


def node_mask(shape: tuple[int, int], nodes: list[Anchor], s: float, p: Params) -> np.ndarray:
    m = np.zeros(shape, np.uint8)
    g = p.node_margin * s + 1
    for n in nodes:
        x0, y0, x1, y1 = n.bbox
        cv2.rectangle(m, (int(x0 - g), int(y0 - g)), (math.ceil(x1 + g), math.ceil(y1 + g)), 1, -1)
    return m
