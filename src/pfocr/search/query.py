"""Search stored figures by genes (AND), chemicals and diseases (AND), words (FTS5), organism
and publication year."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from pfocr.enrich import SymbolResolver
from pfocr.errors import InputError
from pfocr.search.fts import fts_query, pg_query
from pfocr.search.index import SearchIndex
from pfocr.search.models import SearchHit, SearchResults
from pfocr.search.ranked import Ranked, RankedWords
from pfocr.species import resolve_name
from pfocr.store import Store
from pfocr.store.chemicals import find_concepts
from pfocr.store.schema import organism_filter_sql, organisms_about_sql
from pfocr.store.sql import Connection, is_postgres_conn
from pfocr.textutil import shorten

__all__ = ["MAX_LIMIT", "resolve_genes", "search_figures"]

logger = logging.getLogger(__name__)

#: The schema from which SQLite's text index rows take their figure's rowid.
_ALIGNED_SCHEMA = 9

#: Most hits one page may hold.
MAX_LIMIT = 1000
_SNIPPET_WORDS = 16
_CAPTION_CHARS = 160


def resolve_genes(
    store: Store, genes: Iterable[str], resolver: SymbolResolver | None = None
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Map query genes to the symbols stored for figures.

    A symbol is tried as given, then (with a resolver) as its approved symbol, then
    upper-cased; the first that some figure holds is used (the resolver is not asked
    about symbols found as given).

    :param store: the store
    :param genes: the query genes
    :param resolver: maps symbols to approved ones (the lexicon), or None
    :returns: ``(symbols found, (input, symbol) renamings, inputs no figure holds)``
    """
    found: dict[str, None] = {}
    renamed: list[tuple[str, str]] = []
    unknown: list[str] = []
    for raw in genes:
        query = raw.strip()
        if not query:
            continue
        hit = query if _stored(store, query) else None
        if hit is None and resolver is not None:
            # only now: a lexicon may have to be loaded first
            symbol = resolver.resolve_symbol(query).symbol
            if symbol is not None and _stored(store, symbol):
                hit = symbol
        if hit is None and query.upper() != query and _stored(store, query.upper()):
            hit = query.upper()
        if hit is None:
            unknown.append(query)
            continue
        if hit != query:
            renamed.append((query, hit))
        found[hit] = None
    return tuple(found), tuple(renamed), tuple(unknown)


def _stored(store: Store, symbol: str) -> bool:
    row = store.conn.execute("SELECT 1 FROM genes WHERE symbol = ? LIMIT 1", (symbol,))
    return row.fetchone() is not None


def _organism_clause(store: Store, organism: str) -> tuple[str, list[Any]]:
    """An SQL condition on ``f.figid`` for a taxid, a scientific name or a common name.

    :raises InputError: for a name that is no organism the species stage knows and no
        organism stored with a figure
    """
    text = organism.strip()
    if not text:
        raise InputError("the organism filter is empty")
    taxids: set[int] = set()
    if text.isdigit():
        taxids.add(int(text))
    else:
        # common names (human, mouse, yeast) through the species stage's table
        found = resolve_name(text)
        if found is not None:
            taxids.add(found)
        stored = store.conn.execute(
            "SELECT 1 FROM organisms WHERE lower(name) = lower(?) LIMIT 1", (text,)
        ).fetchone()
        if not taxids and stored is None:
            raise InputError(
                f"unknown organism {text!r}: give an NCBI taxid, a scientific name "
                "(Homo sapiens) or a common name (human, mouse)"
            )
    marks = ", ".join("?" for _ in taxids) or "NULL"
    sql = (
        "EXISTS (SELECT 1 FROM organisms o WHERE o.figid = f.figid"
        f" AND (o.taxid IN ({marks}) OR lower(o.name) = lower(?))"
        f" AND {organism_filter_sql(store.conn)})"
    )
    return sql, [*sorted(taxids), text]


