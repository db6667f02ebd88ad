"""The store, on SQLite and on PostgreSQL: round trips, one transaction per figure, bad
databases."""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from pfocr.classify import Classification
from pfocr.errors import InputError
from pfocr.ingest import Figure, Paper
from pfocr.ocr.models import OcrResult, Word
from pfocr.recognize import FamilyMention, Mention, Recognition
from pfocr.search import search_figures
from pfocr.species import Organism
from pfocr.store import FigureBundle, RecognitionBundle, Store
from pfocr.store.schema import SCHEMA_VERSION
from pfocr.store.target import DbTarget
from pfocr.testing_pg import PgServer

#: What a driver raises for a refused write or a broken constraint, on either database.
DB_ERRORS = (sqlite3.Error, psycopg.Error)

BOX = ((1.0, 2.0), (30.0, 2.0), (30.0, 12.0), (1.0, 12.0))


def bundle(figid: str = "PMC1__f1", genes: tuple[str, ...] = ("TP53", "MDM2")) -> FigureBundle:
    words = tuple(Word(g, 0.99, BOX, i) for i, g in enumerate(genes))
    mentions = tuple(
        Mention(i, i + 1, g, g, "symbol", f"HGNC:{i}", g, str(i), 0.95, BOX)
        for i, g in enumerate(genes)
    )
    rec = Recognition(
        "rec-test",
        (*mentions, Mention(0, 1, "X", "X", "alias", "HGNC:99", "LOW1", None, 0.2, BOX, False)),
        (FamilyMention(0, 1, "AKT", "FPLX:AKT", "AKT", ("AKT1", "AKT2"), BOX),),
    )
    return FigureBundle(
        figure=Figure(
            figid,
            pmcid="PMC1",
            figtitle="p53 pathway",
            caption="MDM2 degrades p53",
            sha256="abc",
            width=100,
            height=50,
            source=f"/in/{figid}.png",
        ),
        paper=Paper("PMC1", papertitle="A paper", year=2020, doi="10.1/x"),
        image_bytes=b"\x89PNG fake",
        image_mime="image/png",
        ocr=OcrResult("rapidocr", "3", "up2", words, 1.5),
        recognition=RecognitionBundle(
            rec,
            (
                Organism(9606, "Homo sapiens", "genes: 2 labels", "host", "mammal"),
                Organism(11676, "Human immunodeficiency virus 1", "label: Nef", "drawn", "virus"),
                Organism(10090, "Mus musculus", "caption: mouse", "named", "mammal"),
            ),
            Classification(0.9, "h1"),
            "rapidocr-3-up2",
            0.01,
        ),
    )


def test_round_trip(db_target: DbTarget) -> None:
    with Store(db_target) as store:
        store.save_figure(bundle())
        rec = store.figure("PMC1__f1")
        assert rec is not None
        assert rec.figure.figtitle == "p53 pathway" and rec.paper is not None
        assert rec.paper.year == 2020
        assert {g.symbol for g in rec.genes} == {"TP53", "MDM2"}  # not LOW1: below threshold
        assert rec.pathway_score == 0.9
        # in their order, with their roles: the host first
        assert [(o.taxid, o.role) for o in rec.organisms] == [
            (9606, "host"),
            (11676, "drawn"),
            (10090, "named"),
        ]
        assert [o.name for o in rec.organisms if o.draws] == [
            "Homo sapiens",
            "Human immunodeficiency virus 1",
        ]
        assert [gs.genes for gs in store.gene_sets()] == [("MDM2", "TP53")]
        assert len(store.mentions("PMC1__f1")) == 3
        assert len(store.mentions("PMC1__f1", accepted_only=True)) == 2
        assert store.family_mentions("PMC1__f1")[0].members == ("AKT1", "AKT2")
        assert store.image("PMC1__f1") == (b"\x89PNG fake", "image/png")
        ocr = store.ocr("PMC1__f1")
        assert ocr is not None and [w.text for w in ocr.words] == ["TP53", "MDM2"]
        assert store.find_ocr("PMC1__f1", "rapidocr-3-up2", "abc") is not None
        assert store.find_ocr("PMC1__f1", "rapidocr-3-up2", "other-sha") is None
        assert store.data_version() == 1


def test_rewrite_replaces_without_duplicates(db_target: DbTarget) -> None:
    with Store(db_target) as store:
        store.save_figure(bundle())
        store.save_figure(bundle(genes=("EGFR",)))
        assert store.count_figures() == 1
        assert [gs.genes for gs in store.gene_sets()] == [("EGFR",)]
        assert len(store.mentions("PMC1__f1")) == 2
        assert store.data_version() == 2


