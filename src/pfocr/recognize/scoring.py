"""Scoring one matched label: is it a gene, a family, or neither, and which gene.

Scoring is separate from lookup (as in gilda's ``scorer.py``). A label's candidates get
a base score from how they matched (approved symbol > curated/official name >
previous symbol > alias), multiplied by penalties for weak evidence (a lookup reached
through an OCR fix, a two-letter label, an English word, a non-coding locus, low OCR
confidence). Context (caption words, genes of the same family or group elsewhere in
the figure) is added afterwards by :mod:`pfocr.recognize.recognizer`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from pfocr.lexicon import Lexicon, Term
from pfocr.lexicon.normalize import fold_homoglyphs, strip_separators

__all__ = [
    "BASE",
    "GeneScore",
    "HitDecision",
    "decide",
    "english_zipf",
]

#: Base score of a candidate by the status of the term it matched.
BASE: dict[str, float] = {
    "symbol": 0.92,
    "curated": 0.9,
    "name": 0.9,
    "previous": 0.72,
    "alias": 0.68,
    "alias_name": 0.72,
    "prev_name": 0.62,
}
_STRONG = {"symbol", "curated", "name"}
_NAMES = {"name", "alias_name", "prev_name"}
_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")
_GREEKISH_END = re.compile(r"[A-Z].?\d-?[abgdek]$")
_TRANSFORM_PENALTY = {
    "": 1.0,
    "greek-initial": 0.97,
    "phospho": 0.95,
    "phospho+greek-initial": 0.93,
    "modification": 0.9,
    "modification+greek-initial": 0.88,
    "ocr-greek": 0.85,
    "ocr-greek+greek-initial": 0.83,
    "ocr-case": 0.99,
    "ocr-raw": 0.85,
    "roman": 0.9,
    "roman+greek-initial": 0.88,
    "prefix": 0.9,
    "prefix+greek-initial": 0.88,
    "drop-greek": 0.8,
}
# transforms that may only reach an approved symbol or a curated name
_STRICT_TRANSFORMS = {"roman", "roman+greek-initial"}


@functools.lru_cache(maxsize=65536)
def english_zipf(word: str) -> float:
    """Return the Zipf frequency of a word in English (0 when unknown).

    :param word: a word
    :returns: log10 of frequency per billion words
    """
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


@dataclass
class GeneScore:
    """A candidate gene of a label with its score and the term that matched."""

    hgnc_id: str
    symbol: str
    status: str
    score: float
    exact: bool
    notes: list[str] = field(default_factory=list)


@dataclass
class HitDecision:
    """What a label is: ``gene`` (with candidates), ``family``, ``not_gene`` or ``none``."""

    kind: str
    genes: list[GeneScore] = field(default_factory=list)
    family: Term | None = None
    reason: str = ""
    #: for a family read from a numbered stem that is also an alias (TRAM: TRAM1/2, and
    #: TICAM2's alias), the gene reading the figure's context may still choose
    alternative: HitDecision | None = None


def _name_ok(name: str, n_seps: int) -> bool:
    words = name.strip().split(" ")
    return n_seps >= len(words) - 1 or all(w.isdigit() for w in words[1:])


def _exact(text: str, term: Term) -> bool:
    a = strip_separators(fold_homoglyphs(text))
    b = strip_separators(fold_homoglyphs(term.text))
    return a == b


# a hyphen or space before a label's closing number ("TSP-1", "IL 6")
_NUMBER_SEP = re.compile(r"[-\s](?=\d+[a-zα-ω]?$)")


def _spelt_as_printed(text: str, terms: list[Term], cands: list[GeneScore]) -> list[GeneScore]:
    """The candidates one of whose terms keeps the label's separators (RIG-1, not RIG1).

    :param text: the label as printed
    :param terms: the terms that matched it
    :param cands: the candidates to check
    :returns: those spelt as printed
    """
    folded = _fold(text)
    if not any(sep in text for sep in "- "):
        # printed without separators, two symbols: the one spelt so (MTTP, not MT-TP)
        if any(c.status != "symbol" for c in cands):
            return []
        spelt = {t.id for t in terms if t.status == "symbol" and _fold(t.text) == folded}
        return [c for c in cands if c.hgnc_id in spelt]
    spelt = {t.id for t in terms if _fold(t.text) == folded}
    if not spelt:
        # a hyphen before the closing number is optional (TSP-1 is TSP1, THBS1's alias);
        # one inside the letters is another spelling (T-SP1, PRSS55's)
        loose = _NUMBER_SEP.sub("", folded)
        spelt = {t.id for t in terms if _NUMBER_SEP.sub("", _fold(t.text)) == loose}
    return [c for c in cands if c.hgnc_id in spelt]


def _fold(text: str) -> str:
    return fold_homoglyphs(text).casefold()


def decide(
    lexicon: Lexicon,
    text: str,
    terms: tuple[Term, ...],
    transform: str,
    *,
    ocr_conf: float = 1.0,
    english_filter: bool = True,
    original: str | None = None,
) -> HitDecision:
    """Decide what a matched label is and score its candidate genes.

    :param lexicon: the lexicon
    :param text: the label text that matched (after cleaning/expansion/variant)
    :param terms: the terms found for its key
    :param transform: how the lookup key was made (see :mod:`pfocr.recognize.tokens`)
    :param ocr_conf: the OCR confidence of the label's words
    :param english_filter: penalise labels that are common English words
    :param original: the label as printed, before any variant (for the English check)
    :returns: the decision
    """
    genes = [t for t in terms if t.db == "HGNC"]
    fams = [t for t in terms if t.db == "FPLX"]
    notgene = [t for t in terms if t.db == "NOTGENE"]
    exact_symbol = any(t.status == "symbol" and _exact(text, t) for t in genes)
    if notgene and not exact_symbol:
        return HitDecision("not_gene", reason=f"not a gene ({notgene[0].id})")
    curated_complexes = [t for t in fams if t.source == "pfocr"]
    if curated_complexes and not exact_symbol:
        # a complex FamPlex lacks, curated because a member's alias or previous symbol
        # names it too (ISGF-3 for STAT1, EIF2 for EIF2S1): the complex
        return HitDecision("family", family=curated_complexes[0])
    best_status = max((t.status for t in genes), key=lambda s: BASE[s], default=None)
    if fams and (best_status is None or best_status not in _STRONG):
        members = lexicon.families.get(fams[0].id)
        if members is not None and len(members.members) == 1:
            # a "family" of one gene (FamPlex IFNB) names that gene
            gene = lexicon.by_symbol[members.members[0]]
            genes = [Term(fams[0].norm, fams[0].text, "HGNC", gene.hgnc_id, "alias", "famplex")]
        else:
            return HitDecision("family", family=fams[0])
    if transform in _STRICT_TRANSFORMS:
        genes = [t for t in genes if t.status in _STRONG]
    # a multi-word name must be matched by a multi-word label ("proteins" is not "protein
    # S"), unless its later words are numbers ("Derlin1" is "derlin 1")
    n_seps = sum(not ch.isalnum() for ch in text.strip())
    genes = [t for t in genes if t.status not in _NAMES or _name_ok(t.text, n_seps)]
    if not genes:
        return HitDecision("none")

    by_gene: dict[str, GeneScore] = {}
    for t in genes:
        gene = lexicon.genes[t.id]
        exact = _exact(text, t)
        score = BASE[t.status] * _TRANSFORM_PENALTY.get(transform, 0.85)
        notes = [t.status] + ([transform] if transform else [])
        if t.status == "symbol" and exact:
            score += 0.05
        elif t.status == "symbol" and _GREEKISH_END.search(text):
            # "eIF2a": a lower-case a/b/g after a number is a Greek letter, not EIF2A
            score *= 0.8
            notes.append("greek-like end")
        if gene.locus_group != "protein-coding gene" and not (t.status == "symbol" and exact):
            score *= 0.75
            notes.append("non-coding")
        old = by_gene.get(t.id)
        if old is None or score > old.score:
            by_gene[t.id] = GeneScore(t.id, gene.symbol, t.status, score, exact, notes)

    cands = sorted(by_gene.values(), key=lambda g: -g.score)
    # label-level evidence, the same for every candidate
    key_len = len(strip_separators(fold_homoglyphs(text)))
    factor = 1.0
    why = []
    if key_len <= 2:
        factor *= 0.55 if cands[0].exact and cands[0].status == "symbol" else 0.35
        why.append("short")
    elif key_len == 3 and cands[0].status not in _STRONG:
        factor *= 0.75
        why.append("3-letter alias")
    # the English check reads the word without the punctuation around it ("type/")
    bare = _EDGE_PUNCT.sub("", original if original is not None else text)
    word = bare if bare.isalpha() else text
    if english_filter and word.isalpha() and not (cands[0].exact and cands[0].status == "symbol"):
        # a word written as a word (lower or title case) that English uses often
        text = word
        zipf = english_zipf(text.lower())
        if text.islower() and zipf >= 3.0:
            # gene names are almost never written as a lower-case common word
            factor *= 0.2 if len(text) <= 3 else 0.3
            why.append(f"english {zipf:.1f}")
        elif text.istitle() and zipf >= 4.2:
            factor *= 0.2 if len(text) <= 3 else 0.45
            why.append(f"english {zipf:.1f}")
        elif text.isupper() and zipf >= 5.0:
            factor *= 0.6
            why.append(f"english {zipf:.1f}")
    if ocr_conf < 0.9:
        factor *= 0.6 + 0.4 * max(0.0, ocr_conf) / 0.9
        why.append(f"ocr {ocr_conf:.2f}")
    for c in cands:
        c.score *= factor
        c.notes.extend(why)
    # several genes share the label: an approved symbol or curated name outranks aliases;
    # otherwise the label is ambiguous until context decides
    top = cands[0]
    rivals = [c for c in cands[1:] if c.score >= top.score - 0.1]
    spelt_here = _spelt_as_printed(text, genes, [top, *rivals]) if rivals else []
    if len(spelt_here) == 1:
        # the label keeps the separators of one gene's name and not the others' (RIG-1)
        chosen = spelt_here[0]
        chosen.score = max(chosen.score, top.score + 1e-6)
        chosen.notes.append("spelt as printed")
        cands.sort(key=lambda g: -g.score)
        rivals = []
    if rivals and not (top.status in _STRONG and all(r.status not in _STRONG for r in rivals)):
        share = 1.0 / (1 + len(rivals))
        tied = {id(c) for c in [top, *rivals]}
        for c in cands:
            # the weaker candidates too: an alias must not outrank the symbol and the
            # curated name it lost to because those two tie (RHO: RHO, RhoA, not RHOD)
            c.score *= max(share, 0.4)
            if id(c) in tied:
                c.notes.append(f"ambiguous/{1 + len(rivals)}")
    return HitDecision("gene", genes=cands)
