"""Coagulation factors written as Roman numerals."""

from __future__ import annotations

import pytest
from tests.recognize.test_recognizer import genes

from pfocr.recognize import FigureContext, Recognizer
from pfocr.recognize.coagulation import coagulation_context, factor_symbol


@pytest.mark.parametrize(
    ("text", "in_context", "symbol"),
    [
        ("Xa", True, "F10"),
        ("IXa", True, "F9"),
        ("VIII", True, "F8"),
        ("FactorVII", True, "F7"),
        ("FVIIa", False, "F7"),  # the activated factor's notation needs no context
        ("Xa", False, None),
        ("IV", True, None),  # factor IV is calcium
        ("I", True, None),  # factor I is fibrinogen, three genes
        ("XIV", True, None),
        ("XIII", True, None),  # factor XIII is two genes (F13A1, F13B)
    ],
)
def test_factor_symbol(text: str, in_context: bool, symbol: str | None) -> None:
    assert factor_symbol(text, in_context) == symbol


def test_context_needs_two_coagulation_words() -> None:
    assert coagulation_context({"thrombin", "fibrinogen", "akt"})
    assert not coagulation_context({"thrombin", "akt"})


def test_numerals_are_factors_in_a_coagulation_figure(recognizer: Recognizer) -> None:
    assert genes(recognizer, "Xa IXa VIIIa", "thrombin fibrinogen") == {"F10", "F9", "F8"}
    assert genes(recognizer, "Factor Xa", "prothrombin thrombin") == {"F10"}


def test_numerals_elsewhere_are_not_genes(recognizer: Recognizer) -> None:
    assert genes(recognizer, "Complex II IV V", "ATP synthase") == set()


def test_caption_gives_the_context(recognizer: Recognizer) -> None:
    ctx = FigureContext.from_text(caption="The coagulation cascade: thrombin generation.")
    assert genes(recognizer, "Xa Va", ctx=ctx) == {"F10", "F5"}


def test_an_activated_factor_with_its_i_read_as_l(recognizer: Recognizer) -> None:
    # "Xla" is XIa with the I read as a small l: F11 in a coagulation figure, not BTK
    # (alias XLA); "Ila" is IIa (thrombin), not TNFRSF9 (old symbol ILA)
    assert genes(recognizer, "Xla Ila Vlla", "thrombin fibrinogen") == {"F11", "F2", "F7"}
    assert genes(recognizer, "Factor Xla", "thrombin fibrinogen") == {"F11"}
    # elsewhere the label keeps its lexicon reading
    assert genes(recognizer, "Xla") == {"BTK"}
