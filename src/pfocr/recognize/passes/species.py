"""Species: in a figure whose host is no vertebrate (a plant, yeast, an insect), labels
that match human genes are most likely that organism's own genes: their confidence is
cut. An animal host's figure drawn in human nomenclature (a clam's immune pathway mapped
onto the human one: ``MyD88``, ``TRAF-6``, ``Casp-3/7``, most of its gene labels human
symbols as written) is read as human genes, as curators map such figures; one whose
labels match human genes only through aliases and names (a silkworm's ``PAN1``, ``LPH``)
or in the animal's own style (the worm's ``xbp-1``) is not."""

from __future__ import annotations

from pfocr.recognize.passes.common import Scene
from pfocr.recognize.trail import Hit

__all__ = ["HUMAN_NOMENCLATURE", "NONMAMMALIAN_WEIGHT", "nonmammalian"]

#: The factor on a human gene reading's confidence in a non-vertebrate figure.
NONMAMMALIAN_WEIGHT = 0.3
#: An animal's figure is drawn in human nomenclature when at least this many of its gene
#: labels, and half of them, are human approved symbols as written.
HUMAN_NOMENCLATURE = 5


def _human_symbol(h: Hit) -> bool:
    """The label is a human approved symbol as written (up to case and punctuation)."""
    top = h.decision.genes[0] if h.decision.genes else None
    return top is not None and top.status == "symbol" and not h.seen.islower()


def nonmammalian(hits: list[Hit], scene: Scene) -> list[Hit]:
    """Weigh down the gene readings of a figure whose host is no vertebrate."""
    if not scene.ctx.nonmammalian:
        return hits
    genes = [h for h in hits if h.decision.kind == "gene"]
    symbols = sum(1 for h in genes if _human_symbol(h))
    if scene.ctx.animal_host and symbols >= max(HUMAN_NOMENCLATURE, len(genes) / 2):
        for h in genes:
            h.reasons.append(
                f"an animal's figure drawn in human nomenclature ({symbols} of {len(genes)}"
                " gene labels are human symbols): read as human genes"
            )
        return hits
    for h in genes:
        h.weight = NONMAMMALIAN_WEIGHT
        h.reasons.append(f"the host is no vertebrate: confidence x {NONMAMMALIAN_WEIGHT}")
    return hits
