"""The harvest of one window: discover articles, fetch their JATS, fetch their figures.

Each phase reads from the ledger what is still to do, so a rerun (after a kill, or to
retry failures) does only that: pages of incomplete windows, articles that are pending or
failed, images that are pending or failed. Files are written atomically under the
harvest folder (``<db>.harvest/PMC…/``) before the ledger says they are there.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from pfocr.errors import InputError
from pfocr.harvest.discover import Discovery, SearchReport
from pfocr.harvest.eutils import EUtils, FetchedArticle
from pfocr.harvest.http import FetchError
from pfocr.harvest.ledger import (
    FAILED,
    FETCHED,
    PENDING,
    SKIPPED,
    ArticleRow,
    ImagePlan,
    ImageRow,
    Ledger,
)
from pfocr.harvest.media import (
    MediaSource,
    caption_matches,
    clean_partials,
    safe_name,
    write_atomic,
)
from pfocr.harvest.query import Window, query_key
from pfocr.ingest import FigureInput, JatsArticle, JatsFigure, Paper, jats_figure, parse_jats

__all__ = ["HarvestOptions", "Harvester", "PhaseCounts"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class HarvestOptions:
    """What to harvest and how.

    :param query: the search term
    :param window: the publication-date window
    :param workdir: where JATS and images are written (``<db>.harvest``)
    :param caption_pattern: a figure is taken when its title or caption matches
    :param cap: ids one search serves (the service's limit)
    :param page_size: ids per search page
    :param batch: articles per ``efetch`` request
    :param media_threads: images fetched at once
    :param refresh: search complete windows again
    """

    query: str
    window: Window
    workdir: Path
    caption_pattern: str = "pathway"
    cap: int = 10_000
    page_size: int = 500
    batch: int = 20
    media_threads: int = 4
    refresh: bool = False

    @property
    def key(self) -> str:
        """The query's ledger key."""
        return query_key(self.query)


@dataclass
class PhaseCounts:
    """What one phase did in this run: outcomes counted, failure reasons counted."""

    done: int = 0
    failed: int = 0
    skipped: int = 0
    reasons: Counter[str] = field(default_factory=Counter)


#: Progress callback: (phase, total) to start a phase, (phase, None) to advance one step.
ProgressHook = Callable[[str, int | None], None]


def _figid(pmcid: str, href: str) -> str:
    return f"{pmcid}__{PurePosixPath(safe_name(href)).stem}"


class Harvester:
    """Runs the phases of a harvest over one window.

    :param eutils: the E-utilities client
    :param media: where figure images come from
    :param ledger: the ledger
    :param options: what to harvest
    :param progress: receives phase starts and steps
    """

    def __init__(
        self,
        eutils: EUtils,
        media: MediaSource,
        ledger: Ledger,
        options: HarvestOptions,
        progress: ProgressHook | None = None,
    ) -> None:
        self.eutils = eutils
        self.media = media
        self.ledger = ledger
        self.options = options
        self.key = options.key
        try:
            self.pattern = re.compile(options.caption_pattern, re.IGNORECASE)
        except re.error as exc:
            raise InputError(f"--caption-pattern is not a regular expression: {exc}") from None
        self.progress = progress or (lambda phase, n: None)

    # -- discovery -----------------------------------------------------------------------
    def discover(self) -> SearchReport:
        """Search the window (pages, splits) and record every id found."""
        self.progress("pages", 0)
        discovery = Discovery(
            self.eutils, self.ledger, self.options.query, self.key,
            cap=self.options.cap, page_size=self.options.page_size,
            refresh=self.options.refresh, on_page=lambda n: self.progress("pages", None),
        )  # fmt: skip
        return discovery.run(self.options.window)

    # -- articles ------------------------------------------------------------------------
    def fetch_articles(self) -> PhaseCounts:
        """Fetch the JATS of every pending or failed article of the window."""
        todo = self.ledger.articles(self.key, self.options.window, (PENDING, FAILED))
        counts = PhaseCounts()
        self.progress("articles", len(todo))
        size = max(1, self.options.batch)
        for start in range(0, len(todo), size):
            batch = todo[start : start + size]
            uids = [row.pmcid.removeprefix("PMC") for row in batch]
            try:
                fetched = {a.uid: a for a in self.eutils.efetch(uids)}
            except FetchError as exc:
                for row in batch:
                    self._article_failed(row.pmcid, f"efetch: {exc.reason}", counts)
                continue
            for row, uid in zip(batch, uids, strict=True):
                article = fetched.get(uid)
                if article is None:
                    self._article_failed(row.pmcid, "not in the efetch answer", counts)
                else:
                    self._store_article(row.pmcid, article, counts)
                self.progress("articles", None)
        return counts

    def _article_failed(self, pmcid: str, reason: str, counts: PhaseCounts) -> None:
        self.ledger.record_article(pmcid, FAILED, reason)
        counts.failed += 1
        counts.reasons[reason] += 1

    def _store_article(self, pmcid: str, fetched: FetchedArticle, counts: PhaseCounts) -> None:
        if not fetched.open_access:
            reason = "not Open Access (PMC gives no full text)"
            self.ledger.record_article(pmcid, SKIPPED, reason)
            counts.skipped += 1
            counts.reasons[reason] += 1
            return
        try:
            article = parse_jats(fetched.xml, f"{pmcid}.nxml")
        except InputError as exc:
            self._article_failed(pmcid, f"bad JATS: {str(exc)[:160]}", counts)
            return
        path = self.options.workdir / pmcid / f"{pmcid}.nxml"
        write_atomic(path, fetched.xml)
        plans = [self._plan(pmcid, fig) for fig in article.figures]
        self.ledger.record_article(
            pmcid, FETCHED, path=str(path), version=article.version, images=plans
        )
        counts.done += 1

    def _plan(self, pmcid: str, fig: JatsFigure) -> ImagePlan:
        hrefs = fig.hrefs or (fig.href,)
        figid = _figid(pmcid, fig.href)
        if caption_matches(self.pattern, fig.figtitle, fig.caption):
            return ImagePlan(figid, pmcid, fig.fig_id, hrefs, PENDING)
        reason = f"caption does not match /{self.options.caption_pattern}/i"
        return ImagePlan(figid, pmcid, fig.fig_id, hrefs, SKIPPED, reason)

    # -- images ----------------------------------------------------------------------------
    def fetch_images(self) -> PhaseCounts:
        """Fetch every pending or failed figure image of the window, a few at a time."""
        todo = self.ledger.images(self.key, self.options.window, (PENDING, FAILED))
        counts = PhaseCounts()
        if clean_partials(self.options.workdir):
            logger.info("removed half-written files of an earlier, killed harvest")
        self.progress("images", len(todo))
        threads = max(1, self.options.media_threads)
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="media") as pool:
            futures = {
                pool.submit(self.media.fetch, row.pmcid, row.hrefs, row.version): row
                for row in todo
            }
            for future in as_completed(futures):
                row = futures[future]
                try:
                    image = future.result()
                except FetchError as exc:
                    self.ledger.record_image(row.figid, FAILED, exc.reason, url=exc.url)
                    counts.failed += 1
                    counts.reasons[exc.reason.split(":")[0]] += 1
                else:
                    path = self.options.workdir / row.pmcid / image.name
                    write_atomic(path, image.data)
                    self.ledger.record_image(
                        row.figid, FETCHED, url=image.url, path=str(path), size=len(image.data),
                        width=image.width, height=image.height, sha256=image.sha256,
                    )  # fmt: skip
                    counts.done += 1
                self.progress("images", None)
        return counts

    # -- into the pipeline -------------------------------------------------------------------
    def figure_inputs(self) -> list[FigureInput]:
        """The window's fetched figures, as the pipeline's inputs."""
        window = self.options.window
        articles = {a.pmcid: a for a in self.ledger.articles(self.key, window, (FETCHED,))}
        rows = self.ledger.images(self.key, window, (FETCHED,))
        by_article: dict[str, list[ImageRow]] = {}
        for row in rows:
            by_article.setdefault(row.pmcid, []).append(row)
        items: list[FigureInput] = []
        for pmcid, images in sorted(by_article.items()):
            items.extend(_inputs(articles.get(pmcid), pmcid, images))
        return items


