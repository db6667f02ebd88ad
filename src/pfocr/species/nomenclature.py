"""Whose gene nomenclature a figure's labels follow.

Gene symbols are written differently per organism: human ``STAT1``, mouse and rat
``Stat1`` (a capital, then lower case), worm ``daf-16`` (three or four lower-case letters,
a hyphen, a number), budding yeast proteins ``Ste5p`` (a gene name and ``p``). Counted
over the figure's OCR words and its caption, these are evidence of the host. A label in
mouse style is only counted when the same letters in upper case are an approved human
symbol with a digit (``Stat1`` is STAT1); a worm-style name only when its letters are no
English word (``type-1``, ``step-2``) and no microRNA prefix (``mir-21``, ``let-7``), and
when the whole token is worm names (``ire-1-xbp-1``, not ``2-amino-3-carboxy``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from wordfreq import zipf_frequency

__all__ = ["Nomenclature", "read_nomenclature"]

_WORM = re.compile(r"([a-z]{3,4})-\d{1,3}")
# a whole token of worm names (``ire-1-xbp-1``), not a chemical name's locants
# (``2-amino-3-carboxy``, OCR's ``mino-3-carbox``)
_WORM_TOKEN = re.compile(r"^[a-z]{3,4}-\d{1,3}(?:-[a-z]{3,4}-\d{1,3})*$")
_TOKEN = re.compile(r"(?<![\w-])[\w-]+(?![\w-])")
# microRNA prefixes, and Greek letters (``zeta-2``, ``beta-1`` are subunits)
_NOT_WORM = frozenset(
    {"mir", "let", "lnc", "hsa", "mmu", "rno", "circ", "beta", "zeta", "iota", "kappa", "alfa"}
)
_ENGLISH = 4.0
_YEAST_PROTEIN = re.compile(r"^[A-Z][a-z]{2}\d{1,2}p$")
_MOUSE = re.compile(r"^[A-Z][a-z]{1,5}\d{1,2}[a-z]?$")
_HUMAN = re.compile(r"^[A-Z]{2,6}\d{1,2}[A-Z]?$")


@dataclass(frozen=True)
class Nomenclature:
    """Distinct labels in each organism's style."""

    human: int = 0
    mouse: int = 0
    worm: int = 0
    yeast: int = 0


def _worm_names(text: str) -> set[str]:
    return {
        m.group(0)
        for token in _TOKEN.findall(text)
        if _WORM_TOKEN.match(token)
        for m in _WORM.finditer(token)
        if m.group(1) not in _NOT_WORM and zipf_frequency(m.group(1), "en") < _ENGLISH
    }


def read_nomenclature(
    words: Iterable[str], symbols: Collection[str], caption: str | None = None
) -> Nomenclature:
    """Count the distinct labels written in each organism's style.

    :param words: the figure's OCR words
    :param symbols: approved human symbols (mouse and human styles must name one)
    :param caption: the caption, whose gene names count too
    :returns: the counts
    """
    tokens = list(words) + (caption or "").split()
    human: set[str] = set()
    mouse: set[str] = set()
    yeast: set[str] = set()
    for raw in tokens:
        word = raw.strip(".,;:()[]")
        if _YEAST_PROTEIN.match(word):
            yeast.add(word)
        elif _MOUSE.match(word) and word.upper() in symbols:
            mouse.add(word.upper())
        elif _HUMAN.match(word) and word in symbols:
            human.add(word)
    worm = _worm_names(" ".join(tokens))
    return Nomenclature(len(human), len(mouse), len(worm), len(yeast))
