"""The store: connection handling, schema, and the one-transaction-per-figure writes.

An SQLite file by default, or a PostgreSQL database for a shared deployment (``--db
postgresql://user@host/db``); the same schema and SQL on both (:mod:`pfocr.store.sql`).
On SQLite: one writer connection (the pipeline's main process) and any number of
read-only connections (``mode=ro``), as datasette does; WAL mode lets the site read while
a run writes; ``BEGIN IMMEDIATE`` makes each figure's write all-or-nothing, so a run
killed with ``kill -9`` leaves either the whole figure or none of it. On PostgreSQL the
same: each write is one transaction, and writers queue on one advisory lock.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from pfocr.errors import InputError
from pfocr.ocr.models import OcrResult, Word
from pfocr.store.chemicals import save_chemicals
from pfocr.store.edges import save_edges
from pfocr.store.migrate import migrate
from pfocr.store.models import FigureBundle, RecognitionBundle, StageRow
from pfocr.store.postgres import PgConnection
from pfocr.store.queries import Queries
from pfocr.store.readings import save_readings
from pfocr.store.sql import Connection, dialect, write_transaction
from pfocr.store.target import DbTarget, display, is_postgres, sidecar_base
from pfocr.store.textindex import index_text

__all__ = ["Store"]

logger = logging.getLogger(__name__)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _open_sqlite(path: Path, readonly: bool) -> Connection:
    if readonly:
        if not path.is_file():
            raise InputError(f"no database at {path}: run `pfocr run` first")
        uri = f"file:{path.resolve()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout = 30000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise InputError(f"{path} is not a pfocr database: {exc}") from exc
    return conn


class Store(Queries):
    """A pfocr database.

    :param target: the SQLite file, or a ``postgresql://`` URL
    :param readonly: open read-only (the store must exist)
    :raises InputError: when a read-only store does not exist, the server cannot be
        reached, or the database is not a pfocr store
    """

    def __init__(self, target: DbTarget, *, readonly: bool = False) -> None:
        self.target = target
        #: the store as shown in messages (a server URL without its password)
        self.location = display(target)
        #: the SQLite file, or for a server the base name of its local side files
        self.path = sidecar_base(target)
        self.readonly = readonly
        conn: Connection
        if is_postgres(target):
            conn = PgConnection(str(target), readonly=readonly)
            errors: tuple[type[Exception], ...] = (PgConnection.Error,)
        else:
            conn = _open_sqlite(self.path, readonly)
            errors = (sqlite3.DatabaseError,)
        super().__init__(conn)
        try:
            migrate(conn, self.location, readonly)
        except errors as exc:
            conn.close()
            raise InputError(f"{self.location} is not a pfocr database: {exc}") from exc
        except BaseException:
            conn.close()
            raise

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return dialect(self.conn)

    # -- lifecycle -------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """Run a block as one write transaction (``BEGIN IMMEDIATE`` on SQLite; on
        PostgreSQL ``BEGIN`` and the write lock); roll back on any error.

        :yields: the connection
        """
        with write_transaction(self.conn) as conn:
            yield conn

    # -- meta ----------------------------------------------------------------------------
    def set_meta(self, key: str, value: str) -> None:
        """Store a metadata value.

        :param key: the key
        :param value: the value
        """
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def ensure_data_stamp(self) -> str:
        """Return the data's stamp, giving a store written before stamps were kept one
        (the data and its version are not touched).

        :returns: the stamp
        """
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('data_stamp', ?)"
                " ON CONFLICT (key) DO NOTHING",
                (secrets.token_hex(8),),
            )
        stamp = self.data_stamp()
        assert stamp is not None
        return stamp

    def _bump_data_version(self, conn: Connection) -> None:
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('data_version', '1') "
            "ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(meta.value AS INTEGER) + 1 AS TEXT)"
        )
        # the counter is per store; the stamp names this state of the data in any store
        # (a site's page file keeps pages under it: docs/web.md, "Page file")
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('data_stamp', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (secrets.token_hex(8),),
        )

    # -- writes --------------------------------------------------------------------------
    def save_figure(self, bundle: FigureBundle) -> None:
        """Write one figure with all its stage results in a single transaction.

        Earlier results of the figure's recognition-level stages are replaced; OCR of
        other versions is kept (it is the expensive stage).

        :param bundle: the figure's results
        """
        self.save_figures([bundle])

    def save_figures(self, bundles: Sequence[FigureBundle]) -> None:
        """Write several figures in one transaction (a batch of a run's results): all of
        them or, if the process dies, none.

        :param bundles: the figures' results
        """
        now = _now()
        with self.transaction() as conn:
            for bundle in bundles:
                self._write_figure(conn, bundle, now)
            if bundles:
                self._bump_data_version(conn)

    def _write_figure(self, conn: Connection, bundle: FigureBundle, now: str) -> None:
        """One figure's rows, inside the caller's transaction."""
        fig = bundle.figure
        if bundle.paper is not None:
            self._upsert_paper(conn, bundle)
        row = asdict(fig)
        row["added_at"] = now
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        updates = ", ".join(f"{k} = excluded.{k}" for k in row if k not in ("figid", "added_at"))
        conn.execute(
            f"INSERT INTO figures({cols}) VALUES ({marks}) "
            f"ON CONFLICT(figid) DO UPDATE SET {updates}",
            tuple(row.values()),
        )
        conn.execute(
            "INSERT INTO images(sha256, mime, data) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            (fig.sha256, bundle.image_mime, bundle.image_bytes),
        )
        paper_title = bundle.paper.papertitle if bundle.paper else None
        index_text(conn, fig.figid, fig.figtitle, fig.caption, paper_title)
        if bundle.base_ocr is not None:
            self._save_ocr(conn, fig.figid, fig.sha256 or "", bundle.base_ocr, now, False)
        if bundle.ocr is not None:
            self._save_ocr(conn, fig.figid, fig.sha256 or "", bundle.ocr, now)
        self._save_recognition(conn, fig.figid, bundle.recognition, now)
        conn.execute("DELETE FROM failures WHERE source = ? OR figid = ?", (fig.source, fig.figid))
        self._stamp_figure(conn, fig.figid)
        if bundle.paper is not None:  # the paper's other figures show it too
            conn.execute(
                "UPDATE figure_stamps SET stamp = ? WHERE figid IN"
                " (SELECT figid FROM figures WHERE pmcid = ? AND figid <> ?)",
                (secrets.token_hex(8), bundle.paper.pmcid, fig.figid),
            )

    def _stamp_figure(self, conn: Connection, figid: str) -> None:
        conn.execute(
            "INSERT INTO figure_stamps(figid, stamp) VALUES (?, ?)"
            " ON CONFLICT (figid) DO UPDATE SET stamp = excluded.stamp",
            (figid, secrets.token_hex(8)),
        )

    def save_recognition(self, figid: str, rec: RecognitionBundle) -> None:
        """Replace a figure's recognition-level results (after a lexicon or recogniser change).

        :param figid: the figure
        :param rec: the new results
        """
        with self.transaction() as conn:
            self._save_recognition(conn, figid, rec, _now())
            self._stamp_figure(conn, figid)
            self._bump_data_version(conn)

    def record_failure(self, source: str, stage: str, figid: str | None, error: str) -> None:
        """Record that an input failed at a stage (replacing an earlier failure record).

        :param source: the input path
        :param stage: the stage that failed
        :param figid: the figure id when known
        :param error: the one-line error message
        """
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO failures(source, stage, figid, error, at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (source, stage) DO UPDATE SET figid = excluded.figid,"
                " error = excluded.error, at = excluded.at",
                (source, stage, figid, error, _now()),
            )

    def _upsert_paper(self, conn: Connection, bundle: FigureBundle) -> None:
        assert bundle.paper is not None
        row = asdict(bundle.paper)
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        # keep values already known when this source lacks them (a sidecar may be partial)
        updates = ", ".join(
            f"{k} = COALESCE(excluded.{k}, papers.{k})" for k in row if k != "pmcid"
        )
        conn.execute(
            f"INSERT INTO papers({cols}) VALUES ({marks}) "
            f"ON CONFLICT(pmcid) DO UPDATE SET {updates}",
            tuple(row.values()),
        )

    def _save_ocr(
        self,
        conn: Connection,
        figid: str,
        sha256: str,
        ocr: OcrResult,
        now: str,
        current: bool = True,
    ) -> None:
        words = json.dumps([w.to_json() for w in ocr.words], ensure_ascii=False)
        conn.execute(
            "INSERT INTO ocr(figid, version, sha256, engine, engine_version, settings,"
            " seconds, words, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (figid, version) DO UPDATE SET sha256 = excluded.sha256,"
            " engine = excluded.engine, engine_version = excluded.engine_version,"
            " settings = excluded.settings, seconds = excluded.seconds,"
            " words = excluded.words, created_at = excluded.created_at",
            (
                figid,
                ocr.version,
                sha256,
                ocr.engine,
                ocr.engine_version,
                ocr.settings,
                ocr.seconds,
                words,
                now,
            ),
        )
        if current:
            self._set_stage(conn, figid, "ocr", ocr.version, sha256, ocr.seconds, now)

    def _set_stage(
        self,
        conn: Connection,
        figid: str,
        stage: str,
        version: str,
        input_key: str,
        seconds: float,
        now: str,
    ) -> None:
        conn.execute(
            "INSERT INTO stages(figid, stage, version, input_key, seconds, finished_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (figid, stage) DO UPDATE SET"
            " version = excluded.version, input_key = excluded.input_key,"
            " seconds = excluded.seconds, finished_at = excluded.finished_at",
            (figid, stage, version, input_key, seconds, now),
        )

    def _save_recognition(
        self, conn: Connection, figid: str, rec: RecognitionBundle, now: str
    ) -> None:
        for table in ("mentions", "family_mentions", "genes", "organisms", "classifications"):
            conn.execute(f"DELETE FROM {table} WHERE figid = ?", (figid,))
        r = rec.recognition
        conn.executemany(
            "INSERT INTO mentions(figid, idx, word_start, word_end, text, normalized, rule,"
            " hgnc_id, symbol, entrez_id, confidence, accepted, box, candidates)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    figid,
                    i,
                    m.word_start,
                    m.word_end,
                    m.text,
                    m.normalized,
                    m.rule,
                    m.hgnc_id,
                    m.symbol,
                    m.entrez_id,
                    m.confidence,
                    int(m.accepted),
                    json.dumps(m.box),
                    json.dumps([asdict(c) for c in m.candidates], ensure_ascii=False),
                )
                for i, m in enumerate(r.mentions)
            ],
        )
        conn.executemany(
            "INSERT INTO family_mentions(figid, idx, word_start, word_end, text, family_id,"
            " name, members, box) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    figid,
                    i,
                    f.word_start,
                    f.word_end,
                    f.text,
                    f.family_id,
                    f.name,
                    json.dumps(list(f.members)),
                    json.dumps(f.box),
                )
                for i, f in enumerate(r.families)
            ],
        )
        genes: dict[str, list[float | str | int | None]] = {}
        for m in r.mentions:
            if not m.accepted:
                continue
            g = genes.get(m.symbol)
            if g is None:
                genes[m.symbol] = [m.hgnc_id, m.entrez_id, m.confidence, 1]
            else:
                g[2] = max(float(g[2] or 0.0), m.confidence)
                g[3] = int(g[3] or 0) + 1
        conn.executemany(
            "INSERT INTO genes(figid, symbol, hgnc_id, entrez_id, confidence, n_mentions)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(figid, s, *v) for s, v in genes.items()],
        )
        conn.executemany(
            "INSERT INTO organisms(figid, taxid, name, evidence, role, kind, position)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (figid, o.taxid, o.name, o.evidence, o.role, o.group, i)
                for i, o in enumerate(rec.organisms)
            ],
        )
        if rec.classification is not None:
            conn.execute(
                "INSERT INTO classifications(figid, score, version) VALUES (?, ?, ?)",
                (figid, rec.classification.score, rec.classification.version),
            )
        save_readings(conn, figid, r.readings)
        save_chemicals(conn, figid, rec.chemicals)
        self._set_stage(conn, figid, "recognize", r.version, rec.ocr_version, rec.seconds, now)
        if rec.chemdis_version:
            self._set_stage(conn, figid, "chemdis", rec.chemdis_version, r.version, 0.0, now)
        if rec.edges_version:
            save_edges(conn, figid, rec.edges)
            self._set_stage(conn, figid, "edges", rec.edges_version, r.version, 0.0, now)
        else:  # read from recognition that has just changed: no longer the figure's
            save_edges(conn, figid, ())
            conn.execute("DELETE FROM stages WHERE figid = ? AND stage = 'edges'", (figid,))

    # -- stage bookkeeping -------------------------------------------------------------
    def classification_version(self, figid: str) -> str | None:
        """Return which pathway scorer produced a figure's stored score.

        :param figid: the figure
        :returns: the scorer's version, or None when the figure has no score
        """
        row = self.conn.execute(
            "SELECT version FROM classifications WHERE figid = ?", (figid,)
        ).fetchone()
        return str(row[0]) if row else None

    def stage(self, figid: str, stage: str) -> StageRow | None:
        """Return which version produced a figure's current results of a stage.

        :param figid: the figure
        :param stage: ``ocr`` or ``recognize``
        :returns: the stage row, or None when the stage has not run
        """
        row = self.conn.execute(
            "SELECT stage, version, input_key, seconds, finished_at FROM stages"
            " WHERE figid = ? AND stage = ?",
            (figid, stage),
        ).fetchone()
        return StageRow(*row) if row else None

    def find_ocr(self, figid: str, version: str, sha256: str) -> OcrResult | None:
        """Return stored OCR of this image by this engine version, if any.

        :param figid: the figure
        :param version: the OCR stage version
        :param sha256: the image's hash (OCR of an older image is not reused)
        :returns: the OCR result or None
        """
        row = self.conn.execute(
            "SELECT engine, engine_version, settings, words, seconds FROM ocr"
            " WHERE figid = ? AND version = ? AND sha256 = ?",
            (figid, version, sha256),
        ).fetchone()
        if row is None:
            return None
        words = tuple(Word.from_json(w) for w in json.loads(row["words"]))
        return OcrResult(
            row["engine"], row["engine_version"], row["settings"], words, float(row["seconds"])
        )
