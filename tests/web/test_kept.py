"""Kept pages: gzip-compressed in a cache bounded by bytes, sent compressed to clients
that accept gzip and plain to those that do not."""

from __future__ import annotations

import gzip
from pathlib import Path

import httpx
import pytest
from starlette.requests import Request

from pfocr.testing import LiveServer
from pfocr.web import create_app
from pfocr.web.config import WebConfig
from pfocr.web.deps import LruCache, WebContext
from pfocr.web.kept import GZIP_FROM, Kept, accepts_gzip, kept_size


def _request(accept: str | None) -> Request:
    headers = [] if accept is None else [(b"accept-encoding", accept.encode())]
    return Request({"type": "http", "method": "GET", "path": "/", "headers": headers})


@pytest.mark.parametrize(
    ("accept", "gzip_ok"),
    [
        ("gzip, deflate, br", True),
        ("br;q=1.0, gzip;q=0.8", True),
        ("*", True),
        ("GZIP", True),
        ("gzip;q=0", False),
        ("gzip;q=0.0, br", False),
        ("gzip;q=x", False),
        ("*;q=0.5, gzip;q=0", False),
        ("gzip;q=0, *", False),
        ("identity, *;q=0.1", True),
        ("identity", False),
        ("br, deflate", False),
        ("", False),
        (None, False),
    ],
)
def test_accept_encoding_is_read_with_its_weights(accept: str | None, gzip_ok: bool) -> None:
    assert accepts_gzip(_request(accept)) is gzip_ok


def test_long_bodies_are_kept_compressed_and_short_ones_as_they_are() -> None:
    page = b"<tr><td>TNF</td></tr>" * 200
    kept = Kept.of(page)
    assert kept.gzipped and gzip.decompress(kept.body) == page
    assert kept_size(kept) < len(page) / 5
    short = b'{"total": 0}'
    assert len(short) < GZIP_FROM and Kept.of(short) == Kept(short, False)


def test_lru_cache_keeps_within_its_byte_budget() -> None:
    cache: LruCache[str, bytes] = LruCache(100, budget=10, size=len)
    cache.put("a", b"aaaa")
    cache.put("b", b"bbbb")
    assert cache.total == 8 and len(cache) == 2
    assert cache.get("a") == b"aaaa"  # now the most recent
    cache.put("c", b"cccc")  # 12 bytes: the least recent (b) goes
    assert cache.get("b") is None and cache.get("a") and cache.get("c")
    assert cache.total == 8
    cache.put("a", b"a")  # replacing a value counts its new size only
    assert cache.total == 5
    cache.put("huge", b"x" * 11)  # over the whole budget: not kept, and takes all with it
    assert cache.get("huge") is None and cache.total == 0 and len(cache) == 0
    with pytest.raises(ValueError, match="size"):
        LruCache(1, budget=10)


@pytest.mark.anyio
async def test_pages_are_sent_gzipped_only_to_clients_that_accept_it(demo_db: Path) -> None:
    app = create_app(demo_db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        plain = {"accept-encoding": "identity"}
        first = await client.get("/figures/PMC9000001__F1", headers=plain)  # rendered
        assert first.status_code == 200 and "TNF" in first.text
        assert first.headers["vary"] == "Accept-Encoding"
        kept = await client.get("/figures/PMC9000001__F1", headers=plain)  # from the cache
        assert "content-encoding" not in kept.headers and kept.text == first.text
        zipped = await client.get("/figures/PMC9000001__F1", headers={"accept-encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip"
        assert zipped.headers["vary"] == "Accept-Encoding"
        assert zipped.text == first.text  # httpx decodes it
        assert zipped.num_bytes_downloaded < len(first.content) / 3
        # the JSON API the same way
        api = "/api/search?gene=TNF"
        a = await client.get(api, headers=plain)
        b = await client.get(api, headers={"accept-encoding": "gzip"})
        assert a.json() == b.json() and a.json()["total"] >= 1
        ctx: WebContext = app.state.ctx
        assert all(kept_size(v) <= len(first.content) for v in ctx.pages._items.values())


@pytest.mark.anyio
async def test_kept_answers_are_served_without_a_thread(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kept page or API answer is sent from the event loop; only one to make goes to
    the thread pool (a hop per request cost a fifth of the kept answers' throughput)."""
    from pfocr.web.routes import caching

    hops: list[str] = []
    real = caching.run_in_threadpool

    async def counting(func, *args):  # type: ignore[no-untyped-def]
        hops.append(args[2][0])
        return await real(func, *args)

    monkeypatch.setattr(caching, "run_in_threadpool", counting)
    app = create_app(demo_db)
    paths = [
        "/api/search?gene=TNF",
        "/api/figures/PMC9000001__F1",
        "/api/genes/TNF",
        "/figures/PMC9000001__F1",
        "/?q=TRADD",
    ]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        first = [(await c.get(p)).content for p in paths]
        assert hops == ["api", "api", "api", "figure", "search"]  # each made once
        again = [(await c.get(p)).content for p in paths]
        assert hops == ["api", "api", "api", "figure", "search"] and again == first
        missing = await c.get("/api/figures/PMC0000000__F9")  # an error is never kept
        assert missing.status_code == 404 and hops[-1] == "api"
        assert (await c.get("/api/figures/PMC0000000__F9")).status_code == 404
        assert len(hops) == 7


@pytest.mark.anyio
async def test_a_small_budget_bounds_the_kept_pages(demo_db: Path) -> None:
    app = create_app(demo_db, WebConfig(cache_pages_mb=0.004))  # 4 kB: a page or two
    transport = httpx.ASGITransport(app=app)
    ctx: WebContext = app.state.ctx
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        pages = ["/figures/PMC9000001__F1", "/genes/TNF", "/", "/?q=TRADD"]
        texts = [(await client.get(p)).text for p in pages]
        assert 0 < ctx.pages.total <= 4000 and 0 < len(ctx.pages) < len(pages)
        again = [(await client.get(p)).text for p in pages]  # rendered anew, the same
        assert again == texts
    none = create_app(demo_db, WebConfig(cache_pages_mb=0))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=none), base_url="http://t") as c:
        assert (await c.get("/genes/TNF")).status_code == 200
        assert len(none.state.ctx.pages) == 0


def test_a_real_server_sends_kept_pages_gzipped(demo_db: Path) -> None:
    with LiveServer(create_app(demo_db)) as server, httpx.Client(base_url=server.url) as client:
        rendered = client.get("/genes/TNF")
        kept = client.get("/genes/TNF")
        assert kept.headers.get("content-encoding") == "gzip"  # httpx asks for gzip
        assert kept.text == rendered.text
        head = client.head("/genes/TNF")
        assert head.status_code == 200 and head.content == b""
