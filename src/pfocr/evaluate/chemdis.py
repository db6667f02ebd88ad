"""Scoring chemicals and diseases: concept sets per figure, in the image and in the caption.

The truth's ``chemicals`` and ``diseases`` list what the image names; ``caption_chemicals``
and ``caption_diseases`` what the title or caption names and the image does not. A figure's
predicted image set is its figure mentions; its caption set is its caption and title
mentions whose concept the image truth lacks. Concepts match by id (MeSH, or the
ChEBI/DOID/MONDO id a truth entry names, matched against the mention's cross-references).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pfocr.chemdis.models import ChemMention
from pfocr.evaluate.score import FigureScore, Scores
from pfocr.evaluate.truth import TruthFigure

__all__ = ["ConceptScores", "score_concepts"]

_WHERE = {"figure": ("figure",), "caption": ("caption", "title")}


@dataclass(frozen=True)
class ConceptScores:
    """Scores of one kind (chemical or disease) in one place (figure or caption)."""

    kind: str
    where: str
    scores: Scores


def _ids(m: ChemMention) -> set[str]:
    return {i for i in (m.concept, m.chebi, m.doid, m.mondo) if i}


def _predicted(mentions: Sequence[ChemMention], kind: str, where: str, truth: set[str]) -> set[str]:
    out = set()
    for m in mentions:
        if m.kind == kind and m.source in _WHERE[where]:
            ids = _ids(m)
            out.add(next(iter(ids & truth)) if ids & truth else m.concept)
    return out


def score_concepts(
    figures: Sequence[TruthFigure], mentions: Mapping[str, Sequence[ChemMention]]
) -> list[ConceptScores]:
    """Micro-averaged scores per kind and place, over figures whose truth has the columns.

    :param figures: the truth
    :param mentions: each figure's stored mentions (a missing figure predicted nothing)
    :returns: one entry per (kind, place) the truth has a column for
    """
    out = []
    for kind in ("chemical", "disease"):
        for where, column in (("figure", f"{kind}s"), ("caption", f"caption_{kind}s")):
            rows = []
            tp = fp = fn = 0
            for t in figures:
                if t.concepts is None or column not in t.concepts:
                    continue
                truth = set(t.concepts[column])
                found = _predicted(mentions.get(t.figid, ()), kind, where, truth)
                if where == "caption":
                    found -= set(t.concepts.get(f"{kind}s", {}))
                rows.append(
                    FigureScore(
                        t.figid,
                        frozenset(found & truth),
                        frozenset(truth - found),
                        frozenset(found - truth),
                    )
                )
                tp, fp, fn = (
                    tp + len(found & truth),
                    fp + len(found - truth),
                    fn + len(truth - found),
                )
            if rows:
                out.append(ConceptScores(kind, where, Scores(tp, fp, fn, tuple(rows))))
    return out
