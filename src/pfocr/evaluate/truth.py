"""Reading evaluation truth files (``figid<TAB>genes`` with ``SYMBOL=label ; ...``; or
chemicals and diseases, ``ID=label ; ...`` in ``chemicals``, ``diseases`` and their
``caption_`` columns)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from pfocr.errors import InputError

__all__ = ["CONCEPT_COLUMNS", "TruthFigure", "read_truth"]


@dataclass(frozen=True)
class TruthFigure:
    """The genes (and family labels) a curator found in one figure."""

    figid: str
    genes: frozenset[str]
    labels: dict[str, str]
    families: tuple[str, ...] = ()
    #: the curated ``organisms`` cell, when the truth has the column
    organisms: str | None = None
    #: whether the truth has a ``genes`` column (a chemical and disease truth may not)
    has_genes: bool = True
    #: ``chemicals``, ``diseases``, ``caption_chemicals``, ``caption_diseases``: concept id
    #: -> labels as printed, for the columns the truth has
    concepts: dict[str, dict[str, str]] | None = None


#: The chemical and disease columns of a truth file.
CONCEPT_COLUMNS = ("chemicals", "diseases", "caption_chemicals", "caption_diseases")


def _split(value: str | None) -> list[str]:
    return [p.strip() for p in (value or "").split(";") if p.strip()]


def _pairs(value: str | None) -> dict[str, str]:
    out = {}
    for item in _split(value):
        ident, _, label = item.partition("=")
        out[ident.strip()] = label.strip()
    return out


def read_truth(path: Path) -> list[TruthFigure]:
    """Read a truth TSV (header row, tab-separated, no quoting; extra columns ignored).

    :param path: the TSV
    :returns: one entry per figure, in file order
    :raises InputError: when the file is missing, or lacks ``figid`` or every scored column
    """
    if not path.is_file():
        raise InputError(f"no truth file at {path}")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        fields = set(reader.fieldnames or ())
        columns = [c for c in CONCEPT_COLUMNS if c in fields]
        if "figid" not in fields or not ({"genes"} & fields or columns):
            raise InputError(f"{path} needs figid and genes (or chemicals, diseases) columns")
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
                    has_genes="genes" in fields,
                    concepts={c: _pairs(row.get(c)) for c in columns} if columns else None,
                )
            )
    return out
