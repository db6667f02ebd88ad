"""The interaction reader on drawn images: arrows, T-bars, plain lines, unsure ends."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image, ImageDraw

from pfocr.edges.reader import WORD_NODES, read_lines

W, H = 600, 400
#: three node boxes (the reader's input) and a box far from every line
A, B, C, FAR = (40, 40, 140, 70), (260, 40, 360, 70), (260, 300, 360, 330), (460, 300, 560, 330)


def draw() -> np.ndarray:
    image = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(image)
    for box in (A, B, C, FAR):
        d.rectangle(box, outline="black", width=2)
    # A -> B: a line ending in a filled triangle at B's left side
    d.line((142, 55, 244, 55), fill="black", width=2)
    d.polygon([(257, 55), (243, 49), (243, 61)], fill="black")
    # B -| C: a vertical line ending in a T-bar above C
    d.line((310, 72, 310, 296), fill="black", width=2)
    d.line((298, 296, 322, 296), fill="black", width=3)
    # A - C: a plain line without a head (no direction: not an edge to output)
    d.line((90, 72, 258, 315), fill="black", width=2)
    return np.asarray(image)


def test_reads_arrows_and_bars_between_boxes() -> None:
    lines = read_lines(draw(), [A, B, C, FAR])
    found = {(line.source.nodes, line.target.nodes, line.kind) for line in lines}
    assert found == {((0,), (1,), "activation"), ((1,), (2,), "inhibition")}
    for line in lines:
        assert line.directed and 0.5 <= line.confidence <= 1.0
        assert len(line.points) >= 2
    arrow = next(line for line in lines if line.kind == "activation")
    (x0, y0), (x1, y1) = arrow.points[0], arrow.points[-1]
    assert x0 < 160 and x1 > 230 and abs(y0 - 55) < 6 and abs(y1 - 55) < 6  # A's side first


def test_no_line_no_edge() -> None:
    image = np.full((H, W, 3), 255, np.uint8)
    assert read_lines(image, [A, B, C]) == []
    # a line whose far end touches no node gives nothing either
    drawn = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(drawn)
    d.rectangle(A, outline="black", width=2)
    d.line((142, 55, 400, 200), fill="black", width=2)
    d.polygon([(410, 206), (396, 205), (402, 193)], fill="black")
    assert read_lines(np.asarray(drawn), [A, B]) == []


def test_a_dashed_arrow_whose_head_stands_apart_from_its_last_dash() -> None:
    # drawing programs end a dashed line where its pattern ends: the head is a small
    # compact component of its own, which must not be taken for a letter of free text
    top, bottom = (40, 40, 140, 70), (40, 300, 140, 330)
    image = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(image)
    for box in (top, bottom):
        d.rectangle(box, outline="black", width=2)
    y = 73
    while y + 8 <= 276:  # dashes of 8 px, gaps of 5 px; the last ends 7 px above the head
        d.line((90, y, 90, y + 8), fill="black", width=2)
        y += 13
    d.polygon([(90, 298), (83, 283), (97, 283)], fill="black")
    lines = read_lines(np.asarray(image), [top, bottom])
    assert [(ln.source.nodes, ln.target.nodes, ln.kind) for ln in lines] == [
        ((0,), (1,), "activation")
    ]


def test_text_specks_go_and_heads_drawn_apart_stay() -> None:

    from pfocr.edges.connectors import remove_text_specks
    from pfocr.edges.reader import DEFAULT

    image = Image.new("L", (200, 100), 0)
    d = ImageDraw.Draw(image)
    d.polygon([(30, 60), (22, 44), (38, 44)], fill=255)  # a filled head, alone
    d.rectangle((100, 50, 102, 52), fill=255)  # a full stop of free text
    d.line((150, 40, 150, 52), fill=255, width=2)  # a dash
    conn = np.asarray(image) > 0
    kept = remove_text_specks(conn, 1.5, DEFAULT)
    assert kept[50, 30] and kept[46, 150]
    assert not kept[48:55, 98:105].any()
    # without the head rule, the head would have gone with the full stop
    apart = remove_text_specks(conn, 1.5, replace(DEFAULT, head_min_area=1e9))
    assert not apart[50, 30] and apart[46, 150]


def test_an_arrow_to_a_drawn_group_reaches_its_members_from_their_labels() -> None:
    """With labels' word boxes as nodes (WORD_NODES), an arrow that stops a group's
    padding away from a stack of touching shapes stands for the whole stack."""
    image = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(image)
    source, stack = (
        (40, 130, 140, 160),
        [(300, 100, 380, 130), (300, 130, 380, 160), (300, 160, 380, 190)],
    )
    for box in (source, *stack):
        d.rectangle(box, outline="black", width=1)
    d.line((141, 145, 284, 145), fill="black", width=2)
    d.polygon([(293, 145), (281, 139), (281, 151)], fill="black")  # stops 7 px short
    words = [(60, 139, 120, 151)] + [(315, y0 + 9, 365, y0 + 21) for _, y0, _, _ in stack]
    lines = read_lines(np.asarray(image), words, WORD_NODES)
    assert {(line.source.nodes, line.target.nodes, line.kind) for line in lines} == {
        ((0,), (1, 2, 3), "activation")
    }


def _framed_group(arrow_to: str) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """A source box and two columns of two boxes each (a gap between the columns, so no
    stack of touching boxes holds all four) in a light grey dashed frame, as WikiPathways
    draws a group; the arrow stops at the frame's top, or runs in to the first member."""
    image = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(image)
    source = (200, 20, 300, 50)
    members = [
        (150, 140, 230, 170),
        (150, 170, 230, 200),
        (250, 140, 330, 170),
        (250, 170, 330, 200),
    ]
    for box in (source, *members):
        d.rectangle(box, outline="black", width=1)
    for x in range(138, 342, 9):  # the frame: light grey dashes, 12 px beyond the members
        d.line((x, 128, min(x + 5, 342), 128), fill=(205, 205, 205), width=1)
        d.line((x, 212, min(x + 5, 342), 212), fill=(205, 205, 205), width=1)
    for y in range(128, 212, 9):
        d.line((138, y, 138, min(y + 5, 212)), fill=(205, 205, 205), width=1)
        d.line((342, y, 342, min(y + 5, 212)), fill=(205, 205, 205), width=1)
    if arrow_to == "frame":
        d.line((250, 51, 250, 117), fill="black", width=2)
        d.polygon([(250, 127), (244, 115), (256, 115)], fill="black")
    else:  # into the frame, to the first member's top
        d.line((190, 51, 190, 128), fill="black", width=2)
        d.polygon([(190, 139), (184, 127), (196, 127)], fill="black")
    words = [(220, 25, 280, 45)] + [
        (x0 + 15, y0 + 5, x1 - 15, y1 - 5) for x0, y0, x1, y1 in members
    ]
    return np.asarray(image), words


