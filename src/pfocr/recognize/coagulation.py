"""Coagulation factors written as Roman numerals (``X``, ``Xa``, ``FVIIa``, ``Factor IXa``).

The coagulation cascade is drawn with the factors' classical numbers, not their gene
symbols. A bare numeral names a factor only in a figure about coagulation, known from
its words (thrombin, fibrinogen, ...) in the image or the caption; ``F`` + numeral + ``a``
(``FXa``, ``FVIIa``) is the activated factor's own notation and needs no more. Factor I
(fibrinogen, three genes), IV (calcium) and XIII (a tetramer of F13A1 and F13B) are not
single genes and are never read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["COAGULATION_WORDS", "FACTOR_GENES", "coagulation_context", "factor_symbol"]

#: The gene of each numbered factor that is one gene.
FACTOR_GENES: dict[str, str] = {
    "II": "F2",
    "III": "F3",
    "V": "F5",
    "VII": "F7",
    "VIII": "F8",
    "IX": "F9",
    "X": "F10",
    "XI": "F11",
    "XII": "F12",
}
#: Words (as lookup keys) that say a figure is about coagulation.
COAGULATION_WORDS = frozenset(
    {
        "thrombin",
        "prothrombin",
        "fibrinogen",
        "fibrin",
        "coagulation",
        "clotting",
        "clot",
        "tissuefactor",
        "prothrombinase",
        "tenase",
        "antithrombin",
        "kallikrein",
        "prekallikrein",
        "plasminogen",
        "vonwillebrandfactor",
        "thrombomodulin",
    }
)
_FACTOR = re.compile(
    r"^(?P<f>F|Factor|factor|FACTOR)?-?(?P<roman>XIII|XII|XI|IX|X|VIII|VII|V|III|II)(?P<a>a)?$"
)


def coagulation_context(keys: Iterable[str], minimum: int = 2) -> bool:
    """Say whether a figure is about coagulation.

    :param keys: lookup keys of the figure's words and caption
    :param minimum: how many different coagulation words must appear
    :returns: True when at least ``minimum`` of :data:`COAGULATION_WORDS` appear
    """
    return len(COAGULATION_WORDS.intersection(keys)) >= minimum


def factor_symbol(text: str, in_context: bool) -> str | None:
    """The gene a factor label names.

    :param text: a cleaned label (``Xa``, ``FVIIa``, ``Factor IX`` with the space removed)
    :param in_context: the figure is about coagulation
    :returns: the HGNC symbol, or None when the label is not a factor here
    """
    m = _FACTOR.match(text)
    if m is None:
        return None
    if not in_context and not (m.group("f") == "F" and m.group("a")):
        return None
    return FACTOR_GENES.get(m.group("roman"))
