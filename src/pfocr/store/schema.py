"""The store's schema, as SQL text in one place for both databases.

SQLite reads it as written and versions it with ``PRAGMA user_version``; PostgreSQL reads
it with its own names for two types (:func:`schema_sql`) and versions it in the ``meta``
table (:mod:`pfocr.store.migrate`). Only the text index differs: FTS5 on SQLite, a
``tsvector`` column on PostgreSQL.
"""

from __future__ import annotations

import re

from pfocr.store.sql import Connection, dialect

__all__ = [
    "FIGURE_STAMPS_FILL_SQL",
    "FIGURE_STAMPS_SQL",
    "GENES_INDEX_SQL",
    "ORGANISM_ROLES_SQL",
    "PG_TEXT_INDEX",
    "PG_TEXT_INLINE_SQL",
    "SCHEMA",
    "SCHEMA_VERSION",
    "SQLITE_TEXT_INDEX",
    "SQLITE_TEXT_ROWIDS_SQL",
    "WORD_RANKS_SQL",
    "has_column",
    "has_table",
    "organism_filter_sql",
    "organisms_about_sql",
    "schema_sql",
]

SCHEMA_VERSION = 12

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS papers (
    pmcid TEXT PRIMARY KEY,
    pmid TEXT,
    doi TEXT,
    papertitle TEXT,
    reftext TEXT,
    year INTEGER,
    journal_title TEXT,
    journal_nlm_ta TEXT,
    publisher_name TEXT
);
CREATE TABLE IF NOT EXISTS figures (
    figid TEXT PRIMARY KEY,
    pmcid TEXT,
    filename TEXT,
    number TEXT,
    figtype TEXT,
    figtitle TEXT,
    caption TEXT,
    figlink TEXT,
    sha256 TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    source TEXT,
    added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS figures_pmcid ON figures(pmcid);
-- image bytes, stored once per distinct content so the store is self-contained
CREATE TABLE IF NOT EXISTS images (
    sha256 TEXT PRIMARY KEY,
    mime TEXT NOT NULL,
    data BLOB NOT NULL
);
-- OCR is the expensive stage: every engine/settings version is kept
CREATE TABLE IF NOT EXISTS ocr (
    figid TEXT NOT NULL,
    version TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    engine TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    settings TEXT NOT NULL,
    seconds REAL NOT NULL,
    words TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (figid, version)
);
-- which version of each stage the figure's current results come from
CREATE TABLE IF NOT EXISTS stages (
    figid TEXT NOT NULL,
    stage TEXT NOT NULL,
    version TEXT NOT NULL,
    input_key TEXT NOT NULL,
    seconds REAL NOT NULL,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (figid, stage)
);
CREATE TABLE IF NOT EXISTS mentions (
    figid TEXT NOT NULL,
    idx INTEGER NOT NULL,
    word_start INTEGER NOT NULL,
    word_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    normalized TEXT NOT NULL,
    rule TEXT NOT NULL,
    hgnc_id TEXT NOT NULL,
    symbol TEXT NOT NULL,
    entrez_id TEXT,
    confidence REAL NOT NULL,
    accepted INTEGER NOT NULL,
    box TEXT NOT NULL,
    candidates TEXT NOT NULL,
    PRIMARY KEY (figid, idx)
);
CREATE INDEX IF NOT EXISTS mentions_symbol ON mentions(symbol);
CREATE TABLE IF NOT EXISTS family_mentions (
    figid TEXT NOT NULL,
    idx INTEGER NOT NULL,
    word_start INTEGER NOT NULL,
    word_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    family_id TEXT NOT NULL,
    name TEXT NOT NULL,
    members TEXT NOT NULL,
    box TEXT NOT NULL,
    PRIMARY KEY (figid, idx)
);
-- the derived gene set: distinct accepted genes, families not expanded
CREATE TABLE IF NOT EXISTS genes (
    figid TEXT NOT NULL,
    symbol TEXT NOT NULL,
    hgnc_id TEXT NOT NULL,
    entrez_id TEXT,
    confidence REAL NOT NULL,
    n_mentions INTEGER NOT NULL,
    PRIMARY KEY (figid, symbol)
);
-- schema 9: a gene's figures, mentions and ids read from the index alone (a gene page of
-- a gene in 16,000 of 110,000 figures: 26 -> 3 ms); it replaces genes(symbol)
CREATE INDEX IF NOT EXISTS genes_symbol_info ON genes(symbol, hgnc_id, entrez_id, n_mentions);
CREATE TABLE IF NOT EXISTS organisms (
    figid TEXT NOT NULL,
    taxid INTEGER NOT NULL,
    name TEXT NOT NULL,
    evidence TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'drawn',
    kind TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (figid, taxid)
);
CREATE INDEX IF NOT EXISTS organisms_taxid ON organisms(taxid, role);
CREATE TABLE IF NOT EXISTS classifications (
    figid TEXT PRIMARY KEY,
    score REAL NOT NULL,
    version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS failures (
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    figid TEXT,
    error TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (source, stage)
);
-- every reading of a figure with its trail (schema 3): accepted, below the threshold,
-- families, not-genes and readings a pass replaced; what `pfocr explain` prints
CREATE TABLE IF NOT EXISTS readings (
    figid TEXT NOT NULL,
    idx INTEGER NOT NULL,
    word_start INTEGER NOT NULL,
    word_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    normalized TEXT NOT NULL,
    outcome TEXT NOT NULL,
    symbol TEXT,
    family_id TEXT,
    confidence REAL,
    box TEXT NOT NULL,
    trail TEXT NOT NULL,
    PRIMARY KEY (figid, idx)
);
-- chemicals and diseases (schema 6): one row per mention in the figure, caption or title;
-- box is NULL for caption and title mentions (word_start/word_end are then characters)
CREATE TABLE IF NOT EXISTS chem_mentions (
    figid TEXT NOT NULL,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    concept TEXT NOT NULL,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    rule TEXT NOT NULL,
    source TEXT NOT NULL,
    confidence REAL NOT NULL,
    box TEXT,
    word_start INTEGER NOT NULL,
    word_end INTEGER NOT NULL,
    chebi TEXT,
    doid TEXT,
    mondo TEXT,
    PRIMARY KEY (figid, idx)
);
CREATE INDEX IF NOT EXISTS chem_mentions_concept ON chem_mentions(concept, figid);
-- schema 7: a chemical or disease is looked up by its name or label as printed, any case
CREATE INDEX IF NOT EXISTS chem_mentions_name ON chem_mentions(lower(name));
CREATE INDEX IF NOT EXISTS chem_mentions_text ON chem_mentions(lower(text));
-- interactions read from the drawn lines (schema 8): one row per edge; source and target
-- are JSON nodes (kind, label, members, box), points the traced line, source first
CREATE TABLE IF NOT EXISTS edges (
    figid TEXT NOT NULL,
    idx INTEGER NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    kind TEXT NOT NULL,
    directed INTEGER NOT NULL,
    confidence REAL NOT NULL,
    points TEXT NOT NULL,
    PRIMARY KEY (figid, idx)
);
-- the first hits of searches for the collection's common words (schema 11), ranked by
-- the writer once per data version (pfocr.search.stored): hits is JSON rows
CREATE TABLE IF NOT EXISTS word_ranks (
    word TEXT PRIMARY KEY,
    data_version INTEGER NOT NULL,
    total INTEGER NOT NULL,
    hits TEXT NOT NULL
);
-- the harvest ledger (schema 2): every window, search page, article and image fetched,
-- failed (with the reason) or skipped; see pfocr.harvest.ledger
CREATE TABLE IF NOT EXISTS harvest_windows (
    query_key TEXT NOT NULL,
    query TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    parent_start TEXT,
    parent_end TEXT,
    hits INTEGER,
    read INTEGER NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (query_key, start_date, end_date)
);
CREATE TABLE IF NOT EXISTS harvest_pages (
    query_key TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    retstart INTEGER NOT NULL,
    status TEXT NOT NULL,
    ids INTEGER NOT NULL,
    error TEXT,
    at TEXT NOT NULL,
    PRIMARY KEY (query_key, start_date, end_date, retstart)
);
-- which window found which article (an article found twice is fetched once)
CREATE TABLE IF NOT EXISTS harvest_hits (
    query_key TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    pmcid TEXT NOT NULL,
    PRIMARY KEY (query_key, start_date, end_date, pmcid)
);
CREATE INDEX IF NOT EXISTS harvest_hits_pmcid ON harvest_hits(pmcid);
CREATE TABLE IF NOT EXISTS harvest_articles (
    pmcid TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    reason TEXT,
    path TEXT,
    version INTEGER,
    tries INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS harvest_images (
    figid TEXT PRIMARY KEY,
    pmcid TEXT NOT NULL,
    fig_id TEXT,
    hrefs TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    url TEXT,
    path TEXT,
    bytes INTEGER,
    width INTEGER,
    height INTEGER,
    sha256 TEXT,
    tries INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS harvest_images_pmcid ON harvest_images(pmcid);
"""

#: The text index, SQLite: FTS5 (schema 4 added keys: Greek-insensitive forms of the
#: special words, pfocr.store.textkeys).
SQLITE_TEXT_INDEX = """
CREATE VIRTUAL TABLE IF NOT EXISTS figures_fts USING fts5(
    figid UNINDEXED, figtitle, caption, papertitle, keys,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""

#: The text index, PostgreSQL: the same texts and keys, and a ``tsvector`` of their words
#: as FTS5's unicode61 tokenizer splits them (pfocr.search.pgtext), in a GIN index.
#: Ranking reads every match's ``tsvector``: kept in the row, uncompressed (schema 10:
#: ``STORAGE MAIN`` and rows of up to a page before anything is compressed or moved out,
#: the captions first), a common word's matches rank 2-3 times faster than from
#: compressed TOAST (docs/scale.md).
PG_TEXT_TABLE = """
CREATE TABLE IF NOT EXISTS figures_fts (
    figid TEXT PRIMARY KEY,
    figtitle TEXT NOT NULL,
    caption TEXT NOT NULL,
    papertitle TEXT NOT NULL,
    keys TEXT NOT NULL,
    doc TSVECTOR NOT NULL
) WITH (toast_tuple_target = 8160);
ALTER TABLE figures_fts ALTER COLUMN doc SET STORAGE MAIN;
"""
PG_TEXT_GIN = "CREATE INDEX IF NOT EXISTS figures_fts_doc ON figures_fts USING gin(doc);"
PG_TEXT_INDEX = PG_TEXT_TABLE + PG_TEXT_GIN

#: Schema 10 on PostgreSQL: the text index copied into a table that keeps each row's
#: ``tsvector`` in the row (a new value is written, uncompressed where the row fits a page),
#: then indexed (building the GIN index once is faster than filling it row by row).
PG_TEXT_INLINE_SQL = (
    "ALTER TABLE figures_fts RENAME TO figures_fts_old;"
    " ALTER INDEX figures_fts_doc RENAME TO figures_fts_old_doc;"
    " ALTER TABLE figures_fts_old RENAME CONSTRAINT figures_fts_pkey TO figures_fts_old_pkey;"
    + PG_TEXT_TABLE
    + "INSERT INTO figures_fts(figid, figtitle, caption, papertitle, keys, doc)"
    " SELECT figid, figtitle, caption, papertitle, keys, doc::text::tsvector"
    " FROM figures_fts_old;"
    " DROP TABLE figures_fts_old;" + PG_TEXT_GIN
)


#: SQLite type names PostgreSQL spells otherwise (REAL is 4 bytes there: scores would round).
_PG_TYPES = {"REAL": "DOUBLE PRECISION", "BLOB": "BYTEA"}


#: Each figure's stamp (schema 12), renewed whenever its rows or its paper's are written:
#: a site keeps a figure's page across writes of other figures (web/pagefile.py).
FIGURE_STAMPS_SQL = (
    "CREATE TABLE IF NOT EXISTS figure_stamps (figid TEXT PRIMARY KEY, stamp TEXT NOT NULL);"
)
#: An older store's figures are given stamps when it is upgraded to schema 12.
FIGURE_STAMPS_FILL_SQL = {
    "sqlite": "INSERT OR IGNORE INTO figure_stamps SELECT figid, lower(hex(randomblob(8)))"
    " FROM figures;",
    "postgresql": "INSERT INTO figure_stamps SELECT figid, left(md5(random()::text || figid), 16)"
    " FROM figures ON CONFLICT DO NOTHING;",
}

#: schema 11's table, for stores of an older schema
WORD_RANKS_SQL = (
    "CREATE TABLE IF NOT EXISTS word_ranks (word TEXT PRIMARY KEY,"
    " data_version INTEGER NOT NULL, total INTEGER NOT NULL, hits TEXT NOT NULL);"
)


def schema_sql(conn: Connection) -> str:
    """The whole schema in the connection's dialect.

    :param conn: a connection
    :returns: the ``CREATE`` statements
    """
    if dialect(conn) == "sqlite":
        return SCHEMA + FIGURE_STAMPS_SQL + SQLITE_TEXT_INDEX
    pg = re.sub(r"\b(REAL|BLOB)\b", lambda m: _PG_TYPES[m.group(1)], SCHEMA)
    return pg + FIGURE_STAMPS_SQL + PG_TEXT_INDEX


def has_table(conn: Connection, name: str) -> bool:
    """Whether the database has a table (an older schema may lack a later one's tables).

    :param conn: a connection
    :param name: the table
    :returns: True when it exists
    """
    if dialect(conn) == "postgresql":
        found = conn.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()
        return bool(found[0])
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return found.fetchone() is not None


def has_column(conn: Connection, table: str, column: str) -> bool:
    """Whether a table has a column (an older schema may lack a later one's columns).

    :param conn: a connection
    :param table: the table
    :param column: the column
    :returns: True when it exists
    """
    if dialect(conn) == "postgresql":
        found = conn.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name = ? AND column_name = ?",
            (table, column),
        ).fetchone()
        return found is not None
    return any(row[1] == column for row in conn.execute(f"PRAGMA table_info({table})"))


#: Schema 9 replaced the index on genes(symbol) by a covering one.
GENES_INDEX_SQL = "DROP INDEX IF EXISTS genes_symbol;"

#: Schema 9 gave each row of SQLite's text index its figure's rowid (the texts are copied).
SQLITE_TEXT_ROWIDS_SQL = """
CREATE TEMP TABLE fts_copy AS SELECT figid, figtitle, caption, papertitle, keys FROM figures_fts;
DELETE FROM figures_fts;
INSERT INTO figures_fts(rowid, figid, figtitle, caption, papertitle, keys)
    SELECT f.rowid, c.figid, c.figtitle, c.caption, c.papertitle, c.keys
    FROM fts_copy c JOIN figures f ON f.figid = c.figid;
DROP TABLE fts_copy;
"""

#: Schema 5 gave each organism its role (host, drawn, named), group and order; rows of
#: older stores keep their meaning (the organisms whose genes the figure draws).
ORGANISM_ROLES_SQL = (
    "ALTER TABLE organisms ADD COLUMN role TEXT NOT NULL DEFAULT 'drawn';"
    "ALTER TABLE organisms ADD COLUMN kind TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE organisms ADD COLUMN position INTEGER NOT NULL DEFAULT 0;"
)


def organism_filter_sql(conn: Connection, alias: str = "o") -> str:
    """The SQL condition on an organisms row for "the figure is about this organism": its
    host, an organism it draws, or a virus or bacterium it names (a cellular organism only
    named, "human" in a mouse figure's caption, does not count).

    :param conn: a connection (stores older than schema 5 have no roles: every row counts)
    :param alias: the organisms table's alias in the query
    :returns: the condition
    """
    # PostgreSQL stores start at a schema with roles
    if dialect(conn) == "sqlite" and not has_column(conn, "organisms", "role"):
        return "1"
    return f"({alias}.role != 'named' OR {alias}.kind IN ('virus', 'bacterium', 'archaeon'))"


def organisms_about_sql(conn: Connection, where: str) -> str:
    """A query for ``figid, name`` of the organisms figures are about (see
    :func:`organism_filter_sql`), the host first.

    :param conn: a connection
    :param where: a condition on ``o.figid`` with its placeholders
    :returns: the SQL
    """
    positions = dialect(conn) == "postgresql" or has_column(conn, "organisms", "position")
    order = "o.position, o.taxid" if positions else "o.taxid"
    return (
        f"SELECT o.figid, o.name FROM organisms o WHERE {where}"
        f" AND {organism_filter_sql(conn)} ORDER BY {order}"
    )
