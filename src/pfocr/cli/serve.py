"""``pfocr serve``: the web site and JSON API over a store, read-only."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated

import typer

from pfocr.cli.app import DbOption, app, guarded

logger = logging.getLogger(__name__)


@app.command("serve")
@guarded
def serve(
    db: DbOption = Path("pfocr.sqlite"),
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
) -> None:
    """Serve the search site, figure pages, enrichment and the JSON API (read-only)."""
    import uvicorn  # only this command needs the server

    from pfocr.web import WebConfig, create_app
    from pfocr.web.services import gene_names, gene_synonyms, local_lexicon

    lex = local_lexicon() if use_lexicon else None
    config = WebConfig(gene_names=gene_names(lex), gene_synonyms=gene_synonyms(lex), resolver=lex)
    site = create_app(db, config)
    typer.echo(f"pfocr: serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(site, host=host, port=port, server_header=False, log_level="warning")
