"""``pfocr serve``: the web site and JSON API over a store, read-only."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated

import typer

from pfocr.cli.app import DbOption, app, guarded

logger = logging.getLogger(__name__)


@app.command("serve")
@guarded
def serve(
    db: DbOption = "pfocr.sqlite",
    host: Annotated[
        str, typer.Option("--host", help="Interface to listen on (loopback by default)")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port")] = 8000,
    use_lexicon: Annotated[
        bool,
        typer.Option(
            "--lexicon/--no-lexicon",
            help="Use the lexicon already on this machine (PFOCR_LEXICON or the cached build)"
            " for gene names and to map aliases in enrichment; never downloads",
        ),
    ] = True,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Server processes (one per core serves most; each loads the lexicon)",
        ),
    ] = 1,
    page_cache_mb: Annotated[
        float,
        typer.Option(
            "--page-cache-mb",
            min=0,
            help="Memory for rendered pages and API answers kept per server process"
            " (gzip-compressed, about 6 kB a page; 0 keeps none)",
        ),
    ] = 64.0,
    pages: Annotated[
        Path | None,
        typer.Option(
            "--pages",
            help="A page file: every server process keeps the pages it renders there and"
            " finds those `pfocr pages` rendered ahead (created when missing)",
        ),
    ] = None,
) -> None:
    """Serve the search site, figure pages, enrichment and the JSON API (read-only)."""
    import uvicorn  # only this command needs the server

    from pfocr.store.target import absolute, display
    from pfocr.web.serving import ENV_DB, ENV_LEXICON, ENV_PAGE_CACHE_MB, ENV_PAGES, build_site

    # a missing or foreign store (or page file) fails here, once, with its one-line message
    site = build_site(db, use_lexicon if workers == 1 else False, page_cache_mb, pages)
    typer.echo(
        f"pfocr: serving {display(db)} on http://{host}:{port}/ with {workers} process"
        f"{'es' if workers > 1 else ''} (Ctrl-C to stop)",
        err=True,
    )
    options = {"host": host, "port": port, "server_header": False, "log_level": "warning"}
    if workers == 1:
        uvicorn.run(site, **options)  # type: ignore[arg-type]
        return
    os.environ[ENV_DB] = str(absolute(db))
    os.environ[ENV_LEXICON] = "1" if use_lexicon else "0"
    os.environ[ENV_PAGE_CACHE_MB] = str(page_cache_mb)
    if pages is not None:
        os.environ[ENV_PAGES] = str(pages.resolve())
    uvicorn.run(
        "pfocr.web.serving:app_from_env",
        factory=True,
        workers=workers,
        **options,  # type: ignore[arg-type]
    )