def test_failed_write_leaves_nothing_half_written(db_target: DbTarget) -> None:
    with Store(db_target) as store:
        store.save_figure(bundle())
        bad = bundle(genes=("EGFR",))
        # a mention whose box cannot be serialised makes the write fail half-way
        broken = Mention(0, 1, "X", "X", "symbol", "HGNC:1", "X", None, 0.9, object())  # type: ignore[arg-type]
        rec = bad.recognition.recognition
        bad_rec = Recognition(rec.version, (*rec.mentions, broken), rec.families)
        bad = FigureBundle(
            bad.figure,
            bad.paper,
            bad.image_bytes,
            bad.image_mime,
            bad.ocr,
            RecognitionBundle(bad_rec, (), None, "v", 0.0),
        )
        with pytest.raises(TypeError):
            store.save_figure(bad)
        assert [gs.genes for gs in store.gene_sets()] == [("MDM2", "TP53")]
        assert store.data_version() == 1


def test_readonly_missing_and_garbage(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="run `pfocr run` first"):
        Store(tmp_path / "nope.sqlite", readonly=True)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(InputError, match="not a pfocr database"):
        Store(junk)


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(InputError, match="newer pfocr"):
        Store(path)


def test_readonly_cannot_write(db_target: DbTarget) -> None:
    path = db_target
    with Store(path) as store:
        store.save_figure(bundle())
    with Store(path, readonly=True) as ro:
        assert ro.count_figures() == 1
        with pytest.raises(DB_ERRORS):
            ro.save_figure(bundle("PMC1__f2"))
    with Store(path, readonly=True) as ro:
        assert ro.figure_ids() == ["PMC1__f1"]


