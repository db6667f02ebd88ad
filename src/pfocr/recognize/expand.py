"""Expansions of compact label notations: ``cIAP1/2``, ``IKKα/β``, ``TLR1,2,5``, ``FGF1-23``.

An expansion only rewrites the notation; whether each part names a gene is decided by
lookup and scoring like any other text, and families are never expanded here.
"""

from __future__ import annotations

import re

from pfocr.lexicon.normalize import GREEK_NAMES

__all__ = ["MAX_RANGE", "expand_integrin", "expand_list", "expand_range"]

#: Longest numeric range expanded (``FGF1-23`` is 23 genes; ``X1-200`` is not a label).
MAX_RANGE = 30

_SPLIT = re.compile(r"\s*[/,]\s*|\s*&\s*|(?<=[A-Za-z0-9])\+(?=[A-Za-z])")
# Latin letters OCR gives for Greek ones at the end of the first part (IFN-a/β)
_LATIN_GREEK = {"a": "α", "b": "β", "g": "γ", "k": "κ", "d": "δ", "e": "ε"}
_DIGITS_END = re.compile(r"^(?P<stem>.*?[A-Za-z\-α-ω])(?P<num>\d+)(?P<tail>[A-Za-z]?)$")
_GREEK = "".join(GREEK_NAMES)
_GREEK_END = re.compile(rf"^(?P<stem>.*?[A-Za-z\-])(?P<g>[{_GREEK}][A-Za-z0-9]{{0,3}})$")
_RANGE = re.compile(r"^(?P<stem>[A-Za-z][A-Za-z\-]*?[A-Za-z]-?)(?P<a>\d+)\s*[-–]\s*(?P<b>\d+)$")
_INTEGRIN = re.compile(r"^(?:[Ii]ntegrin\s*)?α(?P<a>[A-Za-z0-9]{1,4})β(?P<b>\d{1,2})$")
_NUM_PREFIX = re.compile(r"^(?P<num>\d+)(?P<sep>-?)(?P<rest>[A-Za-z].*)$")


def _is_suffix(part: str) -> bool:
    """A part that continues the first one rather than naming something on its own."""
    if re.fullmatch(r"\d{1,2}[A-Za-z]?", part):
        return True
    if re.fullmatch(rf"[{_GREEK}][A-Za-z0-9]{{0,3}}", part):
        return True
    return bool(re.fullmatch(r"[A-Z]", part))


def expand_list(text: str) -> list[str]:
    """Expand a slash- or comma-separated label into its parts.

    ``cIAP1/2`` -> ``cIAP1, cIAP2``; ``IKKα/β`` -> ``IKKα, IKKβ``; ``TLR1,2,5`` ->
    ``TLR1, TLR2, TLR5``; ``p52/RelB`` -> ``p52, RelB``; ``12/15-LOX`` -> ``12-LOX,
    15-LOX``. A text without separators gives ``[]``.

    :param text: a cleaned label
    :returns: the expanded parts (empty when the text is not a list)
    """
    if re.search(r"\([^)]*[,/]", text):
        return []  # chemical notation: Ins(1,4,5)P3, PI(3,4,5)P3
    parts = [p for p in _SPLIT.split(text) if p]
    if len(parts) < 2:
        return []
    # number-first lists: 12/15-LOX
    last = _NUM_PREFIX.match(parts[-1])
    if last and all(p.isdigit() for p in parts[:-1]):
        sep, rest = last.group("sep"), last.group("rest")
        return [f"{p}{sep}{rest}" for p in parts[:-1]] + [parts[-1]]
    first = parts[0]
    out = [first]
    for part in parts[1:]:
        if not _is_suffix(part):
            out.append(part)
            continue
        if part[0].isdigit():
            m = _DIGITS_END.match(first)
            out.append(m.group("stem") + part if m else part)
        elif part[0] in GREEK_NAMES:
            g = _GREEK_END.match(first)
            if g is None and first[-1:] in _LATIN_GREEK and len(first) >= 3:
                first = first[:-1] + _LATIN_GREEK[first[-1]]
                out[0] = first
                g = _GREEK_END.match(first)
            out.append(g.group("stem") + part if g else part)
        else:
            # single capital letter: MKK3/6 style does not apply; HLA-A/B style does
            m = re.match(r"^(?P<stem>.*[\-])[A-Z]$", first) or re.match(
                r"^(?P<stem>.*?)[A-Z]$", first
            )
            out.append(m.group("stem") + part if m and m.group("stem") else part)
    return out


def expand_range(text: str) -> list[str]:
    """Expand a numeric range label (``FGF1-23`` -> ``FGF1 ... FGF23``).

    :param text: a cleaned label
    :returns: the members of the range (empty when the text is not a range)
    """
    m = _RANGE.match(text)
    if not m:
        return []
    a, b = int(m.group("a")), int(m.group("b"))
    if not (a < b and b - a < MAX_RANGE):
        return []
    stem = m.group("stem")
    return [f"{stem}{i}" for i in range(a, b + 1)]


def expand_integrin(text: str) -> list[str]:
    """Expand an integrin heterodimer (``αvβ3`` -> ``ITGAV, ITGB3``; ``α4β1``, ``αIIbβ3``).

    :param text: a cleaned label
    :returns: the two subunit symbols (empty when the text is not an integrin)
    """
    m = _INTEGRIN.match(text.replace(" ", ""))
    if not m:
        return []
    alpha = m.group("a")
    roman = re.fullmatch(r"(IV|I{1,3})([a-z]?)", alpha)
    if roman:  # αIIb is ITGA2B
        alpha = str({"I": 1, "II": 2, "III": 3, "IV": 4}[roman.group(1)]) + roman.group(2)
    return [f"ITGA{alpha.upper()}", f"ITGB{m.group('b')}"]
