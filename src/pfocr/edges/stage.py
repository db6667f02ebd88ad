"""The interaction stage: a figure's image and recognised names -> edges.

It runs after recognition and the chemical stage. Its nodes are what they found on the
image: each accepted gene mention, family mention and chemical mention, by its box (the
genes of one label, ``IRF3/7``, are one node). :func:`pfocr.edges.reader.read_lines`
finds the drawn connectors between those boxes and their heads; each becomes an
:class:`~pfocr.edges.models.Edge`. A line that leaves a drawn group (several nodes in
one shape) gives one edge whose end is the group.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from pfocr.chemdis.models import ChemMention
from pfocr.edges.models import Edge, Node
from pfocr.edges.reader import WORD_NODES, LineEnd, ReadLine, read_lines
from pfocr.ocr.models import BBox, bbox_of
from pfocr.recognize.models import Recognition
from pfocr.versions import files_digest

__all__ = [
    "MIN_GAP",
    "STAGE_VERSION",
    "box_gap",
    "end_node",
    "figure_nodes",
    "find_edges",
    "on_frame",
    "spaced",
    "stage_version",
    "state_edges",
]

#: two nodes closer than this many label heights have no room between them for a line
#: and its head: what reads as an arrow there is their touching borders (two boxes of one
#: complex, stacked or side by side). On the 40 WikiPathways tune renders (pfocr's own
#: nodes) such edges gave 6 wrong gene pairs for 1 right; on the 45 PMC dev figures, 6
#: edges, all wrong (docs/interactions.md).
MIN_GAP = 1.0

#: Bumped when stored edges change meaning (a digest of the code is part of the version
#: anyway, so any change to the stage re-runs it).
STAGE_VERSION = "1"


@functools.cache
def _code_digest() -> str:
    return files_digest(sorted(Path(__file__).parent.glob("*.py")))


def stage_version() -> str:
    """The stage's version; a change re-runs the stage (from stored OCR and the image)
    on the next ``pfocr run``.

    :returns: e.g. ``ed1.3f9a0c12``
    """
    return f"ed{STAGE_VERSION}.{_code_digest()}"


def _key(box: BBox) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = box
    return (round(x0), round(y0), round(x1), round(y1))


def figure_nodes(recognition: Recognition, chemicals: Sequence[ChemMention] = ()) -> list[Node]:
    """The nodes a line may join: accepted genes (one node per label, whatever its number
    of genes), families and chemicals named on the image, each at its box.

    :param recognition: the figure's recognition
    :param chemicals: its chemical and disease mentions (figure mentions of chemicals count)
    :returns: the nodes, in word order
    """
    genes: dict[tuple[int, int, int, int], list[str]] = defaultdict(list)
    labels: dict[tuple[int, int, int, int], tuple[int, str, BBox]] = {}
    for m in recognition.mentions:
        if not m.accepted:
            continue
        box = bbox_of(m.box)
        key = _key(box)
        if m.symbol not in genes[key]:
            genes[key].append(m.symbol)
        labels.setdefault(key, (m.word_start, m.text, box))
    out: list[tuple[int, Node]] = []
    for key, symbols in genes.items():
        start, text, box = labels[key]
        kind = "gene" if len(symbols) == 1 else "group"
        out.append((start, Node(kind, text, tuple(symbols), box)))
    taken = set(genes)
    for f in recognition.families:
        box = bbox_of(f.box)
        if _key(box) not in taken:
            taken.add(_key(box))
            out.append((f.word_start, Node("family", f.text, (f.name,), box)))
    for c in chemicals:
        if c.kind == "chemical" and c.source == "figure" and c.box is not None:
            box = bbox_of(c.box)
            if _key(box) not in taken:
                taken.add(_key(box))
                out.append((c.word_start, Node("chemical", c.text, (c.concept,), box)))
    return [n for _, n in sorted(out, key=lambda item: (item[0], item[1].box))]


def end_node(nodes: Sequence[Node], end: LineEnd) -> Node | None:
    """The node a line's end stands for: one node; for a drawn group, the genes in it (its
    chemicals and families drawn with them are left out: a group's members are genes), or,
    where it holds no gene, its families or its chemicals together as one node of that
    kind; a group at the box of its drawn frame where the end stopped at one.

    :param nodes: the figure's nodes
    :param end: the line's end (indexes into ``nodes``)
    :returns: the node, or None for a group of families and chemicals mixed
    """
    if len(end.nodes) == 1:
        return nodes[end.nodes[0]]
    picked = [nodes[i] for i in end.nodes if nodes[i].kind in ("gene", "group")]
    kind = "group"
    if not picked:
        kinds = {nodes[i].kind for i in end.nodes}
        if len(kinds) != 1:
            return None
        kind = kinds.pop()
        picked = [nodes[i] for i in end.nodes]
    members: list[str] = []
    for node in picked:
        members.extend(m for m in node.members if m not in members)
    boxes = [nodes[i].box for i in end.nodes]
    box = end.frame or (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return Node(kind, "/".join(node.label for node in picked), tuple(members), box)


def _edge(nodes: Sequence[Node], line: ReadLine) -> Edge | None:
    source, target = end_node(nodes, line.source), end_node(nodes, line.target)
    if source is None or target is None:
        return None
    return Edge(
        source=source,
        target=target,
        kind=line.kind,
        directed=line.directed,
        confidence=round(line.confidence, 3),
        points=tuple((round(x, 1), round(y, 1)) for x, y in line.points),
    )


def find_edges(
    rgb: np.ndarray, recognition: Recognition, chemicals: Sequence[ChemMention] = ()
) -> tuple[Edge, ...]:
    """Read the figure's interactions between its recognised nodes.

    :param rgb: the image (H x W x 3, uint8)
    :param recognition: its recognition
    :param chemicals: its chemical and disease mentions
    :returns: the edges the reader is sure of, surest first
    """
    nodes = figure_nodes(recognition, chemicals)
    if len(nodes) < 2:
        return ()
    return state_edges(rgb, nodes, read_lines(rgb, [n.box for n in nodes], WORD_NODES))


def state_edges(
    rgb: np.ndarray, nodes: Sequence[Node], lines: Sequence[ReadLine]
) -> tuple[Edge, ...]:
    """The edges the reader states from the lines it read between nodes.

    :param rgb: the image (H x W x 3, uint8)
    :param nodes: the nodes the lines' ends index
    :param lines: the lines read (:func:`pfocr.edges.reader.read_lines` over the nodes' boxes)
    :returns: the edges, surest first
    """
    if len(nodes) < 2:
        return ()
    edges = [e for e in (_edge(nodes, line) for line in lines) if e is not None]
    # a line traced along the image's own frame (a panel border) joins nothing
    edges = [e for e in edges if not on_frame(e.points, rgb.shape[1], rgb.shape[0])]
    height = float(np.median([n.box[3] - n.box[1] for n in nodes]))
    return tuple(sorted(spaced(edges, height), key=lambda e: -e.confidence))


def on_frame(points: Sequence[tuple[float, float]], width: int, height: int) -> bool:
    """Whether a line runs along one side of the image, every point within 3 px of it.

    :param points: the line's polyline (x, y) in pixels
    :param width: the image's width
    :param height: the image's height
    :returns: True for a line on the image's frame
    """
    if not points:
        return False
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return max(xs) <= 3 or min(xs) >= width - 4 or max(ys) <= 3 or min(ys) >= height - 4


def spaced(edges: Sequence[Edge], height: float) -> list[Edge]:
    """The edges whose two ends lie at least :data:`MIN_GAP` label heights apart.

    :param edges: edges read
    :param height: the figure's label height (the median node box height, pixels)
    :returns: those with room between their ends for a line and its head
    """
    return [e for e in edges if box_gap(e.source.box, e.target.box) >= MIN_GAP * height]


def box_gap(a: BBox, b: BBox) -> float:
    """The shortest distance between two boxes (0 where they touch or overlap).

    :param a: a box (x0, y0, x1, y1)
    :param b: another
    :returns: the distance in pixels
    """
    dx = max(0.0, max(a[0], b[0]) - min(a[2], b[2]))
    dy = max(0.0, max(a[1], b[1]) - min(a[3], b[3]))
    return float(np.hypot(dx, dy))
