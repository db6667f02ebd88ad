"""Pages rendered ahead (``pfocr pages``): every figure page, gene page, search by gene,
API search by gene, search by a word of the text index (those in at least
:data:`WORD_MIN` figures) and chemical or disease page of a store, rendered by the site
itself (in process, through its own routes) into its page file.

A page is rendered exactly as a request to ``pfocr serve`` with the same options would
render it, so the site serves the kept bytes as its own. A page already kept for this
state of the data is read, not rendered again: a killed run resumes where it stopped.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from urllib.parse import quote

import httpx

from pfocr.errors import InputError
from pfocr.search.ranked import common_words
from pfocr.store import Store
from pfocr.store.schema import has_table
from pfocr.store.target import DbTarget
from pfocr.web.concepts import concept_url
from pfocr.web.config import WebConfig
from pfocr.web.pagefile import PageFile, live_scopes, site_fingerprint
from pfocr.web.views import figure_url, gene_url

__all__ = ["KINDS", "WORD_MIN", "AheadSummary", "render_ahead", "site_paths"]

logger = logging.getLogger(__name__)

#: What ``pfocr pages`` renders, by kind.
KINDS = ("figures", "genes", "searches", "api", "words", "concepts")

#: The fewest figures a word of the text index is in for its search to be rendered ahead
#: (a search by a rarer word reads a short list: a few ms on first ask).
WORD_MIN = 10

#: Paths a worker renders per task (progress is reported per task).
CHUNK = 100


def site_paths(store: Store, kinds: Iterable[str] = KINDS, word_min: int = WORD_MIN) -> list[str]:
    """The paths of a store's pages of the given kinds, the most asked for first within
    each kind (genes and words by the figures that show them).

    :param store: the store
    :param kinds: some of :data:`KINDS`
    :param word_min: the fewest figures a word is in for its search (kind ``words``):
        every word of the text index of three letters or more, as the index holds it
    :returns: the paths
    :raises InputError: for an unknown kind, or ``word_min`` under 1
    """
    if word_min < 1:
        raise InputError(f"a word's search needs the fewest figures 1 or more, not {word_min}")
    wanted = list(dict.fromkeys(kinds))
    unknown = [k for k in wanted if k not in KINDS]
    if unknown:
        raise InputError(f"unknown page kind {unknown[0]!r} (kinds: {', '.join(KINDS)})")
    conn = store.conn
    symbols: list[str] = []
    if {"genes", "searches", "api"} & set(wanted):
        rows = conn.execute(
            "SELECT symbol FROM genes GROUP BY symbol ORDER BY count(*) DESC, symbol"
        )
        symbols = [str(r[0]) for r in rows]
    paths: list[str] = []
    for kind in wanted:
        if kind == "figures":
            paths += [figure_url(f) for f in store.figure_ids()]
        elif kind == "genes":
            paths += [gene_url(s) for s in symbols]
        elif kind == "searches":
            paths += [f"/?q={quote(s, safe='')}" for s in symbols]
        elif kind == "api":
            paths += [f"/api/search?gene={quote(s, safe='')}" for s in symbols]
        elif kind == "words":
            paths += [f"/?q={quote(w, safe='')}" for w in common_words(conn, word_min)]
        elif kind == "concepts" and has_table(conn, "chem_mentions"):
            rows = conn.execute("SELECT DISTINCT concept FROM chem_mentions ORDER BY concept")
            paths += [concept_url(str(r[0])) for r in rows]
    return paths


@dataclass
class AheadSummary:
    """What a ``pfocr pages`` run did.

    :param pruned: pages of older data or code removed first
    :param paths: paths asked for
    :param kept: pages the file holds at the end (all of this data and code)
    :param failed: paths that did not answer 200, with their status (a few)
    """

    pruned: int
    paths: int
    kept: int
    failed: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class _Worker:
    """A worker process's site, client and event loop (made once, after the fork)."""

    loop: asyncio.AbstractEventLoop
    client: httpx.AsyncClient


_WORKER: list[_Worker] = []


def _worker_start(db: DbTarget, config: WebConfig) -> None:
    from pfocr.web.app import create_app

    logging.getLogger("httpx").setLevel(logging.WARNING)  # not a line per page
    loop = asyncio.new_event_loop()
    transport = httpx.ASGITransport(app=create_app(db, config))
    _WORKER.append(_Worker(loop, httpx.AsyncClient(transport=transport, base_url="http://pfocr")))


def _render(paths: Sequence[str]) -> list[tuple[str, int]]:
    worker = _WORKER[0]

    async def fetch() -> list[tuple[str, int]]:
        failed = []
        for path in paths:
            status = (await worker.client.get(path)).status_code
            if status != 200:
                failed.append((path, status))
        return failed

    return worker.loop.run_until_complete(fetch())


def render_ahead(
    db: DbTarget,
    config: WebConfig,
    kinds: Iterable[str] = KINDS,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
    word_min: int = WORD_MIN,
) -> AheadSummary:
    """Render a store's pages into the site's page file (``config.page_file``).

    :param db: the store (written to only to give a store older than data stamps one)
    :param config: the site's options, as ``pfocr serve`` will have them
    :param kinds: which pages (:data:`KINDS`)
    :param workers: processes rendering
    :param progress: called with (paths done, paths in all) as work completes
    :param word_min: the fewest figures a word is in for its search to be rendered
    :returns: the summary
    :raises InputError: without a page file, for an unknown kind or a bad ``word_min``
    """
    if config.page_file is None:
        raise InputError("no page file given")
    pages = PageFile(config.page_file)
    with Store(db) as store:
        store.ensure_data_stamp()
        live = live_scopes(store, site_fingerprint(config))
        paths = site_paths(store, kinds, word_min)
    pruned = pages.prune(live)
    logger.info("pages: %d paths, %d pages of other scopes removed", len(paths), pruned)
    # pages rendered ahead need not be kept in each worker's memory as well
    config = replace(config, cache_pages_mb=0.0)
    chunks = [paths[i : i + CHUNK] for i in range(0, len(paths), CHUNK)]
    failed: list[tuple[str, int]] = []
    done = 0
    if progress is not None:
        progress(0, len(paths))
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=context,
        initializer=_worker_start,
        initargs=(db, config),
    ) as pool:
        running: dict[Future[list[tuple[str, int]]], int] = {}
        queue = list(reversed(chunks))
        while queue or running:
            while queue and len(running) < 2 * max(1, workers):
                chunk = queue.pop()
                running[pool.submit(_render, chunk)] = len(chunk)
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                done += running.pop(future)
                failed += future.result()
                if progress is not None:
                    progress(done, len(paths))
                if done % (50 * CHUNK) < CHUNK:
                    logger.info("pages: %d of %d", done, len(paths))
    return AheadSummary(pruned, len(paths), pages.count(), failed)
