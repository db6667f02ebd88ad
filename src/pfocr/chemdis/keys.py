"""Lookup keys for chemical and disease names: one form for every way a name is printed."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["exact_key", "fold_key"]

_DASHES = str.maketrans({"−": "-", "–": "-", "—": "-", "‐": "-", "‑": "-", "⁻": "-", "⁺": "+"})
_CHARGE = re.compile(r"[+-]+$")
_NOT_NAME = re.compile(r"[^0-9A-Za-zα-ωΑ-Ω•]+")
_GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ω": "omega", "κ": "kappa"}


def _key(text: str, *, fold: bool) -> str:
    text = " ".join(unicodedata.normalize("NFKC", text).translate(_DASHES).split())
    if fold:
        text = text.casefold()
    charge = _CHARGE.search(text)
    sign = ""
    if charge and charge.start() > 0:
        sign, text = charge.group(), text[: charge.start()]
    body = _NOT_NAME.sub("", text)
    if fold:
        for letter, name in _GREEK.items():
            body = body.replace(letter, name)
    return body + sign if body else ""


def fold_key(text: str) -> str:
    """The case-, space- and punctuation-insensitive key of a name; a trailing charge sign
    is kept (``Ca2+``, ``Ca 2+`` and ``CA2+`` share ``ca2+``; ``Cl-`` is ``cl-``).

    :param text: the name as printed or listed
    :returns: the key (empty when nothing is left)
    """
    return _key(text, fold=True)


def exact_key(text: str) -> str:
    """The key of a case-sensitive abbreviation (``NO`` is nitric oxide, ``no`` is not):
    punctuation and spaces aside, as printed.

    :param text: the name
    :returns: the key
    """
    return _key(text, fold=False)
