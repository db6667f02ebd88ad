"""Common words' rankings, computed by the writer and stored with the data.

A site process that ranks the collection's common words itself (:mod:`pfocr.search.ranked`)
pays for it in every process and, on PostgreSQL, in the database server's backends while
requests wait. The writer knows when the data changed: after a run that wrote figures
it ranks each word in at least :data:`~pfocr.search.ranked.MIN_DOCS` figures once, by the
same query as any search, and stores the count and first rows in table ``word_ranks``
under the data version they were computed for. A site reads them once per data version;
rows of another version are ignored (a later write made them stale).
"""

from __future__ import annotations

import json
import logging
import time

from pfocr.errors import InputError
from pfocr.search.query import search_figures
from pfocr.search.ranked import DEPTH, MIN_DOCS, Ranked, RankedWords, common_words
from pfocr.store import Store
from pfocr.store.schema import has_table
from pfocr.store.sql import write_transaction

__all__ = ["rank_words", "read_ranks", "write_ranks"]

logger = logging.getLogger(__name__)

TABLE = "word_ranks"


def write_ranks(store: Store, min_docs: int = MIN_DOCS, depth: int = DEPTH) -> int:
    """Rank the store's common words and store them for its data version (replacing any
    earlier ones). Where another writer changes the data meanwhile, nothing is stored:
    that writer ranks the words of its own version.

    :param store: the store, open read-write
    :param min_docs: the fewest figures a word must be in
    :param depth: how many hits of each are stored
    :returns: how many words were stored
    """
    version = store.data_version()
    ranked = RankedWords(depth, min_docs)
    rank_words(store, ranked)
    rows = [
        (match, version, kept.total, json.dumps(kept.rows, separators=(",", ":")))
        for match, kept in ranked.items()
    ]
    with write_transaction(store.conn):
        if store.data_version() != version:
            logger.info("the data changed while ranking its common words: not stored")
            return 0
        store.conn.execute(f"DELETE FROM {TABLE}")
        store.conn.executemany(
            f"INSERT INTO {TABLE}(word, data_version, total, hits) VALUES (?, ?, ?, ?)", rows
        )
    return len(rows)


def rank_words(store: Store, ranked: RankedWords, pace: bool = False) -> int:
    """Search each word of the store in at least ``ranked.min_docs`` figures once, so that
    ``ranked`` keeps its count and first rows (the writer, and a site where the writer
    stored none).

    :param store: the store
    :param ranked: where the searches are kept
    :param pace: after each word, sleep as long as it took (at most half a core)
    :returns: how many words were searched
    """
    started = time.perf_counter()
    words = common_words(store.conn, ranked.min_docs)
    if words:
        logger.info("ranking the %d words in %d or more figures", len(words), ranked.min_docs)
    for done, word in enumerate(words, 1):
        if done % 250 == 0:
            logger.info("ranked %d/%d words", done, len(words))
        began = time.perf_counter()
        try:
            search_figures(store, text=word, limit=1, ranked=ranked)
        except InputError:
            continue
        if pace:
            time.sleep(time.perf_counter() - began)
    if words:
        logger.info(
            "ranked the %d words in %d or more figures in %.1f s",
            len(words),
            ranked.min_docs,
            time.perf_counter() - started,
        )
    return len(words)


def read_ranks(store: Store, min_docs: int = MIN_DOCS, depth: int = DEPTH) -> RankedWords | None:
    """The common words' rankings stored for the store's data version.

    :param store: the store (read-only will do)
    :param min_docs: as the site keeps searches (a stored word below it is not read)
    :param depth: likewise, the hits a site keeps (a word stored with fewer is not read)
    :returns: the kept searches, or None where none are stored for this version (an
        older schema, a store no run has ranked, or data written since)
    """
    if not has_table(store.conn, TABLE):
        return None
    rows = store.conn.execute(
        f"SELECT word, total, hits FROM {TABLE} WHERE data_version = ?",
        (store.data_version(),),
    ).fetchall()
    if not rows:
        return None
    ranked = RankedWords(depth, min_docs, stored=True)
    for word, total, hits in rows:
        kept = tuple((str(f), s, r) for f, s, r in json.loads(hits))
        if int(total) >= min_docs and (len(kept) >= min(depth, int(total))):
            ranked.put(str(word), Ranked(int(total), kept))
    return ranked if len(ranked) else None
