"""A head on another interaction's line (its anchor) acts on that interaction, not on a
node the line passes near; a head on a compartment's outline still reaches its node."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image, ImageDraw

from pfocr.edges.reader import WORD_NODES, read_lines

Box = tuple[float, float, float, float]
#: A and B joined by an arrow; C above it; D just below the line, beside C's head
A, B, C, D = (
    (20.0, 100.0, 100.0, 120.0),
    (340.0, 100.0, 420.0, 120.0),
    (180.0, 20.0, 260.0, 40.0),
    (
        180.0,
        124.0,
        260.0,
        144.0,
    ),
)


def _pairs(
    image: np.ndarray, boxes: list[Box], **kw: object
) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    p = replace(WORD_NODES, **kw)  # type: ignore[arg-type]
    return {(ln.source.nodes, ln.target.nodes) for ln in read_lines(image, boxes, p) if ln.directed}


def _onto(line_head: bool) -> np.ndarray:
    """C's arrow ends on the middle of the line from A to B (with ``line_head``, an
    arrow to B; else a plain line, no interaction read end to end)."""
    image = Image.new("RGB", (440, 200), "white")
    d = ImageDraw.Draw(image)
    for box in (A, B, C, D):
        d.rectangle(box, outline="black", width=1)
    d.line((101, 110, 325 if line_head else 339, 110), fill="black", width=1)
    if line_head:
        d.polygon([(339, 110), (325, 104), (325, 116)], fill="black")
    d.line((220, 41, 220, 94), fill="black", width=1)
    d.polygon([(220, 109), (214, 95), (226, 95)], fill="black")
    return np.asarray(image)


def test_an_arrow_onto_another_arrow_s_line_is_no_arrow_to_the_node_beside_it() -> None:
    image, boxes = _onto(True), [A, B, C, D]
    assert _pairs(image, boxes) == {((0,), (1,))}  # A -> B, read through C's head
    # read as a head at D, C's arrow was C -> D, and the line was cut at the head
    assert ((2,), (3,)) in _pairs(image, boxes, anchor_gap=0.0)


def test_an_arrow_onto_a_line_that_is_no_interaction_reaches_the_node() -> None:
    # a plain line from A to B (a membrane, an outline) is no interaction read end to end
    image, boxes = _onto(False), [A, B, C, D]
    assert ((2,), (3,)) in _pairs(image, boxes)
