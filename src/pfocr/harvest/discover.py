"""Discovery: every PMC id of a query in a date window, with nothing silently truncated.

A search serves only its first ``cap`` ids (10,000 on the real service, and an
``<ERROR>`` past that). A window with more hits than that is halved, and each half
searched in turn, until each fits; a one-day window that still does not fit is read to
the cap and recorded as incomplete with the numbers. Pages are read with
``retstart``/``retmax``; each page is written to the ledger (with its ids) as it is
read. A window is complete only when every page was read, the ids read equal the hit
count, and the window is over (a window reaching today is searched again next time).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pfocr.harvest.eutils import EUtils
from pfocr.harvest.http import FetchError
from pfocr.harvest.ledger import COMPLETE, FAILED, INCOMPLETE, Ledger
from pfocr.harvest.query import Window

__all__ = ["Discovery", "SearchReport"]

logger = logging.getLogger(__name__)


@dataclass
class SearchReport:
    """What discovery found in a window.

    :param hits: the window's hit count (the sum over its halves when it was split)
    :param read: the distinct ids read
    :param complete: every page of every (sub-)window was read
    :param windows: the windows searched, sub-windows included
    :param problems: why the window is not complete, if it is not
    :param pmcids: the ids read (kept for ``--dry-run``)
    """

    window: Window
    hits: int = 0
    read: int = 0
    complete: bool = True
    windows: int = 0
    problems: list[str] = field(default_factory=list)
    pmcids: set[str] = field(default_factory=set)


class Discovery:
    """Searches windows and records them.

    :param eutils: the E-utilities client
    :param ledger: the ledger (read for earlier windows; written unless ``record`` is False)
    :param query: the search term
    :param query_key: the term's ledger key
    :param cap: how many ids the service serves for one search
    :param page_size: ids per page (``retmax``)
    :param refresh: search complete windows again (new articles in an old window)
    :param record: write to the ledger (False for ``--dry-run``)
    :param on_page: called after each page with its number of ids
    """

    def __init__(
        self,
        eutils: EUtils,
        ledger: Ledger | None,
        query: str,
        query_key: str,
        *,
        cap: int = 10_000,
        page_size: int = 500,
        refresh: bool = False,
        record: bool = True,
        on_page: Callable[[int], None] | None = None,
    ) -> None:
        if cap < 1 or page_size < 1:
            raise ValueError("the search cap and page size must be positive")
        self.eutils = eutils
        self.ledger = ledger
        self.query = query
        self.key = query_key
        self.cap = cap
        self.page_size = min(page_size, cap)
        self.refresh = refresh
        self.record = record and ledger is not None
        self.on_page = on_page or (lambda n: None)

    def run(self, window: Window) -> SearchReport:
        """Search a window (splitting it as needed).

        :param window: the publication-date window
        :returns: what was found
        """
        report = SearchReport(window=window)
        self._search(window, None, report)
        logger.info(
            "window %s: %d hits, %d read%s", window, report.hits, report.read,
            "" if report.complete else " (incomplete)",
        )  # fmt: skip
        return report

    def _save(
        self,
        window: Window,
        parent: Window | None,
        *,
        hits: int | None,
        read: int,
        status: str,
        error: str | None,
    ) -> None:
        if self.record and self.ledger is not None:
            self.ledger.record_window(
                self.key, self.query, window, parent,
                hits=hits, read=read, status=status, error=error,
            )  # fmt: skip

    def _search(self, window: Window, parent: Window | None, report: SearchReport) -> None:
        report.windows += 1
        stored = self.ledger.window(self.key, window) if self.ledger is not None else None
        if stored is not None and stored.status == COMPLETE and not self.refresh:
            report.hits += stored.hits or 0
            report.read += stored.read
            if not self.record and self.ledger is not None:
                report.pmcids |= self.ledger.window_pmcids(self.key, window)
            return
        try:
            first = self.eutils.esearch(self.query, window, 0, self.page_size)
        except FetchError as exc:
            self._fail(window, parent, report, f"search failed: {exc.reason}")
            return
        if first.count > self.cap and window.days > 1:
            self._split(window, parent, first.count, report)
            return
        self._read(window, parent, first.count, first.ids, report)

    def _split(
        self, window: Window, parent: Window | None, hits: int, report: SearchReport
    ) -> None:
        earlier, later = window.split()
        logger.info("window %s: %d hits > cap %d, split in two", window, hits, self.cap)
        self._save(window, parent, hits=hits, read=0, status=INCOMPLETE, error="split")
        was_complete, read_before = report.complete, report.read
        report.complete = True
        self._search(earlier, window, report)
        self._search(later, window, report)
        complete = report.complete
        report.complete = was_complete and complete
        read = report.read - read_before
        status = COMPLETE if complete else INCOMPLETE
        self._save(window, parent, hits=hits, read=read, status=status,
                   error=f"split into {earlier} and {later}")  # fmt: skip

    def _read(
        self,
        window: Window,
        parent: Window | None,
        hits: int,
        first_ids: tuple[str, ...],
        report: SearchReport,
    ) -> None:
        pmcids: list[str] = []
        seen: set[str] = set()
        problem: str | None = None
        retstart, ids = 0, first_ids
        limit = min(hits, self.cap)
        while True:
            page = [f"PMC{uid}" for uid in ids if uid]
            fresh = [p for p in page if p not in seen]
            seen.update(fresh)
            pmcids.extend(fresh)
            if self.record and self.ledger is not None:
                self.ledger.record_page(self.key, window, retstart, fresh)
            self.on_page(len(fresh))
            retstart += len(ids)
            if retstart >= limit or not ids:
                break
            try:
                answer = self.eutils.esearch(self.query, window, retstart, self.page_size)
            except FetchError as exc:
                problem = f"search page at {retstart} failed: {exc.reason}"
                if self.record and self.ledger is not None:
                    self.ledger.record_page(self.key, window, retstart, [], error=exc.reason)
                break
            if answer.count != hits:
                problem = f"hit count changed while paging ({hits} -> {answer.count})"
            ids = answer.ids
        if problem is None and hits > self.cap:
            problem = f"{hits} hits in one day exceed the search cap of {self.cap}"
        if problem is None and len(pmcids) < hits:
            problem = f"{len(pmcids)} of {hits} ids read"
        if problem is None and window.end >= datetime.now(UTC).date():
            problem = "the window is not over yet (searched again next time)"
        report.hits += hits
        report.read += len(pmcids)
        report.pmcids.update(pmcids)
        if problem is not None:
            report.complete = False
            report.problems.append(f"{window}: {problem}")
        status = COMPLETE if problem is None else INCOMPLETE
        self._save(window, parent, hits=hits, read=len(pmcids), status=status, error=problem)

    def _fail(self, window: Window, parent: Window | None, report: SearchReport, why: str) -> None:
        report.complete = False
        report.problems.append(f"{window}: {why}")
        self._save(window, parent, hits=None, read=0, status=FAILED, error=why)
