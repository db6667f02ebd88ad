"""Families, complexes and curated groundings from FamPlex (the ``famplex`` package).

The ``famplex`` wheel installs its CSV tables as data files, and some releases put them
under another Python version's ``site-packages``; the package's own ``locations``
module then points at a folder that does not exist. We find the files through the
distribution's file list instead (``importlib.metadata``), which works for every layout.
"""

from __future__ import annotations

import csv
import logging
from collections import defaultdict
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from pfocr.errors import InputError
from pfocr.lexicon.models import Family, Gene, Term
from pfocr.lexicon.normalize import norm_key

__all__ = ["famplex_dir", "famplex_version", "read_famplex"]

logger = logging.getLogger(__name__)

_TABLES = ("entities.csv", "relations.csv", "grounding_map.csv")
# grounding databases that name something other than a gene product
_NOT_GENE_DBS = {"CHEBI", "PUBCHEM", "HMDB", "GO", "MESH", "NCIT", "HMS-LINCS", "LINCS", "CAS"}


def famplex_version() -> str:
    """Return the installed famplex package version.

    :returns: the version string
    """
    return metadata.version("famplex")


def famplex_dir() -> Path:
    """Locate the folder holding FamPlex's ``entities.csv``, ``relations.csv`` ...

    :returns: the folder
    :raises InputError: when the famplex package or its tables are missing
    """
    try:
        dist = metadata.distribution("famplex")
    except metadata.PackageNotFoundError as exc:
        raise InputError("the famplex package is not installed: pip install famplex") from exc
    for f in dist.files or []:
        if f.name == "entities.csv" and "resources" in f.parts:
            folder = Path(str(f.locate())).parent
            if all((folder / t).is_file() for t in _TABLES):
                return folder
    raise InputError("the famplex package has no resource tables (entities.csv)")


def _rows(path: Path) -> Iterable[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle)


def read_famplex(genes: list[Gene], folder: Path | None = None) -> tuple[list[Family], list[Term]]:
    """Read FamPlex families/complexes (with members) and its curated text groundings.

    :param genes: HGNC genes, to map member symbols and UniProt groundings to HGNC ids
    :param folder: the FamPlex resource folder (found automatically when None)
    :returns: families and terms (``FPLX`` families, ``HGNC`` curated genes, ``NOTGENE``)
    """
    folder = folder or famplex_dir()
    by_symbol = {g.symbol: g for g in genes}
    by_uniprot = {u: g for g in genes for u in g.uniprot}

    entities = [r[0] for r in _rows(folder / "entities.csv") if r]
    children: dict[str, set[tuple[str, str]]] = defaultdict(set)
    has_parts: set[str] = set()
    for row in _rows(folder / "relations.csv"):
        if len(row) < 5:
            continue
        ns, child, rel, pns, parent = row[:5]
        if pns != "FPLX" or rel not in ("isa", "partof"):
            continue
        children[parent].add((ns, child))
        if rel == "partof":
            has_parts.add(parent)

    def members(fid: str, seen: set[str]) -> set[str]:
        out: set[str] = set()
        for ns, child in children.get(fid, ()):
            if ns == "HGNC" and child in by_symbol:
                out.add(child)
            elif ns == "FPLX" and child not in seen:
                seen.add(child)
                out |= members(child, seen)
        return out

    families = [
        Family(
            id=f"FPLX:{fid}",
            name=fid.replace("_", " "),
            members=tuple(sorted(members(fid, {fid}))),
            kind="complex" if fid in has_parts else "family",
        )
        for fid in entities
    ]
    terms: list[Term] = []
    for fam in families:
        text = fam.name
        terms.append(Term(norm_key(text), text, "FPLX", fam.id, "family", "famplex"))
    terms.extend(_grounding_terms(folder / "grounding_map.csv", by_symbol, by_uniprot))
    logger.info("FamPlex: %d families/complexes, %d terms", len(families), len(terms))
    return families, terms


def _grounding_terms(
    path: Path, by_symbol: dict[str, Gene], by_uniprot: dict[str, Gene]
) -> Iterable[Term]:
    for row in _rows(path):
        if not row or not row[0].strip():
            continue
        text = row[0].strip()
        pairs = [(row[i], row[i + 1]) for i in range(1, len(row) - 1, 2) if row[i] and row[i + 1]]
        if not pairs:
            continue
        db, ident = pairs[0]
        key = norm_key(text)
        if db == "FPLX":
            yield Term(key, text, "FPLX", f"FPLX:{ident}", "family", "famplex")
        elif db == "HGNC" and ident in by_symbol:
            yield Term(key, text, "HGNC", by_symbol[ident].hgnc_id, "curated", "famplex")
        elif db == "UP" and ident.split("-")[0] in by_uniprot:
            gene = by_uniprot[ident.split("-")[0]]
            yield Term(key, text, "HGNC", gene.hgnc_id, "curated", "famplex")
        elif db in _NOT_GENE_DBS:
            yield Term(key, text, "NOTGENE", f"{db}:{ident}", "not_gene", "famplex")
