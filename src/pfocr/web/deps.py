"""Per-app state and the dependencies routes declare (``Annotated[..., Depends()]``).

The store is opened read-only (``mode=ro``). Connections are pooled: a request checks
one out for its whole life and returns it afterwards, so no two requests ever share a
connection at the same time, whichever worker threads run them.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, cast

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from pfocr.store import Store
from pfocr.web.config import WebConfig
from pfocr.web.images import ImageCache
from pfocr.web.services import Enricher

__all__ = ["Ctx", "ReadStore", "StorePool", "WebContext", "get_context"]

logger = logging.getLogger(__name__)


class StorePool:
    """Read-only connections to one store, opened on demand and reused.

    :param path: the SQLite file
    :param max_idle: idle connections kept open (more are closed when returned)
    """

    def __init__(self, path: Path, max_idle: int = 32) -> None:
        self.path = path
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self._max_idle = max_idle

    def acquire(self) -> Store:
        """Return an idle connection, or a new one.

        :returns: a read-only store
        """
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            return Store(self.path, readonly=True)

    def release(self, store: Store) -> None:
        """Return a connection to the pool.

        :param store: a store from :meth:`acquire`
        """
        if self._idle.qsize() < self._max_idle:
            self._idle.put(store)
        else:
            store.close()

    def close(self) -> None:
        """Close every idle connection."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


@dataclass(frozen=True)
class WebContext:
    """Everything a request needs besides its store connection (``app.state.ctx``)."""

    db_path: Path
    config: WebConfig
    pool: StorePool
    templates: Jinja2Templates
    enricher: Enricher
    images: ImageCache


def get_context(request: Request) -> WebContext:
    """Return the app's context.

    :param request: the request
    :returns: the context set by :func:`pfocr.web.create_app`
    """
    return cast(WebContext, request.app.state.ctx)


Ctx = Annotated[WebContext, Depends(get_context)]


async def _checkout(ctx: Ctx) -> AsyncIterator[Store]:
    store = ctx.pool.acquire()
    try:
        yield store
    finally:
        ctx.pool.release(store)


ReadStore = Annotated[Store, Depends(_checkout)]