def test_an_arrow_to_a_light_group_frame_stands_for_every_member() -> None:
    image, words = _framed_group("frame")
    lines = read_lines(image, words, WORD_NODES)
    assert {(line.source.nodes, line.target.nodes, line.kind) for line in lines} == {
        ((0,), (1, 2, 3, 4), "activation")
    }
    (line,) = lines
    assert line.target.frame is not None and line.target.frame[1] <= 130  # the frame's box
    # without reading light frames, the arrow reaches one column at most
    plain = read_lines(image, words, replace(WORD_NODES, frame_max=0))
    assert all(set(line.target.nodes) != {1, 2, 3, 4} for line in plain)


def test_an_end_inside_a_group_frame_is_the_member_it_reaches() -> None:
    image, words = _framed_group("member")
    lines = read_lines(image, words, WORD_NODES)
    assert {(line.source.nodes, line.target.nodes) for line in lines} == {((0,), (1,))}


def test_a_line_that_crosses_another_as_it_leaves_its_box() -> None:
    # A -> B, and a long vertical line passing just beside A's side: the piece of the
    # arrow between A's border and the crossing is a few pixels long, yet it is the
    # arrow's start, not a spur to prune
    image = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(image)
    for box in (A, B):
        d.rectangle(box, outline="black", width=2)
    d.line((142, 55, 244, 55), fill="black", width=2)
    d.polygon([(257, 55), (243, 49), (243, 61)], fill="black")
    d.line((151, 5, 151, 395), fill="black", width=2)
    rgb = np.asarray(image)
    found = {(line.source.nodes, line.target.nodes) for line in read_lines(rgb, [A, B], WORD_NODES)}
    assert found == {((0,), (1,))}
    pruned = replace(WORD_NODES, node_stubs=False, follow_turn=0.0)
    assert read_lines(rgb, [A, B], pruned) == []
    # with the stub pruned no trace reaches the head, and following its line back reads it
    followed = read_lines(rgb, [A, B], replace(pruned, follow_turn=20.0))
    assert {(line.source.nodes, line.target.nodes) for line in followed} == {((0,), (1,))}


