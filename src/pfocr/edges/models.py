"""What the interaction stage reads: nodes (what a line's end touches) and edges."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pfocr.ocr.models import BBox

__all__ = ["EDGE_KINDS", "NODE_KINDS", "Edge", "Node", "Point"]

#: what an edge means, from its head: an arrowhead (activation), a T-bar (inhibition),
#: an open or filled head on a line between two chemicals' states (conversion), a line
#: without a head (binding or other association)
EDGE_KINDS = ("activation", "inhibition", "binding", "conversion", "other")
#: what a node is: one gene, a family or complex (FamPlex or HGNC group), a chemical, or
#: a group of genes in one drawn shape
NODE_KINDS = ("gene", "family", "chemical", "group")

Point = tuple[float, float]


@dataclass(frozen=True)
class Node:
    """An edge's end: the recognised names inside the shape the line touches.

    :param kind: one of :data:`NODE_KINDS`
    :param label: the text as printed (the names joined by ``/`` for a group)
    :param members: HGNC symbols (gene, group), the family's name (family), or the
        chemical's concept id (chemical); a drawn group of families or of chemicals is
        one node of that kind with each one's name or id
    :param box: the node's box in image pixels (the drawn shape where one was found,
        else the words' box)
    """

    kind: str
    label: str
    members: tuple[str, ...]
    box: BBox

    def to_json(self) -> dict[str, Any]:
        """The node as JSON-ready data."""
        return {
            "kind": self.kind,
            "label": self.label,
            "members": list(self.members),
            "box": [round(v, 1) for v in self.box],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Node:
        """Read a node written by :meth:`to_json`."""
        x0, y0, x1, y1 = (float(v) for v in data["box"])
        return cls(str(data["kind"]), str(data["label"]), tuple(data["members"]), (x0, y0, x1, y1))


@dataclass(frozen=True)
class Edge:
    """One drawn interaction.

    :param source: where the line starts (the end without a head, for a directed edge)
    :param target: where it ends (the head's end)
    :param kind: one of :data:`EDGE_KINDS`
    :param directed: whether the drawing gives a direction (a head at one end only)
    :param confidence: in [0, 1]: how surely the line, its ends and its head were read
    :param points: the line as traced, source first, in image pixels
    """

    source: Node
    target: Node
    kind: str
    directed: bool
    confidence: float
    points: tuple[Point, ...]

    def pairs(self) -> list[tuple[str, str]]:
        """The gene pairs the edge states: one per source member and target member
        (families and chemicals stand for themselves, by name or id)."""
        return [(s, t) for s in self.source.members for t in self.target.members if s != t]
