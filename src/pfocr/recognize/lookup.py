"""A label -> its decision: a gene (with ranked candidates), a family, or not a gene.

:class:`Reader` looks a cleaned label up in the lexicon under every lookup variant
(OCR fixes, Greek forms, Roman numerals ...) and scores the matches
(:func:`pfocr.recognize.scoring.decide`); before that it refuses the label forms that
name no gene (curated not-genes, viral proteins, organisms, carbon counts, histone marks)
and reads plurals as families. It is frozen: the figure's one fact it needs, whether the
figure is about a pathogen, is a field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pfocr.lexicon import Term, norm_key
from pfocr.recognize.knowledge import Knowledge, stem_label
from pfocr.recognize.scoring import HitDecision, decide
from pfocr.recognize.tokens import fix_ocr_case, is_ion, is_noise, variants

__all__ = ["Found", "Reader", "nonhuman_organism", "nonhuman_reason"]

#: A decision, the text that matched, and the lookup transform that reached it.
Found = tuple[HitDecision, str, str]

_NONHUMAN = re.compile(r"^non-human \(([^)]+)\)$")


def nonhuman_reason(organism: str) -> str:
    """The reason recorded for a label that names a viral or bacterial protein.

    :param organism: the organism the curated tables file it under
    :returns: ``non-human (<organism>)``
    """
    return f"non-human ({organism})"


def nonhuman_organism(reason: str) -> str | None:
    """The organism of a :func:`nonhuman_reason`, or None for any other reason."""
    m = _NONHUMAN.match(reason)
    return m.group(1) if m else None


# label forms that name no gene, with the reason recorded
_NOT_GENE_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    # a genus initial and a species ("M.tb", "E.coli", "S. aureus"; not NCAPG2's MTB)
    (re.compile(r"^[A-Z]\.\s?[a-z]{2,}$"), "organism"),
    # a herpesvirus gene of the unique long or short region (US9, not RPS16), or an
    # open reading frame (ORF4, ORF3a)
    (re.compile(r"^(?:U[LS]\d{1,3}|ORF\d{1,3}[a-z]?)$"), nonhuman_reason("viral ORF")),
    # a carbon count or a compound's code ("C10", "C16", "C75"; no symbol is spelt so,
    # and C12orf57's alias C10 or PLAC8's C15 are not meant)
    (re.compile(r"^C\d{2}$"), "chemical"),
    # a phosphate of a lipid written with its position ("Cer-1-P", ceramide-1-phosphate,
    # not CER1; "Sph-1-P")
    (re.compile(r"^[A-Z][a-z]{1,3}-\d-P$"), "metabolite"),
    # a subunit named only by its Greek letter and number ("beta-3", "α7"; not BHLHE22's
    # alias Beta3): the protein's name is elsewhere in the figure (BETA2, NEUROD1's
    # alias in capitals, stays)
    (
        re.compile(r"^(?:[Aa]lpha|[Bb]eta|[Gg]amma|[Dd]elta|[Ee]psilon|[Kk]appa|[α-ω])-?\d{1,2}$"),
        "subunit",
    ),
    # a reference to a figure ("Fig. 1", "Figure 2B"; not IL4I1's alias FIG1)
    (re.compile(r"^Fig(?:ure|s?\.)?\s?\d{1,2}[A-Za-z]?$"), "figure reference"),
    # a histone mark or its cut-off start ("H3K", "H3K27me3", "H4K16ac"; not H3C10's
    # alias H3/k)
    (re.compile(r"^H(?:[1-4]|2A|2B)K\d{0,3}(?:me[1-3]?|ac|ub\d?|cr|bhb)?$"), "histone mark"),
)
# a receptor type written with its ligand's Greek letter and a Roman numeral (TβRI,
# TβRII: TGF-β receptor types I and II)
_GREEK_RECEPTOR = re.compile(r"[α-ωΑ-Ω]-?R-?(?:I{1,3}|IV|V)$")
# an upper-case abbreviation with a plural s ("PTPs", "RTKs"; after a digit the s marks
# a spliced or soluble form, XBP1s)
_CAPS_PLURAL = re.compile(r"^[A-Z][A-Z0-9-]*[A-Z]s$")


@dataclass(frozen=True)
class Reader:
    """Reads labels for one figure.

    :param k: what the recogniser knows
    :param pathogen: the figure is about a virus or bacterium (viral names read case-blind)
    """

    k: Knowledge
    pathogen: bool = False

    def nonhuman(self, text: str) -> str | None:
        """The organism of a viral or bacterial protein name, when the name is one
        (case-blind in a figure about a pathogen); None otherwise."""
        organism = self.k.curated.nonhuman.get(text)
        if organism is None and self.pathogen and len(text) >= 3:
            organism = self.k.nonhuman_folded.get(text.casefold())
        if organism is None:
            return None
        distinctive = len(text) >= 3 and text.upper() not in self.k.approved_upper
        return organism if distinctive or self.pathogen else None

    def classify(self, text: str, conf: float) -> Found | None:
        """Look a cleaned label up; return its decision, matched text and transform."""
        k, cfg = self.k, self.k.config
        if not text or is_noise(text) or is_ion(text):
            return None
        if text in k.curated.not_genes or (
            cfg.ocr_fixes and fix_ocr_case(text) in k.curated.not_genes
        ):
            return HitDecision("not_gene", reason="curated not-gene"), text, ""
        organism = self.nonhuman(text)
        if organism is not None:
            return HitDecision("not_gene", reason=nonhuman_reason(organism)), text, ""
        for pattern, reason in _NOT_GENE_FORMS:
            if pattern.match(text):
                return HitDecision("not_gene", reason=reason), text, ""
        plural = self.plural_family(text)
        if plural is not None:
            return plural, text, "plural"
        if _CAPS_PLURAL.match(text):
            if text[:-1] in k.curated.not_genes:
                # "FAs", "FDPs": the plural of a chemical, not FAS or FDPS
                return HitDecision("not_gene", reason="curated not-gene, plural"), text, ""
            if not any(
                t.text.endswith("s") or t.status in ("symbol", "curated")
                for t in k.lookup(norm_key(text))
                if t.db == "HGNC"
            ):
                # "PTPs", "GPCRs": a plural of an abbreviation the lexicon has no family
                # for, not an alias spelt with a capital S (PTS's PTPS); an approved
                # symbol stays itself (complement C1s, MAVS read "MAVs")
                return HitDecision("none"), text, "plural"
        # every variant is looked up; the best-scoring gene reading wins (an OCR fix to an
        # approved symbol beats an alias read as printed), but a family or not-gene
        # reading found before any gene reading stands
        best: Found | None = None
        # a protein-coding gene's alias printed exactly so is no Roman numeral ("TACI" is
        # TNFRSF13B, not TAC1); a lncRNA's alias does not block one ("ROCKI" is ROCK1)
        printed = text[-1:] in ("I", "V") and any(
            t.db == "HGNC"
            and t.text == text
            and k.lexicon.genes[t.id].locus_group == "protein-coding gene"
            for t in k.lookup(norm_key(text))
        )
        found = variants(text, ocr_fixes=cfg.ocr_fixes)
        if not printed and _GREEK_RECEPTOR.search(text):
            # "TβRI" is TGF-β receptor type I: a name the Greek letter reaches with the
            # type as printed (TGFBR1's alias TBRI) beats a Roman-numeral reading (TBR1,
            # a brain transcription factor); with no such name the numeral is read
            printed = any(
                t.db == "HGNC"
                for v in found
                if not v.transform.startswith("roman")
                for t in k.lookup(v.key)
            )
        for v in found:
            if printed and v.transform.startswith("roman"):
                continue
            organism = self.nonhuman(v.text) if v.transform else None
            if organism is not None:
                # "nsp1β" is nsp1 of an arterivirus, not SH2D3A (alias NSP1)
                return HitDecision("not_gene", reason=nonhuman_reason(organism)), v.text, ""
            terms = k.lookup(v.key)
            # a numbered family's stem names the family when it is printed as one: three
            # characters at least and not a lower-case word ("pH", "at", "A-D" are not
            # families PH, AT, AD)
            prefix = k.prefix_families.get(v.key) if stem_label(v.text) else None
            d: HitDecision | None = None
            if terms:
                d = decide(
                    k.lexicon,
                    v.text,
                    terms,
                    v.transform,
                    ocr_conf=conf,
                    english_filter=cfg.english_filter,
                    original=text,
                )
                if prefix and d.kind == "gene" and d.genes[0].status in ("alias", "alias_name"):
                    alias = d
                    d = self.prefix_decision(v.key)
                    d.alternative = alias
            elif prefix and v.transform in ("", "ocr-case"):
                d = self.prefix_decision(v.key)
            if d is None or d.kind == "none":
                continue
            if d.kind != "gene":
                if best is None:
                    return d, v.text, v.transform
                continue
            if best is None or d.genes[0].score > best[0].genes[0].score:
                best = (d, v.text, v.transform)
        return best

    def prefix_decision(self, key: str) -> HitDecision:
        """A numbered family named by its stem (``IRAK`` for IRAK1..4)."""
        name, _members = self.k.prefix_families[key]
        term = Term(key, name, "PREFIX", f"PREFIX:{name}", "family", "hgnc")
        return HitDecision("family", family=term)

    def plural_family(self, text: str) -> HitDecision | None:
        """``MAPKs``, ``Smads``, ``caspases``: a plural names a family."""
        if len(text) < 4 or text[-1] != "s" or text[-2] in "sS" or not text[-2].isalpha():
            # a digit before the s marks a spliced or soluble form (XBP1s), not a plural
            return None
        stem = text[:-1]
        key = norm_key(stem)
        if key in self.k.prefix_families and (stem.isupper() or stem_label(stem)):
            return self.prefix_decision(key)
        terms = self.k.lookup(key)
        fams = [t for t in terms if t.db == "FPLX"]
        if fams:
            return HitDecision("family", family=fams[0])
        genes = [t for t in terms if t.db == "HGNC" and t.status in ("symbol", "curated", "name")]
        if genes and not text[:-1].islower():
            # "ERKs" style plural of one gene symbol: the gene's family, unnamed
            term = Term(key, stem, "PREFIX", f"PREFIX:{stem.upper()}", "family", "plural")
            return HitDecision("family", family=term)
        return None

    def spelt_with(self, sep: str, matched: str, d: HitDecision) -> bool:
        """Whether the top gene's matching name has the separator (``SKI-1/S1P``)."""
        return any(
            sep in t.text for t in self.k.lookup(norm_key(matched)) if t.id == d.genes[0].hgnc_id
        )
