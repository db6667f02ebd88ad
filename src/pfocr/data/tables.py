"""Reading the curated TSV tables shipped in this package."""

from __future__ import annotations

import csv
import io
from importlib import resources

__all__ = ["read_table"]


def read_table(name: str) -> list[dict[str, str]]:
    """Read a curated TSV shipped in ``pfocr/data``.

    :param name: the file name
    :returns: its rows
    """
    text = resources.files("pfocr.data").joinpath(name).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    return list(reader)
