"""Lexicon records: genes, the terms that name them, and families."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["STATUS_RANK", "Family", "Gene", "Term"]

#: How much a term's status says about the entity (higher is stronger); dedup keeps the best.
STATUS_RANK: dict[str, int] = {
    "symbol": 6,
    "name": 5,
    "previous": 4,
    "alias": 3,
    "family": 3,
    "prev_name": 2,
    "alias_name": 2,
    "curated": 6,
    "not_gene": 0,
}


@dataclass(frozen=True)
class Gene:
    """An approved HGNC gene."""

    hgnc_id: str
    symbol: str
    name: str
    entrez_id: str | None
    locus_group: str
    locus_type: str
    gene_groups: tuple[str, ...]
    n_pubs: int
    uniprot: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    """A text that names an entity (a gene, a family, or something that is not a gene).

    ``db`` is ``HGNC`` (``id`` an HGNC id), ``FPLX`` (a family or complex: FamPlex's, or a
    curated complex FamPlex lacks, ``PFOCR:<name>``) or
    ``NOTGENE`` (a chemical, process or other entity FamPlex grounds elsewhere).
    """

    norm: str
    text: str
    db: str
    id: str
    status: str
    source: str


@dataclass(frozen=True)
class Family:
    """A gene family or complex with its member genes (HGNC symbols)."""

    id: str
    name: str
    members: tuple[str, ...]
    kind: str  # "family" or "complex"
