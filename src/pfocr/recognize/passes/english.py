"""English fragments: a short lower-case word is a piece of a word the OCR cut."""

from __future__ import annotations

from pfocr.recognize.knowledge import covered
from pfocr.recognize.passes.common import Scene, backed, in_gene_list
from pfocr.recognize.scoring import HitDecision
from pfocr.recognize.tokens import clean_token
from pfocr.recognize.trail import Hit

__all__ = ["fragments"]


def fragments(hits: list[Hit], scene: Scene) -> list[Hit]:
    """A lower-case word of at most three letters (``ell``, ``cel``, ``typ``) is a
    piece of a word the OCR cut, not a gene symbol or alias, unless it is an item of
    a slash list of genes (``myc / rel`` in zebrafish-style type), a curated name
    (``tau``) or a gene the figure's company backs (``rel`` among NF-kB subunits)."""
    cover = covered(hits)
    threshold = scene.k.config.threshold
    for h in hits:
        d = h.decision
        text = clean_token(h.seen)
        if (
            h.end - h.start != 1
            or d.kind != "gene"
            or not (text.isalpha() and text.islower() and len(text) <= 3)
            or d.genes[0].status in ("curated", "name")
            or backed(d.genes[0])
        ):
            continue
        if not in_gene_list(scene.words, h.start, cover, threshold):
            h.set(
                HitDecision("not_gene", reason="word fragment"),
                f"{text!r} is a lower-case piece of a word, not in a list of genes, "
                "and nothing in the figure backs it",
            )
    return hits
