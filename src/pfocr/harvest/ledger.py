"""What the harvest ledger holds, and the interface the harvester writes it through.

The ledger is kept in the pfocr database (``pfocr.store.HarvestLedger``): every window
and sub-window searched, every search page, every article and every figure image, each
with its status (``pending``, ``fetched``, ``failed``, ``skipped``) and, for a failure
or a skip, the reason. Each write is one transaction, so a run killed at any point
leaves every row either before or after the step, and a rerun picks up exactly what
is not ``fetched`` (or ``skipped``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from pfocr.harvest.query import Window

__all__ = [
    "ArticleRow",
    "ImagePlan",
    "ImageRow",
    "Ledger",
    "LedgerSummary",
    "WindowRow",
]

#: Statuses of a row; a window is also ``split`` (its halves hold its results).
PENDING, FETCHED, FAILED, SKIPPED, SPLIT, COMPLETE, INCOMPLETE = (
    "pending",
    "fetched",
    "failed",
    "skipped",
    "split",
    "complete",
    "incomplete",
)


@dataclass(frozen=True)
class WindowRow:
    """A searched window: its hit count, how many ids were read, and whether it is done."""

    query_key: str
    window: Window
    parent: Window | None
    hits: int | None
    read: int
    status: str
    error: str | None


@dataclass(frozen=True)
class ArticleRow:
    """An article found by a search."""

    pmcid: str
    status: str
    reason: str | None
    path: str | None
    version: int | None


@dataclass(frozen=True)
class ImagePlan:
    """A figure of a fetched article: to download (``pending``) or ``skipped`` with a reason.

    :param hrefs: the figure's graphics (renditions), the largest of which is kept
    """

    figid: str
    pmcid: str
    fig_id: str | None
    hrefs: tuple[str, ...]
    status: str
    reason: str | None = None


@dataclass(frozen=True)
class ImageRow:
    """A figure image in the ledger."""

    figid: str
    pmcid: str
    fig_id: str | None
    hrefs: tuple[str, ...]
    status: str
    reason: str | None
    url: str | None
    path: str | None
    version: int | None


@dataclass(frozen=True)
class LedgerSummary:
    """Counts of a window's articles and images by status; failures and skips by reason."""

    articles: dict[str, int]
    images: dict[str, int]
    failures: dict[str, int]
    skips: dict[str, int]


class Ledger(Protocol):
    """Where the harvester records what it did."""

    def window(self, query_key: str, window: Window) -> WindowRow | None:
        """The stored row of a window, if it was searched before."""

    def record_window(
        self,
        query_key: str,
        query: str,
        window: Window,
        parent: Window | None,
        *,
        hits: int | None,
        read: int,
        status: str,
        error: str | None = None,
    ) -> None:
        """Store (or update) a window's row."""

    def record_page(
        self,
        query_key: str,
        window: Window,
        retstart: int,
        pmcids: Sequence[str],
        error: str | None = None,
    ) -> None:
        """Store a search page and, in the same transaction, its articles as pending."""

    def window_pmcids(self, query_key: str, window: Window) -> set[str]:
        """The articles found in a window (and its sub-windows) so far."""

    def articles(self, query_key: str, window: Window, statuses: Sequence[str]) -> list[ArticleRow]:
        """The window's articles whose status is one of ``statuses``."""

    def record_article(
        self,
        pmcid: str,
        status: str,
        reason: str | None = None,
        *,
        path: str | None = None,
        version: int | None = None,
        images: Sequence[ImagePlan] = (),
    ) -> None:
        """Store an article's outcome and, in the same transaction, its figures' rows."""

    def images(self, query_key: str, window: Window, statuses: Sequence[str]) -> list[ImageRow]:
        """The window's figure images whose status is one of ``statuses``."""

    def record_image(
        self,
        figid: str,
        status: str,
        reason: str | None = None,
        *,
        url: str | None = None,
        path: str | None = None,
        size: int | None = None,
        width: int | None = None,
        height: int | None = None,
        sha256: str | None = None,
    ) -> None:
        """Store a figure image's outcome."""

    def summary(self, query_key: str, window: Window) -> LedgerSummary:
        """Counts of the window's articles and images."""
