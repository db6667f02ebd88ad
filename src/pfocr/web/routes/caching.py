"""Responses kept per data version: a page or API answer depends only on the store (and
the request), so it is rendered once per data version and query and served again from
memory until a write bumps the version. Requests that miss together wait for one render
(after a write, 50 users asking for the same popular page cost one render, not 50)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable

from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from pfocr.store import Store
from pfocr.web.deps import WebContext

__all__ = ["cached_json", "cached_page"]

_LOCKS: dict[Hashable, threading.Lock] = {}
_LOCKS_LOCK = threading.Lock()


def _once(ctx: WebContext, key: tuple[str, ...], make: Callable[[], bytes | None]) -> bytes | None:
    """The kept body for a key, or the body ``make`` returns (kept when not None), made
    by one thread while the others asking for the same key wait for it."""
    with _LOCKS_LOCK:
        lock = _LOCKS.setdefault((id(ctx), key), threading.Lock())
    try:
        with lock:
            body = ctx.pages.get(key)
            if body is None:
                body = make()
                if body is not None:
                    ctx.pages.put(key, body)
            return body
    finally:
        with _LOCKS_LOCK:
            if not lock.locked():
                _LOCKS.pop((id(ctx), key), None)


async def cached_page(
    ctx: WebContext, store: Store, key: tuple[str, ...], render: Callable[[], Response]
) -> Response:
    """Serve a page rendered earlier from the same data, or render and keep it.

    A hit costs one indexed read and is answered on the event loop; a miss renders in
    the thread pool, with the request's own connection.

    :param ctx: the app context (its page cache)
    :param store: the request's store
    :param key: what the page depends on besides the data (its kind and parameters)
    :param render: renders the page
    :returns: the page
    """
    full_key = (*key, str(store.data_version()))
    body = ctx.pages.get(full_key)
    if body is not None:
        return HTMLResponse(body)
    made: list[Response] = []

    def make() -> bytes | None:
        made.append(render())
        return bytes(made[0].body) if made[0].status_code == 200 else None

    body = await run_in_threadpool(_once, ctx, full_key, make)
    if made:
        return made[0]  # this request rendered it (or failed to: its own error page)
    return HTMLResponse(body)


def cached_json(
    ctx: WebContext, store: Store, key: tuple[str, ...], make: Callable[[], BaseModel]
) -> Response:
    """Serve an API answer made earlier from the same data, or make and keep it (the
    model's JSON as pydantic writes it, the bytes FastAPI sends for a response model).

    :param ctx: the app context (its page cache)
    :param store: the request's store
    :param key: what the answer depends on besides the data (its kind and parameters)
    :param make: makes the answer (an error it raises is not kept)
    :returns: the JSON response
    """
    full_key = ("api", *key, str(store.data_version()))
    body = ctx.pages.get(full_key)
    if body is None:
        body = _once(ctx, full_key, lambda: make().model_dump_json(by_alias=True).encode())
    return Response(body, media_type="application/json")
