"""What the store's SQL needs of a connection, and the few places where SQLite and
PostgreSQL spell a thing differently.

Everything else the store sends is SQL both databases read the same way: ``?`` marks
(the PostgreSQL connection turns them into its own), ``INSERT ... ON CONFLICT (...) DO
UPDATE`` upserts, ``lower()`` for case, explicit ``IS NULL`` ordering.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, Protocol

__all__ = [
    "WRITE_LOCK",
    "Connection",
    "Cursor",
    "Dialect",
    "dialect",
    "group_concat",
    "is_postgres_conn",
    "write_transaction",
]

#: The advisory lock key every PostgreSQL write transaction takes (one writer at a time).
WRITE_LOCK = 0x7066_6F63  # "pfoc"

Dialect = Literal["sqlite", "postgresql"]


class Cursor(Protocol):
    """The part of a DB-API cursor the store uses."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """The part of a DB-API connection the store uses (``sqlite3.Connection`` or
    :class:`pfocr.store.postgres.PgConnection`)."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any: ...

    def close(self) -> None: ...


def dialect(conn: Connection) -> Dialect:
    """Which database a connection talks to.

    :param conn: a connection
    :returns: ``sqlite`` or ``postgresql``
    """
    return "sqlite" if isinstance(conn, sqlite3.Connection) else "postgresql"


def is_postgres_conn(conn: Connection) -> bool:
    """Whether a connection talks to PostgreSQL.

    :param conn: a connection
    :returns: True for PostgreSQL
    """
    return dialect(conn) == "postgresql"


def group_concat(conn: Connection, expr: str, sep: str, *, distinct: bool = False) -> str:
    """An aggregate joining a column's values with a separator.

    :param conn: the connection the SQL is for
    :param expr: the column or expression (text)
    :param sep: the separator (no quote in it)
    :param distinct: join distinct values only
    :returns: ``group_concat(...)`` on SQLite, ``string_agg(...)`` on PostgreSQL
    """
    if "'" in sep:
        raise ValueError("the separator must not hold a quote")
    if dialect(conn) == "postgresql":
        return f"string_agg({'DISTINCT ' if distinct else ''}{expr}, '{sep}')"
    if distinct:  # SQLite's DISTINCT form takes no separator: always ','
        if sep != ",":
            raise ValueError("SQLite joins distinct values with ',' only")
        return f"group_concat(DISTINCT {expr})"
    return f"group_concat({expr}, '{sep}')"


@contextmanager
def write_transaction(conn: Connection) -> Iterator[Connection]:
    """Run a block as one write transaction, rolled back on any error: ``BEGIN
    IMMEDIATE`` on SQLite; on PostgreSQL ``BEGIN`` and the write lock, so writers queue
    as SQLite makes them queue.

    :param conn: a connection in autocommit mode
    :yields: the connection
    """
    postgres = dialect(conn) == "postgresql"
    conn.execute("BEGIN" if postgres else "BEGIN IMMEDIATE")
    try:
        if postgres:
            conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
