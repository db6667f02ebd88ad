"""Stage versions from the code that makes them: a digest of source files, so that any
change to a stage re-runs it on the next ``pfocr run``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

__all__ = ["files_digest"]


def files_digest(paths: Iterable[Path], salt: str = "") -> str:
    """Hash files by name and content, in the order given.

    :param paths: the files
    :param salt: more that decides the stage's output (a data package's version)
    :returns: the first 8 hex digits of the SHA-256
    """
    h = hashlib.sha256(salt.encode())
    for path in paths:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:8]
