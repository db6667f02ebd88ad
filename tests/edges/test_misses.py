"""Where the reader loses a missed pair: each step told on a drawn figure."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from pfocr.edges.follow import FOLLOW_WHY
from pfocr.edges.models import Node
from pfocr.edges.reader import WORD_NODES, read_lines, trace_lines
from pfocr.evaluate.edge_misses import STEPS, WHYS, MissTally, figure_misses

#: three labelled boxes: EGFR -> GRB2 is drawn as an arrow, EGFR - SOS1 as a plain line
BOXES = {"EGFR": (40, 40, 140, 70), "GRB2": (300, 40, 400, 70), "SOS1": (40, 300, 140, 330)}


def _figure() -> tuple[np.ndarray, list[Node]]:
    image = Image.new("RGB", (500, 400), "white")
    d = ImageDraw.Draw(image)
    for box in BOXES.values():
        d.rectangle(box, outline="black", width=2)
    d.line((142, 55, 284, 55), fill="black", width=2)
    d.polygon([(298, 55), (284, 49), (284, 61)], fill="black")
    d.line((90, 72, 90, 298), fill="black", width=2)  # no head at SOS1
    nodes = [
        Node("gene", name, (name,), (x0 + 20, y0 + 8, x1 - 20, y1 - 8))
        for name, (x0, y0, x1, y1) in BOXES.items()
    ]
    return np.asarray(image), nodes


def _row(source: str, target: str, points: str) -> dict[str, str]:
    return {
        "source_label": source,
        "target_label": target,
        "source_hgnc": source,
        "target_hgnc": target,
        "directed": "yes",
        "points_px": points,
    }


def test_each_missed_line_is_put_at_the_step_that_loses_it() -> None:
    rgb, nodes = _figure()
    traced = trace_lines(rgb, [n.box for n in nodes], WORD_NODES)
    read = read_lines(rgb, [n.box for n in nodes], WORD_NODES)
    assert {(line.source.nodes, line.target.nodes) for line in read} == {((0,), (1,))}
    rows = [
        _row("EGFR", "GRB2", "142,55;298,55"),  # stated
        _row("EGFR", "SOS1", "90,72;90,298"),  # drawn without a head
        _row("KRAS", "GRB2", "420,200;350,72"),  # KRAS is no node
        _row("EGFR", "GRB2|SOS1", "142,55;298,55"),  # a group end, one member stated
    ]
    stated = {("EGFR", "GRB2")}
    misses, found = figure_misses("F1", traced, nodes, rows, stated)
    assert found == 2
    got = {(m.source, m.target): (m.step, m.group, m.pairs) for m in misses}
    assert got == {
        ("EGFR", "SOS1"): ("target: no head", False, 1),
        ("KRAS", "GRB2"): ("no node", False, 1),
        ("EGFR", "GRB2|SOS1"): ("lost later", True, 1),
    }
    tally = MissTally()
    tally.add(misses)
    table = tally.table()
    assert table.count("\n") == len(STEPS) + 1
    assert "| target: no head | 1 (1) | 0 (0) |" in table
    assert "| lost later | 0 (0) | 1 (1) |" in table


def test_a_line_with_no_trace_says_why_the_follower_did_not_read_it() -> None:
    # MAPK1 -> ELK1 drawn with a break wider than a dashed line's gap: the tail end at
    # MAPK1 and the head at ELK1 are both found, no trace joins them, and the follower
    # from the head runs back until the ink ends at the break
    boxes = {"MAPK1": (40, 150, 140, 180), "ELK1": (330, 150, 430, 180)}
    image = Image.new("RGB", (480, 320), "white")
    d = ImageDraw.Draw(image)
    for box in boxes.values():
        d.rectangle(box, outline="black", width=2)
    d.line((142, 165, 200, 165), fill="black", width=2)
    d.line((260, 165, 314, 165), fill="black", width=2)
    d.polygon([(328, 165), (314, 159), (314, 171)], fill="black")
    nodes = [
        Node("gene", name, (name,), (x0 + 20, y0 + 8, x1 - 20, y1 - 8))
        for name, (x0, y0, x1, y1) in boxes.items()
    ]
    rgb = np.asarray(image)
    traced = trace_lines(rgb, [n.box for n in nodes], WORD_NODES)
    assert read_lines(rgb, [n.box for n in nodes], WORD_NODES) == []
    misses, found = figure_misses(
        "F2", traced, nodes, [_row("MAPK1", "ELK1", "142,165;328,165")], set()
    )
    assert found == 0
    assert [(m.step, m.why) for m in misses] == [("no trace", "the ink ends")]
    tally = MissTally()
    tally.add(misses)
    assert "| the ink ends | 1 (1) | 0 (0) |" in tally.follow_table()
    assert "| read | 0 (0) | 0 (0) |" in tally.follow_table()
    # the tally's reasons are the follower's and the three only a caller can tell
    extra = {"read", "reaches another node", "taken by a traced line"}
    assert set(WHYS) == set(FOLLOW_WHY) | extra and len(WHYS) == len(FOLLOW_WHY) + 3
