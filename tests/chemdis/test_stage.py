"""The chemical and disease stage over OCR words, captions and titles."""

from __future__ import annotations

from collections.abc import Sequence

from pfocr.chemdis import ChemMention, Vocabulary, find_chemdis
from pfocr.chemdis.prose import defined_abbreviations, find_in_prose
from pfocr.ocr.models import Word
from pfocr.recognize.models import Mention, Recognition


def _words(*lines: Sequence[str], pitch: float = 40.0) -> list[Word]:
    """Words 20 px high on lines ``pitch`` px apart (24: a label broken over lines)."""
    out = []
    for row, line in enumerate(lines):
        for col, text in enumerate(line):
            x, y = 100.0 * col, pitch * row
            out.append(Word(text, 0.98, ((x, y), (x + 80, y), (x + 80, y + 20), (x, y + 20)), row))
    return out


def _found(mentions: Sequence[ChemMention], source: str = "figure") -> dict[str, str]:
    return {m.text: m.concept for m in mentions if m.source == source}


def test_labels_in_the_image_with_their_boxes(vocabulary: Vocabulary) -> None:
    words = _words(["Ca2+"], ["LPS", "TLR4"], ["PIP2/PIP3"], ["Ca", "2+"])
    found = find_chemdis(vocabulary, words, None, None, None)
    assert _found(found) == {
        "Ca2+": "MESH:D002118",
        "LPS": "MESH:D008070",
        "PIP2": "MESH:D019269",
        "PIP3": "MESH:C060974",
        "Ca 2+": "MESH:D002118",  # two OCR words joined along their line
    }
    first = found[0]
    assert first.kind == "chemical" and first.name == "Calcium" and first.rule == "abbreviation"
    assert first.box == words[0].box and (first.word_start, first.word_end) == (0, 1)
    joined = next(m for m in found if m.text == "Ca 2+")
    assert (joined.word_start, joined.word_end) == (4, 6)
    assert joined.box == ((0.0, 120.0), (180.0, 120.0), (180.0, 140.0), (0.0, 140.0))


def test_a_label_only_name_stands_alone(vocabulary: Vocabulary) -> None:
    alone = find_chemdis(vocabulary, _words(["NO"], ["Iron"]), None, None, None)
    assert _found(alone) == {"NO": "MESH:D009569", "Iron": "MESH:D007501"}
    prose_like = _words(["NO", "signal", "is", "lost"], ["iron", "and", "lead", "to", "it"])
    assert not find_chemdis(vocabulary, prose_like, None, None, None)


def test_a_word_read_as_a_gene_is_the_genes(vocabulary: Vocabulary) -> None:
    words = _words(["NO"], ["insulin", "resistance"])
    gene = Mention(0, 1, "NO", "NO", "alias", "HGNC:1", "GENE1", None, 0.9, words[0].box)
    insulin = Mention(
        1, 2, "insulin", "INSULIN", "name", "HGNC:6081", "INS", None, 0.9, words[1].box
    )
    recognition = Recognition("test", (gene, insulin))
    found = find_chemdis(vocabulary, words, recognition, None, None)
    # the gene keeps "NO"; the longer disease name takes in the gene's word
    assert _found(found) == {"insulin resistance": "MESH:D007333"}


def test_organisms_proteins_and_named_infections_are_not_read_as_their_words(
    vocabulary: Vocabulary,
) -> None:
    words = _words(["Rabies", "virus"], ["Rabies"], ["infection"])
    assert _found(find_chemdis(vocabulary, words, None, None, None)) == {
        "Rabies": "MESH:D011818",
        "infection": "MESH:D007239",  # a bare infection
    }
    caption = "Calcium channel opening; serine protease activity; retinoic acid inducible gene."
    assert not find_in_prose(vocabulary, caption, "caption", {})


def test_caption_mentions_and_the_abbreviations_it_defines(vocabulary: Vocabulary) -> None:
    caption = (
        "Cells treated with resveratrol (RSV) or lipopolysaccharide. Viral infection causes "
        "inflammation and fibrosis; lead to lung injury."
    )
    local = defined_abbreviations(vocabulary, caption)
    assert [n.concept for n in local.values()] == ["MESH:D000077185"]
    found = find_chemdis(vocabulary, _words(["RSV"]), None, "A figure title", caption)
    assert _found(found) == {"RSV": "MESH:D000077185"}
    assert found[0].rule == "defined"
    in_caption = _found(found, "caption")
    assert in_caption == {
        "resveratrol": "MESH:D000077185",
        "lipopolysaccharide": "MESH:D008070",
        "Viral infection": "MESH:D014777",
        "inflammation": "MESH:D007249",
        "fibrosis": "MESH:D005355",
        "lung injury": "MESH:D055370",
    }  # "lead" is a verb here: a label-only name is never read in prose
    m = next(m for m in found if m.text == "fibrosis")
    assert m.box is None and caption[m.word_start : m.word_end] == "fibrosis"


