"""The vocabulary's file: an SQLite database that lookups read in place.

Loading 336,000 names into Python objects cost a process 1.1 CPU-s (and the misread index
another 0.4) before its first figure, for the few hundred names a figure looks up. The
file is therefore a database, opened read-only and queried by key: opening it costs
nothing, a name table's keys are read into a set on its first lookup (0.14 s), so that
the many words and word runs that name nothing cost no query, a name found costs about
4 µs, and the misread index reads only the buckets (first letter, length) a figure's long
unknown words need.

Tables (``FORMAT`` in ``meta``): ``concepts`` (id, kind, name, chebi, doid, mondo),
``folded`` and ``exact`` (key, position, concept, rule, exact, label; ``folded`` also the
key's first letter and length, indexed, for the misread index). A row's position keeps
the order names were added in (curated abbreviations first: they win a shared key).

A connection is opened per process and thread on first use, so forked pool workers,
Dask workers (which receive the vocabulary pickled: its path) and the web server's
threads each read the file through their own.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from pfocr.bulk import gc_paused
from pfocr.errors import InputError

__all__ = ["FORMAT", "ConceptTable", "NameTable", "VocabularyFile", "write_vocabulary"]

#: Bumped when the file layout changes.
FORMAT = 3

Raw = list[Any]

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE concepts (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
    chebi TEXT, doid TEXT, mondo TEXT
) WITHOUT ROWID;
CREATE TABLE folded (
    key TEXT NOT NULL, pos INTEGER NOT NULL, concept TEXT NOT NULL, rule TEXT NOT NULL,
    exact INTEGER NOT NULL, label INTEGER NOT NULL, first TEXT NOT NULL, len INTEGER NOT NULL,
    PRIMARY KEY (key, pos)
) WITHOUT ROWID;
CREATE TABLE exact (
    key TEXT NOT NULL, pos INTEGER NOT NULL, concept TEXT NOT NULL, rule TEXT NOT NULL,
    exact INTEGER NOT NULL, label INTEGER NOT NULL,
    PRIMARY KEY (key, pos)
) WITHOUT ROWID;
"""
_BUCKET_INDEX = "CREATE INDEX folded_bucket ON folded (first, len)"


