"""``pfocr pages``: render a store's pages ahead into the site's page file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from pfocr.cli.app import DbOption, app, guarded


@app.command("pages")
@guarded
def pages(
    pages_file: Annotated[
        Path,
        typer.Option(
            "--pages", help="The page file `pfocr serve --pages` will read (created when missing)"
        ),
    ],
    db: DbOption = "pfocr.sqlite",
    use_lexicon: Annotated[
        bool,
        typer.Option(
            "--lexicon/--no-lexicon",
            help="As `pfocr serve` will run: pages are kept for one set of site options",
        ),
    ] = True,
    kinds: Annotated[
        str,
        typer.Option(
            "--kinds",
            help="Comma-separated: figures, genes, searches (by gene), api (search by gene),"
            " words (search by one word of the text index), concepts",
        ),
    ] = "figures,genes,searches,api,words,concepts",
    word_min: Annotated[
        int,
        typer.Option(
            "--word-min",
            min=1,
            help="The fewest figures a word is in for its search to be rendered (words)",
        ),
    ] = 10,
    workers: Annotated[
        int, typer.Option("--workers", "-j", min=1, max=64, help="Processes rendering")
    ] = 1,
) -> None:
    """Render every page a site over the store would render on first ask (figure, gene,
    search and chemical pages), so that `pfocr serve --pages FILE` serves them kept.

    Pages of older data or of another pfocr are removed from the file first; pages
    already kept are not rendered again (a killed run resumes)."""
    from pfocr.store import Store
    from pfocr.web.ahead import render_ahead
    from pfocr.web.serving import site_config

    Store(db, readonly=True).close()  # a missing or foreign store: its one-line error
    config = site_config(use_lexicon, page_file=pages_file)
    bar = Progress(
        TextColumn("[bold]pfocr pages"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not sys.stderr.isatty(),
    )
    task = bar.add_task("pages", total=None)

    def progress(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        summary = render_ahead(
            db,
            config,
            [k.strip() for k in kinds.split(",") if k.strip()],
            workers,
            progress,
            word_min,
        )
    typer.echo(
        f"{summary.paths} paths, {summary.kept} pages kept in {pages_file}"
        f" ({summary.pruned} of older data or code removed, {len(summary.failed)} not 200)",
        err=True,
    )
    for path, status in summary.failed[:10]:
        typer.echo(f"  {status} {path}", err=True)
    if summary.failed:
        raise typer.Exit(code=1)
