"""A run that writes figures stores its common words' rankings; the site reads them."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from pfocr.pipeline import RunConfig, run_pipeline
from pfocr.search import search_figures
from pfocr.search.stored import read_ranks, write_ranks
from pfocr.settings import Settings
from pfocr.store import Store
from pfocr.web import create_app
from pfocr.web.routes.common import ranked_words

pytestmark = pytest.mark.ocr


def test_a_run_stores_the_rankings_and_the_site_reads_them(
    examples: Callable[[Sequence[str]], Path],
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # three figures have no word in 1,000 of them: count a word in one as common here
    monkeypatch.setattr(
        "pfocr.pipeline.runner.write_ranks", functools.partial(write_ranks, min_docs=1)
    )
    monkeypatch.setattr(
        "pfocr.web.routes.common.read_ranks", functools.partial(read_ranks, min_docs=1)
    )
    db = tmp_path / "pfocr.sqlite"
    folder = examples(["tnf_nfkb", "jak_stat"])
    assert run_pipeline([folder], RunConfig(db=db, workers=1, settings=settings)).processed == 2
    with Store(db, readonly=True) as store:
        version = store.data_version()
        rows = store.conn.execute("SELECT DISTINCT data_version FROM word_ranks").fetchall()
        assert [tuple(r) for r in rows] == [(version,)]
        ranked = read_ranks(store, min_docs=1)
        assert ranked is not None and len(ranked) > 10
        page = search_figures(store, text="signaling", limit=5, ranked=ranked)
        assert [h.figid for h in page] == [
            h.figid for h in search_figures(store, text="signaling", limit=5)
        ]
        ctx = create_app(db).state.ctx
        assert ranked_words(ctx, store).stored  # the site ranks nothing itself
    # a run that writes nothing leaves them; one that writes ranks them again
    assert run_pipeline([folder], RunConfig(db=db, workers=1, settings=settings)).skipped == 2
    more = examples(["apoptosis"])
    assert run_pipeline([more], RunConfig(db=db, workers=1, settings=settings)).processed == 1
    with Store(db, readonly=True) as store:
        rows = store.conn.execute("SELECT DISTINCT data_version FROM word_ranks").fetchall()
        assert [tuple(r) for r in rows] == [(store.data_version(),)]
        assert store.data_version() != version
    # --no-rank-words: the figures are written, the stored rankings go stale, unread
    last = examples(["mapk_erk"])
    config = RunConfig(db=db, workers=1, settings=settings, rank_words=False)
    assert run_pipeline([last], config).processed == 1
    with Store(db, readonly=True) as store:
        assert read_ranks(store, min_docs=1) is None
        assert store.count_figures() == 4