def search_figures(
    store: Store,
    *,
    genes: Sequence[str] = (),
    text: str | None = None,
    organism: str | None = None,
    year: int | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    limit: int = 20,
    offset: int = 0,
    resolver: SymbolResolver | None = None,
    chemicals: Sequence[str] = (),
    diseases: Sequence[str] = (),
    index: SearchIndex | None = None,
    ranked: RankedWords | None = None,
) -> SearchResults:
    """Find figures holding every query gene, matching every word, organism and years.

    Words are matched by FTS5 over the figure title, caption and paper title (each word
    quoted, so no FTS5 syntax gets through; ``word*`` is a prefix). With words, hits are
    ranked by bm25; without, newest paper first, then by figure id. Without any
    criterion every figure matches (a browse).

    :param store: the store
    :param genes: gene symbols, all of which a figure must hold
    :param text: words to match (all of them)
    :param organism: a taxid, scientific name or common name (``human``, ``9606``)
    :param year: a publication year (same as ``year_from = year_to = year``)
    :param year_from: earliest publication year
    :param year_to: latest publication year
    :param limit: hits per page (1 to :data:`MAX_LIMIT`)
    :param offset: hits to skip
    :param resolver: maps gene symbols to approved ones (the lexicon), or None
    :param chemicals: chemicals (an id such as ``MESH:D008070``, a name, or a label as
        printed such as ``LPS``), all of which a figure must name
    :param diseases: diseases, the same way
    :param index: the store's current figure gene sets in memory, in the browse order
        (:class:`~pfocr.search.index.SearchIndex`): a search by genes alone is answered
        from it, the same hits in the same order without sorting every matching figure
    :param ranked: kept searches of common words (:mod:`pfocr.search.ranked`): a search
        by words alone reads its page from them where kept, and keeps its first rows
        where it is common enough
    :returns: the page of hits and the total count
    :raises InputError: when a criterion is malformed (no word in the text, an empty
        year range, a bad page)
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise InputError(f"offset must not be negative, not {offset}")
    if year is not None:
        year_from = year_to = year
    if year_from is not None and year_to is not None and year_from > year_to:
        raise InputError(f"the year range {year_from}-{year_to} is empty")
    query_genes = [g for g in genes if g.strip()]
    words = text.strip() if text else ""
    symbols, renamed, unknown = resolve_genes(store, query_genes, resolver)
    concept_sets: list[list[str]] = []
    for kind, queries in (("chemical", chemicals), ("disease", diseases)):
        for q in (q for q in queries if q.strip()):
            found = find_concepts(store.conn, q, kind)
            if found:
                concept_sets.append([c.concept for c in found])
            else:
                unknown = (*unknown, q)
    if unknown:
        return SearchResults((), 0, limit, offset, symbols, renamed, unknown)

    genes_only = not (words or concept_sets or organism is not None)
    if index is not None and symbols and genes_only and year_from is None and year_to is None:
        figids, total = index.page(symbols, limit, offset)
        hits = _hits(store, [(f, None, None) for f in figids], symbols, None, False)
        return SearchResults(hits, total, limit, offset, symbols, renamed, unknown)

    ctes: list[str] = []
    params: list[Any] = []
    source = "figures f"
    order = "p.year IS NULL, p.year DESC, f.figid"
    match: str | None = None
    keyed = has_text_keys(store.conn) if words else False
    postgres = is_postgres_conn(store.conn)
    if symbols:
        # drive the query from the intersection of the genes' figure lists (indexed)
        parts = " INTERSECT ".join("SELECT figid FROM genes WHERE symbol = ?" for _ in symbols)
        ctes.append(f"g(figid) AS ({parts})")
        params.extend(symbols)
        source = "g JOIN figures f ON f.figid = g.figid"
    # the text CTE with its rank, and (for the count) without. On SQLite the index's
    # rows share their figure's rowid (schema 9), so matches join figures by rowid: reading
    # each match's figid from the index would read its caption too (59,000 matches of a
    # common word: 210 ms)
    ranked_cte = unranked = ""
    join = "f.figid = t.key"
    if words and postgres:
        # ts_rank is larger for a better match, bm25 smaller: negated, both sort ascending
        match = pg_query(words)
        matches = "FROM figures_fts, to_tsquery('simple', ?) q WHERE doc @@ q"
        ranked_cte = f"t(key, score, fts) AS (SELECT figid, -ts_rank(doc, q), 1 {matches})"
        unranked = f"t(key, score, fts) AS (SELECT figid, NULL, NULL {matches})"
    elif words:
        match = fts_query(words, keys=keyed)
        matches = "FROM figures_fts WHERE figures_fts MATCH ?"
        # an older store served read-only (never realigned) has rowids of its own: its
        # matches are joined by the figid they carry
        key = "rowid" if text_rows_aligned(store.conn) else "figid"
        ranked_cte = f"t(key, score, fts) AS (SELECT {key}, bm25(figures_fts), rowid {matches})"
        unranked = f"t(key, score, fts) AS (SELECT {key}, NULL, NULL {matches})"
        join = f"f.{key} = t.key"
    if words:
        params.append(match)
        source += f" JOIN t ON {join}" if symbols else ""
        if not symbols:
            source = f"t JOIN figures f ON {join}"
        order = "t.score, f.figid"
    where: list[str] = []
    for ids in concept_sets:
        # the figures naming the concept, from its index (not a test of every figure)
        marks = ", ".join("?" for _ in ids)
        where.append(f"f.figid IN (SELECT figid FROM chem_mentions WHERE concept IN ({marks}))")
        params.extend(ids)
    if organism is not None:
        clause, extra = _organism_clause(store, organism)
        where.append(clause)
        params.extend(extra)
    if year_from is not None:
        where.append("p.year >= ?")
        params.append(year_from)
    if year_to is not None:
        where.append("p.year <= ?")
        params.append(year_to)
    # papers only where the year filters or orders (a text search ranks by its score)
    years = not words or year_from is not None or year_to is not None
    body = f"FROM {source}" + (" LEFT JOIN papers p ON p.pmcid = f.pmcid" if years else "")
    if where:
        body += " WHERE " + " AND ".join(where)
    figid, counted = "f.figid", body
    words_alone = bool(words) and not symbols and not where and not years
    if words_alone:
        # words alone: the text index has one row per figure, so the count needs no join
        # (a common word, 36,000 matches: SQLite 57 -> 16 ms); PostgreSQL's rows carry
        # their figid, so its ranking needs none either (320 -> 110 ms in all). SQLite's
        # rows carry it in their text, which is why SQLite's ranking joins figures by rowid
        counted = "FROM t"
        if postgres:
            body, order, figid = "FROM t", "t.score, t.key", "t.key"
    score_cols = "t.score, t.fts" if words else "NULL, NULL"
    with_count, with_rank = _with([*ctes, unranked]), _with([*ctes, ranked_cte])
    select = f"{with_rank}SELECT {figid}, {score_cols} {body} ORDER BY {order} LIMIT ? OFFSET ?"
    # words alone: a common word's first pages may be kept (ranked once per data version)
    keep = ranked if words_alone else None
    first = keep.get(match) if keep is not None and match is not None else None
    rows = first.page(limit, offset) if first is not None else None
    if first is not None and rows is not None:
        total = first.total
    else:
        count = store.conn.execute(f"{with_count}SELECT count(*) {counted}", params)
        total = int(count.fetchone()[0])
        if keep is not None and match is not None and keep.wants(total, limit, offset):
            top = store.conn.execute(select, [*params, keep.depth, 0]).fetchall()
            first = Ranked(total, tuple((r[0], r[1], r[2]) for r in top))
            keep.put(match, first)
            rows = list(first.rows[offset : offset + limit])
        else:
            found = store.conn.execute(select, [*params, limit, offset]).fetchall()
            rows = [(r[0], r[1], r[2]) for r in found]
    hits = _hits(store, rows, symbols, match, keyed)
    logger.info("search: %d of %d hits (offset %d)", len(hits), total, offset)
    return SearchResults(hits, total, limit, offset, symbols, renamed, unknown)


def _with(ctes: list[str]) -> str:
    present = [c for c in ctes if c]
    return ("WITH " + ", ".join(present) + " ") if present else ""


def text_rows_aligned(conn: Connection) -> bool:
    """Whether SQLite's text index rows share their figures' rowids (schema 9 and later;
    an older store gets them when opened read-write, but the site opens stores read-only).

    :param conn: an SQLite connection
    :returns: True from schema 9
    """
    return int(conn.execute("PRAGMA user_version").fetchone()[0]) >= _ALIGNED_SCHEMA


def has_text_keys(conn: Connection) -> bool:
    """Whether the text index has the Greek-insensitive ``keys`` column (schema 4)."""
    if is_postgres_conn(conn):
        return True
    columns = {r[1] for r in conn.execute("PRAGMA table_info(figures_fts)")}
    return "keys" in columns


def _hits(
    store: Store,
    rows: Sequence[tuple[str, float | None, int | None]],
    genes: tuple[str, ...],
    match: str | None,
    keyed: bool,
) -> tuple[SearchHit, ...]:
    """The hits of a page: ``(figid, score, text index row)`` each, their figure, paper,
    organisms and gene count read in three queries for the whole page (a query per
    figure is a round trip each on a database server)."""
    if not rows:
        return ()
    conn = store.conn
    figids = [r[0] for r in rows]
    marks = ", ".join("?" for _ in figids)
    figures = {
        r[0]: r
        for r in conn.execute(
            "SELECT f.figid, f.figtitle, f.caption, f.pmcid, p.year FROM figures f"
            f" LEFT JOIN papers p ON p.pmcid = f.pmcid WHERE f.figid IN ({marks})",
            figids,
        )
    }
    organisms: dict[str, list[str]] = {}
    for figid, name in conn.execute(organisms_about_sql(conn, f"o.figid IN ({marks})"), figids):
        organisms.setdefault(figid, []).append(name)
    counts = dict(
        conn.execute(
            f"SELECT figid, count(*) FROM genes WHERE figid IN ({marks}) GROUP BY figid", figids
        ).fetchall()
    )
    hits = []
    for figid, score, fts_rowid in rows:
        row = figures[figid]
        snippet = _snippet(conn, figid, fts_rowid, match, keyed) if match else ""
        if not snippet:
            snippet = shorten(" ".join((row[2] or "").split()), _CAPTION_CHARS)
        hits.append(
            SearchHit(
                figid=figid,
                title=row[1] or "",
                pmcid=row[3],
                year=row[4],
                organisms=tuple(organisms.get(figid, ())),
                genes=genes,
                n_genes=int(counts.get(figid, 0)),
                snippet=snippet,
                score=None if score is None else float(score),
            )
        )
    return tuple(hits)


def _snippet(conn: Connection, figid: str, fts_rowid: int | None, match: str, keyed: bool) -> str:
    """The matched words in context, from the first text that shows one ("" if none)."""
    if fts_rowid is None:
        return ""
    if is_postgres_conn(conn):
        return pg_snippet(conn, figid, match)
    # by rowid: FTS5 seeks to the one row instead of filtering every match; the keys
    # column is for matching only, so the snippet comes from the first text column that
    # shows a matched word
    columns = (2, 1, 3) if keyed else (-1,)
    snippet = ""
    for column in columns:
        found = conn.execute(
            "SELECT snippet(figures_fts, ?, '[', ']', '…', ?) FROM figures_fts"
            " WHERE figures_fts MATCH ? AND rowid = ?",
            (column, _SNIPPET_WORDS, match, fts_rowid),
        ).fetchone()
        snippet = str(found[0]) if found and found[0] else ""
        if "[" in snippet:
            return snippet
    return "" if len(columns) > 1 else snippet


#: ts_headline's options for a snippet like FTS5's: matched words in brackets, ~16 words.
_HEADLINE = (
    f"StartSel=[, StopSel=], MaxWords={_SNIPPET_WORDS}, MinWords={_SNIPPET_WORDS // 2},"
    " ShortWord=0, MaxFragments=1, FragmentDelimiter=…"
)


def pg_snippet(conn: Connection, figid: str, match: str) -> str:
    """A figure's snippet on PostgreSQL: the first of its caption, title and paper title
    that shows a matched word, cut around it (``ts_headline``).

    :param conn: a PostgreSQL connection
    :param figid: the figure
    :param match: the ``tsquery`` text
    :returns: the snippet, or "" when no text shows a matched word
    """
    row = conn.execute(
        "SELECT ts_headline('simple', caption, q, ?), ts_headline('simple', figtitle, q, ?),"
        " ts_headline('simple', papertitle, q, ?)"
        " FROM figures_fts, to_tsquery('simple', ?) q WHERE figid = ?",
        (_HEADLINE, _HEADLINE, _HEADLINE, match, figid),
    ).fetchone()
    for text in row or ():
        if text and "[" in text:
            return str(text)
    return ""
