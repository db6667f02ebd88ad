"""Reading evaluation truth files (``figid<TAB>genes`` with ``SYMBOL=label ; ...``)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from pfocr.errors import InputError

__all__ = ["TruthFigure", "read_truth"]


@dataclass(frozen=True)
class TruthFigure:
    """The genes (and family labels) a curator found in one figure."""

    figid: str
    genes: frozenset[str]
    labels: dict[str, str]
    families: tuple[str, ...] = ()
    #: the curated ``organisms`` cell, when the truth has the column
    organisms: str | None = None


def _split(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split(";") if p.strip()]


def read_truth(path: Path) -> list[TruthFigure]:
    """Read a truth TSV (header row, tab-separated, no quoting; extra columns ignored).

    :param path: the TSV
    :returns: one entry per figure, in file order
    :raises InputError: when the file is missing or lacks ``figid``/``genes`` columns
    """
    if not path.is_file():
        raise InputError(f"no truth file at {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if not reader.fieldnames or not {"figid", "genes"} <= set(reader.fieldnames):
            raise InputError(f"{path} needs figid and genes columns")
        out = []
        for row in reader:
            labels: dict[str, str] = {}
            for item in _split(row.get("genes")):
                symbol, _, label = item.partition("=")
                labels[symbol.strip()] = label.strip()
            out.append(
                TruthFigure(
                    figid=row["figid"].strip(),
                    genes=frozenset(labels),
                    labels=labels,
                    families=tuple(_split(row.get("families"))),
                    organisms=row.get("organisms"),
                )
            )
    return out
