"""T-bars the nodes' mask hides: a black bar drawn over a box's grey border, and a bar
square to a slanted line across its end (half of it over the box)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from pfocr.edges.params import Params
from pfocr.edges.reader import DEFAULT, WORD_NODES, read_lines

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: a source box above the target, both 20 px high (s = 1)
BOXES = [(100.0, 20.0, 180.0, 40.0), (60.0, 120.0, 220.0, 140.0)]
#: the labels' words inside them: the reader grows them to the boxes drawn around them
WORDS = [(120.0, 25.0, 160.0, 35.0), (110.0, 125.0, 170.0, 135.0)]
#: a bar over a border is told only on a node's own drawn outline
DARK = replace(DEFAULT, grow=6.0, grow_min_width=4.0, dark_bars=True)
TILTED = replace(DEFAULT, tilted_bars=True)


def _read(
    rgb: np.ndarray, p: Params, boxes: list[tuple[float, float, float, float]] = BOXES
) -> set[tuple[tuple[int, ...], tuple[int, ...], str]]:
    return {(ln.source.nodes, ln.target.nodes, ln.kind) for ln in read_lines(rgb, boxes, p)}


def _bar_over_grey_border(border: str, bar: str | None, line: str = "black") -> np.ndarray:
    """A line down from the source to the target's top side; the bar, when drawn, 16 px
    long, over that side's border (2 px wide: the bar adds no ink to it)."""
    image = Image.new("RGB", (300, 200), "white")
    d = ImageDraw.Draw(image)
    d.rectangle(BOXES[0], outline=border, width=2)
    d.rectangle(BOXES[1], outline=border, width=2)
    d.line((140, 42, 140, 119), fill=line)
    if bar is not None:
        d.line((132, 120, 148, 120), fill=bar)
    return np.asarray(image)


def test_a_black_bar_over_a_grey_border_is_an_inhibition() -> None:
    rgb = _bar_over_grey_border("#808080", "black")
    assert _read(rgb, DARK, WORDS) == {((0,), (1,), "inhibition")}
    assert _read(rgb, replace(DARK, dark_bars=False), WORDS) == set()
    # on a box that is no node's drawn outline (nodes not grown to the outlines drawn
    # around them) it is not looked for: the side is no border to tell a stretch of
    assert _read(rgb, replace(DARK, grow=0.0), WORDS) == set()


def test_no_dark_bar_without_one_or_on_a_border_as_dark_as_the_line() -> None:
    assert _read(_bar_over_grey_border("#808080", None), DARK, WORDS) == set()
    # a black border: the bar neither darkens nor thickens it, nothing tells it
    assert _read(_bar_over_grey_border("black", "black"), DARK, WORDS) == set()
    assert _read(_bar_over_grey_border("black", None), DARK, WORDS) == set()
    # a grey line's bar over a grey border of the same grey tells nothing
    grey = _bar_over_grey_border("#808080", "#808080", "#808080")
    assert _read(grey, DARK, WORDS) == set()


def _slanted(bar: str) -> np.ndarray:
    """A line at 45 degrees from the source's bottom to the target's top side at
    (180, 120); its end drawn as ``bar``."""
    image = Image.new("RGB", (300, 200), "white")
    d = ImageDraw.Draw(image)
    for box in BOXES:
        d.rectangle(box, outline="black")
    d.line((101, 41, 179, 119), fill="black", width=2)
    if bar == "square":  # 17 px long, square to the line, through its end
        d.line((174, 126, 186, 114), fill="black", width=2)
    elif bar == "outside":  # its half outside the box only (the box's fill hides the rest)
        d.line((180, 120, 186, 114), fill="black", width=2)
    elif bar == "second line":  # another line drawn from the same point, square to it
        d.line((180, 119, 240, 59), fill="black", width=2)
    return np.asarray(image)


def test_a_bar_square_to_a_slanted_line_is_an_inhibition() -> None:
    for bar in ("square", "outside"):
        assert _read(_slanted(bar), TILTED) == {((0,), (1,), "inhibition")}, bar
        assert _read(_slanted(bar), DEFAULT) == set(), bar


def test_a_slanted_line_without_a_bar_or_beside_another_line_has_none() -> None:
    assert _read(_slanted("none"), TILTED) == set()
    # a second line from the same point crosses the end as a bar would, and runs on
    assert not any(kind == "inhibition" for *_, kind in _read(_slanted("second line"), TILTED))


def test_a_rounded_shaded_box_s_side_is_told_against_its_straight_border() -> None:
    """pfocr's own TGF-beta example draws receptors as rounded boxes with a shadow: the
    side beyond the corners is white and the corners dark, so a line leaving the box's
    bottom is no bar (the side is measured along its straight part)."""
    rgb = np.asarray(Image.open(EXAMPLES / "tgfb_smad.png").convert("RGB"))
    # TbRI, SMAD2/3, ALK3, SMAD1/5/8: their labels' words, as recognition gives them
    words = [
        (140.0, 70.0, 165.5, 86.5),
        (126.0, 133.0, 175.0, 147.0),
        (448.0, 71.0, 472.5, 85.0),
        (409.5, 133.0, 470.0, 147.0),
    ]
    found = _read(rgb, replace(WORD_NODES, tilted_bars=False), words)
    assert found == {((0,), (1,), "activation"), ((2,), (3,), "activation")}
