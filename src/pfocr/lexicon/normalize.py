"""Small pure text normalisers shared by the lexicon and recognition.

The lexicon stores every term under :func:`norm_key`; recognition looks OCR text up
under the same key, so both sides normalise identically. Each function does one thing
and has tabled tests (as gilda's ``process.py`` does).
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "GREEK_INITIAL",
    "GREEK_NAMES",
    "fold_homoglyphs",
    "greek_to_initial",
    "greek_to_names",
    "has_greek",
    "norm_key",
    "strip_separators",
]

#: Lower-case Greek letters and their spelled-out names (as HGNC aliases write them).
GREEK_NAMES: dict[str, str] = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "ς": "sigma",
    "τ": "tau",
    "υ": "upsilon",
    "φ": "phi",
    "ϕ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
}

#: Greek letters written as one Latin letter, the other common convention (IκBα = IKBA).
GREEK_INITIAL: dict[str, str] = {
    "α": "a",
    "β": "b",
    "γ": "g",
    "δ": "d",
    "ε": "e",
    "ζ": "z",
    "η": "h",
    "θ": "q",
    "ι": "i",
    "κ": "k",
    "λ": "l",
    "μ": "m",
    "ν": "n",
    "ξ": "x",
    "π": "p",
    "ρ": "r",
    "σ": "s",
    "ς": "s",
    "τ": "t",
    "υ": "u",
    "φ": "f",
    "ϕ": "f",
    "χ": "c",
    "ψ": "y",
    "ω": "w",
}

# Letters of other scripts that OCR and authors use in place of Latin ones. Greek
# capitals that look Latin are folded too: "IKKΒ" in a label is never meant as Greek.
_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
        "І": "I",
        "Ј": "J",
        "Ѕ": "S",
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        # Greek capitals with Latin twins
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Ζ": "Z",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
        # Greek lower-case look-alikes that are really Latin in labels
        "ο": "o",
        # dashes and minus signs to ASCII hyphen
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "﹣": "-",
        "－": "-",
        # other look-alikes
        "ı": "i",
        "ℓ": "l",
        "ß": "β",  # German sharp s is what OCR and fonts give for a beta
        "ɑ": "α",
        "∝": "α",
        "ᵦ": "β",
        "ꞵ": "β",
        "Ɣ": "γ",
        "ɣ": "γ",
        "ℽ": "γ",
        "ϰ": "κ",
        "ĸ": "κ",
    }
)

# everything but letters, digits and "+" (Ca2+ is calcium, CA2 a gene) is a separator
_SEPARATORS = re.compile(r"[^\w+]+|_+")


def fold_homoglyphs(text: str) -> str:
    """Apply NFKC and replace look-alike letters of other scripts with Latin or Greek ones.

    :param text: raw text
    :returns: the folded text (Greek lower-case letters are kept)
    """
    text = unicodedata.normalize("NFKC", text)
    # NFKC maps the micro sign to Greek mu; keep that
    return text.translate(_HOMOGLYPHS)


def has_greek(text: str) -> bool:
    """Say whether the text contains a Greek letter that carries meaning.

    :param text: folded text
    :returns: True when a lower-case Greek letter is present
    """
    return any(ch in GREEK_NAMES for ch in text)


def greek_to_names(text: str) -> str:
    """Spell Greek letters out (``IκBα`` -> ``IkappaBalpha``).

    :param text: folded text
    :returns: text with Greek letters spelled out
    """
    return "".join(GREEK_NAMES.get(ch, ch) for ch in text)


def greek_to_initial(text: str) -> str:
    """Write Greek letters as one Latin letter (``IκBα`` -> ``IkBa``).

    :param text: folded text
    :returns: text with Greek letters as Latin initials
    """
    return "".join(GREEK_INITIAL.get(ch, ch) for ch in text)


def strip_separators(text: str) -> str:
    """Drop hyphens, spaces, dots, slashes and other punctuation used inside names.

    :param text: text
    :returns: text without separators
    """
    return _SEPARATORS.sub("", text)


@functools.lru_cache(maxsize=1 << 17)
def norm_key(text: str) -> str:
    """Return the lookup key of a term: folded, Greek spelled out, no separators, casefolded.

    Cached: a figure looks the same words up under many variants and in many passes.

    ``NF-κB``, ``NF-kappaB`` and ``NFkappa B`` share the key ``nfkappab``.

    :param text: a term or OCR text
    :returns: the key
    """
    return strip_separators(greek_to_names(fold_homoglyphs(text))).casefold()