def test_wal_mode(tmp_path: Path) -> None:
    with Store(tmp_path / "db.sqlite") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_schema_4_store_gains_organism_roles(tmp_path: Path) -> None:
    # a store written before organisms had roles: read as it is, upgraded when opened
    path = tmp_path / "old.sqlite"
    with Store(path) as store:
        store.save_figure(bundle())
    conn = sqlite3.connect(path)
    conn.executescript(
        "DROP INDEX organisms_taxid; ALTER TABLE organisms DROP COLUMN role;"
        "ALTER TABLE organisms DROP COLUMN kind; ALTER TABLE organisms DROP COLUMN position;"
        "PRAGMA user_version = 4;"
    )
    conn.close()
    with Store(path, readonly=True) as store:  # an older store's organisms are drawn ones
        rec = store.figure("PMC1__f1")
        assert rec is not None and all(o.role == "drawn" for o in rec.organisms)
        assert sorted(o.taxid for o in rec.organisms) == [9606, 10090, 11676]
    with Store(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        rec = store.figure("PMC1__f1")
        assert rec is not None and {o.role for o in rec.organisms} == {"drawn"}
        store.save_figure(bundle())  # the new columns take a new run's roles
        rec = store.figure("PMC1__f1")
        assert rec is not None and rec.organisms[0].role == "host"


def test_a_batch_of_figures_is_one_transaction(db_target: DbTarget) -> None:
    path = db_target
    with Store(path) as store:
        store.save_figure(bundle("PMC1__f0"))
        before = store.data_version()
        store.save_figures([bundle("PMC1__f1"), bundle("PMC1__f2", ("EGFR",))])
        assert store.data_version() == before + 1  # one write, both figures
        assert sorted(store.figure_ids()) == ["PMC1__f0", "PMC1__f1", "PMC1__f2"]
        good = bundle("PMC1__f3")
        broken = replace(good, figure=replace(good.figure, sha256=None))  # NOT NULL
        with pytest.raises(DB_ERRORS):
            store.save_figures([bundle("PMC1__f4"), broken])
        # all of a batch or nothing: the good figure of the failed batch is not there
        assert "PMC1__f4" not in store.figure_ids() and store.data_version() == before + 1


def test_the_browse_order_follows_the_data(db_target: DbTarget) -> None:
    from pfocr.web.queries import all_figures

    path = db_target
    with Store(path) as store:
        store.save_figures([bundle("PMC1__f1"), bundle("PMC1__f2")])
        assert all_figures(store, 10, 0) == (["PMC1__f1", "PMC1__f2"], 2)
        assert all_figures(store, 1, 1) == (["PMC1__f2"], 2)
        store.save_figure(bundle("PMC1__f0"))  # a new data version: a new order
        assert all_figures(store, 10, 0) == (["PMC1__f0", "PMC1__f1", "PMC1__f2"], 3)


def test_a_postgresql_store_is_versioned_in_meta(pg_server: PgServer) -> None:
    url = pg_server.create_database()
    with pytest.raises(InputError, match="is empty: run `pfocr run` first"):
        Store(url, readonly=True)
    with Store(url) as store:
        assert store.dialect == "postgresql"
        assert store.get_meta("schema_version") == str(SCHEMA_VERSION)
        store.save_figure(bundle())
    with Store(url) as store:  # opened again: nothing to do, nothing lost
        assert store.figure_ids() == ["PMC1__f1"]
        store.set_meta("schema_version", "99")
    with pytest.raises(InputError, match="newer pfocr"):
        Store(url)


def test_an_unreachable_server_is_a_one_line_error(pg_server: PgServer) -> None:
    with pytest.raises(
        InputError, match=re.escape("cannot open postgresql://nobody@127.0.0.1")
    ) as err:
        Store(f"postgresql://nobody:secret@127.0.0.1:{pg_server.port}/nodb")
    assert "secret" not in str(err.value) and "\n" not in str(err.value)


def test_two_writers_on_postgresql_queue(pg_server: PgServer) -> None:
    # a second writer waits for the first one's transaction (the write lock), as SQLite's
    # BEGIN IMMEDIATE makes it wait, and then writes
    url = pg_server.create_database()
    with Store(url) as first, Store(url) as second:
        first.save_figure(bundle("PMC1__f0"))
        done = threading.Event()

        def write() -> None:
            second.save_figure(bundle("PMC1__f2", ("EGFR",)))
            done.set()

        with first.transaction() as conn:
            conn.execute("DELETE FROM genes WHERE figid = ?", ("PMC1__f0",))
            writer = threading.Thread(target=write)
            writer.start()
            assert not done.wait(0.5)  # blocked behind the open transaction
        writer.join(10)
        assert done.is_set()
        assert sorted(first.figure_ids()) == ["PMC1__f0", "PMC1__f2"]
        assert [gs.figid for gs in first.gene_sets()] == ["PMC1__f2"]


def test_a_schema_8_postgresql_store_takes_the_step_to_9(pg_server: PgServer) -> None:
    # the first PostgreSQL stores: genes indexed by symbol alone; opened read-write, the
    # numbered step gives them the covering index, once, and nothing is lost
    url = pg_server.create_database()
    with Store(url) as store:
        store.save_figure(bundle())
        store.conn.execute(
            "DROP INDEX genes_symbol_info; CREATE INDEX genes_symbol ON genes(symbol);"
            "UPDATE meta SET value = '8' WHERE key = 'schema_version'"
        )
    with Store(url, readonly=True) as store:  # served as it is
        assert [gs.genes for gs in store.gene_sets()] == [("MDM2", "TP53")]
    with Store(url) as store:
        assert store.get_meta("schema_version") == str(SCHEMA_VERSION)
        names = {r[0] for r in store.conn.execute("SELECT indexname FROM pg_indexes")}
        assert "genes_symbol_info" in names and "genes_symbol" not in names
        assert [gs.genes for gs in store.gene_sets()] == [("MDM2", "TP53")]


def test_a_schema_8_sqlite_store_gets_the_covering_gene_index(tmp_path: Path) -> None:
    path = tmp_path / "v8.sqlite"
    with Store(path) as store:
        store.save_figure(bundle())
        store.save_figure(bundle("PMC1__f2", ("EGFR",)))
    conn = sqlite3.connect(path)
    conn.executescript(  # before schema 9 the text index had rowids of its own
        "DROP INDEX genes_symbol_info; CREATE INDEX genes_symbol ON genes(symbol);"
        "CREATE TABLE c AS SELECT figid, figtitle, caption, papertitle, keys FROM figures_fts;"
        "DELETE FROM figures_fts; INSERT INTO figures_fts(rowid, figid, figtitle, caption,"
        " papertitle, keys) SELECT 1000 - rowid, * FROM c ORDER BY figid DESC; DROP TABLE c;"
        "PRAGMA user_version = 8;"
    )
    conn.close()
    with Store(path) as store:
        aligned = store.conn.execute(
            "SELECT count(*) FROM figures_fts t JOIN figures f ON f.rowid = t.rowid"
            " AND f.figid = t.figid"
        ).fetchone()[0]
        assert aligned == 2 == store.count_figures()
        found = search_figures(store, text="MDM2 degrades")
        assert sorted(h.figid for h in found.hits) == ["PMC1__f1", "PMC1__f2"]
        assert all("[MDM2]" in h.snippet for h in found.hits)
        names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert "genes_symbol_info" in names and "genes_symbol" not in names
        plan = store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT count(*), sum(n_mentions) FROM genes WHERE symbol = ?",
            ("TP53",),
        ).fetchall()
        assert "COVERING INDEX genes_symbol_info" in str([tuple(r) for r in plan])


