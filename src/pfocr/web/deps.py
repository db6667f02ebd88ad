"""Per-app state and the dependencies routes declare (``Annotated[..., Depends()]``).

The store is opened read-only (``mode=ro``). Connections are pooled: a request checks
one out for its whole life and returns it afterwards, so no two requests ever share a
connection at the same time, whichever worker threads run them.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar, cast

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from pfocr.bulk import gc_paused
from pfocr.store import Store
from pfocr.store.target import DbTarget
from pfocr.web.config import WebConfig
from pfocr.web.images import ImageCache
from pfocr.web.kept import Kept
from pfocr.web.pagefile import PageFile
from pfocr.web.services import Enricher

__all__ = [
    "Ctx",
    "LruCache",
    "ReadStore",
    "StorePool",
    "VersionedCache",
    "WebContext",
    "get_context",
]

T = TypeVar("T")

logger = logging.getLogger(__name__)


class StorePool:
    """Read-only connections to one store, opened on demand and reused.

    :param path: the store (an SQLite file or a PostgreSQL URL)
    :param max_idle: idle connections kept open (more are closed when returned)
    """

    def __init__(self, path: DbTarget, max_idle: int = 32) -> None:
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


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LruCache(Generic[K, V]):
    """A small thread-safe least-recently-used cache, bounded by entries and, where a
    size is given, by the sum of its values' sizes.

    :param capacity: entries kept
    :param budget: the most the values' sizes may add up to (None: no such bound); a
        value larger than the budget is not kept
    :param size: a value's size (bytes, say); required with ``budget``
    """

    def __init__(
        self, capacity: int, budget: int | None = None, size: Callable[[V], int] | None = None
    ) -> None:
        if budget is not None and size is None:
            raise ValueError("a budget needs a size function")
        self.capacity = capacity
        self.budget = budget
        self._size = size
        self.total = 0
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: K) -> V | None:
        """Return a cached value and mark it recently used.

        :param key: the key
        :returns: the value, or None
        """
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        """Cache a value, evicting the least recently used beyond capacity or budget.

        :param key: the key
        :param value: the value
        """
        with self._lock:
            if self._size is not None:
                old = self._items.get(key)
                if old is not None:
                    self.total -= self._size(old)
                self.total += self._size(value)
            self._items[key] = value
            self._items.move_to_end(key)
            while self._items and (
                len(self._items) > self.capacity
                or (self.budget is not None and self.total > self.budget)
            ):
                _, dropped = self._items.popitem(last=False)
                if self._size is not None:
                    self.total -= self._size(dropped)


class VersionedCache:
    """Values computed from the store, kept per key (keys hold the data version).

    Each kind of value keeps its newest entry only, so a store that changes under a
    running site never grows the cache. Building holds a lock: one build at a time.
    """

    def __init__(self) -> None:
        self._items: dict[str, tuple[Hashable, Any]] = {}
        self._lock = threading.Lock()

    def get_or_make(self, key: tuple[str, Hashable], make: Callable[[], T]) -> T:
        """Return the value stored under a key, computing it first if needed.

        :param key: ``(kind, version)``
        :param make: computes the value
        :returns: the value
        """
        kind, version = key
        found = self._items.get(kind)
        if found is not None and found[0] == version:
            return cast(T, found[1])
        with self._lock:
            found = self._items.get(kind)
            if found is not None and found[0] == version:
                return cast(T, found[1])
            with gc_paused():  # indexes kept until the data changes: no collection rescans them
                value = make()
            self._items[kind] = (version, value)
            return value


@dataclass(frozen=True)
class WebContext:
    """Everything a request needs besides its store connection (``app.state.ctx``)."""

    db_path: DbTarget
    config: WebConfig
    pool: StorePool
    templates: Jinja2Templates
    enricher: Enricher
    images: ImageCache
    cache: VersionedCache
    pages: LruCache[tuple[str, ...], Kept]
    #: pages kept on disk for every process of the site (``pfocr serve --pages``)
    page_file: PageFile | None = None
    #: the site's fingerprint (:func:`pfocr.web.pagefile.site_fingerprint`), with a page file
    site: str = ""


def get_context(request: Request) -> WebContext:
    """Return the app's context.

    :param request: the request
    :returns: the context set by :func:`pfocr.web.create_app`
    """
    return cast(WebContext, request.app.state.ctx)


async def _context(request: Request) -> WebContext:
    # async: FastAPI runs a sync dependency in the thread pool, a hop per request
    return get_context(request)


Ctx = Annotated[WebContext, Depends(_context)]


async def _checkout(ctx: Ctx) -> AsyncIterator[Store]:
    store = ctx.pool.acquire()
    try:
        yield store
    finally:
        ctx.pool.release(store)


ReadStore = Annotated[Store, Depends(_checkout)]
