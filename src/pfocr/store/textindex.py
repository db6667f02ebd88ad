"""The figures' text index: titles, captions and paper titles, with their search keys.

SQLite indexes them with FTS5, each row under its figure's rowid (schema 9); PostgreSQL
with a ``tsvector`` of the words FTS5 would read (:func:`pfocr.store.textkeys.index_words`),
so a search finds the same figures on both.
"""

from __future__ import annotations

from pfocr.store.sql import Connection, dialect
from pfocr.store.textkeys import index_words, text_keys

__all__ = ["index_text"]


def index_text(
    conn: Connection,
    figid: str,
    title: str | None,
    caption: str | None,
    paper_title: str | None,
) -> None:
    """(Re)index a figure's texts, with their Greek-insensitive search keys.

    :param conn: a connection inside the caller's transaction
    :param figid: the figure
    :param title: its title
    :param caption: its caption
    :param paper_title: its paper's title
    """
    keys = text_keys(title, caption, paper_title)
    values = (figid, title or "", caption or "", paper_title or "", keys)
    if dialect(conn) == "postgresql":
        conn.execute("DELETE FROM figures_fts WHERE figid = ?", (figid,))
        # the words as one space-separated text ('simple' keeps each as it is), without
        # accents as FTS5 reads them, and with them, as ts_headline finds them for snippets
        plain = " ".join(index_words(title, caption, paper_title, keys))
        marked = " ".join(index_words(title, caption, paper_title, accents=True))
        conn.execute(
            "INSERT INTO figures_fts(figid, figtitle, caption, papertitle, keys, doc)"
            " VALUES (?, ?, ?, ?, ?, to_tsvector('simple', ?) || to_tsvector('simple', ?))",
            (*values, plain, marked if marked != plain else ""),
        )
        return
    # SQLite: the index row takes its figure's rowid (the figure is written first), so a
    # search joins its matches to figures by rowid and a rewrite finds the row to replace
    row = conn.execute("SELECT rowid FROM figures WHERE figid = ?", (figid,)).fetchone()
    if row is None:
        raise ValueError(f"figure {figid!r} must be stored before its text is indexed")
    conn.execute("DELETE FROM figures_fts WHERE rowid = ?", (row[0],))
    conn.execute(
        "INSERT INTO figures_fts(rowid, figid, figtitle, caption, papertitle, keys)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (row[0], *values),
    )
