"""``pfocr harvest``: a window's PMC figures fetched into the store and processed.

Wires the harvest stage to the store (the ledger lives in the database) and to the
rest of the pipeline: fetched figures go through OCR, recognition and the store exactly
as ``pfocr run`` would take them, with its workers or Dask cluster.
"""

from __future__ import annotations

import contextlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from pfocr.errors import InputError
from pfocr.harvest import (
    DEFAULT_EUTILS,
    DEFAULT_MEDIA_URL,
    EUtils,
    Harvester,
    HarvestOptions,
    HttpClient,
    HttpPolicy,
    LedgerSummary,
    MediaSource,
    PhaseCounts,
    SearchReport,
)
from pfocr.harvest.discover import Discovery
from pfocr.harvest.harvester import ProgressHook
from pfocr.pipeline.runner import Progress, RunConfig, RunSummary, run_figures
from pfocr.settings import Settings
from pfocr.store import HarvestLedger, Store
from pfocr.store.target import DbTarget, exists, sidecar_base

__all__ = ["DryRun", "HarvestSummary", "Services", "dry_run", "harvest", "workdir_for"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Services:
    """The remote services and how to talk to them.

    :param eutils_base: the E-utilities base URL
    :param media_url: the media URL template (``{pmcid}``, ``{href}``, ``{version}``)
    :param api_key: an NCBI API key
    :param email: the contact address NCBI asks tools to send
    :param policy: timeouts and retries
    :param eutils_rate: E-utilities requests a second (default 3, 10 with a key)
    :param media_rate: media requests a second
    """

    eutils_base: str = DEFAULT_EUTILS
    media_url: str = DEFAULT_MEDIA_URL
    api_key: str | None = None
    email: str | None = None
    policy: HttpPolicy = field(default_factory=HttpPolicy)
    eutils_rate: float | None = None
    media_rate: float = 20.0


@dataclass
class HarvestSummary:
    """What a harvest did, and where the window stands."""

    search: SearchReport
    articles: PhaseCounts
    images: PhaseCounts
    ledger: LedgerSummary
    run: RunSummary | None = None
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0

    @property
    def complete(self) -> bool:
        """Every page read, and no article or image left failed or pending."""
        left = sum(self.ledger.articles.get(s, 0) for s in ("failed", "pending"))
        left += sum(self.ledger.images.get(s, 0) for s in ("failed", "pending"))
        return self.search.complete and left == 0

    def describe(self) -> str:
        """The summary lines for the terminal."""
        s, a, i = self.search, self.ledger.articles, self.ledger.images
        lines = [
            f"window {s.window}: {s.hits} hits, {s.read} read"
            + (f" ({s.windows} windows searched)" if s.windows > 1 else ""),
            f"articles: {a.get('fetched', 0)} fetched, {a.get('skipped', 0)} skipped, "
            f"{a.get('failed', 0)} failed, {a.get('pending', 0)} pending "
            f"(this run: {self.articles.done} fetched, {self.articles.failed} failed)",
            f"figures: {i.get('fetched', 0)} fetched, {i.get('skipped', 0)} skipped, "
            f"{i.get('failed', 0)} failed, {i.get('pending', 0)} pending "
            f"(this run: {self.images.done} fetched, {self.images.failed} failed)",
            f"{self.requests} requests ({self.retries} retries) in {self.seconds:.1f} s",
        ]
        lines.extend(f"  incomplete: {p}" for p in s.problems)
        lines.extend(f"  failed: {n} x {why}" for why, n in sorted(self.ledger.failures.items()))
        lines.extend(f"  skipped: {n} x {why}" for why, n in sorted(self.ledger.skips.items()))
        if self.run is not None:
            lines.append(self.run.describe())
        lines.append(
            "complete" if self.complete else "incomplete: run the same command again to retry"
        )
        return "\n".join(lines)


@dataclass
class DryRun:
    """What a harvest would fetch."""

    search: SearchReport
    to_fetch: list[str]
    images_to_retry: int


def workdir_for(db: DbTarget) -> Path:
    """Where a store's harvested files are kept (``<db>.harvest``; for a PostgreSQL store,
    in the user's cache folder, :func:`pfocr.store.target.sidecar_base`)."""
    base = sidecar_base(db)
    return base.with_name(base.name + ".harvest")


def _clients(services: Services, settings: Settings) -> tuple[HttpClient, EUtils, MediaSource]:
    http = HttpClient(services.policy)
    eutils = EUtils(
        http, services.eutils_base, email=services.email, api_key=services.api_key,
        per_second=services.eutils_rate,
    )  # fmt: skip
    try:
        media = MediaSource(http, services.media_url, settings, services.media_rate)
    except ValueError as exc:
        http.close()
        raise InputError(str(exc)) from None
    return http, eutils, media


def harvest(
    options: HarvestOptions,
    services: Services,
    db: DbTarget,
    *,
    settings: Settings | None = None,
    run: RunConfig | None = None,
    hook: ProgressHook | None = None,
    progress: Progress | None = None,
) -> HarvestSummary:
    """Harvest a window into a store, and process what was fetched unless ``run`` is None.

    :param options: what to harvest (the window, the query, the harvest folder)
    :param services: the remote services
    :param db: the store (its ledger, and where ``run`` writes)
    :param settings: image limits (defaults to ``run``'s, or the environment's)
    :param run: the pipeline's options, or None to only fetch
    :param hook: receives the harvest phases' progress
    :param progress: receives the pipeline's progress
    :returns: what was done
    """
    start = time.perf_counter()
    settings = settings or (run.settings if run is not None else Settings())
    http, eutils, media = _clients(services, settings)
    with http, Store(db) as store:
        ledger = HarvestLedger(store)
        harvester = Harvester(eutils, media, ledger, options, hook)
        search = harvester.discover()
        articles = harvester.fetch_articles()
        images = harvester.fetch_images()
        items = harvester.figure_inputs()
        report = ledger.summary(options.key, options.window)
        summary = HarvestSummary(search, articles, images, report)
        summary.requests, summary.retries = http.requests, http.retries
    if run is not None and items:
        logger.info("processing %d fetched figures", len(items))
        summary.run = run_figures(items, run, progress)
    summary.seconds = time.perf_counter() - start
    return summary


def dry_run(options: HarvestOptions, services: Services, db: DbTarget) -> DryRun:
    """Search the window and say what a harvest would fetch, writing nothing.

    :param options: what to harvest
    :param services: the remote services
    :param db: the store whose ledger says what is already fetched (it may not exist)
    :returns: the articles a harvest would fetch
    """
    http, eutils, _ = _clients(services, Settings())
    with http, contextlib.ExitStack() as stack:
        store = stack.enter_context(Store(db)) if exists(db) else None
        ledger = HarvestLedger(store) if store is not None else None
        discovery = Discovery(eutils, ledger, options.query, options.key, cap=options.cap,
                              page_size=options.page_size, refresh=options.refresh,
                              record=False)  # fmt: skip
        search = discovery.run(options.window)
        if ledger is None:
            return DryRun(search, sorted(search.pmcids), 0)
        stored = ledger.articles(options.key, options.window, ("fetched", "skipped"))
        retry = ledger.images(options.key, options.window, ("pending", "failed"))
        return DryRun(search, sorted(search.pmcids - {a.pmcid for a in stored}), len(retry))
