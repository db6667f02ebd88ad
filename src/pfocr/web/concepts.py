"""Chemicals and diseases for the site: links, and the API models of a figure's concepts."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from pfocr.chemdis.models import ChemMention
from pfocr.ocr.models import Box
from pfocr.store.chemicals import ConceptCount
from pfocr.web.models import ConceptMentionOut, ConceptOut

__all__ = ["concept_links", "concept_out", "concept_url", "figure_concepts"]


def concept_url(concept: str) -> str:
    """The site's page of a chemical or disease.

    :param concept: its id (``MESH:D008070``)
    :returns: the path
    """
    return "/concepts/" + quote(concept, safe=":")


def concept_links(
    concept: str, chebi: str | None = None, doid: str | None = None, mondo: str | None = None
) -> dict[str, str]:
    """The concept in its sources: MeSH, ChEBI, the Disease Ontology, MONDO.

    :param concept: its id
    :param chebi: its ChEBI id
    :param doid: its DOID id
    :param mondo: its MONDO id
    :returns: source name -> URL
    """
    out: dict[str, str] = {}
    if concept.startswith("MESH:"):
        out["MeSH"] = f"https://meshb.nlm.nih.gov/record/ui?ui={concept[5:]}"
    if chebi:
        out["ChEBI"] = f"https://www.ebi.ac.uk/chebi/searchId.do?chebiId={chebi}"
    if doid:
        out["DOID"] = f"https://disease-ontology.org/?id={doid}"
    if mondo:
        out["MONDO"] = f"https://monarchinitiative.org/{mondo}"
    return out


def figure_concepts(mentions: Sequence[ChemMention], kind: str) -> list[ConceptMentionOut]:
    """A figure's chemicals or diseases, one entry per concept: the image's first, then
    the caption's and title's.

    :param mentions: the figure's mentions
    :param kind: ``chemical`` or ``disease``
    :returns: the entries
    """
    first: dict[str, ChemMention] = {}
    labels: dict[str, list[str]] = {}
    sources: dict[str, list[str]] = {}
    boxes: dict[str, list[Box]] = {}
    sure: dict[str, float] = {}
    for m in mentions:
        if m.kind != kind:
            continue
        first.setdefault(m.concept, m)
        for table, value in ((labels, m.text), (sources, m.source)):
            found = table.setdefault(m.concept, [])
            if value not in found:
                found.append(value)
        boxes.setdefault(m.concept, []).extend([m.box] if m.box is not None else [])
        sure[m.concept] = max(sure.get(m.concept, 0.0), m.confidence)
    out = [
        ConceptMentionOut(
            kind=m.kind,
            concept=cid,
            name=m.name,
            labels=labels[cid],
            sources=sources[cid],
            confidence=sure[cid],
            chebi=m.chebi,
            doid=m.doid,
            mondo=m.mondo,
            page_url=concept_url(cid),
            links=concept_links(cid, m.chebi, m.doid, m.mondo),
            boxes=boxes[cid],
        )
        for cid, m in first.items()
    ]
    return sorted(out, key=lambda e: ("figure" not in e.sources, e.name.casefold()))


def concept_out(c: ConceptCount) -> ConceptOut:
    """Convert a stored concept with its figure count.

    :param c: the concept
    :returns: the API model
    """
    return ConceptOut(
        kind=c.kind,
        concept=c.concept,
        name=c.name,
        n_figures=c.figures,
        chebi=c.chebi,
        doid=c.doid,
        mondo=c.mondo,
        page_url=concept_url(c.concept),
        links=concept_links(c.concept, c.chebi, c.doid, c.mondo),
    )
