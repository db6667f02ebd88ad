"""Following a head's line back along its ink (`pfocr.edges.follow`), where the tracer
lost it: through crossings and dashes, round an elbow's corners, to the node it leaves."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from pfocr.edges.follow import Followed, follow_line
from pfocr.edges.reader import WORD_NODES, read_lines

W, H = 400, 300
P = replace(WORD_NODES, follow_turn=20.0, follow_corners=2)


def _canvas() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("1", (W, H), 0)
    return image, ImageDraw.Draw(image)


def _stop_at(box: tuple[int, int, int, int]) -> np.ndarray:
    stop = np.zeros((H, W), bool)
    stop[box[1] : box[3] + 1, box[0] : box[2] + 1] = True
    return stop


def test_a_straight_line_is_followed_through_a_crossing_to_the_node() -> None:
    image, d = _canvas()
    d.line((50, 150, 300, 150), fill=1, width=2)  # the line, from x 300 back to x 50
    d.line((170, 20, 190, 280), fill=1, width=2)  # another line across it
    d.line((100, 140, 200, 162), fill=1, width=2)  # and one at a shallow angle
    stop = _stop_at((20, 130, 48, 170))
    got = follow_line(np.asarray(image, bool), stop, (150, 300), (0.0, -1.0), 1.0, P)
    assert isinstance(got, Followed)
    assert stop[got.end] and abs(got.end[0] - 150) <= 2
    assert got.points[0][0] > 290 and got.points[-1][0] < 52  # (x, y), from the start


def test_a_dashed_line_is_followed_across_its_gaps_and_a_longer_gap_ends_it() -> None:
    image, d = _canvas()
    for x in range(60, 300, 12):
        d.line((x, 150, x + 6, 150), fill=1, width=2)
    stop = _stop_at((20, 130, 58, 170))
    ink = np.asarray(image, bool)
    assert isinstance(follow_line(ink, stop, (150, 300), (0.0, -1.0), 1.0, P), Followed)
    ink = ink.copy()
    ink[:, 150:175] = False  # a gap four times the dash gap
    assert not isinstance(follow_line(ink, stop, (150, 300), (0.0, -1.0), 1.0, P), Followed)
    assert follow_line(ink, stop, (150, 300), (0.0, -1.0), 1.0, P) == "the ink ends"


def test_an_elbow_is_followed_round_its_corners_only_where_they_are_allowed() -> None:
    image, d = _canvas()
    d.line((300, 250, 300, 100), fill=1, width=2)  # up from the head ...
    d.line((300, 100, 120, 100), fill=1, width=2)  # ... left at a corner ...
    d.line((120, 100, 120, 40), fill=1, width=2)  # ... and up again into the node
    stop = _stop_at((90, 10, 150, 38))
    ink = np.asarray(image, bool)
    got = follow_line(ink, stop, (250, 300), (-1.0, 0.0), 1.0, P)
    assert isinstance(got, Followed) and stop[got.end]
    one = follow_line(ink, stop, (250, 300), (-1.0, 0.0), 1.0, replace(P, follow_corners=1))
    assert one == "the ink ends"
    # without corners the pen runs on past the first one: the ink ends there
    got_why = follow_line(ink, stop, (250, 300), (-1.0, 0.0), 1.0, replace(P, follow_corners=0))
    assert got_why == "the ink ends"
    # a T (the line ends on another line running both ways) is no corner
    d.line((300, 100, 380, 100), fill=1, width=2)
    assert not isinstance(
        follow_line(np.asarray(image, bool), stop, (250, 300), (-1.0, 0.0), 1.0, P), Followed
    )


def _bent(rise: int) -> np.ndarray:
    image, d = _canvas()
    d.line((300, 150, 200, 150), fill=1, width=2)
    d.line((200, 150, 60, 150 - rise), fill=1, width=2)
    return np.asarray(image, bool)


def test_a_line_that_bends_a_little_is_followed_and_one_that_bends_away_is_not() -> None:
    stop = np.zeros((H, W), bool)
    stop[:, 20:59] = True
    got = follow_line(_bent(30), stop, (150, 300), (0.0, -1.0), 1.0, P)  # 12 degrees
    assert isinstance(got, Followed) and abs(got.end[0] - 120) <= 3
    assert follow_line(_bent(90), stop, (150, 300), (0.0, -1.0), 1.0, P) == "the line bends away"


def test_a_line_that_runs_into_another_head_or_stops_short_is_not_followed() -> None:
    image, d = _canvas()
    d.line((60, 150, 300, 150), fill=1, width=2)
    stop = _stop_at((20, 130, 58, 170))
    ink = np.asarray(image, bool)
    heads = np.zeros((H, W), np.int32)
    heads[140:160, 100:110] = 7  # another head across the line
    assert follow_line(ink, stop, (150, 300), (0.0, -1.0), 1.0, P, heads, 3) == (
        "another head in the way"
    )
    assert isinstance(follow_line(ink, stop, (150, 300), (0.0, -1.0), 1.0, P, heads, 7), Followed)
    short = ink.copy()
    short[:, 58:64] = False  # the line stops a few pixels before the node
    assert follow_line(short, stop, (150, 300), (0.0, -1.0), 1.0, P) == "stops short of a node"


def test_the_reader_follows_dashed_elbows_no_trace_reached_and_only_with_the_rule(
    shared: Path,
) -> None:
    # WikiPathways' WP127 (IL-5 signaling): dashed elbows from MAPK3's lower side, whose
    # first stretch runs along the box's border, to ELK1 and JUN; the tracer pairs no
    # tail with their heads. Boxes: the labels' words as pfocr reads them.
    image = Image.open(shared / "eval" / "wikipathways" / "images" / "WP127.png")
    rgb = np.asarray(image.convert("RGB"))[670:840, 470:640]
    words = [(66, 15, 121, 39), (67, 44, 122, 68), (24, 130, 63, 155), (123, 131, 158, 154)]
    traced = read_lines(rgb, words, replace(P, follow_turn=0.0))
    assert not {(ln.source.nodes, ln.target.nodes) for ln in traced} & {((1,), (2,)), ((1,), (3,))}
    followed = read_lines(rgb, words, P)
    found = {(ln.source.nodes, ln.target.nodes): ln for ln in followed}
    assert {((1,), (2,)), ((1,), (3,))} <= set(found)  # MAPK3 -> ELK1, MAPK3 -> JUN
    assert not any(src == (0,) for src, _ in found)  # nothing from MAPK1 above it
    for key in (((1,), (2,)), ((1,), (3,))):
        line = found[key]
        assert line.kind == "activation" and line.confidence == P.follow_confidence
        assert line.points[0][1] < line.points[-1][1]  # drawn from MAPK3 down to the head
