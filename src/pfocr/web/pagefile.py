"""A site's page file: rendered pages and API answers kept on disk, shared by every
server process of the site and kept across restarts.

The memory cache (``routes/caching.py``) keeps pages per process and forgets them at a
restart: at 110,000 figures a figure page costs about 6 ms to render, and a site asked
for pages nobody asked before is bound by that. A page file keeps each page once for
all processes, and ``pfocr pages`` fills it ahead, at publish time, as PFOCR publishes
static pages: the site then renders only what was never asked.

A page is kept under a *scope*: the store's data stamp (new at every write; for a figure
page, its figure's stamp) and the site's own fingerprint (:func:`site_fingerprint`:
pfocr's code and templates and the options that change what a page shows). A page of
another scope is never served; ``pfocr pages`` and a starting site remove them. The
file is SQLite (write-ahead log), written by any process that renders a page; a page
that cannot be written is still served, and the site goes on.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path

from pfocr.errors import InputError
from pfocr.store.queries import Queries
from pfocr.web.config import WebConfig
from pfocr.web.kept import Kept

__all__ = ["PageFile", "live_scopes", "page_key", "scope_of", "site_fingerprint"]

logger = logging.getLogger(__name__)

#: The page file's layout; a file of another layout is refused.
FORMAT = "1"

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS pages (scope TEXT NOT NULL, key TEXT NOT NULL,"
    " gzipped INTEGER NOT NULL, body BLOB NOT NULL, PRIMARY KEY (scope, key)) WITHOUT ROWID",
)

_PACKAGE = Path(__file__).resolve().parents[1]


def _code_digest() -> str:
    """pfocr's source, templates and static files, by path and content."""
    h = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".js", ".svg"):
            h.update(str(path.relative_to(_PACKAGE)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def _mapping_digest(h: hashlib._Hash, items: Mapping[str, object]) -> None:
    for key in sorted(items):
        h.update(f"{key}\t{items[key]!r}\n".encode())


def site_fingerprint(config: WebConfig) -> str:
    """What, besides the data, decides what the site's pages show: pfocr's code, and the
    options that change a page (page sizes, gene names and synonyms, alias lookup).

    :param config: the site's options
    :returns: a hex digest
    """
    h = hashlib.sha256(_code_digest().encode())
    h.update(
        repr(
            (
                config.page_size,
                config.enrich_top,
                config.chart_bars,
                config.thumb_width,
                config.resolver is not None,
            )
        ).encode()
    )
    _mapping_digest(h, config.gene_names)
    _mapping_digest(h, config.gene_synonyms)
    return h.hexdigest()[:16]


def scope_of(stamp: str, site: str) -> str:
    """The scope pages of one state of the data, rendered by one site, are kept under.

    :param stamp: the store's data stamp
    :param site: the site's fingerprint
    :returns: the scope
    """
    return f"{stamp}:{site}"


def live_scopes(store: Queries, site: str) -> set[str]:
    """The scopes one site's pages of a store's data as it is now are kept under: the
    store's stamp and each figure's.

    :param store: the store
    :param site: the site's fingerprint
    :returns: the scopes
    """
    stamp = store.data_stamp()
    stamps = {*store.figure_stamps(), *([stamp] if stamp else [])}
    return {scope_of(s, site) for s in stamps}


def page_key(key: Iterable[str]) -> str:
    """A memory cache key (without its data version) as the page file keeps it.

    :param key: the key's parts
    :returns: the parts joined
    """
    return "\x1f".join(key)


class PageFile:
    """Pages on disk, one SQLite connection per thread.

    :param path: the file (created when missing)
    :raises InputError: when the path is a directory, cannot be opened, or is not a page
        file
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.is_dir():
            raise InputError(f"page file {path} is a directory")
        self._local = threading.local()
        self._warned = False
        self._lock = threading.Lock()
        self._current: str | None = None  # the store's scope the site last found
        new = not path.exists() or path.stat().st_size == 0
        try:
            if not new:  # read before anything is written: another kind of file is left alone
                probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
                try:
                    rows = probe.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                    tables = {r[0] for r in rows}
                finally:
                    probe.close()
                if tables != {"info", "pages"}:
                    raise InputError(f"{path} is not a page file (a pfocr store?)")
            conn = self._conn()
            if new:
                with conn:
                    for statement in _SCHEMA:
                        conn.execute(statement)
                    conn.execute("INSERT OR IGNORE INTO info VALUES ('format', ?)", (FORMAT,))
            row = conn.execute("SELECT value FROM info WHERE key = 'format'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise InputError(f"page file {path} cannot be used: {exc}") from exc
        if row is None or row[0] != FORMAT:
            raise InputError(f"page file {path} has another format ({row and row[0]})")

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    def get(self, scope: str, key: str) -> Kept | None:
        """A kept page, or None (a read that fails is a miss).

        :param scope: see :func:`scope_of`
        :param key: see :func:`page_key`
        :returns: the page
        """
        try:
            row = (
                self._conn()
                .execute(
                    "SELECT gzipped, body FROM pages WHERE scope = ? AND key = ?", (scope, key)
                )
                .fetchone()
            )
        except sqlite3.Error as exc:
            self._warn(exc)
            return None
        return None if row is None else Kept(bytes(row[1]), bool(row[0]))

    def put(self, scope: str, key: str, kept: Kept) -> None:
        """Keep a page (a write that fails is logged once and otherwise ignored: the page
        is served all the same).

        :param scope: see :func:`scope_of`
        :param key: see :func:`page_key`
        :param kept: the page
        """
        try:
            self._conn().execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)",
                (scope, key, int(kept.gzipped), kept.body),
            )
        except sqlite3.Error as exc:
            self._warn(exc)

    def keys(self, scope: str) -> set[str]:
        """Every key kept under a scope.

        :param scope: the scope
        :returns: the keys
        """
        rows = self._conn().execute("SELECT key FROM pages WHERE scope = ?", (scope,))
        return {str(r[0]) for r in rows}

    def prune(self, keep: AbstractSet[str], site: str | None = None) -> int:
        """Remove every page of other scopes (older data, another site's code).

        :param keep: the scopes kept (the store's and its figures')
        :param site: remove only this site's pages of other scopes (None: any site's)
        :returns: pages removed
        """
        conn = self._conn()
        scopes = [str(r[0]) for r in conn.execute("SELECT DISTINCT scope FROM pages")]
        mine = [s for s in scopes if site is None or s.endswith(f":{site}")]
        stale = [(s,) for s in mine if s not in keep]
        with conn:
            before = conn.total_changes
            conn.executemany("DELETE FROM pages WHERE scope = ?", stale)
            removed = conn.total_changes - before
        if removed:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(removed)

    def seen(self, scope: str) -> None:
        """Note the scope of the store's data as a request found it: when the data has
        changed since (a write), the pages of the scope before are removed, so that a
        site serving while a harvest writes does not keep every state's pages.

        :param scope: the store's scope now (not a figure's)
        """
        with self._lock:
            before, self._current = self._current, scope
        if before is not None and before != scope:
            try:
                with self._conn() as conn:
                    conn.execute("DELETE FROM pages WHERE scope = ?", (before,))
            except sqlite3.Error as exc:
                self._warn(exc)

    def count(self) -> int:
        """Pages kept, of every scope.

        :returns: the count
        """
        return int(self._conn().execute("SELECT count(*) FROM pages").fetchone()[0])

    def close(self) -> None:
        """Close this thread's connection (others close when their threads end)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    def _warn(self, exc: Exception) -> None:
        if not self._warned:
            self._warned = True
            logger.warning("page file %s: %s (pages are served without it)", self.path, exc)
