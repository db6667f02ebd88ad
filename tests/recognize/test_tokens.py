"""Cleaning OCR tokens and the lookup variants they produce."""

from __future__ import annotations

import pytest

from pfocr.recognize.tokens import clean_token, fix_ocr_case, is_ion, is_noise, variants


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("(TRAF3)", "TRAF3"),
        ("AChE)", "AChE"),
        ("IRF3,", "IRF3"),
        ("+Tip60", "Tip60"),
        ("NF-κB.", "NF-κB"),
        ("“STAT1”", "STAT1"),
        ("-", ""),
    ],
)
def test_clean_token(raw: str, clean: str) -> None:
    assert clean_token(raw) == clean


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("elF4E", "eIF4E"),  # l between lower and upper case is an I
        ("lL-6", "IL-6"),
        ("lkB", "IkB"),
        ("TRlM25", "TRIM25"),
        ("Angll", "AngII"),  # trailing ll is a Roman numeral
        ("S0CS1", "SOCS1"),
        ("Bcl2", "Bcl2"),
        ("Smad2", "Smad2"),
        ("Il6", "Il6"),  # mouse style: left alone
        ("PIk1", "Plk1"),  # an I after the capital of a numbered title-case name is an l
        ("AIs", "AIs"),  # ... not in a plural abbreviation
        ("PIAS1", "PIAS1"),
    ],
)
def test_fix_ocr_case(text: str, fixed: str) -> None:
    assert fix_ocr_case(text) == fixed


def _transforms(text: str) -> dict[str, str]:
    return {v.key: v.transform for v in variants(text)}


def test_variants_greek_initial_and_plain_first() -> None:
    vs = variants("IκBα")
    assert vs[0].key == "ikappabalpha" and vs[0].transform == ""
    assert _transforms("IκBα")["ikba"] == "greek-initial"


def test_variants_phospho_and_modification() -> None:
    assert _transforms("p-STAT3")["stat3"] == "phospho"
    assert _transforms("pERK")["erk"] == "phospho"
    assert "53" not in _transforms("p53")  # p53 is a name, not phospho-53
    assert _transforms("IRF3-P")["irf3"] == "modification"
    assert _transforms("XBP1s")["xbp1"] == "modification"
    assert _transforms("AKT(S473)")["akt"] == "modification"
    # a glued P only after a numbered upper-case symbol: dCTP, Cer1P are metabolites
    assert _transforms("STAT3P")["stat3"] == "modification"
    assert "dct" not in _transforms("dCTP") and "cer1" not in _transforms("Cer1P")


def test_variants_ocr_greek_and_roman() -> None:
    assert _transforms("IKKY")["ikkgamma"] == "ocr-greek"
    assert _transforms("IxBα")["ikappabalpha"] == "ocr-greek"
    assert _transforms("TGFβRII")["tgfbetar2"] == "roman"
    assert _transforms("IRE1α")["ire1"] == "drop-greek"
    assert _transforms("tBid")["bid"] == "prefix"
    # a Latin letter after a hyphenated number stands for the Greek one (MIP-1α read "MIP-1a")
    assert _transforms("MIP-1a")["mip1alpha"] == "ocr-greek"
    assert _transforms("MIP-1b")["mip1beta"] == "ocr-greek"
    assert _transforms("eIF2a")["eif2alpha"] == "ocr-greek"
    assert "ikkgamma" not in _transforms("IKK-1y")  # only after the number


def test_variants_can_skip_ocr_fixes() -> None:
    assert "ikkgamma" not in {v.key for v in variants("IKKY", ocr_fixes=False)}


@pytest.mark.parametrize(
    "text", ["Ca2+", "K+", "Zn2+", "Cl-", "Ca2", "[Ca2]i", "Fe3", "Ca(2+", "Mg(2+)", "K(+)"]
)
def test_ions(text: str) -> None:
    assert is_ion(text)


@pytest.mark.parametrize("text", ["CA2", "CA2A", "MG2", "CASP2"])
def test_not_ions(text: str) -> None:
    assert not is_ion(text)


@pytest.mark.parametrize(
    ("text", "noise"),
    [
        ("1.8.1.13", True),
        ("12", True),
        ("p53", False),
        ("C16:0", True),  # a fatty acyl chain, not the C16 alias of POLR3A
        ("CoA(18:1)", True),
        ("C16", False),
    ],
)
def test_noise(text: str, noise: bool) -> None:
    assert is_noise(text) is noise
