"""Schema versions: create a new store, bring an older one up to date, refuse a newer one.

SQLite keeps its version in ``PRAGMA user_version`` (stores of every schema since 1 exist
and are upgraded in place). PostgreSQL keeps it in ``meta`` under ``schema_version``; its
stores start at schema 8, and each later schema adds its step to :data:`PG_STEPS`, run in
order in one transaction under the write lock, so two processes opening an old store at
once upgrade it once.
"""

from __future__ import annotations

import logging

from pfocr.errors import InputError
from pfocr.store.schema import (
    FIGURE_STAMPS_FILL_SQL,
    FIGURE_STAMPS_SQL,
    GENES_INDEX_SQL,
    ORGANISM_ROLES_SQL,
    PG_TEXT_INLINE_SQL,
    SCHEMA_VERSION,
    SQLITE_TEXT_ROWIDS_SQL,
    WORD_RANKS_SQL,
    has_column,
    has_table,
    schema_sql,
)
from pfocr.store.sql import Connection, dialect, write_transaction
from pfocr.store.textindex import index_text

__all__ = ["PG_FIRST_SCHEMA", "PG_STEPS", "READABLE_SCHEMA", "migrate", "schema_version"]

logger = logging.getLogger(__name__)

#: The oldest schema a read-only SQLite store can serve (later ones only added tables).
READABLE_SCHEMA = 1

#: The schema PostgreSQL stores were first written with.
PG_FIRST_SCHEMA = 8

#: PostgreSQL upgrades: the SQL that takes a store from schema ``n - 1`` to ``n``.
PG_STEPS: dict[int, str] = {
    9: "CREATE INDEX IF NOT EXISTS genes_symbol_info"
    " ON genes(symbol, hgnc_id, entrez_id, n_mentions);" + GENES_INDEX_SQL,
    10: PG_TEXT_INLINE_SQL,
    11: WORD_RANKS_SQL,
    12: FIGURE_STAMPS_SQL + FIGURE_STAMPS_FILL_SQL["postgresql"],
}


def schema_version(conn: Connection) -> int:
    """The schema a store was written with (0 for an empty database).

    :param conn: a connection
    :returns: the version
    """
    if dialect(conn) == "sqlite":
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    if not has_table(conn, "meta"):
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: Connection, where: str, readonly: bool) -> None:
    """Create or upgrade a store's schema.

    :param conn: a connection
    :param where: the store as shown in messages
    :param readonly: the store is opened read-only (an old store is served as it is)
    :raises InputError: when the store is newer than this pfocr, or empty and read-only
    """
    version = schema_version(conn)
    if version > SCHEMA_VERSION:
        raise InputError(
            f"{where} was written by a newer pfocr (schema {version} > {SCHEMA_VERSION})"
        )
    if version == SCHEMA_VERSION:
        return
    if readonly:
        if version == 0 and not _has_tables(conn):
            raise InputError(f"{where} is empty: run `pfocr run` first")
        if version >= READABLE_SCHEMA:
            return  # later schemas added tables and columns; readers check for them
        raise InputError(f"{where} has schema {version}; open it read-write to upgrade")
    if dialect(conn) == "sqlite":
        _migrate_sqlite(conn, where, version)
    else:
        _migrate_pg(conn)


def _has_tables(conn: Connection) -> bool:
    if dialect(conn) == "postgresql":
        return has_table(conn, "meta")
    return int(conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]) > 0


def _migrate_pg(conn: Connection) -> None:
    with write_transaction(conn):
        version = schema_version(conn)  # another process may have just done it
        if version == 0:  # a new store: the current schema, no step to take
            conn.execute(schema_sql(conn))
            version = SCHEMA_VERSION
        for step in range(version + 1, SCHEMA_VERSION + 1):
            conn.execute(PG_STEPS[step])
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('schema_version', ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(SCHEMA_VERSION),),
        )


def _migrate_sqlite(conn: Connection, where: str, version: int) -> None:
    # a script carries its own transaction; a text index older than schema 4 lacks the
    # keys column and is rebuilt with it
    rebuild = "DROP TABLE IF EXISTS figures_fts;" if 0 < version < 4 else ""
    alter = ""
    if 0 < version < 5 and not has_column(conn, "organisms", "role"):
        alter = ORGANISM_ROLES_SQL
    if 0 < version < 9:
        alter += GENES_INDEX_SQL
    # a text index of schema 4 to 8 is kept, under its figures' rowids
    realign = SQLITE_TEXT_ROWIDS_SQL if 4 <= version < 9 else ""
    if 0 < version < 12:
        realign += FIGURE_STAMPS_FILL_SQL["sqlite"]
    script = f"{rebuild}{alter}{schema_sql(conn)}{realign}PRAGMA user_version = {SCHEMA_VERSION};"
    conn.executescript(f"BEGIN IMMEDIATE;{script}COMMIT;")  # type: ignore[attr-defined]
    if not rebuild:
        return
    with write_transaction(conn):
        rows = conn.execute(
            "SELECT f.figid, f.figtitle, f.caption, p.papertitle FROM figures f"
            " LEFT JOIN papers p ON p.pmcid = f.pmcid"
        ).fetchall()
        for row in rows:
            index_text(conn, *row)
    logger.info("%s: text index rebuilt with search keys (%d figures)", where, len(rows))
