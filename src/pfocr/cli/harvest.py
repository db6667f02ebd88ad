"""``pfocr harvest``: fill a database with PMC's pathway figures, window by window."""

from __future__ import annotations

import os
import sys
from datetime import date
from types import TracebackType
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from pfocr.cli.app import DbOption, app, guarded
from pfocr.cli.run import DaskOption, WorkersOption
from pfocr.errors import InputError
from pfocr.harvest import (
    DEFAULT_CAPTION_PATTERN,
    DEFAULT_EUTILS,
    DEFAULT_MEDIA_URL,
    HarvestOptions,
    HttpPolicy,
    Window,
    default_query,
    month_window,
    parse_day,
)
from pfocr.pipeline import RunConfig
from pfocr.pipeline.harvest import Services, dry_run, harvest, workdir_for
from pfocr.settings import Settings
from pfocr.store import HarvestLedger, Store
from pfocr.store.target import DbTarget, display, exists
from pfocr.textutil import shorten

__all__ = ["PhaseBars", "resolve_window"]


class PhaseBars:
    """Bars for search pages, articles, images and the figures processed, on a terminal;
    counts on stderr otherwise."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._bar = Progress(
            TextColumn("[bold]{task.description:>8}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            disable=not self._tty,
        )
        self._tasks: dict[str, TaskID] = {}
        self._done: dict[str, int] = {}
        self._totals: dict[str, int] = {}

    def __enter__(self) -> PhaseBars:
        self._bar.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._bar.stop()

    def __call__(self, phase: str, total: int | None) -> None:
        """Start a phase (``total`` given; 0 when unknown) or advance it by one step."""
        if total is not None:
            for name, task in self._tasks.items():  # an open-ended phase ends when the next starts
                if not self._totals.get(name):
                    self._bar.update(task, total=self._done.get(name, 0))
            self._tasks[phase] = self._bar.add_task(phase, total=total or None)
            self._done[phase] = 0
            self._totals[phase] = total
            if not self._tty and total:
                typer.echo(f"harvest: {phase}: {total} to fetch", err=True)
            return
        self._done[phase] = done = self._done.get(phase, 0) + 1
        if phase in self._tasks:
            self._bar.update(self._tasks[phase], advance=1)
        total = self._totals.get(phase, 0)
        if not self._tty and (done % 100 == 0 or done == total):
            typer.echo(f"harvest: {phase}: {done}" + (f"/{total}" if total else ""), err=True)

    def start(self, total: int) -> None:
        """The pipeline's progress: the fetched figures to process."""
        self("figures", total)

    def advance(self, figid: str, status: str) -> None:
        """The pipeline's progress: one figure processed (or failed)."""
        self("figures", None)


def resolve_window(month: str | None, start: str | None, until: str | None) -> Window:
    """The window from ``--month`` or ``--from``/``--until``.

    :raises InputError: for a missing, malformed or contradictory window
    """
    if month and (start or until):
        raise InputError("give either --month or --from/--until, not both")
    if month:
        return month_window(month)
    if not start:
        raise InputError("give a window: --month YYYY-MM, or --from YYYY-MM-DD [--until ...]")
    first = parse_day(start, "--from")
    last = parse_day(until, "--until") if until else date.today()
    return Window(first, last)


def _status(db: DbTarget) -> None:
    if not exists(db):
        raise InputError(f"no database at {db}: nothing harvested yet")
    with Store(db) as store:
        ledger = HarvestLedger(store)
        rows = ledger.windows()
        if not rows:
            typer.echo(f"{display(db)}: nothing harvested yet")
            return
        for query, row in rows:
            indent = "  " if row.parent is not None else ""
            hits = "?" if row.hits is None else str(row.hits)
            line = f"{indent}{row.window}  {row.status:<10} {hits:>6} hits {row.read:>6} read"
            if row.parent is None:
                s = ledger.summary(row.query_key, row.window)
                a, i = s.articles, s.images
                line += (
                    f"  articles {a.get('fetched', 0)}/{a.get('skipped', 0)}/"
                    f"{a.get('failed', 0)}/{a.get('pending', 0)}"
                    f"  figures {i.get('fetched', 0)}/{i.get('skipped', 0)}/"
                    f"{i.get('failed', 0)}/{i.get('pending', 0)}"
                    f"  [{row.query_key}] {shorten(query, 60)}"
                )
            if row.error and row.status != "complete":
                line += f"  ({row.error})"
            typer.echo(line)
            if row.parent is None:
                for reason, n in sorted(s.failures.items()):
                    typer.echo(f"    failed  {n:>5} x {reason}")
                for reason, n in sorted(s.skips.items()):
                    typer.echo(f"    skipped {n:>5} x {reason}")
        typer.echo("(articles and figures: fetched/skipped/failed/pending)")


