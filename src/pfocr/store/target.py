"""Where a store lives: an SQLite file (the default) or a PostgreSQL server (``--db
postgresql://user@host/db``), and where its local side files go."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TypeAlias
from urllib.parse import urlsplit, urlunsplit

from pfocr.settings import default_cache_dir

__all__ = [
    "DbTarget",
    "absolute",
    "display",
    "exists",
    "is_postgres",
    "sidecar_base",
    "sqlite_path",
]

#: A store: a path to an SQLite file, or a ``postgresql://`` URL (libpq's URI form).
DbTarget: TypeAlias = str | Path

_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(target: DbTarget) -> bool:
    """Whether a store is a PostgreSQL database (a ``postgresql://`` URL).

    :param target: the ``--db`` value
    :returns: True for a server URL
    """
    return isinstance(target, str) and target.startswith(_SCHEMES)


def sqlite_path(target: DbTarget) -> Path | None:
    """The SQLite file of a store, or None for a server.

    :param target: the ``--db`` value
    :returns: the path
    """
    return None if is_postgres(target) else Path(target)


def display(target: DbTarget) -> str:
    """The store as it may be printed: a server URL without its password.

    :param target: the ``--db`` value
    :returns: e.g. ``postgresql://pfocr@db.example.org/pfocr``
    """
    if not is_postgres(target):
        return str(target)
    parts = urlsplit(str(target))
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def sidecar_base(target: DbTarget) -> Path:
    """The base path of a store's local side files (its work folders, index caches).

    For an SQLite file, the file itself (side files sit beside it: ``pfocr.sqlite.work``);
    for a server, a name in the user's cache folder made from the server and database
    (``~/.cache/pfocr/pg-localhost-pfocr-1a2b3c4d``), so two databases never share one.

    :param target: the ``--db`` value
    :returns: the path to which side-file suffixes are appended
    """
    path = sqlite_path(target)
    if path is not None:
        return path
    shown = display(target)
    parts = urlsplit(shown)
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{parts.hostname or 'local'}-{parts.path.lstrip('/')}")
    digest = hashlib.sha256(shown.encode()).hexdigest()[:8]
    return default_cache_dir() / f"pg-{name.strip('-')}-{digest}"


def exists(target: DbTarget) -> bool:
    """Whether a store may already hold data: its SQLite file exists, or it is a server
    (asked when opened).

    :param target: the ``--db`` value
    :returns: False only for a missing SQLite file
    """
    path = sqlite_path(target)
    return path is None or path.is_file()


def absolute(target: DbTarget) -> DbTarget:
    """The store named so that another working folder finds it too.

    :param target: the ``--db`` value
    :returns: an absolute path, or the URL as it is
    """
    path = sqlite_path(target)
    return target if path is None else path.resolve()
