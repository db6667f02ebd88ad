"""The harvest ledger in the pfocr database (tables ``harvest_*``, schema 2).

Implements :class:`pfocr.harvest.ledger.Ledger` over a :class:`~pfocr.store.Store`'s
connection: every write is one ``BEGIN IMMEDIATE`` transaction, so a harvest killed at
any point leaves each row either before or after its step.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from pfocr.harvest.ledger import (
    FAILED,
    PENDING,
    ArticleRow,
    ImagePlan,
    ImageRow,
    LedgerSummary,
    WindowRow,
)
from pfocr.harvest.query import Window
from pfocr.store.db import Store
from pfocr.store.schema import has_table
from pfocr.store.sql import Connection

__all__ = ["HarvestLedger", "last_complete_window"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _window(start: str | None, end: str | None) -> Window | None:
    if start is None or end is None:
        return None
    return Window(date.fromisoformat(start), date.fromisoformat(end))


def _inside(window: Window) -> tuple[str, str]:
    return window.start.isoformat(), window.end.isoformat()


def last_complete_window(conn: Connection) -> tuple[str, str, str] | None:
    """The latest-ending complete top-level harvest window, for the site's downloads page.

    :param conn: a connection to a pfocr database
    :returns: (start, end, query key), or None when nothing was harvested
    """
    if not has_table(conn, "harvest_windows"):
        return None
    row = conn.execute(
        "SELECT start_date, end_date, query_key FROM harvest_windows "
        "WHERE status = 'complete' AND parent_start IS NULL "
        "ORDER BY end_date DESC, start_date LIMIT 1"
    ).fetchone()
    return (row[0], row[1], row[2]) if row is not None else None


class HarvestLedger:
    """The ledger of one store.

    :param store: a read-write store (its schema includes the ledger tables)
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn = store.conn

    # -- windows and pages -----------------------------------------------------------
    def window(self, query_key: str, window: Window) -> WindowRow | None:
        """The stored row of a window."""
        row = self.conn.execute(
            "SELECT * FROM harvest_windows WHERE query_key = ? AND start_date = ? AND end_date = ?",
            (query_key, *_inside(window)),
        ).fetchone()
        return self._window_row(row) if row is not None else None

    @staticmethod
    def _window_row(row: Any) -> WindowRow:
        window = _window(row["start_date"], row["end_date"])
        assert window is not None
        return WindowRow(
            query_key=row["query_key"],
            window=window,
            parent=_window(row["parent_start"], row["parent_end"]),
            hits=row["hits"],
            read=row["read"],
            status=row["status"],
            error=row["error"],
        )

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
        """Store or update a window's row."""
        parent_dates = _inside(parent) if parent is not None else (None, None)
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO harvest_windows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(query_key, start_date, end_date) DO UPDATE SET "
                "hits = excluded.hits, read = excluded.read, status = excluded.status, "
                "error = excluded.error, updated_at = excluded.updated_at",
                (query_key, query, *_inside(window), *parent_dates, hits, read, status, error,
                 _now()),
            )  # fmt: skip

    def record_page(
        self,
        query_key: str,
        window: Window,
        retstart: int,
        pmcids: Sequence[str],
        error: str | None = None,
    ) -> None:
        """Store a search page and its articles (as pending) in one transaction."""
        dates = _inside(window)
        now = _now()
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO harvest_pages VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (query_key, start_date, end_date, retstart) DO UPDATE SET"
                " status = excluded.status, ids = excluded.ids, error = excluded.error,"
                " at = excluded.at",
                (query_key, *dates, retstart, FAILED if error else "read", len(pmcids), error, now),
            )
            conn.executemany(
                "INSERT INTO harvest_hits VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(query_key, *dates, p) for p in pmcids],
            )
            conn.executemany(
                "INSERT INTO harvest_articles VALUES (?, ?, NULL, NULL, NULL, 0, ?)"
                " ON CONFLICT DO NOTHING",
                [(p, PENDING, now) for p in pmcids],
            )

    def window_pmcids(self, query_key: str, window: Window) -> set[str]:
        """The articles found in a window and its sub-windows."""
        rows = self.conn.execute(
            "SELECT DISTINCT pmcid FROM harvest_hits WHERE query_key = ? AND start_date >= ? "
            "AND end_date <= ?",
            (query_key, *_inside(window)),
        )
        return {r[0] for r in rows}

    # -- articles ----------------------------------------------------------------------
    def articles(self, query_key: str, window: Window, statuses: Sequence[str]) -> list[ArticleRow]:
        """The window's articles with one of the statuses, in PMC id order."""
        marks = ",".join("?" * len(statuses))
        rows = self.conn.execute(
            "SELECT a.* FROM harvest_articles a WHERE a.status IN (" + marks + ") AND EXISTS "
            "(SELECT 1 FROM harvest_hits h WHERE h.pmcid = a.pmcid AND h.query_key = ? "
            "AND h.start_date >= ? AND h.end_date <= ?) ORDER BY a.pmcid",
            (*statuses, query_key, *_inside(window)),
        )
        return [
            ArticleRow(r["pmcid"], r["status"], r["reason"], r["path"], r["version"]) for r in rows
        ]

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
        """Store an article's outcome and its figures' rows in one transaction.

        A figure already fetched keeps its row (a re-fetched article does not undo it).
        """
        now = _now()
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO harvest_articles VALUES (?, ?, ?, ?, ?, 1, ?) "
                "ON CONFLICT(pmcid) DO UPDATE SET status = excluded.status, "
                "reason = excluded.reason, path = excluded.path, version = excluded.version, "
                "tries = harvest_articles.tries + 1, updated_at = excluded.updated_at",
                (pmcid, status, reason, path, version, now),
            )
            conn.executemany(
                "INSERT INTO harvest_images (figid, pmcid, fig_id, hrefs, status, reason, tries, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?) ON CONFLICT(figid) DO UPDATE SET "
                "hrefs = excluded.hrefs, fig_id = excluded.fig_id, status = excluded.status, "
                "reason = excluded.reason, updated_at = excluded.updated_at "
                "WHERE harvest_images.status != 'fetched'",
                [
                    (i.figid, i.pmcid, i.fig_id, json.dumps(list(i.hrefs)), i.status, i.reason, now)
                    for i in images
                ],
            )

    # -- images ------------------------------------------------------------------------
    def images(self, query_key: str, window: Window, statuses: Sequence[str]) -> list[ImageRow]:
        """The window's figure images with one of the statuses, in figid order."""
        marks = ",".join("?" * len(statuses))
        rows = self.conn.execute(
            "SELECT i.*, a.version FROM harvest_images i JOIN harvest_articles a "
            "ON a.pmcid = i.pmcid WHERE i.status IN (" + marks + ") AND EXISTS "
            "(SELECT 1 FROM harvest_hits h WHERE h.pmcid = i.pmcid AND h.query_key = ? "
            "AND h.start_date >= ? AND h.end_date <= ?) ORDER BY i.figid",
            (*statuses, query_key, *_inside(window)),
        )
        return [
            ImageRow(
                figid=r["figid"],
                pmcid=r["pmcid"],
                fig_id=r["fig_id"],
                hrefs=tuple(json.loads(r["hrefs"])),
                status=r["status"],
                reason=r["reason"],
                url=r["url"],
                path=r["path"],
                version=r["version"],
            )
            for r in rows
        ]

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
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE harvest_images SET status = ?, reason = ?, url = ?, path = ?, bytes = ?, "
                "width = ?, height = ?, sha256 = ?, tries = tries + 1, updated_at = ? "
                "WHERE figid = ?",
                (status, reason, url, path, size, width, height, sha256, _now(), figid),
            )

    # -- reports -----------------------------------------------------------------------
    def summary(self, query_key: str, window: Window) -> LedgerSummary:
        """Counts of the window's articles and images by status, failures by reason."""
        within = (
            "EXISTS (SELECT 1 FROM harvest_hits h WHERE h.pmcid = t.pmcid AND h.query_key = ? "
            "AND h.start_date >= ? AND h.end_date <= ?)"
        )
        args = (query_key, *_inside(window))
        counts: list[dict[str, int]] = []
        for table in ("harvest_articles", "harvest_images"):
            rows = self.conn.execute(
                f"SELECT status, count(*) FROM {table} t WHERE {within} GROUP BY status", args
            )
            counts.append({r[0]: r[1] for r in rows})
        failures: dict[str, int] = {}
        skips: dict[str, int] = {}
        for table, kind in (("harvest_articles", "article"), ("harvest_images", "image")):
            rows = self.conn.execute(
                f"SELECT status, reason, count(*) FROM {table} t "
                f"WHERE status IN ('failed', 'skipped') AND {within} GROUP BY status, reason",
                args,
            )
            for status, reason, n in rows:
                (failures if status == FAILED else skips)[f"{kind}: {reason}"] = n
        pages = self.conn.execute(
            "SELECT error, count(*) FROM harvest_pages WHERE status = 'failed' AND query_key = ? "
            "AND start_date >= ? AND end_date <= ? GROUP BY error",
            args,
        )
        for error, n in pages:
            failures[f"search page: {error}"] = n
        return LedgerSummary(articles=counts[0], images=counts[1], failures=failures, skips=skips)

    def windows(self) -> list[tuple[str, WindowRow]]:
        """Every window in the ledger with its query, by query and date, a window before its
        halves."""
        rows = self.conn.execute(
            "SELECT * FROM harvest_windows ORDER BY query_key, start_date, end_date DESC"
        ).fetchall()
        return [(r["query"], self._window_row(r)) for r in rows]
