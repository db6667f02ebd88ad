"""Stems or aliases: ``TRAM`` is the TRAM1/2 stem or TICAM2's alias; the figure decides."""

from __future__ import annotations

from pfocr.recognize.passes.common import Scene, accepted, support
from pfocr.recognize.scoring import HitDecision
from pfocr.recognize.trail import Hit

__all__ = ["stem_or_alias"]


def stem_or_alias(hits: list[Hit], scene: Scene) -> list[Hit]:
    """A numbered stem that is also an alias (TRAM: TRAM1/2, or TICAM2) names the
    alias's gene when the figure backs that gene (other accepted genes of its group)
    and shows no member of the stem's family."""
    k = scene.k
    genes = accepted(hits, k.config.threshold)
    backing = support(k, genes)
    for h in hits:
        alt = h.decision.alternative
        if h.decision.kind != "family" or alt is None or h.decision.family is None:
            continue
        _name, members = k.prefix_families.get(h.decision.family.norm, ("", ()))
        if genes & set(members):
            continue
        backed = [g for g in alt.genes if k.group_support(g.symbol, backing) > 0]
        if len(backed) == 1:
            chosen = backed[0]
            chosen.score += k.config.group_boost
            chosen.notes.append("co-member,over stem")
            h.set(
                HitDecision("gene", genes=[chosen]),
                f"the stem's family has no member in the figure, and genes of "
                f"{chosen.symbol}'s group back its alias",
            )
    return hits
