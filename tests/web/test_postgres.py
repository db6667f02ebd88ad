"""The site over a PostgreSQL store: every page, file and API answer is the one the SQLite
store gives, in-process and from a real uvicorn over HTTP."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from pfocr.store import Store
from pfocr.testing import DEMO_GENE_NAMES, LiveServer, build_demo_store
from pfocr.testing_pg import PgServer
from pfocr.web import WebConfig, create_app

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="module")
def pg_demo(pg_server: PgServer) -> str:
    """The demo store, written into a PostgreSQL database the way the SQLite one is."""
    return str(build_demo_store(pg_server.create_database()))


@pytest.fixture(scope="module")
def pg_app(pg_demo: str) -> FastAPI:
    return create_app(pg_demo, WebConfig(gene_names=DEMO_GENE_NAMES))


def _paths(demo_db: Path) -> list[str]:
    with Store(demo_db, readonly=True) as store:
        figids = store.figure_ids()
        symbols = sorted({g for s in store.gene_sets(1) for g in s.genes})[:6]
        concepts = sorted({c.concept for f in figids for c in store.chemicals(f)})[:4]
    paths = ["/", "/?page=2&size=2", "/downloads", "/api/stats", "/enrich"]
    paths += ["/downloads/pfocr.gmt", "/downloads/mentions.tsv"]
    paths += ["/?organism=human", "/?organism=10090", "/?year_from=2015&year_to=2020"]
    paths += ["/?q=NOPE1", "/api/search?gene=NOPE1", "/api/concepts?q=lipo"]
    for figid in figids:
        paths += [f"/figures/{figid}", f"/api/figures/{figid}", f"/api/figures/{figid}/readings"]
        for name in ("record.md", "gene-set.gmt", "mentions.tsv", "edges.tsv", "network.cx2",
                     "pathway.gpml", "image", "thumb"):  # fmt: skip
            paths.append(f"/figures/{figid}/{name}")
    for symbol in symbols:
        paths += [f"/genes/{symbol}", f"/api/genes/{symbol}", f"/?q={symbol}",
                  f"/api/search?gene={symbol}"]  # fmt: skip
    for concept in concepts:
        paths += [f"/concepts/{concept}", f"/api/concepts/{concept}", f"/?chemical={concept}"]
    return paths


#: What differs by design: a figure's "added" time, and the data version (the count of
#: writes, which depends on how the store was written, not on what it holds).
_VOLATILE = re.compile(r'"?(added_at|data_version)"?\s*[:=]\s*"?[^",}<]*"?')


async def test_every_page_is_the_same_on_both_databases(
    app: FastAPI, pg_app: FastAPI, demo_db: Path
) -> None:
    paths = _paths(demo_db)
    assert len(paths) > 60
    lite_t = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    pg_t = httpx.ASGITransport(app=pg_app, raise_app_exceptions=False)
    async with (
        httpx.AsyncClient(transport=lite_t, base_url="http://t") as lite,
        httpx.AsyncClient(transport=pg_t, base_url="http://t") as pg,
    ):
        for path in paths:
            a, b = await lite.get(path), await pg.get(path)
            assert a.status_code == b.status_code, path
            if path.endswith(("/image", "/thumb")):
                assert a.content == b.content and a.content, path
                continue
            assert _VOLATILE.sub("", a.text) == _VOLATILE.sub("", b.text), path
        body = {"genes": ["TNF", "TRADD", "RIPK1", "CASP8", "AKT1"], "top": 10}
        a, b = await lite.post("/api/enrich", json=body), await pg.post("/api/enrich", json=body)
        assert a.status_code == b.status_code == 200 and a.json() == b.json()


async def test_word_search_finds_the_same_figures(
    app: FastAPI, pg_app: FastAPI
) -> None:  # ranked by bm25 on SQLite, ts_rank on PostgreSQL: the set is the same
    lite_t = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    pg_t = httpx.ASGITransport(app=pg_app, raise_app_exceptions=False)
    async with (
        httpx.AsyncClient(transport=lite_t, base_url="http://t") as lite,
        httpx.AsyncClient(transport=pg_t, base_url="http://t") as pg,
    ):
        for words in ("apoptosis", "NF-kB", "NF-κB", "nfkappab", "signal*", "TGF-beta", "cells"):
            a = await lite.get("/api/search", params={"text": words, "limit": 100})
            b = await pg.get("/api/search", params={"text": words, "limit": 100})
            assert a.status_code == b.status_code == 200, words
            found = {h["figid"] for h in a.json()["results"]}
            assert found and found == {h["figid"] for h in b.json()["results"]}, words
            # a snippet cut around the match, where SQLite's has one
            marked = {h["figid"]: "[" in (h["snippet"] or "") for h in b.json()["results"]}
            for hit in a.json()["results"]:
                assert "[" not in (hit["snippet"] or "") or marked[hit["figid"]], words


@pytest.fixture(scope="module")
def pg_live(pg_demo: str) -> Iterator[LiveServer]:
    with LiveServer(create_app(pg_demo, WebConfig(gene_names=DEMO_GENE_NAMES))) as server:
        yield server


def test_a_real_server_over_postgresql(pg_live: LiveServer, live_server: LiveServer) -> None:
    for path in ("/", "/?q=TNF", "/genes/TNF", "/api/search?gene=TNF", "/downloads/pfocr.gmt"):
        a = httpx.get(live_server.url + path, timeout=30)
        b = httpx.get(pg_live.url + path, timeout=30)
        assert a.status_code == b.status_code == 200, path
        assert _VOLATILE.sub("", a.text) == _VOLATILE.sub("", b.text), path


def test_on_postgresql_common_words_are_kept_as_searched_not_at_start(pg_demo: str) -> None:
    """The start-up ranking would run in the database server, at full priority: on
    PostgreSQL a common word is kept when first searched instead."""
    from pfocr.search.ranked import RankedWords, common_words
    from pfocr.web.app import _rank_common_words

    app = create_app(pg_demo, WebConfig(gene_names=DEMO_GENE_NAMES))
    ctx = app.state.ctx
    with Store(pg_demo, readonly=True) as store:
        words = common_words(store.conn, min_docs=2)
        ranked = ctx.cache.get_or_make(
            ("ranked", store.data_version()), lambda: RankedWords(min_docs=2)
        )
        _rank_common_words(ctx, store)
    assert words and len(ranked) == 0
    with LiveServer(app) as live:
        assert httpx.get(f"{live.url}/?q={words[0]}", timeout=30).status_code == 200
    assert len(ranked) == 1