def _inputs(
    article: ArticleRow | None, pmcid: str, rows: Sequence[ImageRow]
) -> Iterator[FigureInput]:
    parsed = _reparse(article, pmcid)
    if parsed is None:
        return
    paper = parsed.paper or Paper(pmcid=pmcid)
    by_href = {fig.href: fig for fig in parsed.figures}
    by_id = {fig.fig_id: fig for fig in parsed.figures if fig.fig_id}
    for row in rows:
        fig = by_href.get(row.hrefs[0]) or (by_id.get(row.fig_id) if row.fig_id else None)
        if fig is None or row.path is None or not Path(row.path).is_file():
            logger.warning("%s: the fetched file or its <fig> is gone; skipped", row.figid)
            continue
        image = Path(row.path)
        figure = replace(
            jats_figure(fig, pmcid, image.name, row.url or str(image)), figid=row.figid
        )
        yield FigureInput(figure=figure, paper=paper, image_path=image)


def _reparse(article: ArticleRow | None, pmcid: str) -> JatsArticle | None:
    if article is None or article.path is None:
        return None
    try:
        return parse_jats(Path(article.path).read_bytes(), article.path)
    except (OSError, InputError) as exc:
        logger.warning("%s: cannot read the stored JATS (%s); its figures are skipped", pmcid, exc)
        return None
