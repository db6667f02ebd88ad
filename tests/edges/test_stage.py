"""The interaction stage's own rules, over edges already read."""

from __future__ import annotations

import numpy as np
import pytest
from tests.edges.test_reader import FAR, A, B, C, draw

from pfocr.edges.models import Edge, Node
from pfocr.edges.reader import LineEnd, read_lines
from pfocr.edges.stage import MIN_GAP, box_gap, end_node, on_frame, spaced, state_edges


def test_box_gap_is_the_shortest_distance_between_boxes() -> None:
    a = (0.0, 0.0, 10.0, 10.0)
    assert box_gap(a, (5.0, 5.0, 20.0, 20.0)) == 0.0  # overlapping
    assert box_gap(a, (10.0, 0.0, 20.0, 10.0)) == 0.0  # touching
    assert box_gap(a, (13.0, 2.0, 20.0, 8.0)) == 3.0  # side by side
    assert box_gap(a, (2.0, 14.0, 8.0, 20.0)) == 4.0  # stacked
    assert box_gap(a, (13.0, 14.0, 20.0, 20.0)) == pytest.approx(5.0)  # corner to corner
    assert box_gap((13.0, 14.0, 20.0, 20.0), a) == pytest.approx(5.0)


def _edge(source: tuple[float, ...], target: tuple[float, ...]) -> Edge:
    s = Node("gene", "A", ("A",), (source[0], source[1], source[2], source[3]))
    t = Node("gene", "B", ("B",), (target[0], target[1], target[2], target[3]))
    return Edge(s, t, "activation", True, 0.9, ((source[2], 10.0), (target[0], 10.0)))


def test_ends_closer_than_a_label_height_are_not_an_edge() -> None:
    height = 20.0  # labels 20 px high
    stacked = _edge((0, 0, 60, 20), (0, 24, 60, 44))  # two boxes of one complex, 4 px apart
    beside = _edge((0, 0, 60, 20), (75, 0, 135, 20))  # 15 px: no room for a line and a head
    arrow = _edge((0, 0, 60, 20), (60 + MIN_GAP * height, 0, 160, 20))  # just room
    far = _edge((0, 0, 60, 20), (200, 0, 260, 20))
    assert spaced([stacked, beside, arrow, far], height) == [arrow, far]


def test_an_end_attaches_to_the_nearest_region_within_reach_never_to_a_stack() -> None:
    from pfocr.edges.ends import attach, region_boxes
    from pfocr.edges.params import Params, Region

    default = Params()

    regions = [
        Region((0.0, 0.0, 40.0, 20.0), (0,)),
        Region((100.0, 0.0, 140.0, 20.0), (1,)),
        Region((0.0, 0.0, 140.0, 20.0), (0, 1), stack="lr"),  # nearer than any: skipped
        Region((300.0, 300.0, 340.0, 320.0), (2,)),
    ]
    boxes = region_boxes(regions)
    assert boxes.shape == (4, 4) and np.isinf(boxes[2]).all()
    for point, want in (((10.0, 45.0), 0), ((10.0, 97.0), 1), ((150.0, 200.0), -1)):
        end = np.array([point])  # (y, x)
        assert attach(end, regions, 1.0, default)[0] == want
        assert attach(end, regions, 1.0, default, boxes) == attach(end, regions, 1.0, default)
    assert region_boxes([]).shape == (0, 4)


def test_a_group_end_stands_for_its_genes_only() -> None:
    genes = [
        Node("gene", "RELA", ("RELA",), (0.0, 0.0, 10.0, 10.0)),
        Node("group", "IKBKB/CHUK", ("IKBKB", "CHUK"), (0.0, 10.0, 10.0, 20.0)),
    ]
    others = [
        Node("chemical", "ATP", ("MESH:D000255",), (0.0, 20.0, 10.0, 30.0)),
        Node("family", "IKK", ("IKK",), (0.0, 30.0, 10.0, 40.0)),
    ]
    nodes = genes + others
    assert end_node(nodes, LineEnd((2,))) == others[0]  # one node is itself
    group = end_node(nodes, LineEnd((0, 1, 2, 3)))
    assert group is not None and group.kind == "group"
    assert group.members == ("RELA", "IKBKB", "CHUK") and group.label == "RELA/IKBKB/CHUK"
    assert group.box == (0.0, 0.0, 10.0, 40.0)  # the drawn group, chemical and family too
    assert end_node(nodes, LineEnd((2, 3))) is None  # a family and a chemical: no node
    families = [*others[1:], Node("family", "NFKB", ("NFkappaB",), (0.0, 40.0, 10.0, 50.0))]
    stacked = end_node(families, LineEnd((0, 1)))  # a stack of families, as KEGG draws them
    assert stacked == Node("family", "IKK/NFKB", ("IKK", "NFkappaB"), (0.0, 30.0, 10.0, 50.0))
    # an end that stopped at the group's drawn frame: the group is drawn at its frame, and
    # the room between two ends is measured from it
    framed = end_node(nodes, LineEnd((0, 1), frame=(-8.0, -8.0, 18.0, 28.0)))
    assert framed is not None and framed.box == (-8.0, -8.0, 18.0, 28.0)
    near = Node("gene", "TP53", ("TP53",), (0.0, 33.0, 10.0, 43.0))
    edge = Edge(near, framed, "activation", True, 0.9, ((5.0, 33.0), (5.0, 28.0)))
    assert spaced([edge], 10.0) == []  # 5 px from the frame: no room for a line and head


def test_a_line_along_the_image_frame_joins_nothing() -> None:
    assert on_frame(((612.0, 1.0), (625.0, 2.0), (450.0, 1.0)), 669, 268)  # the top
    assert on_frame(((667.0, 10.0), (666.0, 200.0)), 669, 268)  # the right side
    assert not on_frame(((612.0, 1.0), (612.0, 60.0)), 669, 268)  # leaves the frame
    assert not on_frame((), 669, 268)


def _box(b: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    return (float(b[0]), float(b[1]), float(b[2]), float(b[3]))


def test_an_arrow_between_two_labels_of_one_gene_is_stated() -> None:
    """A gene drawn twice and joined by an arrow (a gene and its product, a protein moving
    to the nucleus, a modified form) is an interaction the figure draws: X -> X, as
    WikiPathways models it; a label of the gene that no line reaches joins nothing."""
    nodes = [
        Node("gene", "STAT1", ("STAT1",), _box(A)),
        Node("gene", "STAT1", ("STAT1",), _box(B)),
        Node("gene", "IRF1", ("IRF1",), _box(C)),
        Node("gene", "STAT1", ("STAT1",), _box(FAR)),
    ]
    image = draw()
    edges = state_edges(image, nodes, read_lines(image, [n.box for n in nodes]))
    found = {(e.source.box, e.target.box, e.kind) for e in edges}
    assert found == {
        (nodes[0].box, nodes[1].box, "activation"),  # STAT1 -> STAT1, as drawn
        (nodes[1].box, nodes[2].box, "inhibition"),
    }
    arrow = next(e for e in edges if e.kind == "activation")
    assert arrow.source.members == arrow.target.members == ("STAT1",) and arrow.directed