def write_vocabulary(
    path: Path,
    version: str,
    concepts: Iterable[Raw],
    folded: Mapping[str, list[Raw]],
    exact: Mapping[str, list[Raw]],
) -> None:
    """Write a vocabulary file; it replaces ``path`` only once complete.

    :param path: the file
    :param version: the vocabulary's version
    :param concepts: (id, kind, name, chebi, doid, mondo) rows
    :param folded: folded key -> (concept, rule, exact, label) rows, in order
    :param exact: case-sensitive key -> rows, in order
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        db = sqlite3.connect(tmp)
        try:
            db.executescript(_SCHEMA)
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("format", str(FORMAT)), ("version", version)],
            )
            db.executemany("INSERT INTO concepts VALUES (?, ?, ?, ?, ?, ?)", concepts)
            db.executemany(
                "INSERT INTO folded VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (key, pos, *raw, key[:1], len(key))
                    for key, raws in folded.items()
                    for pos, raw in enumerate(raws)
                ),
            )
            db.executemany(
                "INSERT INTO exact VALUES (?, ?, ?, ?, ?, ?)",
                ((key, pos, *raw) for key, raws in exact.items() for pos, raw in enumerate(raws)),
            )
            db.execute(_BUCKET_INDEX)
            db.commit()
        finally:
            db.close()
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


class VocabularyFile:
    """An open vocabulary file: one read-only connection per process and thread.

    :param path: the file
    :raises InputError: when the file is not a vocabulary of this format
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        try:
            meta = dict(self.query("SELECT name, value FROM meta"))
        except sqlite3.Error as exc:
            raise InputError(f"cannot read chemical and disease vocabulary {path}: {exc}") from exc
        if meta.get("format") != str(FORMAT):
            raise InputError(f"{path} is not a chemical and disease vocabulary of format {FORMAT}")
        self.version = meta.get("version", "")

    def _connection(self) -> sqlite3.Connection:
        held: tuple[int, sqlite3.Connection] | None = getattr(self._local, "held", None)
        if held is None or held[0] != os.getpid():  # a forked child opens its own
            if not self.path.is_file():
                raise InputError(f"cannot read chemical and disease vocabulary {self.path}")
            # immutable: the file is only ever replaced whole, never written in place
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            held = (os.getpid(), sqlite3.connect(uri, uri=True, check_same_thread=False))
            self._local.held = held
        return held[1]

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run a read query.

        :param sql: the query
        :param params: its parameters
        :returns: the rows
        """
        return self._connection().execute(sql, params).fetchall()

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self.path, "version": self.version}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path = state["path"]
        self.version = state["version"]
        self._local = threading.local()


class NameTable(Mapping[str, list[Raw]]):
    """The names of one table (``folded`` or ``exact``) by key, read from the file.

    :param file: the open file
    :param table: ``folded`` or ``exact``
    """

    def __init__(self, file: VocabularyFile, table: str) -> None:
        if table not in ("folded", "exact"):
            raise ValueError(f"no name table {table!r}")
        self._file = file
        self._table = table
        self._get = f"SELECT concept, rule, exact, label FROM {table} WHERE key = ? ORDER BY pos"
        self._keys: frozenset[str] | None = None

    def get(self, key: str, default: Any = None) -> Any:
        if self._keys is None:
            # most lookups are of words and word runs that name nothing: answer those
            # from a set of the keys (0.14 s for 336,000, on first use) instead of a query
            with gc_paused():
                rows = self._file.query(f"SELECT key FROM {self._table} WHERE pos = 0")
                self._keys = frozenset(r[0] for r in rows)
        if key not in self._keys:
            return default
        return [list(r) for r in self._file.query(self._get, (key,))]

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_keys"] = None  # a pickled table (to a Dask worker) reads its keys again
        return state

    def __getitem__(self, key: str) -> list[Raw]:
        found: list[Raw] | None = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def bucket(
        self, first: str, length: int, rules: Collection[str]
    ) -> list[tuple[str, tuple[str, ...]]]:
        """The keys of a first letter and a length with the concepts their names by
        ``rules`` name, labels aside.

        :param first: the keys' first character
        :param length: their length
        :param rules: the names' rules to take
        :returns: (key, concept ids) pairs, for keys with at least one such name
        """
        marks = ", ".join("?" * len(rules))
        rows = self._file.query(
            f"SELECT key, concept FROM {self._table} WHERE first = ? AND len = ?"
            f" AND label = 0 AND rule IN ({marks}) ORDER BY key, pos",
            (first, length, *sorted(rules)),
        )
        return [(key, tuple(r[1] for r in run)) for key, run in groupby(rows, key=itemgetter(0))]

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self._file.query(f"SELECT DISTINCT key FROM {self._table}"))

    def __len__(self) -> int:
        return int(self._file.query(f"SELECT count(DISTINCT key) FROM {self._table}")[0][0])

    def count_names(self) -> int:
        """How many names the table holds (a key may have several).

        :returns: the count
        """
        return int(self._file.query(f"SELECT count(*) FROM {self._table}")[0][0])


class ConceptTable(Mapping[str, Raw]):
    """The concepts by id, read from the file.

    :param file: the open file
    """

    def __init__(self, file: VocabularyFile) -> None:
        self._file = file

    def get(self, cid: str, default: Any = None) -> Any:
        rows = self._file.query("SELECT * FROM concepts WHERE id = ?", (cid,))
        return list(rows[0]) if rows else default

    def __getitem__(self, cid: str) -> Raw:
        found: Raw | None = self.get(cid)
        if found is None:
            raise KeyError(cid)
        return found

    def __contains__(self, cid: object) -> bool:
        return isinstance(cid, str) and self.get(cid) is not None

    def values(self) -> list[Raw]:  # type: ignore[override]
        """Every concept's row, in one scan."""
        return [list(r) for r in self._file.query("SELECT * FROM concepts")]

    def __iter__(self) -> Iterator[str]:
        return (r[0] for r in self._file.query("SELECT id FROM concepts"))

    def __len__(self) -> int:
        return int(self._file.query("SELECT count(*) FROM concepts")[0][0])
