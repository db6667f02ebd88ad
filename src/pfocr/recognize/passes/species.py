"""Species: in a figure about a non-mammal (a plant, yeast, an insect's cells), labels that
match human genes are most likely that organism's own genes: their confidence is cut."""

from __future__ import annotations

from pfocr.recognize.passes.common import Scene
from pfocr.recognize.trail import Hit

__all__ = ["NONMAMMALIAN_WEIGHT", "nonmammalian"]

#: The factor on a human gene reading's confidence in a non-mammalian figure.
NONMAMMALIAN_WEIGHT = 0.3


def nonmammalian(hits: list[Hit], scene: Scene) -> list[Hit]:
    """Weigh down every gene reading of a figure about a non-mammal."""
    if not scene.ctx.nonmammalian:
        return hits
    for h in hits:
        if h.decision.kind == "gene":
            h.weight = NONMAMMALIAN_WEIGHT
            h.reasons.append(
                f"the figure is about a non-mammal: confidence x {NONMAMMALIAN_WEIGHT}"
            )
    return hits