def _long_caption(n: int = 300) -> str:
    # distinct words, so the text index's tsvector is a few kilobytes
    return " ".join(f"word{i}x" for i in range(n)) + " MDM2 degrades p53"


def _text_layout(store: Store) -> tuple[str, str]:
    options = store.conn.execute(
        "SELECT coalesce(array_to_string(reloptions, ','), '') FROM pg_class"
        " WHERE relname = 'figures_fts'"
    ).fetchone()[0]
    storage = store.conn.execute(
        "SELECT attstorage FROM pg_attribute WHERE attrelid = 'figures_fts'::regclass"
        " AND attname = 'doc'"
    ).fetchone()[0]
    return str(options), str(storage)


def _compression(store: Store, figid: str) -> str | None:
    found = store.conn.execute(
        "SELECT pg_column_compression(doc) FROM figures_fts WHERE figid = ?", (figid,)
    ).fetchone()[0]
    return None if found is None else str(found)


def test_postgresql_keeps_text_vectors_in_the_row(pg_server: PgServer) -> None:
    # ranking reads every match's tsvector: a new store keeps it in the row, uncompressed,
    # even beside a caption long enough to be moved out
    url = pg_server.create_database()
    with Store(url) as store:
        big = bundle("PMC1__f2")
        store.save_figure(replace(big, figure=replace(big.figure, caption=_long_caption())))
        assert _text_layout(store) == ("toast_tuple_target=8160", "m")
        size = store.conn.execute("SELECT pg_column_size(doc) FROM figures_fts").fetchone()[0]
        assert size > 3000 and _compression(store, "PMC1__f2") is None
        found = search_figures(store, text="word17x")
        assert [h.figid for h in found.hits] == ["PMC1__f2"]


def test_a_schema_9_postgresql_store_takes_the_step_to_10(pg_server: PgServer) -> None:
    # schema 9's text index kept tsvectors as PostgreSQL's defaults do (compressed, moved
    # out of the row); step 10 copies it into the new layout with nothing lost
    url = pg_server.create_database()
    with Store(url) as store:
        store.save_figure(bundle())
        big = bundle("PMC1__f2", ("EGFR",))
        store.save_figure(replace(big, figure=replace(big.figure, caption=_long_caption())))
        before = store.conn.execute(
            "SELECT figid, figtitle, caption, papertitle, keys, doc::text FROM figures_fts"
            " ORDER BY figid"
        ).fetchall()
        store.conn.execute(
            "ALTER TABLE figures_fts RESET (toast_tuple_target);"
            "ALTER TABLE figures_fts ALTER COLUMN doc SET STORAGE EXTENDED;"
            "UPDATE figures_fts SET doc = doc || to_tsvector('simple', '');"
            "UPDATE meta SET value = '9' WHERE key = 'schema_version'"
        )
        assert _text_layout(store) == ("", "x")
        assert _compression(store, "PMC1__f2") == "pglz"  # as schema 9 stored it
    with Store(url) as store:
        assert store.get_meta("schema_version") == str(SCHEMA_VERSION)
        assert _text_layout(store) == ("toast_tuple_target=8160", "m")
        after = store.conn.execute(
            "SELECT figid, figtitle, caption, papertitle, keys, doc::text FROM figures_fts"
            " ORDER BY figid"
        ).fetchall()
        assert [tuple(r) for r in after] == [tuple(r) for r in before]
        assert _compression(store, "PMC1__f2") is None
        indexes = {
            r[0]
            for r in store.conn.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename LIKE 'figures_fts%'"
            )
        }
        assert indexes == {"figures_fts_pkey", "figures_fts_doc"}
        found = search_figures(store, text="MDM2 degrades")
        assert sorted(h.figid for h in found.hits) == ["PMC1__f1", "PMC1__f2"]
        assert [h.figid for h in search_figures(store, text="word5x").hits] == ["PMC1__f2"]


