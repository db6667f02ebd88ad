"""Names as OCR misread them: one or two letters wrong, in long words only."""

from __future__ import annotations

from pfocr.chemdis import Concept, Name, Vocabulary, find_chemdis
from pfocr.chemdis.fuzzy import NearNames, max_edits
from pfocr.ocr.models import Word


def _line(*texts: str) -> list[Word]:
    return [
        Word(
            t,
            0.99,
            ((100.0 * i, 0.0), (100.0 * i + 80, 0.0), (100.0 * i + 80, 20.0), (100.0 * i, 20.0)),
            0,
        )
        for i, t in enumerate(texts)
    ]


def test_misread_long_names_are_read_as_the_one_name_they_are_near(vocabulary: Vocabulary) -> None:
    found = find_chemdis(vocabulary, _line("Peptdoglyean"), None, None, None)
    assert [(m.text, m.concept, m.rule) for m in found] == [
        ("Peptdoglyean", "MESH:D010457", "ocr")  # peptidoglycan, two letters wrong
    ]
    assert found[0].confidence < 0.9  # less sure than a name read as printed
    near = NearNames(vocabulary)
    assert near.nearest("Dihyrotestosterone") == Name("MESH:D013196", "ocr")


def test_words_english_uses_short_words_and_codes_are_not_misreads(vocabulary: Vocabulary) -> None:
    near = NearNames(vocabulary)
    for word in ("Chemotaxis", "Endoplasmic", "Sponging"):  # one letter from a name, real words
        assert near.nearest(word) is None, word
    assert near.nearest("Dinyrone") is None  # 8 letters: too many names one letter away
    assert near.nearest("LY2940021") is None  # codes are read as printed or not at all
    assert near.nearest("Peptidoglycan") is None  # a name as printed is no misread
    assert max_edits(10) == 1 and max_edits(12) == 2


def test_a_misread_near_two_concepts_or_before_a_protein_head_is_not_read(
    vocabulary: Vocabulary,
) -> None:
    concepts = [
        Concept("X:1", "chemical", "abcdefghijkl"),
        Concept("X:2", "chemical", "abcdefghijkm"),
    ]
    names = [("abcdefghijkl", Name("X:1", "name")), ("abcdefghijkm", Name("X:2", "name"))]
    two = NearNames(Vocabulary("test", concepts, names))
    assert two.nearest("abcdefghijkq") is None  # one letter from both
    assert two.nearest("abcdefghijklz") == Name("X:1", "ocr")  # nearer the first
    words = _line("Peptdoglyean", "synthase")
    assert not find_chemdis(vocabulary, words, None, None, None)
