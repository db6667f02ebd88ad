"""Old symbols in another case: HGNC wrote them in capitals, so ``FNd`` is not FND."""

from __future__ import annotations

import re

from pfocr.recognize.passes.common import Scene, backed
from pfocr.recognize.scoring import HitDecision
from pfocr.recognize.tokens import clean_token
from pfocr.recognize.trail import Hit

__all__ = ["recased_previous"]


def recased_previous(hits: list[Hit], scene: Scene) -> list[Hit]:
    """An old symbol is printed in capitals, as HGNC wrote it. A label in another
    case that only an old symbol names, at the floor score and with no company
    behind it (``FNd`` for ALX3's FND, ``ClD`` for SLC26A3's CLD, ``Srk``, ``Rap``
    for LRPAP1's RAP), is not that gene; microRNAs (``miR-451``) keep their case."""
    threshold = scene.k.config.threshold
    for h in hits:
        d = h.decision
        if h.end - h.start != 1 or d.kind != "gene":
            continue
        top = d.genes[0]
        if top.status != "previous" or top.score >= threshold + 0.1:
            continue
        text = clean_token(h.seen)
        if (
            re.search(r"[a-z]", text.replace("orf", ""))
            and not text.lower().startswith(("mir", "let-"))
            and not backed(top)
        ):
            h.set(
                HitDecision("not_gene", reason="old symbol in another case"),
                f"only {top.symbol}'s old symbol reads {text!r}, and HGNC wrote it in "
                "capitals; no caption or company backs it",
            )
    return hits
