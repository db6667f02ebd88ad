"""Tabled cases of the text normalisers."""

from __future__ import annotations

import pytest

from pfocr.lexicon.normalize import (
    fold_homoglyphs,
    greek_to_initial,
    greek_to_names,
    norm_key,
    strip_separators,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("NF-κB", "nfkappab"),
        ("NF-kappaB", "nfkappab"),
        ("NFkappa B", "nfkappab"),
        ("IκBα", "ikappabalpha"),
        ("TNF‐α", "tnfalpha"),  # U+2010 hyphen
        ("TNF−α", "tnfalpha"),  # minus sign
        ("IL_6", "il6"),
        ("IL 6", "il6"),
        ("Ca2+", "ca2+"),  # the charge keeps calcium apart from the CA2 gene
        ("CA2", "ca2"),
        ("ТNF", "tnf"),  # Cyrillic Т
        ("ΙΚΚ", "ikk"),  # Greek capitals that look Latin
        ("PI3K", "pi3k"),
        ("p110δ", "p110delta"),
        ("IFN-ß", "ifnbeta"),  # German sharp s standing for beta
        ("µ-opioid", "muopioid"),  # micro sign
        ("nuclear factor, alpha (p38)", "nuclearfactoralphap38"),
        ("", ""),
    ],
)
def test_norm_key(text: str, key: str) -> None:
    assert norm_key(text) == key


@pytest.mark.parametrize(
    ("text", "names", "initial"),
    [
        ("IκBα", "IkappaBalpha", "IkBa"),
        ("IKKγ", "IKKgamma", "IKKg"),
        ("PKCζ", "PKCzeta", "PKCz"),
        ("TGF-β1", "TGF-beta1", "TGF-b1"),
        ("plain", "plain", "plain"),
    ],
)
def test_greek(text: str, names: str, initial: str) -> None:
    assert greek_to_names(text) == names
    assert greek_to_initial(text) == initial


def test_fold_keeps_greek_lowercase_and_folds_cyrillic() -> None:
    assert fold_homoglyphs("Аκt") == "Aκt"
    assert fold_homoglyphs("ﬁ") == "fi"  # NFKC ligature


def test_strip_separators() -> None:
    assert strip_separators("HLA-DR B1/2 (x)") == "HLADRB12x"
