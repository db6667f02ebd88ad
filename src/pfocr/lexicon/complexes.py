"""Complexes that figures name and FamPlex does not hold (``pfocr/data/complexes.tsv``).

A complex is a family of its member genes to recognition: its name is read as the
complex (kept apart from genes, members listed), never as one member. Without it an
HGNC alias of one member wins (``ISGF-3`` is an alias of STAT1 alone; ``RISC`` one of
SCPEP1), or a numbered stem (``DISC`` for DISC1/DISC2). Ids are ``PFOCR:<name>``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from importlib import resources

from pfocr.data.tables import read_table
from pfocr.lexicon.models import Family, Gene, Term
from pfocr.lexicon.normalize import norm_key

__all__ = ["TABLE", "complexes_table", "read_complexes"]

#: the curated table, in ``pfocr/data``
TABLE = "complexes.tsv"

logger = logging.getLogger(__name__)


def complexes_table() -> str:
    """The curated table's text (its digest names the compiled lexicon: an edit recompiles).

    :returns: the file's text
    """
    return resources.files("pfocr.data").joinpath(TABLE).read_text(encoding="utf-8")


def read_complexes(by_symbol: Mapping[str, Gene]) -> tuple[list[Family], list[Term]]:
    """Read the curated complexes and the names that call them.

    :param by_symbol: approved HGNC genes by symbol (every member must be one)
    :returns: the complexes (kind ``complex``) and one term per name; a complex with a
        member the HGNC set does not approve is left out (a partial HGNC file, or a
        renamed symbol: ``tests/recognize/test_curated_data.py`` checks the table against
        the real one)
    """
    families: dict[str, Family] = {}
    terms: list[Term] = []
    for row in read_table(TABLE):
        members = tuple(sorted(row["members"].split()))
        unknown = [m for m in members if m not in by_symbol]
        if unknown:
            logger.info("complexes.tsv: %s left out, not approved: %s", row["complex"], unknown)
            continue
        fid = f"PFOCR:{row['complex']}"
        families.setdefault(fid, Family(fid, row["complex"], members, "complex"))
        terms.append(Term(norm_key(row["text"]), row["text"], "FPLX", fid, "family", "pfocr"))
    logger.info("curated complexes: %d, %d names", len(families), len(terms))
    return list(families.values()), terms
