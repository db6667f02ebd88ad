"""OCR slips: a word misread by one character (``TRAF8`` for TRAF6, ``Jakl`` for JAK1) is
read as the gene only when the figure backs exactly one such reading
(:mod:`pfocr.recognize.slips` lists the readings)."""

from __future__ import annotations

from pfocr.ocr.models import Word
from pfocr.recognize.knowledge import covered, union_box
from pfocr.recognize.passes.common import Scene, accepted, firm, in_gene_list, support
from pfocr.recognize.scoring import HitDecision
from pfocr.recognize.slips import end_slips, inner_slips, lead_slips
from pfocr.recognize.tokens import clean_token
from pfocr.recognize.trail import Hit

__all__ = ["slip_hits"]


def slip_hits(hits: list[Hit], scene: Scene, dropped: list[Hit]) -> list[Hit]:
    """Readings of words the OCR may have misread by one character, kept only with
    support; a weak alias reading of the same word (an unsupported alias) gives way to
    a supported slip (kept in ``dropped`` with the reason)."""
    k, words = scene.k, scene.words
    cover = covered(hits)
    backing = support(k, accepted(hits, k.config.threshold))
    out = list(hits)
    for i, word in enumerate(words):
        own = cover.get(i, [])
        text = clean_token(word.text)
        # a closing 1 read as a small l may hide behind an alias spelt with an L that
        # the company backs as well ("Jakl" is JAK1, not JAK3's alias JAKL)
        closing_l = (
            bool(own)
            and text.endswith("l")
            and all(
                h.decision.kind == "gene" and h.decision.genes[0].status in ("alias", "previous")
                for h in own
            )
        )
        if any(h.end - h.start > 1 or h.decision.kind != "gene" for h in own):
            continue
        if not closing_l and any(firm(h) for h in own):
            continue
        if not text or (own and own[0].decision.genes[0].score >= 0.8 and not closing_l):
            continue
        readings = {"end": end_slips(text), "inner": inner_slips(text), "lead": lead_slips(text)}
        if not any(readings.values()):
            continue
        listed = in_gene_list(words, i, cover, k.config.threshold)
        here = backing
        if own:
            # the word's own reading is no support for reading it otherwise
            mine = {id(h) for h in own}
            here = support(k, accepted([h for h in hits if id(h) not in mine], k.config.threshold))
        new = _slip(scene, word, i, readings, here, listed)
        if new:
            for h in own:
                h.reasons.append(f"replaced by the OCR slip reading {new[0].text!r}")
                dropped.append(h)
            out = [h for h in out if h not in own] + new
    return out


def _slip(
    scene: Scene,
    word: Word,
    i: int,
    readings: dict[str, list[str]],
    backing: dict[str, int],
    listed: bool,
) -> list[Hit]:
    """The one supported reading of word ``i`` among its slip readings (by kind: end,
    inner, lead), as a hit; none when no reading or several are backed."""
    k = scene.k
    chosen: list[tuple[str, str, HitDecision]] = []
    for kind, candidates in readings.items():
        for reading in candidates:
            found = scene.reader.classify(reading, word.confidence)
            # one slip only: the reading must name the gene as it stands (ER8 is not ERβ)
            if found is None or found[0].kind != "gene" or found[2] not in ("", "ocr-case"):
                continue
            d = found[0]
            top = d.genes[0]
            if len(d.genes) > 1 and d.genes[1].score >= top.score - 0.1:
                continue  # an ambiguous reading is no reading
            if kind == "lead" and top.status != "symbol":
                continue  # a lost I gives back an approved symbol (A1 is not INSM1's IA1)
            if k.group_support(top.symbol, backing) > 0 or listed:
                chosen.append((kind, found[1], d))
    if len({d.genes[0].symbol for _k, _r, d in chosen}) != 1:
        return []  # nothing backed, or two readings equally possible (TLRS: TLR5 or TLR8)
    kind, reading, d = chosen[0]
    top = d.genes[0]
    top.score = min(0.9, top.score * 0.9 + k.config.group_boost)
    top.notes.append("slip,listed" if listed else "slip,co-member")
    hit = Hit(i, i + 1, word.text, reading, f"slip:{kind}", d, union_box([word]))
    why = "an item of a slash list of genes" if listed else f"backed by {top.symbol}'s group"
    hit.reasons.append(
        f"{word.text!r} read as {reading!r} (one character, {kind}), backed by {why}"
    )
    return [hit]