def test_a_schema_8_sqlite_store_served_read_only_finds_words(tmp_path: Path) -> None:
    # the site opens a store read-only and never upgrades it: a schema-8 text index whose
    # rows have rowids of their own must still give each match its own figure
    path = tmp_path / "v8ro.sqlite"
    with Store(path) as store:
        store.save_figure(bundle())
        big = bundle("PMC1__f2", ("EGFR",))
        store.save_figure(replace(big, figure=replace(big.figure, caption="EGFR binds ligand")))
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE c AS SELECT figid, figtitle, caption, papertitle, keys FROM figures_fts;"
        "DELETE FROM figures_fts; INSERT INTO figures_fts(rowid, figid, figtitle, caption,"
        " papertitle, keys) SELECT 1000 - rowid, * FROM c ORDER BY figid DESC; DROP TABLE c;"
        "PRAGMA user_version = 8;"
    )
    conn.close()
    with Store(path, readonly=True) as store:
        for words, figid in (("ligand", "PMC1__f2"), ("degrades", "PMC1__f1")):
            found = search_figures(store, text=words)
            assert [h.figid for h in found.hits] == [figid] and found.total == 1
            assert f"[{words}]" in found.hits[0].snippet
    with Store(path, readonly=True) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 8  # untouched


def _older_store(
    database: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    version: int,
    table: str,
    figures: list[FigureBundle],
) -> DbTarget:
    """A store of the figures as schema ``version`` left it: without the ``table`` the
    next schema added."""
    target: DbTarget = tmp_path / f"v{version}.sqlite"
    if database == "postgresql":
        target = request.getfixturevalue("pg_server").create_database()
    with Store(target) as store:
        for figure in figures:
            store.save_figure(figure)
        store.conn.execute(f"DROP TABLE {table}")
        if database == "postgresql":
            store.conn.execute(
                "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),)
            )
        else:
            store.conn.execute(f"PRAGMA user_version = {version}")
    return target


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_schema_10_store_gains_the_stored_rankings_table(
    database: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # schema 11 adds table word_ranks (pfocr.search.stored): a schema-10 store is served
    # read-only without it (nothing is read), and opened read-write gains it, data kept
    from pfocr.search.stored import read_ranks, write_ranks
    from pfocr.store.schema import has_table

    target = _older_store(database, tmp_path, request, 10, "word_ranks", [bundle()])
    with Store(target, readonly=True) as store:
        assert not has_table(store.conn, "word_ranks")
        assert read_ranks(store, min_docs=1) is None
        assert [gs.genes for gs in store.gene_sets()] == [("MDM2", "TP53")]
    with Store(target) as store:
        assert has_table(store.conn, "word_ranks")
        assert write_ranks(store, min_docs=1) > 0
        assert read_ranks(store, min_docs=1) is not None
        assert [gs.genes for gs in store.gene_sets()] == [("MDM2", "TP53")]
    if database == "sqlite":
        conn = sqlite3.connect(tmp_path / "v10.sqlite")
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        conn.close()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_a_schema_11_store_gets_its_figures_stamped(
    database: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # schema 12 adds table figure_stamps (a site keeps a figure's page across writes of
    # other figures): a schema-11 store is served read-only without stamps, and opened
    # read-write gains one per figure, each its own
    figures = [bundle(), bundle("PMC1__f2", ("EGFR",))]
    target = _older_store(database, tmp_path, request, 11, "figure_stamps", figures)
    with Store(target, readonly=True) as store:
        assert store.figure_stamp("PMC1__f1") is None and store.figure_stamps() == set()
    with Store(target) as store:
        stamps = [store.figure_stamp(f) for f in ("PMC1__f1", "PMC1__f2")]
        assert None not in stamps and len(set(stamps)) == 2 == len(store.figure_stamps())
        # a write renews its figure's stamp, and those of its paper's other figures
        store.save_figure(bundle("PMC1__f2", ("EGFR",)))
        assert store.figure_stamp("PMC1__f2") != stamps[1]
        assert store.figure_stamp("PMC1__f1") != stamps[0]
        again = store.figure_stamp("PMC1__f1")
        store.save_recognition("PMC1__f2", bundle("PMC1__f2").recognition)
        assert store.figure_stamp("PMC1__f1") == again  # its paper was not written
