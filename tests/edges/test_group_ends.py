"""Lines that end at a group of touching boxes: a head stopping in the group's padding,
and lines fanning out from one point beside the group."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image, ImageDraw

from pfocr.edges.reader import WORD_NODES, read_lines

#: a group of three touching boxes (20 px high: one pixel per GPML unit)
GROUP = [(300.0, 100.0, 400.0, 120.0), (300.0, 120.0, 400.0, 140.0), (300.0, 140.0, 400.0, 160.0)]
MEMBERS = (0, 1, 2)


def _canvas(
    boxes: list[tuple[float, float, float, float]],
) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (640, 400), "white")
    d = ImageDraw.Draw(image)
    for box in boxes:
        d.rectangle(box, outline="black", width=1)
    return image, d


def _head_in_padding(gap: int) -> tuple[np.ndarray, list[tuple[float, float, float, float]]]:
    """X -> the group: the head's tip stops ``gap`` px below the bottom member, where a
    group's padding starts (WikiPathways pads a group's members by 8 units)."""
    x = (320.0, 300.0, 380.0, 320.0)
    boxes = [*GROUP, x]
    image, d = _canvas(boxes)
    tip = 160 + gap
    d.line((350, 299, 350, tip + 12), fill="black", width=1)
    d.polygon([(350, tip), (345, tip + 12), (355, tip + 12)], fill="black")
    return np.asarray(image), boxes


def _pairs(
    image: np.ndarray, boxes: list[tuple[float, float, float, float]], **kw: object
) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    p = replace(WORD_NODES, **kw)  # type: ignore[arg-type]
    return {(ln.source.nodes, ln.target.nodes) for ln in read_lines(image, boxes, p) if ln.directed}


def test_a_head_in_a_group_s_padding_ends_at_the_whole_group() -> None:
    image, boxes = _head_in_padding(6)
    assert _pairs(image, boxes) == {((3,), MEMBERS)}
    # between a member's own reach and the padding, the head was no one's
    assert _pairs(image, boxes, band_heads=False) == set()


def test_a_head_at_a_member_s_side_is_that_member_s() -> None:
    image, boxes = _head_in_padding(1)
    assert _pairs(image, boxes) == {((3,), (2,))}


def _fan(passing: bool = False) -> tuple[np.ndarray, list[tuple[float, float, float, float]]]:
    """Three arrows fan out from one point 10 px right of the group to three nodes; with
    ``passing``, an arrow from a node above to one below runs through the point, along
    the group's side."""
    targets = [
        (540.0, 40.0, 620.0, 60.0),
        (540.0, 120.0, 620.0, 140.0),
        (540.0, 200.0, 620.0, 220.0),
    ]
    boxes = [*GROUP, *targets]
    if passing:
        boxes += [(370.0, 20.0, 450.0, 40.0), (370.0, 240.0, 450.0, 260.0)]
    image, d = _canvas(boxes)
    fy = 130
    for _, y0, _, y1 in targets:
        ty = (y0 + y1) / 2
        d.line((410, fy, 526, ty), fill="black", width=1)
        d.polygon([(539, ty), (526, ty - 5), (526, ty + 5)], fill="black")
    if passing:
        d.line((410, 41, 410, 226), fill="black", width=1)
        d.polygon([(410, 239), (405, 226), (415, 226)], fill="black")
    return np.asarray(image), boxes


def test_lines_fanning_out_beside_a_group_start_at_the_group() -> None:
    image, boxes = _fan()
    assert _pairs(image, boxes) == {(MEMBERS, (3,)), (MEMBERS, (4,)), (MEMBERS, (5,))}
    # read through the point, each line had to run on straight to a line's end
    assert _pairs(image, boxes, fan_groups=False) == set()


def test_a_fan_point_on_a_line_along_the_group_s_side_is_still_the_group_s() -> None:
    image, boxes = _fan(passing=True)
    fan = {(MEMBERS, (3,)), (MEMBERS, (4,)), (MEMBERS, (5,))}
    assert fan <= _pairs(image, boxes)
    assert ((6,), (7,)) in _pairs(image, boxes)  # the passing arrow is read too


def test_lines_meeting_beside_a_group_one_of_them_along_its_side_are_no_fan() -> None:
    # a line from a node above stops at the point beside the group where a line from
    # the group leaves: neither a fan nor that line's source
    above, right = (370.0, 20.0, 450.0, 40.0), (540.0, 120.0, 620.0, 140.0)
    boxes = [*GROUP, above, right]
    image, d = _canvas(boxes)
    d.line((410, 41, 410, 130), fill="black", width=1)
    d.line((410, 130, 526, 130), fill="black", width=1)
    d.line((410, 130, 470, 200), fill="black", width=1)
    d.polygon([(539, 130), (526, 125), (526, 135)], fill="black")
    assert not any(src == MEMBERS for src, _ in _pairs(np.asarray(image), boxes))


def _short(
    up: bool, thick: bool = False
) -> tuple[np.ndarray, list[tuple[float, float, float, float]]]:
    """Two boxes 16 px apart, an arrow between them that is little more than its head
    (WikiPathways draws such arrows between nodes set close); or a thick plain line."""
    top, bottom = (100.0, 100.0, 180.0, 120.0), (100.0, 136.0, 180.0, 156.0)
    alone = (300.0, 100.0, 380.0, 120.0)
    image, d = _canvas([top, bottom, alone])
    if thick:
        d.rectangle((136, 121, 144, 135), fill="black")
    elif up:
        d.line((140, 133, 140, 135), fill="black", width=1)
        d.polygon([(140, 121), (134, 133), (146, 133)], fill="black")
    else:
        d.line((140, 121, 140, 123), fill="black", width=1)
        d.polygon([(140, 135), (134, 123), (146, 123)], fill="black")
    # a head under the lone box, with no box behind its base: no arrow
    d.polygon([(340, 121), (334, 133), (346, 133)], fill="black")
    return np.asarray(image), [top, bottom, alone]


def test_an_arrow_no_longer_than_its_head_points_the_way_its_triangle_does() -> None:
    down, boxes = _short(up=False)
    assert _pairs(down, boxes) == {((0,), (1,))}
    up, boxes = _short(up=True)
    assert _pairs(up, boxes) == {((1,), (0,))}
    assert _pairs(down, boxes, short_reach=0.0) == set()
    thick, boxes = _short(up=False, thick=True)
    assert _pairs(thick, boxes) == set()  # a thick line's piece is no head
