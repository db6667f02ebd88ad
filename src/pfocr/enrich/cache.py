"""The on-disk cache of a database's index: built once, rebuilt when the data changes.

The cache is ``<db>.enrich-index-min<N>.npz`` beside the database (uncompressed, so
loading is a file read: ~0.1 s for 100,000 figures). It records the store's
``data_version`` (bumped by every write) and figure count; a cache that does not match
the store, or cannot be read, is rebuilt. Writes go to a temporary file renamed into
place, so readers never see half a file; a folder that cannot be written only costs
the rebuild next time.
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from pfocr.enrich.index import EnrichmentIndex
from pfocr.errors import InputError
from pfocr.store import Store

__all__ = [
    "cache_path",
    "is_current",
    "load_index",
    "load_or_build",
    "save_index",
    "store_stamp",
]

logger = logging.getLogger(__name__)


def cache_path(db_path: Path, min_genes: int, cache_dir: Path | None = None) -> Path:
    """Return where the index of a database is cached.

    :param db_path: the database file
    :param min_genes: the smallest set size indexed
    :param cache_dir: a folder to use instead of the database's
    :returns: the cache file's path
    """
    folder = cache_dir if cache_dir is not None else db_path.resolve().parent
    return folder / f"{db_path.name}.enrich-index-min{min_genes}.npz"


def store_stamp(store: Store, min_genes: int) -> dict[str, Any]:
    """Return what identifies the data an index is built from.

    :param store: the store
    :param min_genes: the smallest set size indexed
    :returns: data version, figure count and ``min_genes``
    """
    return {
        "data_version": store.data_version(),
        "figures": store.count_figures(),
        "min_genes": min_genes,
        # sets are titled as the site names their figures (an older cache, titled by
        # figure titles alone, lacks this and is rebuilt)
        "titles": "display",
    }


def is_current(index: EnrichmentIndex, store: Store) -> bool:
    """Say whether an index still matches its store (for long-running processes, asked
    on every request: one read of the data version, which every write bumps; the figure
    count, which costs a scan on PostgreSQL, is checked when a cache file is read).

    :param index: an index from :meth:`EnrichmentIndex.from_db`
    :param store: the store
    :returns: True when the store's data did not change since the index was built
    """
    if not isinstance(index.meta.get("min_genes"), int):
        return False
    return index.meta.get("data_version") == store.data_version()


def load_index(path: Path) -> EnrichmentIndex:
    """Read an index file written by :func:`save_index`.

    :param path: the ``.npz`` file
    :returns: the index
    :raises OSError: when the file cannot be read
    :raises ValueError: when it is not an index of this format
    """
    try:
        with np.load(path, allow_pickle=False) as data:
            return EnrichmentIndex.from_arrays({name: data[name] for name in data.files})
    except (KeyError, zipfile.BadZipFile) as exc:
        raise ValueError(f"{path} is not an enrichment index: {exc}") from exc


def save_index(index: EnrichmentIndex, path: Path) -> None:
    """Write an index as an uncompressed ``.npz``, atomically (temporary file, rename).

    :param index: the index
    :param path: the file
    :raises OSError: when the file cannot be written
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **index.to_arrays())  # type: ignore[arg-type]
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path, stamp: dict[str, Any]) -> EnrichmentIndex | None:
    try:
        index = load_index(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        logger.warning("ignoring unreadable index cache %s: %s", path, exc)
        return None
    if any(index.meta.get(k) != v for k, v in stamp.items()):
        logger.info("index cache %s is stale: rebuilding", path)
        return None
    return index


def _write(index: EnrichmentIndex, path: Path) -> None:
    try:
        save_index(index, path)
    except OSError as exc:
        # a read-only folder only costs a rebuild next time
        logger.warning("cannot write index cache %s: %s", path, exc)


def load_or_build(
    store: Store,
    *,
    min_genes: int = 3,
    cache_dir: Path | None = None,
    use_cache: bool = True,
) -> EnrichmentIndex:
    """Return a store's index: from the cache when current, else built (and cached).

    :param store: the store
    :param min_genes: leave out figures with fewer genes
    :param cache_dir: a folder for the cache instead of the database's
    :param use_cache: read and write the cache file
    :returns: the index (default background, no resolver)
    :raises InputError: when the store holds no gene set of ``min_genes`` genes
    """
    stamp = store_stamp(store, min_genes)
    path = cache_path(store.path, min_genes, cache_dir)
    if use_cache:
        start = time.perf_counter()
        cached = _read(path, stamp)
        if cached is not None:
            logger.info("index loaded from %s in %.3f s", path, time.perf_counter() - start)
            return cached
    start = time.perf_counter()
    index = EnrichmentIndex.from_sets(
        store.gene_sets(min_genes, display_titles=True),
        meta={"source": store.location, **stamp},
    )
    if len(index) == 0:
        raise InputError(
            f"{store.location} has no figure with at least {min_genes} genes: run `pfocr run` first"
        )
    logger.info("index of %d sets built in %.2f s", len(index), time.perf_counter() - start)
    if use_cache:
        _write(index, path)
    return index
