"""App state: the connection pool, caches that follow the store's data version, the demo store."""

from __future__ import annotations

import dataclasses
import gc
import io
import os
import threading
import time
from pathlib import Path

import httpx
import pytest
from PIL import Image

from pfocr.search.ranked import RankedWords, common_words
from pfocr.store import Store
from pfocr.testing import DEMO_GENES, LiveServer, build_demo_store, demo_bundles
from pfocr.web import create_app
from pfocr.web.deps import LruCache, StorePool, VersionedCache


def test_pool_hands_out_distinct_read_only_connections(demo_db: Path) -> None:
    pool = StorePool(demo_db, max_idle=1)
    a, b = pool.acquire(), pool.acquire()
    assert a is not b and a.readonly and b.readonly
    pool.release(a)
    pool.release(b)  # over max_idle: closed
    assert pool.acquire() is a
    pool.close()


def test_kept_indexes_are_left_out_of_later_collections() -> None:
    """An index kept until the data changes is built with the collector paused and frozen
    after: a full collection over it paused whichever request met it (80 ms at 110,000
    figures)."""
    cache = VersionedCache()
    before = gc.get_freeze_count()
    index = cache.get_or_make(("genes", 1), lambda: {f"GENE{i}": [i] for i in range(5000)})
    assert gc.isenabled()
    assert gc.get_freeze_count() - before >= 5000  # its lists are frozen
    assert cache.get_or_make(("genes", 1), dict) is index  # kept
    assert cache.get_or_make(("genes", 2), dict) == {}  # a new data version builds anew


def test_lru_cache_evicts_least_recent() -> None:
    cache: LruCache[str, int] = LruCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert cache.get("b") is None and cache.get("a") == 1 and cache.get("c") == 3


@pytest.mark.anyio
async def test_site_follows_writes_to_the_store(tmp_path: Path) -> None:
    """A run writing while the site serves: cached pages and the enrichment index renew."""
    db = build_demo_store(tmp_path / "live.sqlite")
    transport = httpx.ASGITransport(app=create_app(db))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        first = await client.get("/figures/PMC9000001__F1")
        assert "TNF-induced NF-κB activation" in first.text
        before = (await client.post("/api/enrich", json={"genes": ["TNF", "TRADD"]})).json()
        search = await client.get("/", params={"q": "TRADD"})
        assert search.text == (await client.get("/", params={"q": "TRADD"})).text  # kept
        assert "A renamed figure" not in search.text
        assert (await client.get("/api/stats")).json()["figures"] == 6
        # the API's answers and the gene page, kept per data version as pages are
        api_search = (await client.get("/api/search", params={"gene": "TRADD"})).json()
        assert api_search == (await client.get("/api/search", params={"gene": "TRADD"})).json()
        api_gene = (await client.get("/api/genes/TRADD")).json()
        api_figure = (await client.get("/api/figures/PMC9000001__F1")).json()
        gene_page = (await client.get("/genes/TRADD")).text
        bundle = next(demo_bundles())
        renamed = dataclasses.replace(
            bundle, figure=dataclasses.replace(bundle.figure, figtitle="A renamed figure")
        )
        copy = dataclasses.replace(
            bundle, figure=dataclasses.replace(bundle.figure, figid="PMC9000001__F9")
        )
        with Store(db) as store:
            store.save_figure(renamed)
            store.save_figure(copy)
        second = await client.get("/figures/PMC9000001__F1")
        assert "A renamed figure" in second.text
        after = (await client.post("/api/enrich", json={"genes": ["TNF", "TRADD"]})).json()
        assert after["n_sets"] == before["n_sets"] + 1
        assert (await client.get("/api/stats")).json()["figures"] == 7
        # the search page and the browse order renew with the data version
        assert "A renamed figure" in (await client.get("/", params={"q": "TRADD"})).text
        assert "PMC9000001__F9" in (await client.get("/")).text
        found = (await client.get("/api/search", params={"gene": "TRADD"})).json()
        assert found["total"] == api_search["total"] + 1
        assert "A renamed figure" in {r["title"] for r in found["results"]}
        gene = (await client.get("/api/genes/TRADD")).json()
        assert gene["n_figures"] == api_gene["n_figures"] + 1
        assert "PMC9000001__F9" in {f["figid"] for f in gene["figures"]}
        co = {c["symbol"]: c["n_figures"] for c in gene["co_mentioned"]}
        assert (
            co["TNF"] == {c["symbol"]: c["n_figures"] for c in api_gene["co_mentioned"]}["TNF"] + 1
        )
        figure = (await client.get("/api/figures/PMC9000001__F1")).json()
        assert figure["title"] == "A renamed figure" != api_figure["title"]
        assert "PMC9000001__F9" in (await client.get("/genes/TRADD")).text
        assert "PMC9000001__F9" not in gene_page