def _outlined_arrow(start: int) -> np.ndarray:
    # two nodes drawn as outlines around their labels' words; a thick arrow from the
    # first outline's right side (x 160) to the second's left side
    image = Image.new("RGB", (600, 300), "white")
    d = ImageDraw.Draw(image)
    for outline in ((40, 100, 160, 150), (360, 100, 480, 150)):
        d.rectangle(outline, outline="black", width=2)
    d.line((start, 125, 340, 125), fill="black", width=4)
    d.polygon([(359, 125), (340, 117), (340, 133)], fill="black")
    return np.asarray(image)


def test_an_unsure_end_whose_line_runs_into_a_drawn_outline_is_that_nodes() -> None:
    # the line's skeleton stops where neither a member's box nor a group's padding is
    # sure; its ink runs on, under the nodes' mask, into the outline: the node's end
    words = [(70, 116, 130, 134), (390, 116, 450, 134)]
    touching = _outlined_arrow(161)
    found = {(ln.source.nodes, ln.target.nodes) for ln in read_lines(touching, words, WORD_NODES)}
    assert found == {((0,), (1,))}
    assert read_lines(touching, words, replace(WORD_NODES, touch_test=False)) == []
    # the same line stopping 3 px short of the outline: white between, still unsure
    assert read_lines(_outlined_arrow(164), words, WORD_NODES) == []


def _group_as_source() -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Four members in a light grey frame (as :func:`_framed_group`), and a line that
    leaves the frame's bottom, plain, for an arrowhead at a box below."""
    image = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(image)
    members = [(150, 140, 230, 170), (150, 170, 230, 200), (250, 140, 330, 170)]
    members.append((250, 170, 330, 200))
    target = (200, 320, 300, 350)
    for box in (*members, target):
        d.rectangle(box, outline="black", width=1)
    for x in range(138, 342, 9):
        d.line((x, 128, min(x + 5, 342), 128), fill=(205, 205, 205), width=1)
        d.line((x, 212, min(x + 5, 342), 212), fill=(205, 205, 205), width=1)
    for y in range(128, 212, 9):
        d.line((138, y, 138, min(y + 5, 212)), fill=(205, 205, 205), width=1)
        d.line((342, y, 342, min(y + 5, 212)), fill=(205, 205, 205), width=1)
    d.line((250, 213, 250, 307), fill="black", width=2)
    d.polygon([(250, 318), (244, 306), (256, 306)], fill="black")
    words = [(x0 + 15, y0 + 5, x1 - 15, y1 - 5) for x0, y0, x1, y1 in members]
    return np.asarray(image), [*words, (220, 325, 280, 345)]


def test_a_plain_line_from_a_group_frame_has_the_group_as_its_source() -> None:
    image, words = _group_as_source()
    lines = read_lines(image, words, WORD_NODES)
    assert {(line.source.nodes, line.target.nodes, line.kind) for line in lines} == {
        ((0, 1, 2, 3), (4,), "activation")
    }
    (line,) = lines
    assert line.source.frame is not None and line.source.frame[3] >= 210  # the frame's box
    # a plain end at a frame was no end of the group's before: at most the members
    # nearest to it were the line's source
    before = read_lines(image, words, replace(WORD_NODES, plain_frames=False))
    assert all(set(line.source.nodes) != {0, 1, 2, 3} for line in before)


