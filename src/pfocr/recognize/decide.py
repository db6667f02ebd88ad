"""The last step: readings -> gene mentions (threshold), family mentions, and every reading
with its trail."""

from __future__ import annotations

from collections.abc import Sequence

from pfocr.lexicon import Lexicon
from pfocr.recognize.knowledge import Knowledge
from pfocr.recognize.models import Candidate, FamilyMention, Mention, Reading, Recognition, Step
from pfocr.recognize.trail import Hit

__all__ = ["conclude"]


def _mention(lexicon: Lexicon, h: Hit, threshold: float) -> Mention:
    d = h.decision
    top = d.genes[0]
    conf = min(1.0, top.score) * h.weight
    gene = lexicon.genes[top.hgnc_id]
    rule = top.status if not h.rule else f"{h.rule}:{top.status}"
    return Mention(
        word_start=h.start,
        word_end=h.end,
        text=h.seen,
        normalized=h.text,
        rule=rule,
        hgnc_id=gene.hgnc_id,
        symbol=gene.symbol,
        entrez_id=gene.entrez_id,
        confidence=round(conf, 4),
        box=h.box,
        accepted=conf >= threshold,
        candidates=tuple(
            Candidate(
                g.hgnc_id,
                g.symbol,
                lexicon.genes[g.hgnc_id].entrez_id,
                ",".join(g.notes),
                round(g.score, 4),
            )
            for g in d.genes[:5]
        ),
    )


def _reading(h: Hit, outcome: str, confidence: float | None, trail: list[Step]) -> Reading:
    d = h.decision
    symbol = d.genes[0].symbol if d.kind == "gene" and d.genes else None
    family = d.family.id if d.kind == "family" and d.family is not None else None
    return Reading(
        word_start=h.start,
        word_end=h.end,
        text=h.seen,
        normalized=h.text,
        outcome=outcome,
        symbol=symbol,
        family_id=family,
        confidence=confidence,
        box=h.box,
        trail=tuple(trail),
    )


def conclude(
    k: Knowledge, version: str, hits: Sequence[Hit], dropped: Sequence[Hit]
) -> Recognition:
    """Mentions of the genes that pass the threshold, family mentions, and every reading.

    :param k: what the recogniser knows
    :param version: the recogniser's version
    :param hits: the readings after the last pass
    :param dropped: readings a pass replaced
    :returns: the figure's recognition
    """
    threshold = k.config.threshold
    mentions: list[Mention] = []
    families: list[FamilyMention] = []
    readings: list[Reading] = []
    for h in hits:
        d = h.decision
        if d.kind == "family" and d.family is not None:
            fam = k.lexicon.families.get(d.family.id)
            if fam is not None:
                name, members = fam.name, fam.members
            else:
                name, members = k.prefix_families.get(d.family.norm, (d.family.text, ()))
            families.append(
                FamilyMention(h.start, h.end, h.seen, d.family.id, name, members, h.box)
            )
            readings.append(_reading(h, "family", None, h.trail))
            continue
        if d.kind != "gene":
            if d.kind == "not_gene":
                readings.append(_reading(h, "not a gene", None, h.trail))
            continue
        mention = _mention(k.lexicon, h, threshold)
        mentions.append(mention)
        relation = ">=" if mention.accepted else "<"
        verdict = "accepted" if mention.accepted else "below the threshold"
        why = f"confidence {mention.confidence:.2f} {relation} threshold {threshold}"
        step = Step("threshold", "", verdict, why)
        outcome = "accepted" if mention.accepted else "below threshold"
        readings.append(_reading(h, outcome, mention.confidence, [*h.trail, step]))
    readings.extend(_reading(h, "dropped", None, h.trail) for h in dropped)
    readings.sort(key=lambda r: (r.word_start, r.word_end, r.outcome == "dropped"))
    return Recognition(version, tuple(mentions), tuple(families), readings=tuple(readings))
