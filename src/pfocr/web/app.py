"""Build the FastAPI app: pages, API, files, static assets, errors and security headers."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import re
import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import jinja2
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from pfocr import __version__
from pfocr.errors import InputError
from pfocr.search.stored import rank_words
from pfocr.store import Store
from pfocr.store.sql import is_postgres_conn
from pfocr.store.target import DbTarget
from pfocr.web import views
from pfocr.web.concepts import concept_url
from pfocr.web.config import MAX_BODY_BYTES, WebConfig
from pfocr.web.deps import LruCache, StorePool, VersionedCache, WebContext
from pfocr.web.errors import install_error_handlers
from pfocr.web.images import ImageCache
from pfocr.web.kept import kept_size
from pfocr.web.middleware import BodyLimitMiddleware, HeadMiddleware, SecurityHeadersMiddleware
from pfocr.web.pagefile import PageFile, live_scopes, site_fingerprint
from pfocr.web.routes import api, apidocs, concepts, enrichment, files, pages
from pfocr.web.routes.common import genes_in_memory, ranked_words
from pfocr.web.services import Enricher

__all__ = ["create_app"]

logger = logging.getLogger(__name__)

_HERE = Path(__file__).parent


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_HERE / "templates"),
        autoescape=True,  # every template is HTML: escape everything, always
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        figure_url=views.figure_url,
        gene_url=views.gene_url,
        concept_url=concept_url,
        hgnc_url=views.hgnc_url,
        ncbi_url=views.ncbi_url,
        points=views.points,
        version=__version__,
        figure_link=views.figure_link,
    )
    env.filters["sci"] = _sci
    env.filters["snippet"] = _snippet
    env.filters["without"] = _without
    return Jinja2Templates(env=env)


def _sci(value: float | None) -> str:
    """Format a p-value or ratio for a table: 3 significant digits, ∞ for None."""
    if value is None:
        return "∞"
    if value == 0:
        return "0"
    return f"{value:.2e}" if abs(value) < 1e-3 or abs(value) >= 1e5 else f"{value:.3g}"


def _without(items: Sequence[str], drop: Sequence[str]) -> list[str]:
    """The items not in ``drop``, in order (Jinja's ``reject("in", ...)`` runs a test per
    item: 2.5 ms of a gene page whose 20 figures list 30 genes each)."""
    gone = set(drop)
    return [x for x in items if x not in gone]


_MATCH = re.compile(r"(\[[^\[\]]+\])")


def _snippet(text: str) -> Markup:
    """Escape a search snippet and turn its ``[match]`` markers into ``<mark>``."""
    parts = []
    for part in _MATCH.split(text):
        if _MATCH.fullmatch(part):
            parts.append(Markup("<mark>%s</mark>") % part[1:-1])
        else:
            parts.append(escape(part))
    return Markup("").join(parts)


def _warm(ctx: WebContext) -> None:
    """Build the gene index and the enrichment index of the store as it is now (requests
    that need them meanwhile wait for this build, not start their own)."""
    try:
        store = ctx.pool.acquire()
    except Exception:
        logger.warning("could not open the store to build its indexes", exc_info=True)
        return
    try:
        genes_in_memory(ctx, store)
        ctx.enricher.index(store)
    except InputError:
        pass  # no figure with enough genes yet: the pages say so when asked
    except Exception:
        logger.warning("building the site's indexes failed", exc_info=True)
    try:
        _prune_pages(ctx, store)
    except Exception:
        logger.warning("removing older pages from the page file failed", exc_info=True)
    try:
        _rank_common_words(ctx, store)
    except Exception:
        logger.warning("ranking the common words failed", exc_info=True)
    finally:
        ctx.pool.release(store)
        # what start-up made (templates, indexes, the app) lives as long as the server:
        # collections while pages are served need not scan it (a full collection over it
        # took 80 ms at 110,000 figures, a pause in whichever request met it)
        gc.freeze()


def _prune_pages(ctx: WebContext, store: Store) -> None:
    """Remove this site's pages of older data from its page file (those of the store's
    stamp and of its figures' are kept; another site's are left to it)."""
    if ctx.page_file is None:
        return
    removed = ctx.page_file.prune(live_scopes(store, ctx.site), ctx.site)
    if removed:
        logger.info("page file: %d pages of older data removed", removed)


def _yield_cpu() -> None:
    """Lower this thread's CPU priority (Linux: a thread's nice value is its own)."""
    # elsewhere (no per-thread nice value) the work runs at the process's priority
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


def _rank_common_words(ctx: WebContext, store: Store) -> None:
    """Search each word in at least :data:`~pfocr.search.ranked.MIN_DOCS` figures once,
    so that its first pages are kept (:mod:`pfocr.search.ranked`); on SQLite only, and
    only where the writer stored no rankings for this data version
    (:mod:`pfocr.search.stored`).

    At 110,000 figures on 2 cores this is 23 s of CPU per server process, run at nice 10
    and paced to half a core. On PostgreSQL the same work (150 ms a word there) ran in
    the server's backends at full priority for minutes and slowed every request.
    """
    if is_postgres_conn(store.conn):
        # there the ranking runs in the database server, which other sites and writers
        # share and this thread's priority does not reach: words are kept as searched
        return
    ranked = ranked_words(ctx, store)
    if ranked.stored:
        return  # the writer ranked them for this data version
    _yield_cpu()  # the site answers requests meanwhile: this work comes after them
    rank_words(store, ranked, pace=True)


def create_app(db_path: DbTarget, config: WebConfig | None = None) -> FastAPI:
    """Build the site over a store, read-only.

    :param db_path: the store (an SQLite file or a PostgreSQL URL)
    :param config: options (gene names, page sizes, caches)
    :returns: the app; its state holds the :class:`~pfocr.web.deps.WebContext`
    :raises InputError: when the file is missing or not a pfocr store
    """
    config = config or WebConfig()
    Store(db_path, readonly=True).close()  # fail now, not on the first request
    pool = StorePool(db_path)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # build the in-memory indexes now rather than on the first gene page or enrichment:
        # at 110,000 figures that request would wait a second or more, and every request
        # arriving meanwhile with it
        threading.Thread(
            target=_warm, args=(app.state.ctx,), name="pfocr-warm", daemon=True
        ).start()
        yield
        pool.close()

    app = FastAPI(
        title="pfocr",
        version=__version__,
        summary="Genes in published pathway figures: search, figure pages, enrichment.",
        docs_url=None,  # FastAPI's page loads Swagger UI from a CDN: see routes/apidocs.py
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = WebContext(
        db_path=db_path,
        config=config,
        pool=pool,
        templates=_templates(),
        enricher=Enricher(resolver=config.resolver),
        images=ImageCache(config.cache_images, config.thumb_width),
        cache=VersionedCache(),
        pages=LruCache(1_000_000, int(config.cache_pages_mb * 1e6), kept_size),
        page_file=None if config.page_file is None else PageFile(config.page_file),
        site=site_fingerprint(config) if config.page_file is not None else "",
    )
    install_error_handlers(app)
    app.include_router(pages.router)
    app.include_router(concepts.pages)
    app.include_router(enrichment.router)
    app.include_router(apidocs.router)
    app.include_router(api.router)
    app.include_router(concepts.api)
    app.include_router(files.router)
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    app.mount(
        apidocs.APIDOCS_STATIC, StaticFiles(directory=apidocs.swagger_files()), name="apidocs"
    )
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)
    app.add_middleware(HeadMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    return app