def test_demo_store_is_consistent(demo_db: Path) -> None:
    with Store(demo_db, readonly=True) as store:
        assert store.count_figures() == 6
        for figid in store.figure_ids():
            record = store.figure(figid)
            assert record is not None and record.paper is not None
            assert record.paper.doi and record.paper.year and record.organisms
            found = store.image(figid)
            assert found is not None
            image = Image.open(io.BytesIO(found[0]))
            assert image.size == (record.figure.width, record.figure.height)
            for m in store.mentions(figid):
                assert DEMO_GENES[m.symbol][0] == m.hgnc_id
                for x, y in m.box:
                    assert 0 <= x <= image.width and 0 <= y <= image.height


def test_site_builds_its_indexes_when_it_starts(tmp_path: Path) -> None:
    """The gene index and the enrichment index are built at start-up, not by the first
    gene page or enrichment (which, at 110,000 figures, would wait a second or more)."""
    db = build_demo_store(tmp_path / "warm.sqlite")
    caches = [tmp_path / f"warm.sqlite.enrich-index-min{n}.npz" for n in (1, 3)]
    assert not any(c.exists() for c in caches)
    with LiveServer(create_app(db)):  # a real uvicorn runs the lifespan; no request is made
        deadline = time.monotonic() + 30
        while not all(c.exists() for c in caches) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert all(c.exists() for c in caches)  # min 1: the gene index; min 3: enrichment


def test_the_site_ranks_its_common_words_when_it_starts(tmp_path: Path) -> None:
    """At start-up the site searches each common word once and keeps its first pages
    (pfocr.search.ranked); a search read from them answers as a site without them does."""
    db = build_demo_store(tmp_path / "ranked.sqlite")
    app = create_app(db)
    with Store(db, readonly=True) as store:
        version = store.data_version()
        common = common_words(store.conn, min_docs=2)
    assert common
    # the demo store is small: keep every word in two or more figures
    ranked = app.state.ctx.cache.get_or_make(("ranked", version), lambda: RankedWords(min_docs=2))
    with LiveServer(app) as kept, LiveServer(create_app(db)) as plain:
        deadline = time.monotonic() + 30
        while len(ranked) < len(common) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(ranked) == len(common)
        for word in common[:5]:
            for path in (f"/api/search?q={word}&limit=2", f"/api/search?q={word}&offset=1"):
                a = httpx.get(kept.url + path, timeout=30)
                b = httpx.get(plain.url + path, timeout=30)
                assert a.status_code == b.status_code == 200
                assert a.json() == b.json()
            page = httpx.get(f"{kept.url}/?q={word}", timeout=30)
            assert page.status_code == 200
            assert page.text == httpx.get(f"{plain.url}/?q={word}", timeout=30).text


def test_ranking_words_yields_the_cpu_to_requests() -> None:
    """The start-up ranking thread lowers its own priority, not the server's."""
    from pfocr.web.app import _yield_cpu

    seen: list[int] = []
    main = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    def work() -> None:
        _yield_cpu()
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen[0] >= 10
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == main
