"""Common words ranked by the writer, stored with the data, read by the site's searches."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from tests.search.conftest import bundle, make_store

from pfocr.search import search_figures
from pfocr.search.ranked import common_words
from pfocr.search.stored import read_ranks, write_ranks
from pfocr.store import Store
from pfocr.store.sql import write_transaction
from pfocr.store.target import DbTarget


@pytest.fixture(params=("sqlite", "postgresql"))
def store_db(request: pytest.FixtureRequest, tmp_path: Path, figs: Sequence[Any]) -> DbTarget:
    """A store of the random figures of the other search tests, of its own, on each
    database (the rankings are written into it)."""
    return make_store(request, tmp_path / "pfocr.sqlite", figs)


def test_stored_rankings_give_the_pages_a_fresh_search_gives(store_db: DbTarget) -> None:
    with Store(store_db) as store:
        assert read_ranks(store, min_docs=20, depth=9) is None  # nothing stored yet
        words = common_words(store.conn, min_docs=20)
        assert {"pathway", "signaling"} <= set(words)
        assert write_ranks(store, min_docs=20, depth=9) == len(words)
    with Store(store_db, readonly=True) as store:  # as the site opens it
        ranked = read_ranks(store, min_docs=20, depth=9)
        assert ranked is not None and ranked.stored and len(ranked) == len(words)
        for word in ("signaling", "Pathway"):
            for offset in range(0, 15, 3):  # within the stored 9 rows, then beyond
                fresh = search_figures(store, text=word, limit=3, offset=offset)
                kept = search_figures(store, text=word, limit=3, offset=offset, ranked=ranked)
                assert kept.total == fresh.total
                assert [(h.figid, h.score, h.snippet) for h in kept] == [
                    (h.figid, h.score, h.snippet) for h in fresh
                ]
    # the searches read the stored rows, not the text index's ranking: rows stored in
    # another order come back in that order
    with Store(store_db) as store, write_transaction(store.conn):
        stored = store.conn.execute("SELECT word, hits FROM word_ranks").fetchall()
        for match, hits in stored:
            store.conn.execute(
                "UPDATE word_ranks SET hits = ? WHERE word = ?",
                (json.dumps(json.loads(hits)[::-1]), match),
            )
    with Store(store_db, readonly=True) as store:
        again = read_ranks(store, min_docs=20, depth=9)
        assert again is not None
        fresh = search_figures(store, text="signaling", limit=9)
        kept = search_figures(store, text="signaling", limit=9, ranked=again)
        assert fresh.total > 9 and kept.total == fresh.total
        assert [h.figid for h in kept] == [h.figid for h in fresh][::-1]


def test_rankings_of_another_data_version_are_not_read(
    store_db: DbTarget, figs: Sequence[Any]
) -> None:
    with Store(store_db) as store:
        assert write_ranks(store, min_docs=20, depth=9) > 0
        assert read_ranks(store, min_docs=20, depth=9) is not None
        store.save_figure(bundle(figs[0]))  # a write: the data version moves on
        assert read_ranks(store, min_docs=20, depth=9) is None
        # a site keeping fewer rows or rarer words than were stored reads none of them
        assert write_ranks(store, min_docs=20, depth=5) > 0
        assert read_ranks(store, min_docs=20, depth=9) is None
        assert read_ranks(store, min_docs=10**6, depth=5) is None
        assert write_ranks(store, min_docs=10**6) == 0  # no word that common: none stored
        assert read_ranks(store) is None
