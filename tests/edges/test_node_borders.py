"""Node outlines and heads at their borders: open triangles whose tip touches the
target's box (the nodes' mask cuts their outline, so the reader looks for them in the
figure's own ink), and short labels grown to the boxes drawn around them."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw

from pfocr.edges.ends import open_head_at_border
from pfocr.edges.params import Params
from pfocr.edges.reader import DEFAULT, read_lines

#: the target: a box 40 px high (s = 2), its left side at x = 300
BOX = (300.0, 180.0, 420.0, 220.0)
S = 2.0
ON = replace(DEFAULT, open_at_border=True)


def _figure(end: str) -> np.ndarray:
    """A source box and the target, joined by a line from the source's right side whose
    end is drawn as ``end``, touching the target's left side at (300, 200)."""
    image = Image.new("RGB", (500, 400), "white")
    d = ImageDraw.Draw(image)
    d.rectangle((40, 180, 160, 220), outline="black", width=2)
    d.rectangle(BOX, outline="black", width=2)
    if end == "triangle":  # an open arrowhead, 16 px long and 16 px wide
        d.line((162, 200, 284, 200), fill="black", width=2)
        d.polygon([(299, 200), (284, 192), (284, 208)], outline="black", width=2)
    elif end == "bowl":  # a ring, as a letter's bowl
        d.line((162, 200, 282, 200), fill="black", width=2)
        d.ellipse((282, 191, 300, 209), outline="black", width=2)
    elif end == "square":
        d.line((162, 200, 284, 200), fill="black", width=2)
        d.rectangle((284, 192, 299, 208), outline="black", width=2)
    elif end == "sliver":  # two lines converging on the box: long and narrow
        d.line((162, 200, 270, 200), fill="black", width=2)
        d.line((270, 196, 299, 200), fill="black", width=2)
        d.line((270, 204, 299, 200), fill="black", width=2)
        d.line((270, 196, 270, 204), fill="black", width=2)
    elif end == "lopsided":  # a right triangle: its apex at one end of its base
        d.line((162, 200, 284, 200), fill="black", width=2)
        d.polygon([(299, 192), (284, 192), (284, 208)], outline="black", width=2)
    else:  # a plain line to the box
        d.line((162, 200, 299, 200), fill="black", width=2)
    return np.asarray(image)


def _ink(rgb: np.ndarray) -> np.ndarray:
    out: np.ndarray = rgb.min(axis=2) < Params().ink_max
    return out


@pytest.mark.parametrize(
    ("end", "is_head"),
    [
        ("triangle", True),
        ("bowl", False),
        ("square", False),
        ("sliver", False),
        ("lopsided", False),
        ("plain", False),
    ],
)
def test_only_an_open_triangle_at_the_box_is_a_head(end: str, is_head: bool) -> None:
    # the line's end as the reader finds it: where the nodes' mask (2s + 1 px) cuts it
    ink = _ink(_figure(end))
    assert open_head_at_border(ink, 200, 290, BOX, S, ON) is is_head


def test_an_end_far_from_the_triangle_or_inside_the_box_is_no_head() -> None:
    ink = _ink(_figure("triangle"))
    assert not open_head_at_border(ink, 200, 240, BOX, S, ON)  # 60 px back along the line
    assert not open_head_at_border(ink, 200, 310, BOX, S, ON)  # inside the box


#: WikiPathways' size: boxes 20 px high (s = 1), heads 12 px long, lines 1 px wide
SMALL = [(40.0, 90.0, 120.0, 110.0), (200.0, 90.0, 280.0, 110.0)]


def _small(end: str) -> np.ndarray:
    image = Image.new("RGB", (320, 200), "white")
    d = ImageDraw.Draw(image)
    for box in SMALL:
        d.rectangle(box, outline="black")
    d.line((121, 100, 187, 100), fill="black")
    if end == "triangle":
        d.polygon([(199, 100), (187, 94), (187, 106)], outline="black")
    else:  # a ring
        d.ellipse((187, 94, 199, 106), outline="black")
    return np.asarray(image)


def test_the_reader_reads_an_open_triangle_touching_its_target() -> None:
    rgb = _small("triangle")
    found = {(ln.source.nodes, ln.target.nodes, ln.kind) for ln in read_lines(rgb, SMALL, ON)}
    assert found == {((0,), (1,), "activation")}
    assert read_lines(rgb, SMALL, replace(ON, open_at_border=False)) == []
    assert read_lines(_small("ring"), SMALL, ON) == []


def test_a_short_label_grows_to_the_box_drawn_around_it() -> None:
    """``TEK`` (three letters) in a box drawn for a longer label: its words' box is a
    tenth of the box, over ``grow``'s six times, but a label four heights wide fills it."""
    from pfocr.edges.params import Anchor
    from pfocr.edges.regions import detect_shapes, grow_to_shapes

    image = Image.new("RGB", (300, 200), "white")
    d = ImageDraw.Draw(image)
    d.rectangle((40, 60, 120, 100), outline="black")  # 80 x 40 px
    d.rectangle((180, 60, 280, 100), outline="black")  # with a long label
    ink = _ink(np.asarray(image))
    shapes = detect_shapes(ink, 1.0)
    short = Anchor(0, (69.0, 74.0, 91.0, 86.0))  # 22 x 12 px: 264 px2, the box 3,200
    long_ = Anchor(1, (190.0, 74.0, 270.0, 86.0))
    grown = grow_to_shapes([short, long_], shapes, 6.0)
    assert grown[0].bbox == short.bbox  # by area alone: no
    assert grown[1].bbox != long_.bbox
    wide = grow_to_shapes([short, long_], shapes, 6.0, 4.0)
    assert wide[0].bbox[0] <= 41 and wide[0].bbox[2] >= 119  # the drawn box
    assert wide[1].bbox == grown[1].bbox
    # never to an outline that also holds another node's words
    pair = [short, Anchor(1, (96.0, 74.0, 116.0, 86.0))]
    assert grow_to_shapes(pair, shapes, 6.0, 4.0)[0].bbox == short.bbox


def _bar_over_side(line: str, bar: str | None) -> np.ndarray:
    """A line from the first box to the second's left side; the bar, when drawn, as long
    as that side and right beside its border (as WikiPathways draws it)."""
    image = Image.new("RGB", (320, 200), "white")
    d = ImageDraw.Draw(image)
    for box in SMALL:
        d.rectangle(box, outline="black")
    d.line((121, 100, 198, 100), fill=line)
    if bar is not None:
        d.line((199, 90, 199, 110), fill=bar)
    return np.asarray(image)


def test_a_bar_drawn_over_the_side_in_the_lines_colour_is_an_inhibition() -> None:
    on = replace(ON, colour_bars=True)
    red = _bar_over_side("#d00000", "#d00000")
    found = {(ln.source.nodes, ln.target.nodes, ln.kind) for ln in read_lines(red, SMALL, on)}
    assert found == {((0,), (1,), "inhibition")}
    assert read_lines(red, SMALL, replace(on, colour_bars=False)) == []
    # without the bar, or a bar in the border's own colour: nothing tells it
    assert read_lines(_bar_over_side("#d00000", None), SMALL, on) == []
    assert read_lines(_bar_over_side("black", "black"), SMALL, on) == []
    # a bar of another colour than the line's is not the line's bar
    assert read_lines(_bar_over_side("#d00000", "#0000d0"), SMALL, on) == []