@app.command("harvest")
@guarded
def harvest_cmd(
    db: DbOption = "pfocr.sqlite",
    month: Annotated[str | None, typer.Option("--month", help="A calendar month, YYYY-MM")] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="First publication date, YYYY-MM-DD")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Last publication date (default: today)")
    ] = None,
    query: Annotated[
        str | None, typer.Option("--query", help="E-utilities term (default: PFOCR's query)")
    ] = None,
    eutils_base: Annotated[
        str, typer.Option("--eutils-base", help="E-utilities base URL")
    ] = DEFAULT_EUTILS,
    media_url: Annotated[
        str, typer.Option("--media-url", help="Image URL template: {pmcid}, {href}, {version}")
    ] = DEFAULT_MEDIA_URL,
    api_key: Annotated[
        str | None, typer.Option("--api-key", envvar="NCBI_API_KEY", help="NCBI API key")
    ] = None,
    email: Annotated[
        str | None, typer.Option("--email", envvar="NCBI_EMAIL", help="Contact sent to NCBI")
    ] = None,
    caption: Annotated[
        str, typer.Option("--caption-pattern", help="Keep figures whose caption matches")
    ] = DEFAULT_CAPTION_PATTERN,
    cap: Annotated[
        int, typer.Option("--search-cap", min=1, help="Ids one search serves; larger windows split")
    ] = 10_000,
    page_size: Annotated[int, typer.Option("--page-size", min=1, help="Ids per page")] = 500,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Articles per efetch")] = 20,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds per request")] = 30,
    tries: Annotated[int, typer.Option("--tries", min=1, help="Attempts per request")] = 5,
    backoff: Annotated[
        float, typer.Option("--backoff", min=0, help="First retry's wait in seconds (doubles)")
    ] = 1.0,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="Search complete windows again")
    ] = False,
    dry: Annotated[bool, typer.Option("--dry-run", help="List what would be fetched")] = False,
    no_process: Annotated[
        bool, typer.Option("--no-process", help="Only fetch; do not OCR or store figures")
    ] = False,
    status: Annotated[bool, typer.Option("--status", help="Print the ledger and stop")] = False,
    workers: WorkersOption = None,
    dask: DaskOption = None,
) -> None:
    """Harvest PMC pathway figures of a publication-date window into the database."""
    if status:
        _status(db)
        return
    window = resolve_window(month, start, until)
    services = Services(
        eutils_base=eutils_base, media_url=media_url, api_key=api_key, email=email,
        policy=HttpPolicy(timeout=timeout, tries=tries, backoff=backoff),
    )  # fmt: skip
    options = HarvestOptions(
        query=query or default_query(), window=window, workdir=workdir_for(db),
        caption_pattern=caption, cap=cap, page_size=page_size, batch=batch, refresh=refresh,
    )  # fmt: skip
    if dry:
        plan = dry_run(options, services, db)
        for pmcid in plan.to_fetch:
            typer.echo(pmcid)
        typer.echo(
            f"window {window}: {plan.search.hits} hits, {plan.search.read} read; "
            f"{len(plan.to_fetch)} articles to fetch, {plan.images_to_retry} figures to retry",
            err=True,
        )
        return
    settings = Settings()
    run = None
    if not no_process:
        run = RunConfig(db=db, workers=workers or os.cpu_count() or 1, dask=dask, settings=settings)
    with PhaseBars() as bars:  # one live display: rich allows no second one
        summary = harvest(options, services, db, settings=settings, run=run, hook=bars,
                          progress=bars)  # fmt: skip
    typer.echo(summary.describe(), err=True)
    if summary.run is not None and summary.run.failures:
        for f in summary.run.failures[:20]:
            typer.echo(f"  failed [{f.stage}] {f.source}: {f.error}", err=True)
    if not summary.complete:
        raise typer.Exit(code=1)
