"""Interactions in the store (table ``edges``, schema 8)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from pfocr.edges.models import Edge, Node
from pfocr.store.schema import has_table
from pfocr.store.sql import Connection

__all__ = ["edge_counts", "iter_edges", "load_edges", "save_edges"]

_COLUMNS = "source, target, kind, directed, confidence, points"


def save_edges(conn: Connection, figid: str, edges: Sequence[Edge]) -> None:
    """Replace a figure's edges (inside the caller's transaction).

    :param conn: the connection
    :param figid: the figure
    :param edges: the edges
    """
    conn.execute("DELETE FROM edges WHERE figid = ?", (figid,))
    conn.executemany(
        f"INSERT INTO edges(figid, idx, {_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                figid,
                i,
                json.dumps(e.source.to_json(), ensure_ascii=False),
                json.dumps(e.target.to_json(), ensure_ascii=False),
                e.kind,
                int(e.directed),
                e.confidence,
                json.dumps([[round(x, 1), round(y, 1)] for x, y in e.points]),
            )
            for i, e in enumerate(edges)
        ],
    )


def _edge(row: Sequence[object]) -> Edge:
    points = json.loads(str(row[5]))
    return Edge(
        source=Node.from_json(json.loads(str(row[0]))),
        target=Node.from_json(json.loads(str(row[1]))),
        kind=str(row[2]),
        directed=bool(row[3]),
        confidence=float(row[4]),  # type: ignore[arg-type]
        points=tuple((float(x), float(y)) for x, y in points),
    )


def load_edges(conn: Connection, figid: str) -> list[Edge]:
    """A figure's edges (none from a store older than schema 8).

    :param conn: the connection
    :param figid: the figure
    :returns: the edges in the order they were stored
    """
    if not has_table(conn, "edges"):
        return []
    rows = conn.execute(f"SELECT {_COLUMNS} FROM edges WHERE figid = ? ORDER BY idx", (figid,))
    return [_edge(r) for r in rows]


def iter_edges(conn: Connection) -> Iterator[tuple[str, Edge]]:
    """Every stored edge with its figure, by figure and then in order.

    :param conn: the connection
    :returns: ``(figid, edge)`` pairs
    """
    if not has_table(conn, "edges"):
        return
    rows = conn.execute(f"SELECT figid, {_COLUMNS} FROM edges ORDER BY figid, idx")
    for r in rows:
        yield str(r[0]), _edge(tuple(r)[1:])


def edge_counts(conn: Connection) -> dict[str, int]:
    """How many edges each figure has (figures without any left out).

    :param conn: the connection
    :returns: figid -> count
    """
    if not has_table(conn, "edges"):
        return {}
    rows = conn.execute("SELECT figid, count(*) FROM edges GROUP BY figid")
    return {str(f): int(n) for f, n in rows}
