"""OCR slips in gene labels: one character read as a look-alike, or a leading I lost.

``TLRO`` for TLR9, ``CDKG`` for CDK6, ``MIP-18`` for MIP-1β, ``TGB1`` for ITGB1: one
edit away from what was read. The functions here only propose readings. The recogniser
accepts one only with support (issue 3: "edit distance 1 plus context, never fuzzy matching
everything"): the reading must name a gene as it stands (no second OCR fix on top),
that gene must belong to a family or group that other accepted genes of the same
figure belong to, and it must be the only such reading.

A lost slash (``MKK36`` for MKK3/6) was tried and dropped: on the WikiPathways renders
it split real names the lexicon lacks (IL35, mouse Cxcl15, ATG16) more often than it
repaired a list.
"""

from __future__ import annotations

import re

__all__ = [
    "END_CONFUSIONS",
    "INNER_CONFUSIONS",
    "UPPER_INNER_CONFUSIONS",
    "end_slips",
    "inner_slips",
    "lead_slips",
]

#: What a character at the end of a label may have been, most likely first.
END_CONFUSIONS: dict[str, str] = {
    "S": "58",
    "O": "09",
    "o": "09",
    "G": "6",
    "B": "8",
    "Z": "2",
    "g": "9",
    "q": "9",
    "l": "1",
}
#: What a lower-case letter inside a small lower-case label may have been: c's opening
#: closes in blurred print (``ocnd1`` for ccnd1, ``bire2`` for birc2, ``cel2`` for ccl2).
INNER_CONFUSIONS: dict[str, str] = {"o": "c", "e": "c"}
#: What an upper-case I or 1 inside an upper-case label may have been.
UPPER_INNER_CONFUSIONS: dict[str, str] = {"1": "I", "I": "1"}
# a stem of at least two letters (hyphen allowed: IL-S), then the slipped character
_END = re.compile(r"^(?P<stem>[A-Za-z][A-Za-z0-9]*-?)(?P<ch>[SOoGBZgql])$")
# β read as 8 after a hyphenated 1 (MIP-18 for MIP-1β)
_EIGHT_BETA = re.compile(r"^(?P<stem>[A-Za-z]{2,}-1)8$")


def end_slips(text: str) -> list[str]:
    """Readings of a label whose last character the OCR may have misread.

    :param text: a cleaned label
    :returns: candidate readings, most likely first (empty when none applies)
    """
    out: list[str] = []
    m = _END.match(text)
    # a small l after a two-letter stem is a word or a metal ("Cal" for Ca2+), not CA1
    letters = 3 if m and m.group("ch") == "l" else 2
    if m and sum(ch.isalpha() for ch in m.group("stem")) >= letters:
        out.extend(m.group("stem") + digit for digit in END_CONFUSIONS[m.group("ch")])
    b = _EIGHT_BETA.match(text)
    if b:
        out.append(b.group("stem") + "β")
    return out


def inner_slips(text: str) -> list[str]:
    """Readings of a lower-case gene label (zebrafish and mouse style, ``ccnd1``) with one
    letter read as a look-alike, anywhere in the label (:data:`INNER_CONFUSIONS`).

    :param text: a cleaned label
    :returns: candidate readings (empty unless the label has a digit and one case)
    """
    if not any(ch.isdigit() for ch in text):
        return []
    if re.fullmatch(r"[a-z][a-z0-9]{2,9}", text):
        return [
            text[:i] + INNER_CONFUSIONS[ch] + text[i + 1 :]
            for i, ch in enumerate(text)
            if ch in INNER_CONFUSIONS
        ]
    if re.fullmatch(r"[A-Z][A-Z0-9]{2,9}", text):
        # upper case: I and 1 inside a label (IF116 for IFI16, GIP2 for G1P2); the first
        # and last characters are the lead and end slips' and the Roman numerals' business
        return [
            text[:i] + UPPER_INNER_CONFUSIONS[ch] + text[i + 1 :]
            for i, ch in enumerate(text)
            if 0 < i < len(text) - 1 and ch in UPPER_INNER_CONFUSIONS
        ]
    return []


def lead_slips(text: str) -> list[str]:
    """Readings of an upper-case label that lost a leading ``I``: the thin stroke merges
    with a box's border or vanishes in small type (``TGB1`` for ITGB1, ``RAK1`` for
    IRAK1, ``L18`` for IL18).

    :param text: a cleaned label
    :returns: the reading with the ``I`` back (empty unless the label is upper case and
        ends in a digit)
    """
    if not re.fullmatch(r"[A-Z][A-Z-]*[0-9]{1,2}[A-Z]?", text) or text.startswith("I"):
        return []
    return ["I" + text]
