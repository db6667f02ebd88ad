"""Interaction exports: a TSV of gene pairs, SIF for Cytoscape, CX2 for NDEx and GPML for
PathVisio and WikiPathways.

The TSV and SIF write one row per member pair (a group end gives one row per member);
CX2 and GPML keep the figure's drawing: one node per drawn node, at its box, and one
edge per drawn line. Sources and targets are HGNC symbols for genes, the family's name
for a family, and the concept id for a chemical.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any
from xml.etree import ElementTree as ET

from pfocr.edges.models import Edge, Node
from pfocr.export.gmt import clean_field
from pfocr.store import Store

__all__ = [
    "EDGE_COLUMNS",
    "GPML_ARROWS",
    "cx2_network",
    "cx2_text",
    "edges_sif",
    "edges_tsv",
    "figure_document",
    "gpml_document",
    "gpml_text",
]

EDGE_COLUMNS = (
    "figid", "source", "target", "kind", "directed", "confidence",
    "source_kind", "target_kind", "source_label", "target_label",
)  # fmt: skip

#: the GPML arrowhead (at the target's end) of each kind; undirected binding and other
#: lines have none
GPML_ARROWS = {
    "activation": "Arrow",
    "inhibition": "TBar",
    "conversion": "mim-conversion",
    "binding": "mim-binding",
    "other": "",
}
_GPML_NS = "http://pathvisio.org/GPML/2013a"
_GPML_TYPES = {"gene": "GeneProduct", "family": "GeneProduct", "chemical": "Metabolite"}


def _rows(figid: str, e: Edge) -> Iterator[list[str]]:
    for s in e.source.members:
        for t in e.target.members:
            if s == t:
                continue
            yield [
                figid, s, t, e.kind, "yes" if e.directed else "no", f"{e.confidence:.3f}",
                e.source.kind, e.target.kind,
                clean_field(e.source.label), clean_field(e.target.label),
            ]  # fmt: skip


def edges_tsv(edges: Iterable[tuple[str, Edge]]) -> Iterator[str]:
    """Yield the edges TSV, header first: one row per member pair of each edge.

    :param edges: ``(figid, edge)`` pairs
    :yields: lines without a trailing newline
    """
    yield "\t".join(EDGE_COLUMNS)
    for figid, e in edges:
        for row in _rows(figid, e):
            yield "\t".join(row)


def edges_sif(edges: Iterable[tuple[str, Edge]]) -> Iterator[str]:
    """Yield SIF lines (``source<TAB>kind<TAB>target``), each pair once over all figures.

    :param edges: ``(figid, edge)`` pairs
    :yields: lines without a trailing newline
    """
    seen: set[tuple[str, str, str]] = set()
    for figid, e in edges:
        for row in _rows(figid, e):
            key = (row[1], row[3], row[2])
            if key not in seen:
                seen.add(key)
                yield "\t".join(key)


def _node_key(n: Node) -> tuple[str, tuple[str, ...], tuple[float, ...]]:
    return (n.kind, n.members, tuple(round(v) for v in n.box))


def _nodes(edges: Sequence[Edge]) -> dict[tuple[str, tuple[str, ...], tuple[float, ...]], Node]:
    out: dict[tuple[str, tuple[str, ...], tuple[float, ...]], Node] = {}
    for e in edges:
        for n in (e.source, e.target):
            out.setdefault(_node_key(n), n)
    return out


def _represents(n: Node) -> str:
    if n.kind in ("gene", "group"):
        return "|".join(f"hgnc.symbol:{m}" for m in n.members)
    return "|".join(n.members)


def cx2_network(figid: str, title: str, edges: Sequence[Edge]) -> list[dict[str, Any]]:
    """One figure's interactions as a CX2 network (NDEx's format), nodes at their boxes'
    centres.

    :param figid: the figure
    :param title: its title (the network's description)
    :param edges: its edges
    :returns: the CX2 document (a JSON list of aspects)
    """
    nodes = _nodes(edges)
    ids = {key: i for i, key in enumerate(nodes)}
    cx_nodes = [
        {
            "id": ids[key],
            "x": round((n.box[0] + n.box[2]) / 2, 1),
            "y": round((n.box[1] + n.box[3]) / 2, 1),
            "v": {
                "name": n.label if n.kind in ("family", "group") else "|".join(n.members),
                "represents": _represents(n),
                "type": n.kind,
                "members": list(n.members),
            },
        }
        for key, n in nodes.items()
    ]
    cx_edges = [
        {
            "id": i,
            "s": ids[_node_key(e.source)],
            "t": ids[_node_key(e.target)],
            "v": {"interaction": e.kind, "directed": e.directed, "confidence": e.confidence},
        }
        for i, e in enumerate(edges)
    ]
    declarations = {
        "networkAttributes": {"name": {"d": "string"}, "description": {"d": "string"}},
        "nodes": {
            "name": {"d": "string"},
            "represents": {"d": "string"},
            "type": {"d": "string"},
            "members": {"d": "list_of_string"},
        },
        "edges": {
            "interaction": {"d": "string"},
            "directed": {"d": "boolean"},
            "confidence": {"d": "double"},
        },
    }
    attributes = {"name": f"{figid} (pfocr)", "description": title}
    return [
        {"CXVersion": "2.0", "hasFragments": False},
        {
            "metaData": [
                {"name": "attributeDeclarations", "elementCount": 1},
                {"name": "networkAttributes", "elementCount": 1},
                {"name": "nodes", "elementCount": len(cx_nodes)},
                {"name": "edges", "elementCount": len(cx_edges)},
            ]
        },
        {"attributeDeclarations": [declarations]},
        {"networkAttributes": [attributes]},
        {"nodes": cx_nodes},
        {"edges": cx_edges},
        {"status": [{"error": "", "success": True}]},
    ]


def cx2_text(figid: str, title: str, edges: Sequence[Edge]) -> str:
    """:func:`cx2_network` as JSON text."""
    return json.dumps(cx2_network(figid, title, edges), ensure_ascii=False, indent=1)


def _graphics(parent: ET.Element, box: tuple[float, float, float, float]) -> None:
    x0, y0, x1, y1 = box
    ET.SubElement(
        parent,
        "Graphics",
        {
            "CenterX": f"{(x0 + x1) / 2:.1f}",
            "CenterY": f"{(y0 + y1) / 2:.1f}",
            "Width": f"{max(x1 - x0, 1.0):.1f}",
            "Height": f"{max(y1 - y0, 1.0):.1f}",
            "ZOrder": "32768",
            "FontSize": "10",
            "Valign": "Middle",
        },
    )


def _data_node(
    root: ET.Element, graph_id: str, label: str, kind: str, member: str, box: Any
) -> ET.Element:
    node = ET.SubElement(
        root, "DataNode", {"TextLabel": label, "GraphId": graph_id, "Type": _GPML_TYPES[kind]}
    )
    _graphics(node, box)
    if kind == "gene":
        ET.SubElement(node, "Xref", {"Database": "HGNC", "ID": member})
    elif kind == "chemical":
        db, _, ident = member.partition(":")
        ET.SubElement(node, "Xref", {"Database": {"MESH": "MeSH"}.get(db, db), "ID": ident})
    else:
        ET.SubElement(node, "Xref", {"Database": "", "ID": ""})
    return node


def gpml_document(
    figid: str,
    title: str,
    size: tuple[int, int],
    edges: Sequence[Edge],
    organism: str = "Homo sapiens",
) -> ET.Element:
    """One figure's interactions as a GPML pathway (GPML 2013a, as PathVisio and
    WikiPathways read it): a data node per drawn node at its box (a group's members
    stacked in its box, joined in a GPML group), an interaction per line with its
    arrowhead, drawn along the traced line.

    :param figid: the figure
    :param title: its title (the pathway's name)
    :param size: the image's width and height (the board)
    :param edges: its edges
    :param organism: the figure's organism (its host)
    :returns: the XML document's root
    """
    root = ET.Element("Pathway", {"xmlns": _GPML_NS, "Name": title or figid, "Organism": organism})
    comment = ET.SubElement(root, "Comment", {"Source": "pfocr"})
    comment.text = f"Draft read by pfocr from figure {figid}: check every interaction."
    ET.SubElement(root, "Graphics", {"BoardWidth": str(size[0]), "BoardHeight": str(size[1])})
    refs: dict[tuple[str, tuple[str, ...], tuple[float, ...]], str] = {}
    groups: list[tuple[str, str]] = []
    for k, (key, n) in enumerate(_nodes(edges).items()):
        if n.kind == "group" or len(n.members) > 1:  # genes, or a stack of families ...
            group_id = f"grp{k}"
            x0, y0, x1, y1 = n.box
            step = (y1 - y0) / max(len(n.members), 1)
            kind = "gene" if n.kind == "group" else n.kind
            names = n.label.split("/")
            if kind == "gene" or len(names) != len(n.members):
                names = list(n.members)
            for j, (m, name) in enumerate(zip(n.members, names, strict=True)):
                box = (x0, y0 + j * step, x1, y0 + (j + 1) * step)
                member = _data_node(root, f"n{k}m{j}", name, kind, m, box)
                member.set("GroupRef", group_id)
            refs[key] = f"g{k}"
            groups.append((f"g{k}", group_id))
        else:
            label = n.label if n.kind != "gene" else n.members[0]
            _data_node(root, f"n{k}", label, n.kind, n.members[0], n.box)
            refs[key] = f"n{k}"
    for i, e in enumerate(edges):
        inter = ET.SubElement(root, "Interaction", {"GraphId": f"e{i}"})
        graphics = ET.SubElement(inter, "Graphics", {"ZOrder": "12288", "LineThickness": "1.0"})
        points = e.points if len(e.points) >= 2 else (e.points[0], e.points[0])
        last = len(points) - 1
        for j, (x, y) in enumerate(points):
            if 0 < j < last:
                continue  # GPML's straight interactions: the two ends
            attrs = {"X": f"{x:.1f}", "Y": f"{y:.1f}"}
            node = e.source if j == 0 else e.target
            attrs["GraphRef"] = refs[_node_key(node)]
            if j == last and e.directed and GPML_ARROWS.get(e.kind):
                attrs["ArrowHead"] = GPML_ARROWS[e.kind]
            ET.SubElement(graphics, "Point", attrs)
        ET.SubElement(inter, "Xref", {"Database": "", "ID": ""})
    for graph_id, group_id in groups:
        ET.SubElement(root, "Group", {"GroupId": group_id, "GraphId": graph_id, "Style": "Group"})
    return root


def gpml_text(
    figid: str,
    title: str,
    size: tuple[int, int],
    edges: Sequence[Edge],
    organism: str = "Homo sapiens",
) -> str:
    """:func:`gpml_document` as XML text with its declaration."""
    root = gpml_document(figid, title, size, edges, organism)
    ET.indent(root)
    text: str = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text


def figure_document(store: Store, figid: str, fmt: str) -> str | None:
    """One stored figure's interactions as a CX2 (``cx2``) or GPML (``gpml``) document,
    titled with the figure's title; the GPML pathway has the figure's host organism.

    :param store: the store
    :param figid: the figure
    :param fmt: ``cx2`` or ``gpml``
    :returns: the document's text, or None for an unknown figure
    """
    fig = store.figure_row(figid)
    if fig is None:
        return None
    edges = store.edges(figid)
    title = fig.figtitle or figid
    if fmt == "cx2":
        return cx2_text(figid, title, edges)
    drawn = [o for o in store.organisms(figid) if o.draws]
    organism = drawn[0].name if drawn else "Homo sapiens"
    return gpml_text(figid, title, (fig.width or 0, fig.height or 0), edges, organism)
