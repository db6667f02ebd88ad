"""Inputs of lenient precision: what each predicted gene was read from, and family members."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pfocr.evaluate.truth import TruthFigure
from pfocr.lexicon import Lexicon, norm_key
from pfocr.store import Store

__all__ = ["family_members", "mention_labels"]


def mention_labels(store: Store, figids: Iterable[str]) -> dict[str, dict[str, set[str]]]:
    """Return, per figure, the texts each accepted gene was read from.

    :param store: the store
    :param figids: the figures
    :returns: figid -> symbol -> texts
    """
    out: dict[str, dict[str, set[str]]] = {}
    for figid in figids:
        by_gene: dict[str, set[str]] = defaultdict(set)
        for m in store.mentions(figid, accepted_only=True):
            by_gene[m.symbol].update({m.text, m.normalized})
        out[figid] = dict(by_gene)
    return out


def family_members(lexicon: Lexicon, truth: Iterable[TruthFigure]) -> dict[str, set[str]]:
    """Resolve the truth's family labels through FamPlex to their member genes.

    :param lexicon: the lexicon
    :param truth: the truth figures
    :returns: family label key -> member symbols
    """
    out: dict[str, set[str]] = {}
    for t in truth:
        for label in t.families:
            key = norm_key(label)
            for term in lexicon.lookup(key):
                fam = lexicon.families.get(term.id) if term.db == "FPLX" else None
                if fam is not None:
                    out.setdefault(key, set()).update(fam.members)
    return out