def test_a_name_that_begins_a_proteins_name_is_the_proteins(vocabulary: Vocabulary) -> None:
    """A chemical or disease followed by a protein's head word, an enzyme's ``-ase`` or
    ``ion`` and a head names a protein, also where the label is broken over lines."""
    words = _words(
        ["Homoserine", "O-acetyltransferase"],
        ["Cystathionine", "beta-synthase"],
        ["Heat", "Shock", "protein"],
        ["Calcium", "ion"],
        ["channels"],
        ["Glutamine"],
        ["Transporters"],
        ["Calcium", "release"],  # not an enzyme: calcium is named
        ["Pyruvate"],
        pitch=24.0,
    )
    assert _found(find_chemdis(vocabulary, words, None, None, None)) == {
        "Calcium": "MESH:D002118",
        "Pyruvate": "MESH:D019289",
    }
    found = find_chemdis(vocabulary, words, None, None, None)
    assert [m.word_start for m in found] == [12, 14]  # the calcium of "Calcium release"
    caption = (
        "Homoserine O-acetyltransferase, heat shock protein, calcium ion channels and the "
        "tricarboxylic acid cycle."
    )
    assert not find_in_prose(vocabulary, caption, "caption", {})


def test_a_label_above_an_unrelated_label_keeps_its_name(vocabulary: Vocabulary) -> None:
    """Only the line just below a name, across it, continues it: a protein head two lines
    down or beside it does not."""
    stacked = [
        w for w in _words(["Glutamine", "", "Serine"], ["", "", "kinase"], pitch=24) if w.text
    ]
    assert _found(find_chemdis(vocabulary, stacked, None, None, None)) == {
        "Glutamine": "MESH:D005973",  # "kinase" is below serine, not below glutamine
    }
    apart = [w for w in _words(["Glutamine", "", "Serine"], ["", "", "kinase"]) if w.text]
    assert set(_found(find_chemdis(vocabulary, apart, None, None, None))) == {"Glutamine", "Serine"}


def test_prose_names_stop_at_punctuation_between_words(vocabulary: Vocabulary) -> None:
    """A caption whose citations were stripped ("PI [, , ], CL") leaves punctuation alone
    between two words: a clause boundary, not a name spanning them."""
    caption = "Lipids named: PI [, , ], CL [, ], SA; and glucose."
    assert _found(find_in_prose(vocabulary, caption, "caption", {}), "caption") == {
        "glucose": "MESH:D005947",
    }


def test_an_organisms_infection_is_the_disease_named_after_it(vocabulary: Vocabulary) -> None:
    """``ORGANISM infection``: the organism resolved to its NCBI taxon, the disease looked
    up by the names of the taxon and its ancestors up to the family."""
    words = _words(["DENV2", "infection"], ["Hepatitis", "B", "virus", "infection"])
    found = find_chemdis(vocabulary, words, None, None, None)
    assert _found(found) == {
        "DENV2 infection": "MESH:D003715",  # dengue virus type 2: Dengue
        "Hepatitis B virus infection": "MESH:D006509",
    }
    assert found[0].rule == "organism"  # the other is a MeSH synonym as printed
    assert (found[1].word_start, found[1].word_end) == (2, 6)
    caption = (
        "A model of dengue 2 virus (DENV2) infection; arenavirus infection and IBV "
        "infection of cells, then PRRSV infection."
    )
    assert _found(find_in_prose(vocabulary, caption, "caption", {}), "caption") == {
        "DENV2) infection": "MESH:D003715",
        "arenavirus infection": "MESH:D001117",  # the genus's family: Arenaviridae Infections
        "IBV infection": "MESH:D018352",  # Gammacoronavirus: MeSH's Coronavirus Infections
        "PRRSV infection": "MESH:D019318",  # the species' name without "virus"
    }
