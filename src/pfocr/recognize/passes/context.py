"""Context and company: the caption and the figure's other genes re-rank every reading.

A candidate gets ``caption_boost`` when the caption or titles name it (by any of its
names other than the label itself), and up to twice ``group_boost`` when other labels of
the figure confidently read genes of its HGNC group, FamPlex family or numbered stem.
An approved symbol printed exactly is not pushed below an alias of a related gene.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from pfocr.lexicon import norm_key
from pfocr.recognize.knowledge import common_word
from pfocr.recognize.passes.common import Scene, accepted, support
from pfocr.recognize.scoring import GeneScore, HitDecision
from pfocr.recognize.tokens import clean_token, variants
from pfocr.recognize.trail import Hit

__all__ = ["company", "context"]


def context(hits: list[Hit], scene: Scene) -> list[Hit]:
    """Caption and co-membership evidence for every gene reading."""
    k, ctx = scene.k, scene.ctx
    cfg = k.config
    # group -> label -> how many hits of that label anchor the group; a label is no
    # evidence for its own rival readings ("occludin" is OCLN, and its alias name
    # for MARVELD1, of OCLN's group, must not draw support from OCLN)
    anchors: dict[str, Counter[str]] = defaultdict(Counter)
    for h in hits:
        if h.decision.kind == "gene" and h.decision.genes[0].score >= cfg.anchor:
            for grp in k.groups.get(h.decision.genes[0].symbol, ()):
                anchors[grp][norm_key(h.text)] += 1
    for h in hits:
        if h.decision.kind != "gene":
            continue
        # the label's own words in the caption are no evidence of which gene it is
        own = {v.key for v in variants(h.text)} | {norm_key(h.seen)}
        label = norm_key(h.text)
        for g in h.decision.genes:
            if ctx.keys and (k.keys_of(g.hgnc_id) & ctx.keys) - own:
                g.score += cfg.caption_boost
                g.notes.append("caption")
            backing = sum(
                anchors[grp].total() - anchors[grp][label]
                for grp in k.groups.get(g.symbol, ())
                if grp in anchors
            )
            # a lower-case common word is no gene whatever the figure draws ("mice"
            # is CASP14's alias MICE, but not among caspases)
            if backing > 0 and not (h.text.islower() and common_word(g)):
                # more family members drawn in the figure, more evidence (capped)
                g.score += min(2 * cfg.group_boost, cfg.group_boost * (0.5 + 0.5 * backing))
                g.notes.append(f"co-member/{backing}")
        h.decision.genes.sort(key=lambda g: -g.score)
        # context lifts weak readings; it must not push an approved symbol printed
        # exactly (AR, RHO) below an alias of a related gene (AREG, RHOD)
        top = h.decision.genes[0]
        exact = [g for g in h.decision.genes if g.exact and g.status == "symbol"]
        if exact and top.status != "symbol" and exact[0].score >= top.score - 0.15:
            exact[0].score = max(exact[0].score, top.score) + 1e-6
            h.decision.genes.sort(key=lambda g: -g.score)
            h.reasons.append("an approved symbol printed exactly is kept over a related alias")
        # nor a symbol spelt with the label's separators (MIR9-3) below one that drops
        # them (MIR93): the figure's company says which family, not which spelling
        top = h.decision.genes[0]
        spelt = [g for g in h.decision.genes if "spelt as printed" in g.notes]
        if spelt and spelt[0] is not top and spelt[0].status == top.status == "symbol":
            spelt[0].score = max(spelt[0].score, top.score) + 1e-6
            h.decision.genes.sort(key=lambda g: -g.score)
            h.reasons.append("a symbol spelt as printed is kept over one spelt otherwise")
    return hits


def company(hits: list[Hit], scene: Scene) -> list[Hit]:
    """A viral protein name that is also an approved human symbol (vaccinia's C6,
    HIV's Tat) names the human gene when the figure shows that gene's group: C6
    beside complement C5, C7 and C9 in a figure that also names a pathogen."""
    k = scene.k
    viral = [
        h
        for h in hits
        if h.end - h.start == 1
        and h.decision.kind == "not_gene"
        and h.decision.reason.startswith("non-human")
    ]
    if not viral:
        return hits
    backing = support(k, accepted(hits, k.config.threshold))
    for h in viral:
        gene = k.lexicon.by_symbol.get(clean_token(h.seen))
        if gene is None or not any(backing.get(grp, 0) for grp in k.groups.get(gene.symbol, ())):
            continue
        notes = ["co-member,over viral name"]
        found = GeneScore(gene.hgnc_id, gene.symbol, "symbol", k.config.anchor, True, notes)
        h.set(
            HitDecision("gene", genes=[found]),
            f"a human symbol as well; the figure shows genes of {gene.symbol}'s group",
        )
    return hits
