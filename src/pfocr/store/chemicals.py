"""Chemical and disease mentions in the store (table ``chem_mentions``, schema 6)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from pfocr.chemdis.models import ChemMention
from pfocr.store.schema import has_table
from pfocr.store.sql import Connection, group_concat

__all__ = [
    "ConceptCount",
    "concept_figures",
    "concept_ids",
    "concept_info",
    "find_concepts",
    "load_chemicals",
    "save_chemicals",
]

_COLUMNS = (
    "kind, concept, name, text, rule, source, confidence, box, word_start, word_end,"
    " chebi, doid, mondo"
)


def save_chemicals(conn: Connection, figid: str, mentions: Sequence[ChemMention]) -> None:
    """Replace a figure's chemical and disease mentions (inside the caller's transaction).

    :param conn: the connection
    :param figid: the figure
    :param mentions: the mentions
    """
    conn.execute("DELETE FROM chem_mentions WHERE figid = ?", (figid,))
    conn.executemany(
        f"INSERT INTO chem_mentions(figid, idx, {_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                figid, i, m.kind, m.concept, m.name, m.text, m.rule, m.source, m.confidence,
                json.dumps(m.box) if m.box is not None else None, m.word_start, m.word_end,
                m.chebi, m.doid, m.mondo,
            )
            for i, m in enumerate(mentions)
        ],
    )  # fmt: skip


def load_chemicals(conn: Connection, figid: str) -> list[ChemMention]:
    """A figure's chemical and disease mentions (none from a store older than schema 6).

    :param conn: the connection
    :param figid: the figure
    :returns: figure mentions in word order, then caption and title mentions
    """
    if not has_table(conn, "chem_mentions"):
        return []
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM chem_mentions WHERE figid = ? ORDER BY idx", (figid,)
    )
    out = []
    for r in rows:
        box = json.loads(r[7]) if r[7] else None
        out.append(
            ChemMention(
                kind=r[0], concept=r[1], name=r[2], text=r[3], rule=r[4], source=r[5],
                confidence=r[6], box=tuple(tuple(p) for p in box) if box else None,  # type: ignore[arg-type]
                word_start=r[8], word_end=r[9], chebi=r[10], doid=r[11], mondo=r[12],
            )
        )  # fmt: skip
    return out


@dataclass(frozen=True)
class ConceptCount:
    """A chemical or disease with the number of figures naming it."""

    concept: str
    kind: str
    name: str
    figures: int
    chebi: str | None = None
    doid: str | None = None
    mondo: str | None = None


def _counts(conn: Connection, where: str, args: Sequence[object], limit: int) -> list[ConceptCount]:
    if not has_table(conn, "chem_mentions"):
        return []
    rows = conn.execute(
        "SELECT concept, kind, name, count(DISTINCT figid), max(chebi), max(doid), max(mondo)"
        f" FROM chem_mentions WHERE {where} GROUP BY concept, kind, name"
        " ORDER BY count(DISTINCT figid) DESC, name LIMIT ?",
        (*args, limit),
    )
    return [ConceptCount(*r) for r in rows]


def concept_ids(conn: Connection, query: str, kind: str | None = None) -> list[str]:
    """The ids of the chemicals or diseases a query names: those whose id, preferred name
    or printed text is the query (case aside), else those whose name or text contains it.
    No counting: enough to know whether any figure names it.

    :param conn: the connection
    :param query: an id (``MESH:D008070``, ``D008070``, ``CHEBI:...``, ``DOID:...``), a name or
        a label as printed (``LPS``)
    :param kind: ``chemical``, ``disease`` or None for both
    :returns: the concept ids
    """
    if not has_table(conn, "chem_mentions"):  # a store older than schema 6
        return []
    q = query.strip()
    kind_sql, kind_args = (" AND kind = ?", [kind]) if kind else ("", [])
    ident = q if ":" in q else f"MESH:{q}"
    # one indexed lookup per way of naming it (an OR over columns would scan the table)
    ways = ["concept = ?", "lower(name) = lower(?)", "lower(text) = lower(?)"]
    args: list[object] = [ident, q, q]
    xref = {"CHEBI": "chebi", "DOID": "doid", "MONDO": "mondo"}.get(q.split(":")[0].upper())
    if xref:
        ways.append(f"{xref} = ?")
        args.append(q)
    union = " UNION ".join(f"SELECT concept FROM chem_mentions WHERE {w}{kind_sql}" for w in ways)
    found = [r[0] for r in conn.execute(union, [x for a in args for x in (a, *kind_args)])]
    if found:
        return found
    like = f"%{q.lower()}%"
    rows = conn.execute(
        "SELECT DISTINCT concept FROM chem_mentions"
        f" WHERE (lower(name) LIKE ? OR lower(text) LIKE ?){kind_sql}",
        [like, like, *kind_args],
    )
    return [r[0] for r in rows]


def find_concepts(
    conn: Connection, query: str, kind: str | None = None, limit: int = 50
) -> list[ConceptCount]:
    """The chemicals or diseases a query names (see :func:`concept_ids`), with the number of
    figures naming each.

    :param conn: the connection
    :param query: an id, a name or a label as printed
    :param kind: ``chemical``, ``disease`` or None for both
    :param limit: the most concepts returned
    :returns: the concepts, most figures first
    """
    ids = concept_ids(conn, query, kind)
    if not ids:
        return []
    return _counts(conn, f"concept IN ({', '.join('?' for _ in ids)})", ids, limit)


def concept_info(conn: Connection, concept: str) -> ConceptCount | None:
    """One chemical or disease, by id, with the number of figures naming it.

    :param conn: the connection
    :param concept: the id
    :returns: the concept, or None when no figure names it
    """
    found = _counts(conn, "concept = ?", [concept], 1)
    return found[0] if found else None


def concept_figures(
    conn: Connection, concept: str, limit: int = 200, offset: int = 0
) -> list[tuple[str, str, str]]:
    """The figures naming a chemical or disease, with how they print it and where.

    :param conn: the connection
    :param concept: the id
    :param limit: the most figures returned
    :param offset: figures to skip
    :returns: (figid, labels as printed joined by ``, ``, sources joined by ``, ``), by figid
    """
    if not has_table(conn, "chem_mentions"):
        return []
    texts = group_concat(conn, "text", ",", distinct=True)
    sources = group_concat(conn, "source", ",", distinct=True)
    rows = conn.execute(
        f"SELECT figid, {texts}, {sources}"
        " FROM chem_mentions WHERE concept = ? GROUP BY figid ORDER BY figid LIMIT ? OFFSET ?",
        (concept, limit, offset),
    )
    return [(r[0], (r[1] or "").replace(",", ", "), (r[2] or "").replace(",", ", ")) for r in rows]
