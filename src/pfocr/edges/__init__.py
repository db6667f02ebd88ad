"""Interactions: the lines and arrowheads drawn between a figure's recognised nodes.

The reader (scipy, scikit-image, OpenCV) is imported when first used, so that the store,
the site and the exports, which need only the edge model, do not load it
(:mod:`pfocr.lazy`)."""

from typing import TYPE_CHECKING

from pfocr.edges.models import EDGE_KINDS, NODE_KINDS, Edge, Node
from pfocr.lazy import lazy_attributes

if TYPE_CHECKING:
    from pfocr.edges.stage import figure_nodes, find_edges, stage_version

__all__ = [
    "EDGE_KINDS",
    "NODE_KINDS",
    "Edge",
    "Node",
    "figure_nodes",
    "find_edges",
    "stage_version",
]

__getattr__ = lazy_attributes(
    __name__, {"figure_nodes": "stage", "find_edges": "stage", "stage_version": "stage"}
)
