"""Expansions of compact label notations."""

from __future__ import annotations

import pytest

from pfocr.recognize.expand import MAX_RANGE, expand_integrin, expand_list, expand_range


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("cIAP1/2", ["cIAP1", "cIAP2"]),
        ("IRF3/7", ["IRF3", "IRF7"]),
        ("SMAD2/3", ["SMAD2", "SMAD3"]),
        ("SMAD1/5/8", ["SMAD1", "SMAD5", "SMAD8"]),
        ("TLR1,2,5", ["TLR1", "TLR2", "TLR5"]),
        ("IKKα/β", ["IKKα", "IKKβ"]),
        ("IFN-a/β", ["IFN-α", "IFN-β"]),  # OCR read the first alpha as a Latin a
        ("p52/RelB", ["p52", "RelB"]),
        ("RIG-I/MDA5", ["RIG-I", "MDA5"]),
        ("12/15-LOX", ["12-LOX", "15-LOX"]),
        ("IL-4/13", ["IL-4", "IL-13"]),
        ("AICD+Fe65", ["AICD", "Fe65"]),
        ("MKK3/6", ["MKK3", "MKK6"]),
        ("TNF", []),
        ("Ca2+", []),
    ],
)
def test_expand_list(text: str, parts: list[str]) -> None:
    assert expand_list(text) == parts


def test_expand_range() -> None:
    assert expand_range("FGF1-23") == [f"FGF{i}" for i in range(1, 24)]
    assert expand_range("TLR1-3") == ["TLR1", "TLR2", "TLR3"]


@pytest.mark.parametrize("text", ["NKX2-1", "IL-6", "FGF23-1", "X1-200", "HLA-A"])
def test_not_a_range(text: str) -> None:
    assert expand_range(text) == []


def test_range_limit() -> None:
    assert expand_range(f"ABC1-{MAX_RANGE + 5}") == []


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("αvβ3", ["ITGAV", "ITGB3"]),
        ("α4β1", ["ITGA4", "ITGB1"]),
        ("αIIbβ3", ["ITGA2B", "ITGB3"]),
        ("integrin α5β1", ["ITGA5", "ITGB1"]),
        ("AKT", []),
    ],
)
def test_expand_integrin(text: str, parts: list[str]) -> None:
    assert expand_integrin(text) == parts
