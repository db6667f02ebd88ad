"""OCR slips: one look-alike character or a lost slash, read back only with support."""

from __future__ import annotations

import pytest
from tests.recognize.test_recognizer import genes, run

from pfocr.recognize import Recognizer
from pfocr.recognize.slips import end_slips, inner_slips, lead_slips


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("TLRO", ["TLR0", "TLR9"]),
        ("CDKG", ["CDK6"]),
        ("IL-S", ["IL-5", "IL-8"]),
        ("MIP-18", ["MIP-1β"]),
        ("TLR4", []),
        ("OS", []),  # a stem needs two letters
        ("Jakl", ["Jak1"]),  # a closing 1 read as a small l
        ("Cal", []),  # ... after a stem of three letters (Ca2+ is no CA1)
    ],
)
def test_end_slips(text: str, readings: list[str]) -> None:
    assert end_slips(text) == readings


def test_end_slip_needs_a_confident_family_member(recognizer: Recognizer) -> None:
    assert genes(recognizer, "CDKG") == set()  # alone: no support, no gene
    assert genes(recognizer, "CDK4 CDKG") == {"CDK4", "CDK6"}
    assert genes(recognizer, "TLR1 TLR2 TLRO") == {"TLR1", "TLR2", "TLR9"}
    slip = next(m for m in run(recognizer, "TLR2 TLRO").mentions if m.symbol == "TLR9")
    assert slip.rule.startswith("slip:end") and slip.confidence < 1


def test_end_slip_with_two_possible_readings_is_dropped(recognizer: Recognizer) -> None:
    # "TLRS" may be TLR5 or TLR8 (or the plural "TLRs"): no single reading
    assert genes(recognizer, "TLR1 TLR2 TLRS") == {"TLR1", "TLR2"}


def test_unsupported_alias_gives_way_to_a_supported_slip(recognizer: Recognizer) -> None:
    # "MIP-18" is an alias of CIAO2B, but next to MIP-1α it is MIP-1β read with 8 for β
    assert genes(recognizer, "MIP-1α MIP-18") == {"CCL3", "CCL4"}
    assert genes(recognizer, "IL-18 IL-6") == {"IL18", "IL6"}  # an exact symbol stays


def test_a_lost_slash_is_not_guessed(recognizer: Recognizer) -> None:
    assert genes(recognizer, "MKK36") == set()


def test_slips_are_an_ocr_fix(recognizer: Recognizer) -> None:
    from dataclasses import replace

    plain = Recognizer(recognizer.lexicon, replace(recognizer.config, ocr_fixes=False))
    assert genes(plain, "CDK4 CDKG") == {"CDK4"}


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("ocnd1", ["ccnd1"]),
        ("bire2", ["birc2"]),
        ("cel2", ["ccl2"]),
        ("ccnd1", []),  # nothing to misread
        ("OCND1", []),  # upper case: not this slip
        ("mice", []),  # no digit: a word, not a gene label
    ],
)
def test_inner_slips(text: str, readings: list[str]) -> None:
    assert inner_slips(text) == readings


def test_inner_slip_needs_a_list_or_a_family_member(recognizer: Recognizer) -> None:
    # zebrafish-style labels in tiny type: c read as o or e
    assert genes(recognizer, "ocnd1") == set()  # alone: no support
    assert genes(recognizer, "ocnd1 / mmp7 / myc") == {"CCND1", "MMP7", "MYC"}
    assert genes(recognizer, "bire2", "birc3") == {"BIRC2", "BIRC3"}  # same gene group
    slip = next(m for m in run(recognizer, "nfkb1 / cel2").mentions if m.symbol == "CCL2")
    assert slip.rule.startswith("slip:inner") and slip.confidence < 1


@pytest.mark.parametrize(
    ("text", "readings"),
    [("TGB1", ["ITGB1"]), ("L18", ["IL18"]), ("RAK1", ["IRAK1"]), ("IL6", []), ("TGB", [])],
)
def test_lead_slips(text: str, readings: list[str]) -> None:
    assert lead_slips(text) == readings


def test_lost_leading_i_needs_a_family_member_and_a_symbol(recognizer: Recognizer) -> None:
    # the thin I merges with a box border: TGB1 (PPBP's alias) beside integrins is ITGB1
    assert genes(recognizer, "TGB1") == {"PPBP"}
    assert genes(recognizer, "TGB1 ITGB2 ITGA4") == {"ITGB1", "ITGB2", "ITGA4"}
    assert genes(recognizer, "L18 IL1B IL6") == {"IL18", "IL1B", "IL6"}
    slip = next(m for m in run(recognizer, "L18 IL1B IL6").mentions if m.symbol == "IL18")
    assert slip.rule.startswith("slip:lead") and slip.confidence < 1
    # the reading must be an approved symbol: A1 is not INSM1 (alias IA1)
    assert "INSM1" not in genes(recognizer, "A1 SOX9 INSM2")


def test_symbols_that_share_a_stem_back_each_other(recognizer: Recognizer) -> None:
    # IRAK1 and IRAK4 are in no HGNC gene group or FamPlex family; their shared stem makes
    # them a group, so "RAK1" (RNASE9's alias) beside IRAK4 is IRAK1 with its I lost
    assert genes(recognizer, "RAK1") == {"RNASE9"}
    assert genes(recognizer, "RAK1 IRAK4 MYD88") == {"IRAK1", "IRAK4", "MYD88"}
    # GIP3 is IFI6's old symbol G1P3 with 1 read as I; IFI35 backs it (stem IFI)
    assert genes(recognizer, "GIP3 IFI35 STAT1") == {"IFI6", "IFI35", "STAT1"}
    assert "IFI6" not in genes(recognizer, "GIP3 STAT1")


def test_a_closing_one_read_as_l_beats_an_alias_spelt_with_l(recognizer: Recognizer) -> None:
    # "Jakl" is JAK3's alias JAKL as printed, but beside JAK2 and TYK2 it is JAK1: the
    # alias's own reading (JAK3, a JAK too) is no support for the slip
    assert genes(recognizer, "Jakl Jak2 Tyk2") == {"JAK1", "JAK2", "TYK2"}
    assert "JAK1" not in genes(recognizer, "Jakl")
    assert genes(recognizer, "Orail Orai2 STIM1") == {"ORAI1", "ORAI2", "STIM1"}


@pytest.mark.parametrize(
    ("text", "readings"),
    [
        ("NR112", ["NRI12", "NR1I2"]),
        ("GIP2", ["G1P2"]),
        ("IL1B", ["ILIB"]),
        ("TNF", []),
        ("I16", ["II6"]),
    ],
)
def test_upper_case_inner_slips(text: str, readings: list[str]) -> None:
    # I and 1 inside an upper-case label; never its first or last character
    assert inner_slips(text) == readings


def test_upper_case_inner_slip_needs_support(recognizer: Recognizer) -> None:
    # NR1I2 (PXR) printed in small type reads NR112; beside NR1I3 (CAR) it is read back
    assert genes(recognizer, "NR112") == set()
    assert genes(recognizer, "NR112 NR1I3") == {"NR1I2", "NR1I3"}


def test_a_slash_read_as_i_between_numbers(recognizer: Recognizer) -> None:
    # "IRF3I7" is IRF3/7 with its slash read as I; both items must name genes, and a
    # symbol with an I between numbers stays itself (NR1I2)
    assert genes(recognizer, "IRF3I7") == {"IRF3", "IRF7"}
    assert genes(recognizer, "TLR7l8") == {"TLR7", "TLR8"}
    assert genes(recognizer, "NR1I2") == {"NR1I2"}
