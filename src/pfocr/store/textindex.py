"""The figures' text index: titles, captions and paper titles, with their search keys.

SQLite indexes them with FTS5; PostgreSQL with a ``tsvector`` of the words FTS5 would
read (:func:`pfocr.store.textkeys.index_words`), so a search finds the same figures on both.
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
    conn.execute("DELETE FROM figures_fts WHERE figid = ?", (figid,))
    values = (figid, title or "", caption or "", paper_title or "", keys)
    if dialect(conn) == "postgresql":
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
    conn.execute(
        "INSERT INTO figures_fts(figid, figtitle, caption, papertitle, keys) VALUES (?,?,?,?,?)",
        values,
    )
