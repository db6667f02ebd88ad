"""Read queries the site needs that :mod:`pfocr.store` does not offer (yet).

Everything here is parameterised SQL over a read-only connection, or the gene index in
memory (:func:`gene_index`). Candidates to move
into :class:`pfocr.store.queries.Queries`: :func:`briefs`, :func:`gene_info`,
:func:`figures_with_gene`, :func:`co_mentioned` and :func:`facets`.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pfocr.enrich import EnrichmentIndex
from pfocr.errors import InputError
from pfocr.search import SearchIndex
from pfocr.store import Store
from pfocr.store.schema import organism_filter_sql, organisms_about_sql
from pfocr.textutil import display_title

__all__ = [
    "Facets",
    "FigureBrief",
    "GeneInfo",
    "all_figures",
    "briefs",
    "browse_order",
    "co_mentioned",
    "facets",
    "figures_with_gene",
    "gene_index",
    "gene_info",
    "image_key",
    "known_symbols",
]

# SQLite's default limit on host parameters is 32,766; chunk well below it.
_CHUNK = 900


def _chunks(items: Sequence[str]) -> Iterator[tuple[list[str], str]]:
    """``items`` in chunks of at most :data:`_CHUNK`, each with its ``?`` marks."""
    for start in range(0, len(items), _CHUNK):
        chunk = list(items[start : start + _CHUNK])
        yield chunk, ",".join("?" * len(chunk))


@dataclass(frozen=True)
class FigureBrief:
    """What a result list shows of a figure."""

    figid: str
    title: str
    number: str | None
    pmcid: str | None
    papertitle: str | None
    year: int | None
    journal: str | None
    organisms: tuple[str, ...]
    n_genes: int
    genes: tuple[str, ...]
    width: int | None
    height: int | None


@dataclass(frozen=True)
class GeneInfo:
    """A gene as the store knows it: ids and how many figures show it."""

    symbol: str
    hgnc_id: str
    entrez_id: str | None
    n_figures: int
    n_mentions: int


@dataclass(frozen=True)
class Facets:
    """Counts and filter values of the whole store."""

    n_figures: int
    n_papers: int
    n_genes: int
    organisms: tuple[tuple[str, int], ...]
    year_min: int | None
    year_max: int | None


def briefs(store: Store, figids: Sequence[str]) -> list[FigureBrief]:
    """Return result-list rows for figures, in the order given (unknown ids left out).

    :param store: the store
    :param figids: the figures
    :returns: one brief per known figure
    """
    found: dict[str, FigureBrief] = {}
    for chunk, marks in _chunks(figids):
        organisms: dict[str, list[str]] = {}
        for figid, name in store.conn.execute(
            organisms_about_sql(store.conn, f"o.figid IN ({marks})"), chunk
        ):
            organisms.setdefault(figid, []).append(name)
        genes: dict[str, list[str]] = {}
        for figid, symbol in store.conn.execute(
            f"SELECT figid, symbol FROM genes WHERE figid IN ({marks})"
            " ORDER BY figid, confidence DESC, symbol",
            chunk,
        ):
            genes.setdefault(figid, []).append(symbol)
        rows = store.conn.execute(
            "SELECT f.figid, f.figtitle, f.number, f.pmcid, f.width, f.height, p.papertitle,"
            " p.year, COALESCE(p.journal_nlm_ta, p.journal_title), f.caption"
            f" FROM figures f LEFT JOIN papers p ON p.pmcid = f.pmcid WHERE f.figid IN ({marks})",
            chunk,
        )
        for r in rows:
            figid = r[0]
            found[figid] = FigureBrief(
                figid=figid,
                title=display_title(r[1], r[9], r[6]),
                number=r[2],
                pmcid=r[3],
                papertitle=r[6],
                year=r[7],
                journal=r[8],
                organisms=tuple(organisms.get(figid, ())),
                n_genes=len(genes.get(figid, ())),
                genes=tuple(genes.get(figid, ())),
                width=r[4],
                height=r[5],
            )
    return [found[f] for f in figids if f in found]


def display_titles(store: Store, figids: Sequence[str]) -> dict[str, str]:
    """Display titles (title, else the caption's first sentence, else the paper's title).

    :param store: the store
    :param figids: the figures
    :returns: figid -> title
    """
    out: dict[str, str] = {}
    for chunk, marks in _chunks(figids):
        # only the three texts a title is made from: briefs() also reads every figure's
        # genes and organisms, 4 ms for an enrichment's 50 rows at 110,000 figures
        for figid, title, caption, papertitle in store.conn.execute(
            "SELECT f.figid, f.figtitle, f.caption, p.papertitle FROM figures f"
            f" LEFT JOIN papers p ON p.pmcid = f.pmcid WHERE f.figid IN ({marks})",
            chunk,
        ):
            out[figid] = display_title(title, caption, papertitle)
    return out


def known_symbols(store: Store, tokens: Sequence[str]) -> dict[str, str]:
    """Map tokens to the stored gene symbols they name, ignoring case.

    :param store: the store
    :param tokens: candidate symbols (at most a few hundred)
    :returns: token -> stored symbol, for the tokens that name a gene of some figure
    """
    if not tokens:
        return {}
    wanted = {t.upper(): t for t in tokens}
    out: dict[str, str] = {}
    keys = list(wanted)
    for chunk, marks in _chunks(keys):
        # genes_symbol_info is a BINARY index: ask for the upper-case spelling, then for the
        # spellings as given (C9orf72), so both forms use the index
        for (symbol,) in store.conn.execute(
            f"SELECT DISTINCT symbol FROM genes WHERE symbol IN ({marks}) OR symbol IN ({marks})",
            [*chunk, *(wanted[k] for k in chunk)],
        ):
            token = wanted.get(symbol.upper())
            if token is not None:
                out[token] = symbol
    return out


def gene_info(store: Store, symbol: str) -> GeneInfo | None:
    """Return a gene shown in at least one figure.

    :param store: the store
    :param symbol: an exact HGNC symbol
    :returns: the gene or None when no figure shows it
    """
    row = store.conn.execute(
        "SELECT symbol, hgnc_id, max(entrez_id), count(*), sum(n_mentions) FROM genes"
        " WHERE symbol = ? GROUP BY symbol, hgnc_id",
        (symbol,),
    ).fetchone()
    if row is None:
        return None
    return GeneInfo(row[0], row[1], row[2], int(row[3]), int(row[4]))


def figures_with_gene(
    store: Store, symbol: str, limit: int, offset: int, index: SearchIndex | None = None
) -> list[str]:
    """Return the figures that show a gene, newest paper first.

    :param store: the store
    :param symbol: an exact HGNC symbol
    :param limit: page size
    :param offset: rows to skip
    :param index: the store's current gene index (:func:`gene_index`): the page from
        memory instead of sorting every figure of the gene
    :returns: figure ids
    """
    if index is not None:
        return index.page([symbol], limit, offset)[0]
    rows = store.conn.execute(
        "SELECT g.figid FROM genes g JOIN figures f ON f.figid = g.figid"
        " LEFT JOIN papers p ON p.pmcid = f.pmcid WHERE g.symbol = ?"
        " ORDER BY p.year IS NULL, p.year DESC, g.figid LIMIT ? OFFSET ?",
        (symbol, limit, offset),
    )
    return [r[0] for r in rows]


def co_mentioned(
    store: Store, symbol: str, limit: int, index: SearchIndex | None = None
) -> list[tuple[str, int]]:
    """Return the genes most often shown in the same figures as a gene.

    :param store: the store
    :param symbol: an exact HGNC symbol
    :param limit: how many genes
    :param index: the store's current gene index: counted in memory (a popular gene's
        self-join costs 0.4 s at 110,000 figures)
    :returns: ``(symbol, number of shared figures)``, most shared first, then by symbol
    """
    if index is not None:
        return index.co_mentioned(symbol, limit)
    rows = store.conn.execute(
        "SELECT b.symbol, count(*) AS n FROM genes a JOIN genes b"
        " ON b.figid = a.figid AND b.symbol != a.symbol WHERE a.symbol = ?"
        " GROUP BY b.symbol ORDER BY n DESC, b.symbol LIMIT ?",
        (symbol, limit),
    )
    return [(r[0], int(r[1])) for r in rows]


def facets(store: Store) -> Facets:
    """Return store-wide counts, organisms (most figures first) and the year range.

    :param store: the store
    :returns: the facets
    """
    conn = store.conn
    organisms = tuple(
        (r[0], int(r[1]))
        for r in conn.execute(
            "SELECT name, count(DISTINCT figid) AS n FROM organisms o"
            f" WHERE {organism_filter_sql(conn)} GROUP BY name ORDER BY n DESC, name"
        )
    )
    years = conn.execute(
        "SELECT min(p.year), max(p.year) FROM papers p JOIN figures f ON f.pmcid = p.pmcid"
    ).fetchone()
    return Facets(
        n_figures=store.count_figures(),
        n_papers=int(conn.execute("SELECT count(DISTINCT pmcid) FROM figures").fetchone()[0]),
        n_genes=int(conn.execute("SELECT count(DISTINCT symbol) FROM genes").fetchone()[0]),
        organisms=organisms,
        year_min=years[0],
        year_max=years[1],
    )


def image_key(store: Store, figid: str) -> str | None:
    """Return the SHA-256 of a figure's image (the cache key and ETag of its bytes).

    :param store: the store
    :param figid: the figure
    :returns: the hash, or None for an unknown figure
    """
    row = store.conn.execute("SELECT sha256 FROM figures WHERE figid = ?", (figid,)).fetchone()
    return str(row[0]) if row else None


_BROWSE: dict[tuple[str, int], list[str]] = {}
_BROWSE_LOCK = threading.Lock()


def browse_order(store: Store) -> list[str]:
    """Every figure id, newest paper first, then by id: computed once per data version and
    kept (110,000 ids are a few MB).

    :param store: the store
    :returns: the ids
    """
    key = (str(store.path), store.data_version())
    order = _BROWSE.get(key)
    if order is None:
        rows = store.conn.execute(
            "SELECT f.figid FROM figures f LEFT JOIN papers p ON p.pmcid = f.pmcid"
            " ORDER BY p.year IS NULL, p.year DESC, f.figid"
        )
        order = [r[0] for r in rows]
        with _BROWSE_LOCK:
            for old in [k for k in _BROWSE if k[0] == key[0]]:
                del _BROWSE[old]  # an older data version of the same store
            _BROWSE[key] = order
    return order


def all_figures(store: Store, limit: int, offset: int) -> tuple[list[str], int]:
    """Return a page of every figure, newest paper first, and the figure count (a slice of
    :func:`browse_order`, where sorting the whole store for each page cost 90 ms at
    110,000 figures).

    :param store: the store
    :param limit: page size
    :param offset: rows to skip
    :returns: ``(figure ids, total)``
    """
    order = browse_order(store)
    return order[offset : offset + limit], len(order)


def gene_index(store: Store) -> SearchIndex | None:
    """The store's figure gene sets in memory (:class:`pfocr.search.SearchIndex`, in the
    browse order), for the gene pages and gene searches, through the enrichment stage's
    cache file; the site keeps it per data version.

    :param store: the store
    :returns: the index, or None while no figure has a gene
    """
    try:
        genes = EnrichmentIndex.from_db(store, min_genes=1)
    except InputError:
        return None  # no gene yet
    return SearchIndex(genes, browse_order(store))
