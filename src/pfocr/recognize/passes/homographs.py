"""Homographs: symbols that name something else in the right company (``CAMP`` beside ATP
and PKA is cAMP; ``PDK1`` beside AKT is PDPK1), from the curated tables
``pfocr/data/homographs.tsv`` and ``pfocr/data/gene_homographs.tsv``."""

from __future__ import annotations

from pfocr.recognize.curated import NOT_A_GENE, Homograph
from pfocr.recognize.knowledge import figure_keys
from pfocr.recognize.passes.common import Scene, accepted
from pfocr.recognize.scoring import GeneScore, HitDecision
from pfocr.recognize.tokens import clean_token
from pfocr.recognize.trail import Hit

__all__ = ["homographs"]


def _why(entry: Homograph, keys: set[str], genes: set[str]) -> str:
    words = sorted(entry.words & keys)
    signals = sorted(g for g in genes if entry.gene_signals(g))
    parts = ([f"the figure says {', '.join(words[:4])}"] if words else []) + (
        [f"it shows {', '.join(signals[:4])}"] if signals else []
    )
    return " and ".join(parts) or "its company"


def homographs(hits: list[Hit], scene: Scene) -> list[Hit]:
    """Re-read homographs by the words and genes around them."""
    k = scene.k
    curated = k.curated
    found: list[tuple[Hit, Homograph]] = []
    readings: list[tuple[Hit, tuple[Homograph, ...]]] = []
    for h in hits:
        if h.decision.kind != "gene":
            continue
        label = clean_token(h.seen)
        # an item of a list is a label of its own ("G11" of "Gq/G11")
        item = h.text if h.rule.startswith("expansion") else label
        if (entry := curated.homographs.get(label, curated.homographs.get(item))) is not None:
            found.append((h, entry))
        rows = curated.gene_homographs.get(label, curated.gene_homographs.get(item))
        if rows is not None:
            readings.append((h, rows))
    if not found and not readings:
        return hits
    keys = figure_keys(scene.words, scene.ctx)
    genes = accepted(hits, k.config.threshold)
    for h, entry in found:
        own = h.decision.genes[0].symbol
        others = genes - {own}
        if (entry.words & keys) or any(entry.gene_signals(g) for g in others):
            h.set(
                HitDecision("not_gene", reason=f"homograph: {entry.reading}"),
                f"{label_of(h)} is {entry.reading} here: {_why(entry, keys, others)}",
            )
    for h, rows in readings:
        # the genes the label could name are no evidence for one of them
        others = genes - {r.reading for r in rows}
        backed = [r for r in rows if (r.words & keys) or any(r.gene_signals(g) for g in others)]
        if len(backed) != 1:
            continue
        symbol = backed[0].reading
        why = _why(backed[0], keys, others)
        if symbol == NOT_A_GENE:
            # "APC" beside CD80/CD86 and MHC is the antigen-presenting cell
            h.set(
                HitDecision("not_gene", reason="homograph: not a gene here"),
                f"{label_of(h)} names no gene here: {why}",
            )
            continue
        gene = k.lexicon.by_symbol[symbol]
        score = max([g.score for g in h.decision.genes if g.symbol == symbol] + [k.config.anchor])
        chosen = GeneScore(gene.hgnc_id, symbol, "curated", score, True, ["homograph"])
        h.set(HitDecision("gene", genes=[chosen]), f"{label_of(h)} is {symbol} here: {why}")
    return hits


def label_of(hit: Hit) -> str:
    """A reading's label, quoted."""
    return repr(clean_token(hit.seen))
