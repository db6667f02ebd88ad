"""The recogniser: OCR words in, gene and family mentions out (DESIGN §4).

Words -> candidate labels (single words, adjacent words of one OCR line, never whole
lines glued together) -> cleaning and expansion (``cIAP1/2``, ``FGF1-23``) -> lookup
variants -> exact lookup -> scoring -> context (caption, co-membership with confident
genes of the same figure) -> threshold.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from pfocr.lexicon import Lexicon, Term, norm_key
from pfocr.ocr.models import Box, Word
from pfocr.recognize.coagulation import coagulation_context, factor_symbol
from pfocr.recognize.context import FigureContext
from pfocr.recognize.curated import NOT_A_GENE, Curated, Homograph, load_curated
from pfocr.recognize.expand import expand_integrin, expand_list, expand_range
from pfocr.recognize.models import Candidate, FamilyMention, Mention, Recognition
from pfocr.recognize.scoring import GeneScore, HitDecision, decide
from pfocr.recognize.slips import end_slips, inner_slips, lead_slips
from pfocr.recognize.tokens import (
    clean_token,
    fix_ocr_case,
    is_ion,
    is_ion_concentration,
    is_noise,
    variants,
)

__all__ = ["RECOGNIZER_VERSION", "Recognizer", "RecognizerConfig", "digest_files"]

logger = logging.getLogger(__name__)


def digest_files() -> list[Path]:
    """The files whose content decides what the recogniser reads: its code, the curated
    tables, the species stage (which decides whether a figure's labels are human genes)
    and the lexicon's normalisation."""
    package = Path(__file__).parents[1]
    files: list[Path] = []
    for folder in (package / "recognize", package / "data", package / "species"):
        files += sorted(folder.glob("*.py")) + sorted(folder.glob("*.tsv"))
    return [*files, package / "lexicon" / "normalize.py"]


def _code_digest() -> str:
    """Hash :func:`digest_files`: any change invalidates stored results."""
    h = hashlib.sha256()
    for path in digest_files():
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:8]


#: Recogniser version: a release number plus a digest of the code and curated tables.
RECOGNIZER_VERSION = f"1.{_code_digest()}"

# groups and families bigger than this say little about co-membership
_MAX_GROUP = 60
# approved symbols made of a stem and a number: IRAK1..4 make "IRAK" a family label
_NUMBERED = re.compile(r"^(?P<stem>[A-Z][A-Z0-9]*?[A-Z])(?P<num>\d{1,2})$")
# a label followed by one of these words is not a gene: a protein domain or motif
# ("TBC1 domain", "WD40 repeats"), or cells ("TH cell" is a T helper cell, "C6 glioma")
_NEXT_WORD_READS: dict[str, str] = {
    **dict.fromkeys(("domain", "domains", "motif", "motifs", "repeat", "repeats"), "domain"),
    **dict.fromkeys(("cell", "cells", "glioma"), "cells"),
}
# label forms that name no gene, with the reason recorded
_NOT_GENE_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    # a genus initial and a species ("M.tb", "E.coli", "S. aureus"; not NCAPG2's MTB)
    (re.compile(r"^[A-Z]\.\s?[a-z]{2,}$"), "organism"),
    # a herpesvirus gene of the unique long or short region (US9, not RPS16), or an
    # open reading frame (ORF4, ORF3a)
    (re.compile(r"^(?:U[LS]\d{1,3}|ORF\d{1,3}[a-z]?)$"), "non-human (viral ORF)"),
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
# a Roman numeral with an I read as a small l, activated ("Xla" for XIa, "Vlla" for VIIa)
_FACTOR_L = re.compile(r"(?:F|Factor)?[IVX]*l[IVXl]*a")
# a short word that is not all capitals, with an abbreviation's dot ("Mol.", "Mar.")
_ABBREVIATION = re.compile(r"^(?=[A-Za-z]{2,4}\.$)(?![A-Z]+\.$)[A-Za-z]+\.$")
# a gene's full name printed over two lines: how many words it may have in all, and the
# statuses of a reading by name
_STACKED_NAME_WORDS = 8
_NAME_STATUSES = ("name", "alias_name", "prev_name", "curated")
# what the recogniser makes of a downward arrow drawn on its own under a label
_ARROW_READ = "4"
# a numbered list whose slash the OCR read as I or l ("IRF3I7" for IRF3/7)
_SLASH_AS_I = re.compile(r"^([A-Za-z][A-Za-z-]*\d{1,2})[Il|](\d{1,2})$")
# a marker glued to the cells that carry it ("CD103+DC", "CD11b+ cells")
_GLUED_CELLS = re.compile(r"\w\+\s?(?:DCs?|cells?|T|B|NK|Tregs?|MΦ|Mφ|macrophages?|monocytes?)$")
# an upper-case abbreviation with a plural s ("PTPs", "RTKs"; after a digit the s marks
# a spliced or soluble form, XBP1s)
_CAPS_PLURAL = re.compile(r"^[A-Z][A-Z0-9-]*[A-Z]s$")
# a second word that continues the first: GSK 3β, ERK 1/2, IL 6, Caspase 8
_SUFFIX_WORD = re.compile(r"^(?:\d{1,2}[a-zα-ω]?|[α-ω]\d?|\d{1,2}(?:/\d{1,2})+|I{1,3}|IV)$")


@dataclass(frozen=True)
class RecognizerConfig:
    """Settings of the recogniser (their hash is part of the stage version)."""

    threshold: float = 0.5
    max_ngram: int = 4
    ocr_fixes: bool = True
    expansions: bool = True
    context: bool = True
    english_filter: bool = True
    species: bool = True
    curated: bool = True
    caption_boost: float = 0.3
    group_boost: float = 0.2
    anchor: float = 0.8

    def key(self) -> str:
        """Return a short hash of the settings.

        :returns: 8 hex digits
        """
        blob = json.dumps(asdict(self), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:8]


@dataclass
class _Hit:
    start: int
    end: int
    seen: str
    text: str
    rule: str
    decision: HitDecision
    box: Box
    genes: list[GeneScore] = field(default_factory=list)
    joined: bool = False


def _stem_label(text: str) -> bool:
    """Whether a label can name a numbered family by its stem: three letters or digits
    at least, and not all lower case (``OAS``, ``Dkk``, ``TLR``; not ``pH``, ``bat``)."""
    return sum(ch.isalnum() for ch in text) >= 3 and not text.islower()


