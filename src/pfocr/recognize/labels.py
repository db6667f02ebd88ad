"""One label -> its readings: the checks on a label's form and company, then the lookup.

A label is one word, a span of words of one line, or words joined from two lines. Before
and around the lookup (:class:`~pfocr.recognize.lookup.Reader`) it is checked for what
makes it no gene (a domain or cell word after it, an ion concentration, a cell marker, an
abbreviation's dot) and read as a list, range or glued pair where it is one
(:mod:`pfocr.recognize.splits`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pfocr.ocr.models import Word
from pfocr.recognize.knowledge import union_box
from pfocr.recognize.lookup import Reader
from pfocr.recognize.scoring import HitDecision
from pfocr.recognize.splits import expand, split_glued
from pfocr.recognize.tokens import clean_token, is_ion_concentration
from pfocr.recognize.trail import Hit

__all__ = ["SUFFIX_WORD", "label_hits"]

# a label followed by one of these words is not a gene: a protein domain or motif
# ("TBC1 domain", "WD40 repeats"), or cells ("TH cell" is a T helper cell, "C6 glioma")
_NEXT_WORD_READS: dict[str, str] = {
    **dict.fromkeys(("domain", "domains", "motif", "motifs", "repeat", "repeats"), "domain"),
    **dict.fromkeys(("cell", "cells", "glioma"), "cells"),
}
# a short word that is not all capitals, with an abbreviation's dot ("Mol.", "Mar.")
_ABBREVIATION = re.compile(r"^(?=[A-Za-z]{2,4}\.$)(?![A-Z]+\.$)[A-Za-z]+\.$")
# a numbered list whose slash the OCR read as I or l ("IRF3I7" for IRF3/7)
_SLASH_AS_I = re.compile(r"^([A-Za-z][A-Za-z-]*\d{1,2})[Il|](\d{1,2})$")
# a marker glued to the cells that carry it ("CD103+DC", "CD11b+ cells")
_GLUED_CELLS = re.compile(r"\w\+\s?(?:DCs?|cells?|T|B|NK|Tregs?|MΦ|Mφ|macrophages?|monocytes?)$")
#: A second word that continues the first: GSK 3β, ERK 1/2, IL 6, Caspase 8.
SUFFIX_WORD = re.compile(r"^(?:\d{1,2}[a-zα-ω]?|[α-ω]\d?|\d{1,2}(?:/\d{1,2})+|I{1,3}|IV)$")


def label_hits(
    reader: Reader,
    words: Sequence[Word],
    start: int,
    end: int,
    span: Sequence[Word] | None = None,
) -> list[Hit]:
    """Readings of one word (end = start + 1), a multi-word span, or a given list of words
    (``span``: a label printed on two lines, recorded at its first word)."""
    cfg = reader.k.config
    single = span is None and end == start + 1
    next_word = words[end] if single and end < len(words) else None
    span = span if span is not None else words[start:end]
    seen = " ".join(w.text for w in span)
    conf = min(w.confidence for w in span)
    box = union_box(span)
    text = clean_token(seen)
    if next_word is not None and next_word.line == span[-1].line:
        reason = _NEXT_WORD_READS.get(clean_token(next_word.text).lower())
        if reason is not None:
            return [Hit(start, end, seen, text, "", HitDecision("not_gene", reason=reason), box)]
    if single and is_ion_concentration(seen):
        # "[Ca2+]i" read "Ca4]": calcium, not CA4
        return [Hit(start, end, seen, text, "", HitDecision("not_gene", reason="ion"), box)]
    if single and _cell_marker(reader, seen, next_word, span[-1].line):
        # "CD4+ T cells", "SOX9+", "CD4+CD25+Foxp3+": cells that carry the protein
        return [Hit(start, end, seen, text, "", HitDecision("not_gene", reason="marker"), box)]
    joined = len(span) == 2 and bool(SUFFIX_WORD.match(clean_token(span[1].text)))
    if joined:
        text = clean_token(span[0].text) + clean_token(span[1].text)
    found = reader.classify(text, conf)
    expanded = (
        expand(reader, text, conf, start, end, seen, box)
        if (cfg.expansions and (len(span) == 1 or joined))
        else []
    )
    if found is None and not expanded and len(span) == 1:
        slash = _SLASH_AS_I.match(text)
        if slash and cfg.expansions and cfg.ocr_fixes:
            # "IRF3I7": the slash of IRF3/7 read as I (or l) between the numbers
            listed = expand(reader, f"{slash[1]}/{slash[2]}", conf, start, end, seen, box)
            if listed and all(h.decision.kind == "gene" for h in listed):
                expanded = listed
    if found is None and not expanded and len(span) == 1:
        expanded = split_glued(reader, text, conf, start, end, seen, box)
    if found is not None:
        d, matched, transform = found
        # "MEK1/2" is both FamPlex's MEK family and two genes: the notation wins
        if d.kind == "family" and expanded and all(h.decision.kind == "gene" for h in expanded):
            return expanded
        # "MSK1/2" is a list, not ITGB1's old symbol MSK12, and "S, 3a" two viral
        # proteins, not RPS3A (alias S3a): a name matched only because the lookup
        # drops the separator gives way to the list (to its genes, for a slash)
        if d.kind == "gene" and (
            ("," in text and not reader.spelt_with(",", matched, d))
            # "IR:10" (IP-10 misread) is not CORO2A's IR10: a colon joins complexes;
            # "c&MP" (cAMP misread) is not MATN1's old symbol CMP
            or (":" in text and not reader.spelt_with(":", matched, d))
            or ("&" in text and not reader.spelt_with("&", matched, d))
            or (
                re.search(r"[0-9α-ω]/", text) is not None  # a numbered list, not P/CAF
                and any(h.decision.kind == "gene" for h in expanded)
                and not reader.spelt_with("/", matched, d)
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
        return [Hit(start, end, seen, matched, rule, d, box, joined=joined)]
    return expanded


def _cell_marker(reader: Reader, seen: str, next_word: Word | None, line: int) -> bool:
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
    found = reader.classify(after, next_word.confidence)
    # the list goes on only when the next word names a gene ("MED12+ MED13")
    return not (
        found is not None
        and found[0].kind == "gene"
        and found[0].genes[0].score >= reader.k.config.threshold
    )