def _two_from_one_point() -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """A box with two arrows drawn from one point of its bottom side to two boxes far
    below it, a little left and right: they leave the box's mask as one V."""
    image = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(image)
    source, left, right = (250, 20, 350, 50), (150, 330, 240, 360), (360, 330, 450, 360)
    for box in (source, left, right):
        d.rectangle(box, outline="black", width=2)
    for tip in (195, 405):
        dx = (tip - 300) / 276
        d.line((300, 52, 300 + dx * 266, 318), fill="black", width=2)
        d.polygon([(tip, 329), (tip - 6 - dx * 12, 316), (tip + 6 - dx * 12, 316)], fill="black")
    words = [(270, 28, 330, 42), (165, 338, 225, 352), (375, 338, 435, 352)]
    return np.asarray(image), words


def test_two_lines_drawn_from_one_point_of_a_box_are_both_read() -> None:
    image, words = _two_from_one_point()
    lines = read_lines(image, words, WORD_NODES)
    assert {(line.source.nodes, line.target.nodes, line.kind) for line in lines} == {
        ((0,), (1,), "activation"),
        ((0,), (2,), "activation"),
    }
    # unsplit, the V has a head at both ends and no end at the box: nothing is read
    assert read_lines(image, words, replace(WORD_NODES, split_deg=0.0)) == []


def test_a_line_passing_close_by_a_box_is_not_split_there() -> None:
    # C -> D along a straight line that grazes B's bottom side: it turns nowhere, so it
    # stays one line from C, and B is no end of it
    image = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(image)
    b, c, dd = (250, 100, 350, 130), (40, 120, 140, 150), (460, 120, 560, 150)
    for box in (b, c, dd):
        d.rectangle(box, outline="black", width=2)
    d.line((142, 135, 446, 135), fill="black", width=2)
    d.polygon([(458, 135), (446, 129), (446, 141)], fill="black")
    words = [(270, 108, 330, 122), (60, 128, 120, 142), (480, 128, 540, 142)]
    lines = read_lines(np.asarray(image), words, WORD_NODES)
    assert {(line.source.nodes, line.target.nodes) for line in lines} == {((1,), (2,))}


def _loop_of_lines() -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    """Two stacked boxes with a short arrow between them, and lines from the left to both
    boxes' sides joined by a vertical one: the lines, the boxes' sides and the arrow's
    shaft close a loop around a free mark, which is no node's outline."""
    image = Image.new("RGB", (W, H), "white")
    d = ImageDraw.Draw(image)
    upper, lower = (200, 100, 300, 130), (200, 175, 300, 205)
    for box in (upper, lower):
        d.rectangle(box, outline="black", width=2)
    d.line((60, 115, 199, 115), fill="black", width=2)
    d.line((60, 190, 199, 190), fill="black", width=2)
    d.line((60, 115, 60, 190), fill="black", width=2)
    d.ellipse((115, 145, 123, 153), fill="black")  # a free mark inside the loop
    d.line((250, 130, 250, 162), fill="black", width=2)
    d.polygon([(250, 174), (244, 161), (256, 161)], fill="black")
    return np.asarray(image), [(220, 108, 280, 122), (220, 183, 280, 197)]


def test_a_loop_of_lines_along_boxes_is_no_node_that_hides_an_arrow() -> None:
    image, words = _loop_of_lines()
    lines = read_lines(image, words, WORD_NODES)
    assert {(line.source.nodes, line.target.nodes, line.kind) for line in lines} == {
        ((0,), (1,), "activation")
    }
    # read as a node with text, the loop was masked with the arrow on its border
    assert read_lines(image, words, replace(WORD_NODES, loop_shapes=False)) == []