def _common_word(gene: GeneScore, zipf: float = 4.0) -> bool:
    """Whether scoring marked this reading as an English word at least this common
    (Zipf 4: ten in a million words, "mice"; "rel" at 3.1 is an abbreviation)."""
    return any(n.startswith("english ") and float(n.split()[1]) >= zipf for n in gene.notes)


def _word_above(words: Sequence[Word], j: int) -> int | None:
    """The word printed just above word ``j``, centred over it, of a similar size."""
    bx0, by0, bx1, by1 = words[j].bbox
    cx, bh = (bx0 + bx1) / 2, by1 - by0
    best: tuple[float, int] | None = None
    for i, w in enumerate(words):
        if i == j:
            continue
        ax0, ay0, ax1, ay1 = w.bbox
        ah = ay1 - ay0
        gap = by0 - ay1
        if not (-0.5 * ah <= gap <= 0.8 * ah and 0.5 * ah <= bh <= 1.6 * ah):
            continue
        if not ax0 - 0.1 * (ax1 - ax0) <= cx <= ax1 + 0.1 * (ax1 - ax0):
            continue
        if best is None or gap < best[0]:
            best = (gap, i)
    return best[1] if best else None


def _figure_keys(words: Sequence[Word], ctx: FigureContext) -> set[str]:
    """Lookup keys of the figure's words, of adjacent word pairs on one line, and of the
    caption and titles."""
    keys = set(ctx.keys)
    keys.update(norm_key(w.text) for w in words)
    for a, b in itertools.pairwise(words):
        if a.line == b.line:
            keys.add(norm_key(a.text + b.text))
    keys.discard("")
    return keys


def _ends_item(word: Word) -> bool:
    """Whether a word ends with a list separator (``S,``): a label never runs past it."""
    return word.text.rstrip().endswith((",", ";"))


def _covered(hits: Sequence[_Hit]) -> dict[int, list[_Hit]]:
    """The hits that cover each word index."""
    covered: dict[int, list[_Hit]] = defaultdict(list)
    for h in hits:
        for i in range(h.start, h.end):
            covered[i].append(h)
    return covered


def _union_box(words: Sequence[Word]) -> Box:
    xs = [p[0] for w in words for p in w.box]
    ys = [p[1] for w in words for p in w.box]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    return ((x0, y0), (x1, y0), (x1, y1), (x0, y1))


