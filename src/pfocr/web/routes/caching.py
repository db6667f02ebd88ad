"""Responses kept per data version: a page or API answer depends only on the store (and
the request), so it is rendered once per data version and query and served again from
memory until a write bumps the version. Requests that miss together wait for one render
(after a write, 50 users asking for the same popular page cost one render, not 50).
With a page file (``pfocr serve --pages``), a page missing from memory is looked up on
disk before it is rendered, and a page rendered is kept there for every process of the
site (``web/pagefile.py``).

Bodies are kept gzip-compressed (a 36 kB page keeps in about 6 kB), so the cache's
memory budget holds six times the pages, and a client that accepts gzip is sent the
kept bytes as they are; any other is sent them decompressed."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable, Hashable

from fastapi import Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel

from pfocr.store import Store
from pfocr.web.deps import WebContext
from pfocr.web.kept import Kept, accepts_gzip
from pfocr.web.pagefile import page_key, scope_of

__all__ = ["cached_json", "cached_page"]

_HTML = "text/html; charset=utf-8"
_JSON = "application/json"


def _serve(request: Request, kept: Kept, media_type: str) -> Response:
    headers = {"vary": "Accept-Encoding"}
    if not kept.gzipped:
        return Response(kept.body, media_type=media_type, headers=headers)
    if accepts_gzip(request):
        headers["content-encoding"] = "gzip"
        return Response(kept.body, media_type=media_type, headers=headers)
    return Response(gzip.decompress(kept.body), media_type=media_type, headers=headers)


_LOCKS: dict[Hashable, threading.Lock] = {}
_LOCKS_LOCK = threading.Lock()


def _version(store: Store, stamp: str | None) -> str:
    """The memory cache's version of a page: its own data's stamp, or the store's."""
    return f"s:{stamp}" if stamp is not None else str(store.data_version())


def _disk_scope(ctx: WebContext, store: Store, stamp: str | None = None) -> str | None:
    """The page file's scope for this state of the data (a page's own ``stamp``, else the
    store's), or None without a page file (or for a store written before data stamps
    were kept). Read before a page is rendered: a page rendered across a write is then
    kept under the older stamp, never served."""
    if ctx.page_file is None:
        return None
    if stamp is not None:
        return scope_of(stamp, ctx.site)
    stamp = store.data_stamp()
    if stamp is None:
        return None
    scope = scope_of(stamp, ctx.site)
    ctx.page_file.seen(scope)
    return scope


def _from_disk(
    ctx: WebContext, scope: str | None, key: tuple[str, ...], full_key: tuple[str, ...]
) -> Kept | None:
    """A page from the page file, kept in memory too once read."""
    if scope is None or ctx.page_file is None:
        return None
    kept = ctx.page_file.get(scope, page_key(key))
    if kept is not None:
        ctx.pages.put(full_key, kept)
    return kept


def _once(
    ctx: WebContext,
    scope: str | None,
    key: tuple[str, ...],
    full_key: tuple[str, ...],
    make: Callable[[], Kept | None],
) -> Kept | None:
    """The kept body for a key (in memory, else in the page file under ``scope``), or
    the body ``make`` returns (kept when not None, in both), made by one thread while the
    others of this process asking for the same key wait for it."""
    with _LOCKS_LOCK:
        lock = _LOCKS.setdefault((id(ctx), full_key), threading.Lock())
    try:
        with lock:
            body = ctx.pages.get(full_key) or _from_disk(ctx, scope, key, full_key)
            if body is None:
                body = make()
                if body is not None:
                    ctx.pages.put(full_key, body)
                    if scope is not None and ctx.page_file is not None:
                        ctx.page_file.put(scope, page_key(key), body)
            return body
    finally:
        with _LOCKS_LOCK:
            if not lock.locked():
                _LOCKS.pop((id(ctx), full_key), None)


async def _kept_or_made(
    ctx: WebContext,
    store: Store,
    key: tuple[str, ...],
    stamp: str | None,
    make: Callable[[], Kept | None],
) -> Kept | None:
    """The kept body for a key, looked up in memory, then in the page file (both on the
    event loop), else made in the thread pool by :func:`_once`."""
    full_key = (*key, _version(store, stamp))
    kept = ctx.pages.get(full_key)
    if kept is not None:
        return kept
    scope = _disk_scope(ctx, store, stamp)
    kept = _from_disk(ctx, scope, key, full_key)
    if kept is not None:
        return kept
    return await run_in_threadpool(_once, ctx, scope, key, full_key, make)


async def cached_page(
    request: Request,
    ctx: WebContext,
    store: Store,
    key: tuple[str, ...],
    render: Callable[[], Response],
    stamp: str | None = None,
) -> Response:
    """Serve a page rendered earlier from the same data, or render and keep it.

    A hit costs one indexed read and is answered on the event loop; a miss renders in
    the thread pool, with the request's own connection.

    :param request: the request (whether it accepts gzip)
    :param ctx: the app context (its page cache)
    :param store: the request's store
    :param key: what the page depends on besides the data (its kind and parameters)
    :param render: renders the page
    :param stamp: the state of the only data the page shows (a figure's stamp), kept
        across writes of other data; None: the whole store's
    :returns: the page
    """
    made: list[Response] = []

    def make() -> Kept | None:
        made.append(render())
        return Kept.of(bytes(made[0].body)) if made[0].status_code == 200 else None

    kept = await _kept_or_made(ctx, store, key, stamp, make)
    if made:
        made[0].headers["vary"] = "Accept-Encoding"
        return made[0]  # this request rendered it (or failed to: its own error page)
    assert kept is not None  # kept, or rendered by another request: only 200s are kept
    return _serve(request, kept, _HTML)


async def cached_json(
    request: Request,
    ctx: WebContext,
    store: Store,
    key: tuple[str, ...],
    make: Callable[[], BaseModel],
    stamp: str | None = None,
) -> Response:
    """Serve an API answer made earlier from the same data, or make and keep it (the
    model's JSON as pydantic writes it, the bytes FastAPI sends for a response model).

    As :func:`cached_page`: a kept answer is served on the event loop; one to make is
    made in the thread pool.

    :param request: the request (whether it accepts gzip)
    :param ctx: the app context (its page cache)
    :param store: the request's store
    :param key: what the answer depends on besides the data (its kind and parameters)
    :param make: makes the answer (an error it raises is not kept)
    :param stamp: as for :func:`cached_page`
    :returns: the JSON response
    """
    kept = await _kept_or_made(
        ctx,
        store,
        ("api", *key),
        stamp,
        lambda: Kept.of(make().model_dump_json(by_alias=True).encode()),
    )
    assert kept is not None  # make() either answers or raises
    return _serve(request, kept, _JSON)
