"""Coagulation factors written as Roman numerals (``FVIIa``, ``Factor X``, ``Xla`` for XIa)
(:mod:`pfocr.recognize.coagulation` has the table and the context words)."""

from __future__ import annotations

import re

from pfocr.recognize.coagulation import coagulation_context, factor_symbol
from pfocr.recognize.knowledge import covered, figure_keys, union_box
from pfocr.recognize.passes.common import Scene, firm
from pfocr.recognize.scoring import GeneScore, HitDecision
from pfocr.recognize.tokens import clean_token
from pfocr.recognize.trail import Hit

__all__ = ["factor_hits"]

# a Roman numeral with an I read as a small l, activated ("Xla" for XIa, "Vlla" for VIIa)
_FACTOR_L = re.compile(r"(?:F|Factor)?[IVX]*l[IVXl]*a")


def factor_hits(hits: list[Hit], scene: Scene, dropped: list[Hit]) -> list[Hit]:
    """Coagulation factors; the figure's coagulation words are only looked for once a
    label could be a factor. Readings a factor replaces go to ``dropped``."""
    words, k = scene.words, scene.k
    in_context: bool | None = None
    cover = covered([h for h in hits if h.decision.kind == "gene"])
    out = list(hits)
    for i, word in enumerate(words):
        own = cover.get(i, [])
        if own and "l" not in word.text:
            continue
        text = clean_token(word.text)
        # an activated factor whose I the OCR read as a small l ("Xla" for XIa, "Ila"
        # for IIa): read back in a coagulation figure, over a weak alias of the word
        # (BTK's XLA, TNFRSF9's old symbol ILA)
        slipped = _FACTOR_L.fullmatch(text) is not None
        if slipped:
            text = text.replace("l", "I")
        if own and not (slipped and all(h.end - h.start == 1 and not firm(h) for h in own)):
            continue
        start = i
        before = words[i - 1] if i else None
        if before is not None and before.line == word.line and before.text.lower() == "factor":
            text, start = "Factor" + text, i - 1
        if factor_symbol(text, True) is None:
            continue
        if in_context is None:
            in_context = coagulation_context(figure_keys(words, scene.ctx))
        symbol = factor_symbol(text, in_context) if in_context or not slipped else None
        gene = k.lexicon.by_symbol.get(symbol) if symbol else None
        if gene is None:
            continue
        for h in own:
            h.reasons.append(f"replaced by coagulation factor {gene.symbol} ({text})")
            dropped.append(h)
        out = [h for h in out if h not in own]
        score = 0.85 if in_context else 0.75
        found = GeneScore(gene.hgnc_id, gene.symbol, "curated", score, False, ["coagulation"])
        d = HitDecision("gene", genes=[found])
        span = words[start : i + 1]
        seen = " ".join(w.text for w in span)
        hit = Hit(start, i + 1, seen, text, "coagulation", d, union_box(span))
        where = "in a figure about coagulation" if in_context else "written as a factor"
        hit.reasons.append(f"{text} is coagulation factor {gene.symbol}, {where}")
        out.append(hit)
    return out