class Recognizer:
    """Find genes and families in a figure's OCR words.

    :param lexicon: the compiled lexicon
    :param config: settings (defaults when None)
    :param curated: curated tables (the packaged ones when None)
    """

    def __init__(
        self,
        lexicon: Lexicon,
        config: RecognizerConfig | None = None,
        curated: Curated | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.config = config or RecognizerConfig()
        if curated is None:
            curated = load_curated() if self.config.curated else Curated(frozenset(), {}, ())
        self.curated = curated
        self._extra: dict[str, tuple[Term, ...]] = defaultdict(tuple)
        for text, symbol in self.curated.protein_names:
            gene = lexicon.by_symbol.get(symbol)
            if gene is None:
                logger.warning("curated name %s -> unknown symbol %s", text, symbol)
                continue
            key = norm_key(text)
            term = Term(key, text, "HGNC", gene.hgnc_id, "curated", "pfocr")
            self._extra[key] = (*self._extra[key], term)
        self._approved_upper = {s.upper() for s in lexicon.by_symbol}
        self._nonhuman_folded = {k.casefold(): v for k, v in self.curated.nonhuman.items()}
        self._groups: dict[str, set[str]] = defaultdict(set)
        members_of: dict[str, list[str]] = defaultdict(list)
        for g in lexicon.genes.values():
            for grp in g.gene_groups:
                members_of[f"HGNC_GROUP:{grp}"].append(g.symbol)
        for fam in lexicon.families.values():
            members_of[fam.id].extend(fam.members)
        for gid, members in members_of.items():
            if 1 < len(members) <= _MAX_GROUP:
                for s in members:
                    self._groups[s].add(gid)
        self._gene_keys: dict[str, set[str]] | None = None
        # a stem is a family label when two approved symbols (IRAK1, IRAK4) or three genes
        # through any name (MKK3, MKK4, MKK6 ...) are the stem plus a number
        by_symbol: dict[str, set[str]] = defaultdict(set)
        by_name: dict[str, set[str]] = defaultdict(set)
        for terms in lexicon.terms.values():
            for t in terms:
                if t.db == "HGNC" and t.status in ("symbol", "alias", "curated", "previous"):
                    m = _NUMBERED.match(t.text)
                    if m:
                        stem = norm_key(m.group("stem"))
                        symbol = lexicon.genes[t.id].symbol
                        by_name[stem].add(symbol)
                        if t.status == "symbol":
                            by_symbol[stem].add(symbol)
        self._prefix_families = {
            k: (k.upper(), tuple(sorted(v)))
            for k, v in by_name.items()
            if (len(by_symbol[k]) >= 2 or len(v) >= 3) and k.upper() not in lexicon.by_symbol
        }
        # approved symbols that share a stem of three or more characters are a group too:
        # IRAK1 and IRAK4 are in no HGNC gene group and no FamPlex family, yet each backs
        # the other ("RAK1" beside IRAK4 is IRAK1 with its I lost)
        for k, symbols in by_symbol.items():
            if len(k) >= 3 and 1 < len(symbols) <= _MAX_GROUP:
                for s in symbols:
                    self._groups[s].add(f"STEM:{k.upper()}")
        # first words of genes' multi-word names, where a name printed on two lines starts
        self._name_starts = {
            t.text.split()[0].casefold()
            for terms in lexicon.terms.values()
            for t in terms
            if t.db == "HGNC" and t.status in _NAME_STATUSES and " " in t.text.strip()
        } | {text.split()[0].casefold() for text, _ in self.curated.protein_names if " " in text}
        self._pathogen = False

    @property
    def version(self) -> str:
        """Stage version: recogniser code, lexicon and settings."""
        return f"rec{RECOGNIZER_VERSION}-{self.lexicon.version}-{self.config.key()}"

    # -- lookup ----------------------------------------------------------------------
    def _lookup(self, key: str) -> tuple[Term, ...]:
        extra = self._extra.get(key, ())
        return extra + self.lexicon.lookup(key) if extra else self.lexicon.lookup(key)

    def _nonhuman(self, text: str) -> str | None:
        """The organism of a viral or bacterial protein name, when the name is one
        (case-blind in a figure about a pathogen); None otherwise."""
        organism = self.curated.nonhuman.get(text)
        if organism is None and self._pathogen and len(text) >= 3:
            organism = self._nonhuman_folded.get(text.casefold())
        if organism is None:
            return None
        distinctive = len(text) >= 3 and text.upper() not in self._approved_upper
        return organism if distinctive or self._pathogen else None

    def _classify(self, text: str, conf: float) -> tuple[HitDecision, str, str] | None:
        """Look a cleaned label up; return its decision, matched text and transform."""
        if not text or is_noise(text) or is_ion(text):
            return None
        if text in self.curated.not_genes or (
            self.config.ocr_fixes and fix_ocr_case(text) in self.curated.not_genes
        ):
            return HitDecision("not_gene", reason="curated not-gene"), text, ""
        organism = self._nonhuman(text)
        if organism is not None:
            return HitDecision("not_gene", reason=f"non-human ({organism})"), text, ""
        for pattern, reason in _NOT_GENE_FORMS:
            if pattern.match(text):
                return HitDecision("not_gene", reason=reason), text, ""
        plural = self._plural_family(text)
        if plural is not None:
            return plural, text, "plural"
        if _CAPS_PLURAL.match(text):
            if text[:-1] in self.curated.not_genes:
                # "FAs", "FDPs": the plural of a chemical, not FAS or FDPS
                return HitDecision("not_gene", reason="curated not-gene, plural"), text, ""
            if not any(
                t.text.endswith("s") or t.status in ("symbol", "curated")
                for t in self._lookup(norm_key(text))
                if t.db == "HGNC"
            ):
                # "PTPs", "GPCRs": a plural of an abbreviation the lexicon has no family
                # for, not an alias spelt with a capital S (PTS's PTPS); an approved
                # symbol stays itself (complement C1s, MAVS read "MAVs")
                return HitDecision("none"), text, "plural"
        # every variant is looked up; the best-scoring gene reading wins (an OCR fix to an
        # approved symbol beats an alias read as printed), but a family or not-gene
        # reading found before any gene reading stands
        best: tuple[HitDecision, str, str] | None = None
        # a protein-coding gene's alias printed exactly so is no Roman numeral ("TACI" is
        # TNFRSF13B, not TAC1); a lncRNA's alias does not block one ("ROCKI" is ROCK1)
        printed = text[-1:] in ("I", "V") and any(
            t.db == "HGNC"
            and t.text == text
            and self.lexicon.genes[t.id].locus_group == "protein-coding gene"
            for t in self._lookup(norm_key(text))
        )
        for v in variants(text, ocr_fixes=self.config.ocr_fixes):
            if printed and v.transform.startswith("roman"):
                continue
            organism = self._nonhuman(v.text) if v.transform else None
            if organism is not None:
                # "nsp1β" is nsp1 of an arterivirus, not SH2D3A (alias NSP1)
                return HitDecision("not_gene", reason=f"non-human ({organism})"), v.text, ""
            terms = self._lookup(v.key)
            # a numbered family's stem names the family when it is printed as one: three
            # characters at least and not a lower-case word ("pH", "at", "A-D" are not
            # families PH, AT, AD)
            prefix = self._prefix_families.get(v.key) if _stem_label(v.text) else None
            d: HitDecision | None = None
            if terms:
                d = decide(
                    self.lexicon,
                    v.text,
                    terms,
                    v.transform,
                    ocr_conf=conf,
                    english_filter=self.config.english_filter,
                    original=text,
                )
                if prefix and d.kind == "gene" and d.genes[0].status in ("alias", "alias_name"):
                    alias = d
                    d = self._prefix_decision(v.key)
                    d.alternative = alias
            elif prefix and v.transform in ("", "ocr-case"):
                d = self._prefix_decision(v.key)
            if d is None or d.kind == "none":
                continue
            if d.kind != "gene":
                if best is None:
                    return d, v.text, v.transform
                continue
            if best is None or d.genes[0].score > best[0].genes[0].score:
                best = (d, v.text, v.transform)
        return best

    def _prefix_decision(self, key: str) -> HitDecision:
        name, _members = self._prefix_families[key]
        term = Term(key, name, "PREFIX", f"PREFIX:{name}", "family", "hgnc")
        return HitDecision("family", family=term)

    def _plural_family(self, text: str) -> HitDecision | None:
        """``MAPKs``, ``Smads``, ``caspases``: a plural names a family."""
        if len(text) < 4 or text[-1] != "s" or text[-2] in "sS" or not text[-2].isalpha():
            # a digit before the s marks a spliced or soluble form (XBP1s), not a plural
            return None
        stem = text[:-1]
        key = norm_key(stem)
        if key in self._prefix_families and (stem.isupper() or _stem_label(stem)):
            return self._prefix_decision(key)
        terms = self._lookup(key)
        fams = [t for t in terms if t.db == "FPLX"]
        if fams:
            return HitDecision("family", family=fams[0])
        genes = [t for t in terms if t.db == "HGNC" and t.status in ("symbol", "curated", "name")]
        if genes and not text[:-1].islower():
            # "ERKs" style plural of one gene symbol: the gene's family, unnamed
            term = Term(key, stem, "PREFIX", f"PREFIX:{stem.upper()}", "family", "plural")
            return HitDecision("family", family=term)
        return None

    # -- candidate labels --------------------------------------------------------------
    def _label_hits(
        self, words: Sequence[Word], start: int, end: int, span: Sequence[Word] | None = None
    ) -> list[_Hit]:
        """Hits of one word (end = start + 1), a multi-word span, or a given pair of words
        (``span``: a label printed on two lines, recorded at its first word)."""
        single = span is None and end == start + 1
        next_word = words[end] if single and end < len(words) else None
        span = span if span is not None else words[start:end]
        seen = " ".join(w.text for w in span)
        conf = min(w.confidence for w in span)
        box = _union_box(span)
        text = clean_token(seen)
        if next_word is not None and next_word.line == span[-1].line:
            reason = _NEXT_WORD_READS.get(clean_token(next_word.text).lower())
            if reason is not None:
                return [
                    _Hit(start, end, seen, text, "", HitDecision("not_gene", reason=reason), box)
                ]
        if single and is_ion_concentration(seen):
            # "[Ca2+]i" read "Ca4]": calcium, not CA4
            return [_Hit(start, end, seen, text, "", HitDecision("not_gene", reason="ion"), box)]
        if single and self._cell_marker(seen, next_word, span[-1].line):
            # "CD4+ T cells", "SOX9+", "CD4+CD25+Foxp3+": cells that carry the protein
            return [_Hit(start, end, seen, text, "", HitDecision("not_gene", reason="marker"), box)]
        joined = len(span) == 2 and bool(_SUFFIX_WORD.match(clean_token(span[1].text)))
        if joined:
            text = clean_token(span[0].text) + clean_token(span[1].text)
        found = self._classify(text, conf)
        expanded = (
            self._expand(text, conf, start, end, seen, box)
            if (self.config.expansions and (len(span) == 1 or joined))
            else []
        )
        if found is None and not expanded and len(span) == 1:
            slash = _SLASH_AS_I.match(text)
            if slash and self.config.expansions and self.config.ocr_fixes:
                # "IRF3I7": the slash of IRF3/7 read as I (or l) between the numbers
                listed = self._expand(f"{slash[1]}/{slash[2]}", conf, start, end, seen, box)
                if listed and all(h.decision.kind == "gene" for h in listed):
                    expanded = listed
        if found is None and not expanded and len(span) == 1:
            expanded = self._split_glued(text, conf, start, end, seen, box)
        if found is not None:
            d, matched, transform = found
            # "MEK1/2" is both FamPlex's MEK family and two genes: the notation wins
            if d.kind == "family" and expanded and all(h.decision.kind == "gene" for h in expanded):
                return expanded
            # "MSK1/2" is a list, not ITGB1's old symbol MSK12, and "S, 3a" two viral
            # proteins, not RPS3A (alias S3a): a name matched only because the lookup
            # drops the separator gives way to the list (to its genes, for a slash)
            if d.kind == "gene" and (
                ("," in text and not self._spelt_with(",", matched, d))
                # "IR:10" (IP-10 misread) is not CORO2A's IR10: a colon joins complexes;
                # "c&MP" (cAMP misread) is not MATN1's old symbol CMP
                or (":" in text and not self._spelt_with(":", matched, d))
                or ("&" in text and not self._spelt_with("&", matched, d))
                or (
                    re.search(r"[0-9α-ω]/", text) is not None  # a numbered list, not P/CAF
                    and any(h.decision.kind == "gene" for h in expanded)
                    and not self._spelt_with("/", matched, d)
                )
            ):
                return expanded
            if single and d.kind == "gene" and _ABBREVIATION.match(seen.strip()):
                top = d.genes[0]
                if top.status in ("alias", "previous") and not any(
                    g.status == "symbol" for g in d.genes
                ):
                    # "Mol.", "Mar.": an abbreviation with its dot (a journal, a month),
                    # not DUOXA1's alias mol or IRF1's alias MAR
                    d = HitDecision("not_gene", reason="abbreviation")
            rule = transform and f"variant:{transform}"
            return [_Hit(start, end, seen, matched, rule, d, box, joined=joined)]
        return expanded

    def _cell_marker(self, seen: str, next_word: Word | None, line: int) -> bool:
        """Whether a label with a trailing plus names cells positive for a protein
        (``CD4+``, ``CD34(+)``), rather than ending a list (``MED12+ MED13``). An ion
        (``Ca2+``) may pass: it is no gene either way."""
        if re.search(r"\w\u207a", seen) or _GLUED_CELLS.search(seen.strip()):
            # a superscript plus marks cells ("XCR1⁺DC", "CD8⁺") or a charge; a plain
            # one glued to a cell word too ("CD103+DC")
            return True
        raw = seen.strip().rstrip(")],;.")
        if not (raw[-2:-1].isalnum() or raw.endswith("(+")) or not raw.endswith("+"):
            return False  # not "MNK1/+"
        if next_word is None or next_word.line != line:
            return True
        after = clean_token(next_word.text)
        if not after or next_word.text.strip().rstrip(")],;.").endswith("+"):
            return True  # "CCR6+ T-bet+": markers one after another
        found = self._classify(after, next_word.confidence)
        # the list goes on only when the next word names a gene ("MED12+ MED13")
        return not (
            found is not None
            and found[0].kind == "gene"
            and found[0].genes[0].score >= self.config.threshold
        )

    def _spelt_with(self, sep: str, matched: str, d: HitDecision) -> bool:
        """Whether the top gene's matching name has the separator (``SKI-1/S1P``)."""
        return any(
            sep in t.text for t in self._lookup(norm_key(matched)) if t.id == d.genes[0].hgnc_id
        )

    def _split_glued(
        self, text: str, conf: float, start: int, end: int, seen: str, box: Box
    ) -> list[_Hit]:
        """Split labels OCR glued together (``TRAF2TRAF6``, ``TBK1NEMO``, ``SCFSkp2``).

        Cuts are tried only where a digit meets a letter or a lower-case letter meets an
        upper-case one; every piece must be a strong match (approved symbol, curated
        name, or family) and at least one must be a gene.
        """
        if len(text) < 6 or not self.config.ocr_fixes:
            return []
        if text.startswith("SCF"):
            # an SCF ubiquitin ligase named by its F-box protein (SCF^Skp2 printed
            # "SCFSkp2"): the F-box protein is the gene, SCF the complex (not KITLG)
            found = self._classify(text[3:].lstrip("-^"), conf)
            if found is not None and found[0].kind == "gene" and found[0].genes[0].score >= 0.6:
                return [_Hit(start, end, seen, found[1], "split:scf", found[0], box)]
        cuts: list[tuple[int, int]] = [
            (i, i)
            for i in range(2, len(text) - 1)
            if (text[i - 1].isdigit() and text[i].isalpha())
            or (text[i - 1].islower() and text[i].isupper())
        ]
        # complexes written with a hyphen or colon: RelB-NF-kB2, IkBα:NF-kB1
        cuts += [(i, i + 1) for i, ch in enumerate(text) if ch in "-:·" and 3 <= i < len(text) - 3]
        for i, j in cuts:
            pieces = [text[:i], text[j:]]
            hits = []
            for piece in pieces:
                found = self._classify(piece, conf) if len(piece) >= 3 else None
                if found is None:
                    break
                d, matched, _t = found
                top = d.genes[0] if d.kind == "gene" else None
                strong = d.kind == "family" or (
                    top is not None
                    and top.score >= 0.6
                    and (
                        len(d.genes) == 1
                        or d.genes[1].score < top.score - 0.1
                        or "spelt as printed" in top.notes  # RIG-1, not RIG1
                    )
                    and (len(piece) >= 4 or (top.exact and top.status == "symbol"))
                )
                if not strong:
                    break
                hits.append(_Hit(start, end, seen, matched, "split", d, box))
            else:
                if any(h.decision.kind == "gene" for h in hits):
                    return hits
        return []

    def _expand(
        self, text: str, conf: float, start: int, end: int, seen: str, box: Box
    ) -> list[_Hit]:
        hits: list[_Hit] = []
        if is_noise(text):
            # a chemical name is not a list ("cis,cis-3,6-dodecadienoyl-CoA")
            return hits
        parts = expand_list(text)
        kind = "expansion:list"
        if not parts:
            parts = expand_range(text)
            kind = "expansion:range"
        if not parts:
            parts = expand_integrin(text)
            kind = "expansion:integrin"
        for part in parts:
            found = self._classify(clean_token(part), conf)
            if found is not None:
                d, matched, _transform = found
                if kind in ("expansion:range", "expansion:integrin") and (
                    d.kind != "gene" or d.genes[0].status != "symbol"
                ):
                    continue
                hits.append(_Hit(start, end, seen, matched, kind, d, box))
        return hits

    def _multiword_ok(self, hit: _Hit, n_words: int) -> bool:
        d = hit.decision
        if hit.joined or hit.rule.startswith("expansion"):
            return d.kind in ("gene", "family")
        if d.kind == "family" and d.family is not None:
            term = d.family
        elif d.kind == "gene" and d.genes:
            return any(
                sum(not ch.isalnum() for ch in t.text.strip()) >= n_words - 1
                for t in self._lookup(norm_key(hit.text))
                if t.db == "HGNC"
            )
        else:
            return d.kind == "not_gene"
        return sum(not ch.isalnum() for ch in term.text.strip()) >= n_words - 1

    def _hits(self, words: Sequence[Word]) -> list[_Hit]:
        by_line: dict[int, list[int]] = defaultdict(list)
        for i, w in enumerate(words):
            by_line[w.line].append(i)
        hits: list[_Hit] = []
        for idxs in by_line.values():
            # word indices of one line are consecutive in reading order
            pos = 0
            while pos < len(idxs):
                taken = False
                longest = self.config.max_ngram
                if clean_token(words[idxs[pos]].text).casefold() in self._name_starts:
                    longest = max(longest, _STACKED_NAME_WORDS)  # "Casein kinase 1 alpha 1"
                for size in range(min(longest, len(idxs) - pos), 1, -1):
                    s, e = idxs[pos], idxs[pos + size - 1] + 1
                    if e - s != size or any(_ends_item(words[k]) for k in range(s, e - 1)):
                        # a comma ends a label: "S, 3a" lists two proteins, not RPS3A
                        continue
                    span_hits = self._label_hits(words, s, e)
                    if span_hits and all(self._multiword_ok(h, size) for h in span_hits):
                        hits.extend(span_hits)
                        pos += size
                        taken = True
                        break
                if not taken:
                    i = idxs[pos]
                    hits.extend(self._label_hits(words, i, i + 1))
                    pos += 1
        return self._stacked_names(words, by_line, self._stacked(words, hits))

    def _stacked(self, words: Sequence[Word], hits: list[_Hit]) -> list[_Hit]:
        """Join labels printed on two lines: a number or Greek letter under a name
        (``MEK`` over ``1/2``, ``Caspase`` over ``8``), found from the word boxes."""
        in_span = {i for h in hits if h.end - h.start > 1 for i in range(h.start, h.end)}
        for j, below in enumerate(words):
            below_text = clean_token(below.text)
            if j in in_span or not _SUFFIX_WORD.match(below_text):
                continue
            if below_text == _ARROW_READ:
                continue  # a downward arrow under the label, read as "4" (IRAK over ↓)
            i = _word_above(words, j)
            if i is None or i in in_span or _ends_item(words[i]):
                continue
            own = [h for h in hits if h.start == i and h.end == i + 1]
            if any(h.decision.kind == "gene" for h in own):
                continue
            new = self._label_hits(words, i, i + 1, span=[words[i], below])
            if new and all(h.decision.kind == "gene" for h in new):
                hits = [h for h in hits if h not in own] + new
                in_span.update((i, j))
        return hits

    def _stacked_names(
        self, words: Sequence[Word], by_line: dict[int, list[int]], hits: list[_Hit]
    ) -> list[_Hit]:
        """Join a gene's full name printed over two lines of one box (``Sphingosine`` over
        ``kinase 2``, ``Insulin-like growth factor 1`` over ``receptor``): a line that
        starts like a multi-word name, and the words just below it, are looked up as one
        label, kept only when they name a gene by its name. ``by_line``: the word indices
        of each OCR line."""
        starts = [
            idxs
            for idxs in by_line.values()
            if len(idxs) <= _STACKED_NAME_WORDS - 1
            and len(words[idxs[0]].text) >= 3
            and clean_token(words[idxs[0]].text).casefold() in self._name_starts
        ]
        if not starts:
            return hits
        covered = _covered(hits)
        boxes = [w.bbox for w in words]
        by_top = sorted(range(len(words)), key=lambda j: boxes[j][1])
        tops = [boxes[j][1] for j in by_top]

        def loose(i: int) -> bool:
            # no reading yet, or one by name that a longer name may replace
            return all(
                h.decision.kind != "gene" or h.decision.genes[0].status in _NAME_STATUSES
                for h in covered.get(i, [])
            )

        for idxs in starts:
            if not all(loose(i) for i in idxs):
                continue
            x0 = min(boxes[i][0] for i in idxs)
            x1 = max(boxes[i][2] for i in idxs)
            y1 = max(boxes[i][3] for i in idxs)
            h = max(boxes[i][3] - boxes[i][1] for i in idxs)
            pad = 0.1 * (x1 - x0)
            line = words[idxs[0]].line
            lo, hi = bisect_left(tops, y1 - 0.5 * h), bisect_right(tops, y1 + 0.8 * h)
            below = [
                j
                for j in by_top[lo:hi]
                if words[j].line != line
                and 0.5 * h <= boxes[j][3] - boxes[j][1] <= 1.6 * h
                and boxes[j][0] < x1 + pad
                and boxes[j][2] > x0 - pad
            ]
            if not below or len({words[j].line for j in below}) != 1:
                continue
            if len(idxs) + len(below) > _STACKED_NAME_WORDS or not all(loose(j) for j in below):
                continue
            below.sort(key=lambda j: boxes[j][0])
            span = [words[i] for i in idxs] + [words[j] for j in below]
            new = self._label_hits(words, idxs[0], idxs[0] + 1, span=span)
            if new and all(
                n.decision.kind == "gene" and n.decision.genes[0].status in _NAME_STATUSES
                for n in new
            ):
                gone = {id(h) for i in (*idxs, *below) for h in covered.get(i, [])}
                hits = [h for h in hits if id(h) not in gone] + new
        return hits

    # -- context -----------------------------------------------------------------------
    def _keys_of(self, hgnc_id: str) -> set[str]:
        if self._gene_keys is None:
            index: dict[str, set[str]] = defaultdict(set)
            for key, terms in self.lexicon.terms.items():
                for t in terms:
                    if t.db == "HGNC" and t.status in ("symbol", "curated", "alias", "previous"):
                        index[t.id].add(key)
            for key, terms in self._extra.items():
                for t in terms:
                    index[t.id].add(key)
            self._gene_keys = index
        return self._gene_keys.get(hgnc_id, set())

    def _apply_context(self, hits: list[_Hit], ctx: FigureContext) -> None:
        cfg = self.config
        # group -> label -> how many hits of that label anchor the group; a label is no
        # evidence for its own rival readings ("occludin" is OCLN, and its alias name
        # for MARVELD1, of OCLN's group, must not draw support from OCLN)
        anchors: dict[str, Counter[str]] = defaultdict(Counter)
        for h in hits:
            if h.decision.kind == "gene" and h.decision.genes[0].score >= cfg.anchor:
                for grp in self._groups.get(h.decision.genes[0].symbol, ()):
                    anchors[grp][norm_key(h.text)] += 1
        for h in hits:
            if h.decision.kind != "gene":
                continue
            # the label's own words in the caption are no evidence of which gene it is
            own = {v.key for v in variants(h.text)} | {norm_key(h.seen)}
            label = norm_key(h.text)
            for g in h.decision.genes:
                if ctx.keys and (self._keys_of(g.hgnc_id) & ctx.keys) - own:
                    g.score += cfg.caption_boost
                    g.notes.append("caption")
                support = sum(
                    anchors[grp].total() - anchors[grp][label]
                    for grp in self._groups.get(g.symbol, ())
                    if grp in anchors
                )
                # a lower-case common word is no gene whatever the figure draws ("mice"
                # is CASP14's alias MICE, but not among caspases)
                if support > 0 and not (h.text.islower() and _common_word(g)):
                    # more family members drawn in the figure, more evidence (capped)
                    g.score += min(2 * cfg.group_boost, cfg.group_boost * (0.5 + 0.5 * support))
                    g.notes.append(f"co-member/{support}")
            h.decision.genes.sort(key=lambda g: -g.score)
            # context lifts weak readings; it must not push an approved symbol printed
            # exactly (AR, RHO) below an alias of a related gene (AREG, RHOD)
            top = h.decision.genes[0]
            exact = [g for g in h.decision.genes if g.exact and g.status == "symbol"]
            if exact and top.status != "symbol" and exact[0].score >= top.score - 0.15:
                exact[0].score = max(exact[0].score, top.score) + 1e-6
                h.decision.genes.sort(key=lambda g: -g.score)

    # -- OCR slips ---------------------------------------------------------------------
    def _accepted(self, hits: Sequence[_Hit]) -> set[str]:
        """The genes the figure's hits accept so far (top candidate at the threshold)."""
        return {
            h.decision.genes[0].symbol
            for h in hits
            if h.decision.kind == "gene" and h.decision.genes[0].score >= self.config.threshold
        }

    def _support(self, accepted: set[str]) -> dict[str, int]:
        """How many of the accepted genes are in each group."""
        groups: dict[str, int] = defaultdict(int)
        for symbol in accepted:
            for grp in self._groups.get(symbol, ()):
                groups[grp] += 1
        return groups

    def _stem_or_alias(self, hits: list[_Hit]) -> None:
        """A numbered stem that is also an alias (TRAM: TRAM1/2, or TICAM2) names the
        alias's gene when the figure backs that gene (other accepted genes of its group)
        and shows no member of the stem's family."""
        accepted = self._accepted(hits)
        support = self._support(accepted)
        for h in hits:
            alt = h.decision.alternative
            if h.decision.kind != "family" or alt is None or h.decision.family is None:
                continue
            _name, members = self._prefix_families.get(h.decision.family.norm, ("", ()))
            if accepted & set(members):
                continue
            backed = [
                g
                for g in alt.genes
                if sum(support.get(grp, 0) for grp in self._groups.get(g.symbol, ())) > 0
            ]
            if len(backed) == 1:
                chosen = backed[0]
                chosen.score += self.config.group_boost
                chosen.notes.append("co-member,over stem")
                h.decision = HitDecision("gene", genes=[chosen])

    @staticmethod
    def _backed(gene: GeneScore) -> bool:
        """Whether the figure's caption or company (co-members) backs a reading."""
        return any(n == "caption" or n.startswith("co-member") for n in gene.notes)

    def _firm(self, hit: _Hit) -> bool:
        """A reading no slip may replace: an approved symbol as printed, a curated name,
        or a gene the figure's context already backs."""
        top = hit.decision.genes[0]
        return top.status in ("symbol", "curated", "name") or self._backed(top)

    def _slip_hits(self, words: Sequence[Word], hits: list[_Hit]) -> list[_Hit]:
        """Readings of words the OCR may have misread by one character, kept only with
        support (see :mod:`pfocr.recognize.slips`); a weak alias reading of the same word
        (an unsupported alias) gives way to a supported slip."""
        covered = _covered(hits)
        support = self._support(self._accepted(hits))
        out = list(hits)
        for i, word in enumerate(words):
            own = covered.get(i, [])
            text = clean_token(word.text)
            # a closing 1 read as a small l may hide behind an alias spelt with an L that
            # the company backs as well ("Jakl" is JAK1, not JAK3's alias JAKL)
            closing_l = (
                bool(own)
                and text.endswith("l")
                and all(
                    h.decision.kind == "gene"
                    and h.decision.genes[0].status in ("alias", "previous")
                    for h in own
                )
            )
            if any(h.end - h.start > 1 or h.decision.kind != "gene" for h in own):
                continue
            if not closing_l and any(self._firm(h) for h in own):
                continue
            if not text or (own and own[0].decision.genes[0].score >= 0.8 and not closing_l):
                continue
            readings = {
                "end": end_slips(text),
                "inner": inner_slips(text),
                "lead": lead_slips(text),
            }
            if not any(readings.values()):
                continue
            listed = self._in_gene_list(words, i, covered)
            here = support
            if own:
                # the word's own reading is no support for reading it otherwise
                mine = {id(h) for h in own}
                here = self._support(self._accepted([h for h in hits if id(h) not in mine]))
            new = self._slip(word, i, readings, here, listed)
            if new:
                out = [h for h in out if h not in own] + new
        return out

    def _fragments(self, words: Sequence[Word], hits: list[_Hit]) -> None:
        """A lower-case word of at most three letters (``ell``, ``cel``, ``typ``) is a
        piece of a word the OCR cut, not a gene symbol or alias, unless it is an item of
        a slash list of genes (``myc / rel`` in zebrafish-style type), a curated name
        (``tau``) or a gene the figure's company backs (``rel`` among NF-kB subunits)."""
        covered = _covered(hits)
        for h in hits:
            d = h.decision
            text = clean_token(h.seen)
            if (
                h.end - h.start != 1
                or d.kind != "gene"
                or not (text.isalpha() and text.islower() and len(text) <= 3)
                or d.genes[0].status in ("curated", "name")
                or self._backed(d.genes[0])
            ):
                continue
            if not self._in_gene_list(words, h.start, covered):
                h.decision = HitDecision("not_gene", reason="word fragment")

    def _human_by_company(self, hits: list[_Hit]) -> None:
        """A viral protein name that is also an approved human symbol (vaccinia's C6,
        HIV's Tat) names the human gene when the figure shows that gene's group: C6
        beside complement C5, C7 and C9 in a figure that also names a pathogen."""
        viral = [
            h
            for h in hits
            if h.end - h.start == 1
            and h.decision.kind == "not_gene"
            and h.decision.reason.startswith("non-human")
        ]
        if not viral:
            return
        support = self._support(self._accepted(hits))
        for h in viral:
            gene = self.lexicon.by_symbol.get(clean_token(h.seen))
            if gene is None or not any(
                support.get(grp, 0) for grp in self._groups.get(gene.symbol, ())
            ):
                continue
            notes = ["co-member,over viral name"]
            found = GeneScore(gene.hgnc_id, gene.symbol, "symbol", self.config.anchor, True, notes)
            h.decision = HitDecision("gene", genes=[found])

    def _recased_previous(self, hits: list[_Hit]) -> None:
        """An old symbol is printed in capitals, as HGNC wrote it. A label in another
        case that only an old symbol names, at the floor score and with no company
        behind it (``FNd`` for ALX3's FND, ``ClD`` for SLC26A3's CLD, ``Srk``, ``Rap``
        for LRPAP1's RAP), is not that gene; microRNAs (``miR-451``) keep their case."""
        for h in hits:
            d = h.decision
            if h.end - h.start != 1 or d.kind != "gene":
                continue
            top = d.genes[0]
            if top.status != "previous" or top.score >= self.config.threshold + 0.1:
                continue
            text = clean_token(h.seen)
            if (
                re.search(r"[a-z]", text.replace("orf", ""))
                and not text.lower().startswith(("mir", "let-"))
                and not self._backed(top)
            ):
                h.decision = HitDecision("not_gene", reason="old symbol in another case")

    def _in_gene_list(self, words: Sequence[Word], i: int, covered: dict[int, list[_Hit]]) -> bool:
        """Whether word ``i`` is an item of a slash list printed as separate words
        (``ccnd1 / mmp7 / myc``) next to an item that is an accepted gene."""
        for sep, item in ((i - 1, i - 2), (i + 1, i + 2)):
            if not (0 <= item < len(words)) or words[sep].text.strip() != "/":
                continue
            if not words[sep].line == words[i].line == words[item].line:
                continue
            if any(
                h.decision.kind == "gene" and h.decision.genes[0].score >= self.config.threshold
                for h in covered.get(item, [])
            ):
                return True
        return False

    def _slip(
        self,
        word: Word,
        i: int,
        readings: dict[str, list[str]],
        support: dict[str, int],
        listed: bool = False,
    ) -> list[_Hit]:
        """The one supported reading of word ``i`` among its slip readings (by kind: end,
        inner, lead), as a hit; none when no reading or several are backed."""
        backed: list[tuple[str, str, HitDecision]] = []
        for kind, candidates in readings.items():
            for reading in candidates:
                found = self._classify(reading, word.confidence)
                # one slip only: the reading must name the gene as it stands (ER8 is not ERβ)
                if found is None or found[0].kind != "gene" or found[2] not in ("", "ocr-case"):
                    continue
                d = found[0]
                top = d.genes[0]
                if len(d.genes) > 1 and d.genes[1].score >= top.score - 0.1:
                    continue  # an ambiguous reading is no reading
                if kind == "lead" and top.status != "symbol":
                    continue  # a lost I gives back an approved symbol (A1 is not INSM1's IA1)
                n = sum(support.get(grp, 0) for grp in self._groups.get(top.symbol, ()))
                if n > 0 or listed:
                    backed.append((kind, found[1], d))
        if len({d.genes[0].symbol for _k, _r, d in backed}) != 1:
            return []  # nothing backed, or two readings equally possible (TLRS: TLR5 or TLR8)
        kind, reading, d = backed[0]
        top = d.genes[0]
        top.score = min(0.9, top.score * 0.9 + self.config.group_boost)
        top.notes.append("slip,listed" if listed else "slip,co-member")
        return [_Hit(i, i + 1, word.text, reading, f"slip:{kind}", d, _union_box([word]))]

    def _factor_hits(
        self, words: Sequence[Word], hits: list[_Hit], ctx: FigureContext
    ) -> list[_Hit]:
        """Coagulation factors written as Roman numerals (:mod:`pfocr.recognize.coagulation`).

        The figure's coagulation words are only looked for once a label could be a factor.
        """
        in_context: bool | None = None
        covered = _covered([h for h in hits if h.decision.kind == "gene"])
        out = list(hits)
        for i, word in enumerate(words):
            own = covered.get(i, [])
            if own and "l" not in word.text:
                continue
            text = clean_token(word.text)
            # an activated factor whose I the OCR read as a small l ("Xla" for XIa, "Ila"
            # for IIa): read back in a coagulation figure, over a weak alias of the word
            # (BTK's XLA, TNFRSF9's old symbol ILA)
            slipped = _FACTOR_L.fullmatch(text) is not None
            if slipped:
                text = text.replace("l", "I")
            if own and not (
                slipped and all(h.end - h.start == 1 and not self._firm(h) for h in own)
            ):
                continue
            start = i
            before = words[i - 1] if i else None
            if before is not None and before.line == word.line and before.text.lower() == "factor":
                text, start = "Factor" + text, i - 1
            if factor_symbol(text, True) is None:
                continue
            if in_context is None:
                in_context = coagulation_context(_figure_keys(words, ctx))
            symbol = factor_symbol(text, in_context) if in_context or not slipped else None
            gene = self.lexicon.by_symbol.get(symbol) if symbol else None
            if gene is None:
                continue
            out = [h for h in out if h not in own]
            score = 0.85 if in_context else 0.75
            found = GeneScore(gene.hgnc_id, gene.symbol, "curated", score, False, ["coagulation"])
            d = HitDecision("gene", genes=[found])
            span = words[start : i + 1]
            seen = " ".join(w.text for w in span)
            out.append(_Hit(start, i + 1, seen, text, "coagulation", d, _union_box(span)))
        return out

    def _homographs(self, words: Sequence[Word], hits: list[_Hit], ctx: FigureContext) -> None:
        """Symbols that name something else in the right company (``CAMP`` beside ATP
        and PKA is cAMP): a curated table, each entry with the words and genes that
        signal its other reading (``pfocr/data/homographs.tsv``). Labels that name one
        of two genes take the one the company signals, when it signals only one
        (``PDK1`` beside AKT is PDPK1; ``pfocr/data/gene_homographs.tsv``)."""
        found: list[tuple[_Hit, Homograph]] = []
        readings: list[tuple[_Hit, tuple[Homograph, ...]]] = []
        for h in hits:
            if h.decision.kind != "gene":
                continue
            label = clean_token(h.seen)
            # an item of a list is a label of its own ("G11" of "Gq/G11")
            item = h.text if h.rule.startswith("expansion") else label
            if (
                entry := self.curated.homographs.get(label, self.curated.homographs.get(item))
            ) is not None:
                found.append((h, entry))
            if (
                rows := self.curated.gene_homographs.get(
                    label, self.curated.gene_homographs.get(item)
                )
            ) is not None:
                readings.append((h, rows))
        if not found and not readings:
            return
        keys = _figure_keys(words, ctx)
        accepted = self._accepted(hits)
        for h, entry in found:
            own = h.decision.genes[0].symbol
            if (entry.words & keys) or any(entry.gene_signals(g) for g in accepted - {own}):
                h.decision = HitDecision("not_gene", reason=f"homograph: {entry.reading}")
        for h, rows in readings:
            # the genes the label could name are no evidence for one of them
            others = accepted - {r.reading for r in rows}
            backed = [r for r in rows if (r.words & keys) or any(r.gene_signals(g) for g in others)]
            if len(backed) != 1:
                continue
            symbol = backed[0].reading
            if symbol == NOT_A_GENE:
                # "APC" beside CD80/CD86 and MHC is the antigen-presenting cell
                h.decision = HitDecision("not_gene", reason="homograph: not a gene here")
                continue
            gene = self.lexicon.by_symbol[symbol]
            score = max(
                [g.score for g in h.decision.genes if g.symbol == symbol] + [self.config.anchor]
            )
            chosen = GeneScore(gene.hgnc_id, symbol, "curated", score, True, ["homograph"])
            h.decision = HitDecision("gene", genes=[chosen])

    # -- public ------------------------------------------------------------------------
    def recognize(self, words: Sequence[Word], context: FigureContext | None = None) -> Recognition:
        """Recognise the genes and families named in a figure.

        :param words: the figure's OCR words
        :param context: caption, title and organisms (empty when None)
        :returns: mentions (accepted or not, with candidates) and family mentions
        """
        ctx = context or FigureContext()
        if not self.config.species:
            ctx = replace(ctx, nonmammalian=False, pathogen=False)
        self._pathogen = ctx.pathogen
        hits = self._hits(words)
        if self.config.context:
            self._apply_context(hits, ctx)
            self._human_by_company(hits)
        if self.config.english_filter:
            self._fragments(words, hits)
        if self.config.context:
            self._recased_previous(hits)
            self._stem_or_alias(hits)
        if self.config.ocr_fixes and self.config.context:
            hits = self._slip_hits(words, hits)
        if self.config.ocr_fixes:
            hits = self._factor_hits(words, hits, ctx)
        if self.config.curated and self.config.context:
            self._homographs(words, hits, ctx)
        mentions: list[Mention] = []
        families: list[FamilyMention] = []
        for h in hits:
            d = h.decision
            if d.kind == "family" and d.family is not None:
                fam = self.lexicon.families.get(d.family.id)
                if fam is not None:
                    name, members = fam.name, fam.members
                else:
                    name, members = self._prefix_families.get(d.family.norm, (d.family.text, ()))
                families.append(
                    FamilyMention(h.start, h.end, h.seen, d.family.id, name, members, h.box)
                )
                continue
            if d.kind != "gene":
                continue
            top = d.genes[0]
            conf = min(1.0, top.score)
            if ctx.nonmammalian:
                conf *= 0.3
            gene = self.lexicon.genes[top.hgnc_id]
            rule = top.status if not h.rule else f"{h.rule}:{top.status}"
            mentions.append(
                Mention(
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
                    accepted=conf >= self.config.threshold,
                    candidates=tuple(
                        Candidate(
                            g.hgnc_id,
                            g.symbol,
                            self.lexicon.genes[g.hgnc_id].entrez_id,
                            ",".join(g.notes),
                            round(g.score, 4),
                        )
                        for g in d.genes[:5]
                    ),
                )
            )
        return Recognition(self.version, tuple(mentions), tuple(families))
