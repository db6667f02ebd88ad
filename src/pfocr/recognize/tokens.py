"""Cleaning OCR tokens and generating lookup variants, each tagged with its transform.

Unlike gilda's lookups, every variant records how it was made, so the scorer can
trust an exact match more than a match reached through an OCR-confusion fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pfocr.lexicon.normalize import (
    fold_homoglyphs,
    greek_to_initial,
    has_greek,
    norm_key,
)

__all__ = [
    "Variant",
    "clean_token",
    "fix_ocr_case",
    "is_ion",
    "is_ion_concentration",
    "is_noise",
    "variants",
]

# punctuation and arrows that frame a label but are not part of it ("proteins↑")
_FRAME = "()[]{}<>,;:!?\"'*#†‡§•·“”‘’|=~^`←→↑↓↔⇐⇒⇑⇓⟵⟶➝➞►◄▲▼▶◀"
# the charge may be bracketed, as ChEBI and WikiPathways write it: Ca(2+), K(+)
_ION = re.compile(
    r"^(Ca|Mg|Zn|Na|K|H|Fe|Cu|Mn|Cl|Co|Ni|Cd|Hg|Pb|Li|Se|I)(?:\d?[+-]+|\(\d?[+-]+\)?)$"
)
# Ca²⁺ read without its charge ("Ca²", "Ca2", "[Ca2]i"): a metal with a valence, title case
_BARE_ION = re.compile(r"^(Ca|Mg|Zn|Fe|Cu|Mn|Co|Ni|Cd|Hg|Pb)[23][+]?\]?[io]?$")
# [Ca2+]i with its charge misread: a metal, a digit and the closing square bracket
_BRACKET_ION = re.compile(r"^\[?(Ca|Mg|Zn|Na|K|Fe|Cu|Mn|Cl)\d?[+]?\][io]?$")
# no letters; a Roman numeral; a fatty acyl chain (C16:0, CoA(18:1)); an acyl-CoA
_NOISE = re.compile(
    r"^[\W\d_]*$|^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3}|X)[a-z]?$|^(?:C|CoA\(?)\d{1,2}:\d{1,2}\)?$"
    r"|^.{3,}-CoA$"
)
_PHOSPHO = re.compile(r"^(?:p-|P-|p(?=[A-Z]{2}))(?P<rest>.+)$")
# other prefixes of a gene product: truncated (tBid), pro-forms, gamma-H2AX, soluble or
# spliced forms of a numbered symbol (sIL-6R, sFlt-1, sXBP1), an unspliced one (uXBP1;
# not ubiquitinated uH2A)
_PREFIX = re.compile(
    r"^(?:t(?=[A-Z][a-z])|pro-|Pro-|γ-?(?=[A-Z])|s(?=[A-Z][A-Za-z-]*\d)|u(?=[A-Z][A-Z]*\d$))"
    r"(?P<rest>.+)$"
)
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}
# a lone V is not read as 5: a name ending in V is a virus (CDV, MCMV), not CD5 or MCM5
_ROMAN_END = re.compile(r"^(?P<stem>.*?[a-zA-Zα-ω])(?<![IV])(?P<roman>IV|I{1,3})$")
_GREEK_END = re.compile(r"^(?P<stem>.*[A-Za-z0-9])[α-ω]$")
# modification suffixes: IRF3-P, STAT3P, AKT-Ub, AKT(S473), ERK(T202/Y204), mRNA marks,
# spliced/unspliced forms (XBP1s, XBP1u)
_SUFFIX = re.compile(
    r"^(?P<stem>.+?)(?:-?P|-p|-Ub|-ub|\((?:[STY]\d+[^)]*|p|P|Ub|ub)\)|-?mRNA|-?\(?\d+\)?kDa"
    r"|(?<=\d)[su])$"
)
# a number after a hyphen or a capital, ending a label read so far ("MIP-1" of "MIP-1a",
# "eIF2" of "eIF2a")
_NUMBER_END = re.compile(r"(?:[A-Za-z]-|[A-Z])\d{1,2}$")
# OCR readings of Greek letters at the end of a label (IKKY -> IKKγ, IxBα -> IκBα)
_OCR_GREEK_END = {"y": "γ", "Y": "γ", "a": "α", "B": "β", "b": "β", "8": "β", "k": "κ"}


@dataclass(frozen=True)
class Variant:
    """A lookup key for a text, with the transforms that produced it."""

    key: str
    text: str
    transform: str  # "" for the plain normalisation, else e.g. "greek-initial", "phospho"


def fix_ocr_case(text: str) -> str:
    """Fix OCR's l/I and 0/O confusions where the letter case around them leaves no doubt.

    A lower-case ``l`` between a lower-case and an upper-case letter (``elF4E``), at the
    start before capitals (``lL-6``) or inside a run of capitals (``TRlM25``) is an
    ``I``; a run of ``l``/``I`` ending a label is a Roman numeral (``Angll``); a zero
    between capitals is an ``O`` (``S0CS1``); an ``I`` after the capital of a
    title-case name is an ``l`` (``PIk1``).

    :param text: cleaned text
    :returns: the fixed text
    """
    text = re.sub(r"(?<=[a-z])l(?=[A-Z])", "I", text)
    text = re.sub(r"^l(?=[A-Z]|[a-zκ][A-Z])", "I", text)
    text = re.sub(r"(?<=[A-Z]{2})l(?=[A-Z0-9])", "I", text)
    if re.fullmatch(r"[A-Z]I[a-z]+\d+", text):
        # a numbered title-case name whose l was read as I (Plk1 read "PIk1"; "AIs" is
        # a plural)
        text = text[0] + "l" + text[2:]
    if any(ch.isupper() for ch in text[:-3]):  # "all" stays a word; "Angll" is AngII
        text = re.sub(r"(?<=[A-Za-z])[lI]{2,3}$", lambda m: "I" * len(m.group()), text)
    return re.sub(r"(?<=[A-Z])0(?=[A-Z])", "O", text)


def clean_token(text: str) -> str:
    """Strip framing punctuation and fold homoglyphs.

    :param text: an OCR word or span
    :returns: the cleaned text ("" when nothing is left)
    """
    # "^" marks superscripts in some exports (Ca^2+)
    text = fold_homoglyphs(text).strip().replace("^", "")
    # balanced or unbalanced brackets and stray punctuation around a label
    text = text.strip(_FRAME + " ")
    # a trailing dot or hyphen is punctuation (a hyphen at the end means a line break)
    text = text.rstrip(".-").lstrip("-.+")
    if text.endswith("+") and not is_ion(text):
        text = text.rstrip("+")  # "MED12+" in an "A+B+C" list; ions keep their charge
    return text


def is_ion(text: str) -> bool:
    """Say whether a token is an ion (Ca2+, K+), which must not read as a gene (CA2).

    :param text: cleaned text
    :returns: True for ions
    """
    return bool(_ION.match(text) or _BARE_ION.match(text.lstrip("[")))


def is_ion_concentration(seen: str) -> bool:
    """Say whether a label as printed is an ion concentration, ``[Ca2+]i`` read with
    any digit (``Ca4]``): a metal in square brackets, never a gene (CA4).

    :param seen: the label as the OCR read it
    :returns: True for a bracketed metal
    """
    return bool(_BRACKET_ION.match(seen.strip()))


def is_noise(text: str) -> bool:
    """Say whether a token has no letters (numbers, EC numbers, punctuation).

    :param text: cleaned text
    :returns: True when it cannot name a gene
    """
    return bool(_NOISE.match(text))


def _add(out: dict[str, Variant], text: str, transform: str) -> None:
    key = norm_key(text)
    if key and key not in out:
        out[key] = Variant(key, text, transform)


def variants(text: str, *, ocr_fixes: bool = True) -> list[Variant]:
    """Return the lookup variants of a cleaned text, plain first.

    :param text: cleaned text
    :param ocr_fixes: also try OCR-confusion fixes of Greek letters
    :returns: variants with distinct keys
    """
    out: dict[str, Variant] = {}

    def add(variant: str, transform: str, plain: bool = False) -> None:
        # each reading also in the other Greek convention (IκBα and IkBa)
        _add(out, variant, transform)
        folded = fold_homoglyphs(variant)
        if has_greek(folded):
            greek = "greek-initial" if plain else f"{transform}+greek-initial"
            _add(out, greek_to_initial(folded), greek)

    fixed_case = fix_ocr_case(text) if ocr_fixes else text
    if fixed_case != text:
        # the letter case leaves no doubt: the fixed text is the plain reading
        add(fixed_case, "ocr-case", plain=True)
        if not text.startswith("elF"):
            # the text as read stays a reading (RelA is not "ReIA"), except the
            # translation factors: "elF2" is eIF2, never ELF2
            _add(out, text, "ocr-raw")
    else:
        add(text, "", plain=True)
    text = fixed_case
    r = _ROMAN_END.match(text)
    # a stem of three characters at least: "ENI", "NFI", "TKI" are not EN1, NF1, TK1
    if r and len(r.group("stem")) >= 3:
        add(r.group("stem") + _ROMAN[r.group("roman")], "roman")
    for pattern, group, transform in (
        (_PREFIX, "rest", "prefix"),
        (_PHOSPHO, "rest", "phospho"),
        (_SUFFIX, "stem", "modification"),
    ):
        found = pattern.match(text)
        if found and len(found.group(group)) >= 2:
            stem = found.group(group)
            glued_p = transform == "modification" and text.endswith("P") and text[-2] != "-"
            # a glued P marks a phosphorylated protein only after a numbered upper-case
            # symbol (STAT3P); dCTP and Cer1P are metabolites
            if glued_p and (not stem[-1].isdigit() or stem != stem.upper()):
                continue
            add(stem, transform)
    g = _GREEK_END.match(text)
    if g and len(g.group("stem")) >= 3:
        _add(out, g.group("stem"), "drop-greek")
    if ocr_fixes and len(text) >= 3:
        last = text[-1]
        if last in _OCR_GREEK_END and text[-2].isalpha() and text[-2].isupper():
            add(text[:-1] + _OCR_GREEK_END[last], "ocr-greek")
        elif last in "abgy" and _NUMBER_END.search(text[:-1]):
            # MIP-1a, PGC-1a, eIF2a: a Latin letter after a number is a Greek one
            add(text[:-1] + _OCR_GREEK_END[last if last != "g" else "y"], "ocr-greek")
        if "x" in text[1:3] and text[0] in "Ii":
            # IxBα: κ read as x
            add(text[0] + text[1:3].replace("x", "κ") + text[3:], "ocr-greek")
    return list(out.values())
