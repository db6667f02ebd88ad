"""PostgreSQL connections for the store (psycopg 3).

:class:`PgConnection` gives the store the same small interface as ``sqlite3``: ``execute``
and ``executemany`` with ``?`` marks, rows read by position or by column name. It runs in
autocommit mode; the store opens its own transactions, and each write transaction takes
one advisory lock first (:func:`pfocr.store.sql.write_transaction`), so writers queue as
SQLite's ``BEGIN IMMEDIATE`` makes them queue (two runs writing one figure never
interleave its delete and insert).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

import psycopg
from psycopg.rows import RowMaker

from pfocr.errors import InputError
from pfocr.store.target import display

__all__ = ["PgConnection", "PgRow", "pg_sql"]

#: Seconds to wait for the server to answer a connection.
CONNECT_TIMEOUT = 10

_MARK = re.compile(r"\?")


@functools.lru_cache(maxsize=1024)
def pg_sql(sql: str) -> str:
    """Turn the store's ``?`` marks into psycopg's ``%s`` (a literal ``%`` doubled).

    The store's SQL never holds a ``?`` inside a string literal, so every one is a mark.

    :param sql: SQL with ``?`` marks
    :returns: SQL with ``%s`` marks
    """
    return _MARK.sub("%s", sql.replace("%", "%%"))


class PgRow(tuple[Any, ...]):
    """A result row read by position (``row[0]``), by column name (``row["symbol"]``), or
    as a mapping (``dict(row)``), as ``sqlite3.Row`` is."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """The column names, in order.

        :returns: the names
        """
        return list(self._index)


@functools.lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[PgRow]:
    index = {name: i for i, name in reversed(list(enumerate(names)))}
    return type("PgRow", (PgRow,), {"__slots__": (), "_index": index})


def _rows(cursor: Any) -> RowMaker[PgRow]:
    names = tuple(d.name for d in cursor.description or ())
    cls = _row_class(names)

    def make(values: Sequence[Any]) -> PgRow:
        return cls(values)

    return make


class PgConnection:
    """A connection to a PostgreSQL store.

    :param url: a ``postgresql://`` URL (libpq's URI form)
    :param readonly: refuse every write (the site, exports)
    :raises InputError: when the server cannot be reached or refuses the login
    """

    #: What the driver raises for a database error.
    Error = psycopg.Error

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        self.url = url
        try:
            self.raw: psycopg.Connection[PgRow] = psycopg.connect(
                url, autocommit=True, row_factory=_rows, connect_timeout=CONNECT_TIMEOUT
            )
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(f"cannot open {display(url)}: {first}") from None
        if readonly:
            self.raw.execute("SET default_transaction_read_only = on")

    def execute(self, sql: str, parameters: Any = None, /) -> psycopg.Cursor[PgRow]:
        """Run one statement (or, without parameters, a script of several).

        :param sql: SQL with ``?`` marks
        :param parameters: the values, or None
        :returns: the cursor, its rows already fetched
        """
        if not parameters:
            # no marks to replace: a literal % stays as it is, and a script is never prepared
            return self.raw.execute(sql, None, prepare=False if ";" in sql else None)
        return self.raw.execute(pg_sql(sql), parameters)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> psycopg.Cursor[PgRow]:
        """Run one statement once per row of values.

        :param sql: SQL with ``?`` marks
        :param parameters: the rows of values
        :returns: the cursor
        """
        rows = list(parameters)
        cursor = self.raw.cursor()
        if rows:
            cursor.executemany(pg_sql(sql), rows)
        return cursor

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()
