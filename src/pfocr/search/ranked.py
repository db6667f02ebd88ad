"""The first hits of searches for the collection's most common words, ranked once.

Ranking a word costs its database time for every figure that has it: bm25 (SQLite) or
``ts_rank`` (PostgreSQL) over each match, ~2 microseconds a match, so a word in a third
of 110,000 figures takes 70-200 ms, and a burst of such searches queues. The answer
depends only on the store's data, so a search by a word in at least :data:`MIN_DOCS`
figures keeps its first :data:`DEPTH` hits and its count for the data version, and later
searches by it read the kept rows. On SQLite the site ranks every such word when it
starts, in the background (23 s of CPU at 110,000 figures); on PostgreSQL words are kept
as they are searched. The rows come from the same query as any search
(:func:`pfocr.search.search_figures`), so a kept page is the page it would have been.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from pfocr.store.sql import Connection, is_postgres_conn

__all__ = ["DEPTH", "MIN_DOCS", "Ranked", "RankedWords", "common_words"]

#: How many hits of a word are kept (five pages of 20).
DEPTH = 100
#: The fewest figures a word must be in to be kept: below, ranking costs a few ms.
MIN_DOCS = 1000

Row = tuple[str, float | None, int | None]


@dataclass(frozen=True)
class Ranked:
    """A word search's count and its first rows: ``(figid, score, text index row)``."""

    total: int
    rows: tuple[Row, ...]

    def page(self, limit: int, offset: int) -> list[Row] | None:
        """The rows of a page, or None where it lies beyond the kept ones.

        :param limit: hits per page
        :param offset: hits skipped
        :returns: the rows
        """
        if offset + limit <= len(self.rows) or len(self.rows) >= self.total:
            return list(self.rows[offset : offset + limit])
        return None


class RankedWords:
    """Kept word searches by their text query, for one data version of one store.

    :param depth: how many rows of each are kept
    :param min_docs: the fewest matches a search must have to be kept
    :param stored: the searches were read from the writer's stored rankings
    """

    def __init__(self, depth: int = DEPTH, min_docs: int = MIN_DOCS, stored: bool = False) -> None:
        self.depth = depth
        self.min_docs = min_docs
        #: read from the writer's stored rankings (:mod:`pfocr.search.stored`)
        self.stored = stored
        self._kept: dict[str, Ranked] = {}
        self._lock = threading.Lock()

    def get(self, match: str) -> Ranked | None:
        """A kept search.

        :param match: the text query (FTS5's or ``tsquery``; case does not matter)
        :returns: the search, or None
        """
        return self._kept.get(match.casefold())

    def wants(self, total: int, limit: int, offset: int) -> bool:
        """Whether a search of ``total`` matches, asked for this page, is worth keeping.

        :param total: its count
        :param limit: hits per page
        :param offset: hits skipped
        :returns: True for a common word's page within the kept depth
        """
        return total >= self.min_docs and offset + limit <= self.depth

    def put(self, match: str, ranked: Ranked) -> None:
        """Keep a search.

        :param match: its text query
        :param ranked: its count and first rows
        """
        with self._lock:
            self._kept[match.casefold()] = ranked

    def items(self) -> list[tuple[str, Ranked]]:
        """The kept searches.

        :returns: (text query, search) pairs
        """
        with self._lock:
            return list(self._kept.items())

    def __len__(self) -> int:
        return len(self._kept)


def common_words(conn: Connection, min_docs: int = MIN_DOCS) -> list[str]:
    """The words of the text index in at least ``min_docs`` figures, most common first
    (words of letters, three or more).

    :param conn: a connection to the store (read-only will do)
    :param min_docs: the fewest figures
    :returns: the words, as the index holds them (lower case)
    """
    if is_postgres_conn(conn):
        rows: Sequence[tuple[str, int]] = conn.execute(
            "SELECT word, ndoc FROM ts_stat('SELECT doc FROM figures_fts')"
            " WHERE ndoc >= ? ORDER BY ndoc DESC, word",
            (min_docs,),
        ).fetchall()
    else:
        conn.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.pfocr_words"
            " USING fts5vocab(main, figures_fts, 'row')"
        )
        rows = conn.execute(
            "SELECT term, doc FROM temp.pfocr_words WHERE doc >= ? ORDER BY doc DESC, term",
            (min_docs,),
        ).fetchall()
    return [str(w) for w, _ in rows if len(str(w)) >= 3 and str(w).isalpha()]
