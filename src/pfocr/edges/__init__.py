"""Interactions: the lines and arrowheads drawn between a figure's recognised nodes."""

from pfocr.edges.models import EDGE_KINDS, NODE_KINDS, Edge, Node
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
