"""Recognition as named passes: the pass table, and a trail on every reading."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from tests.recognize.test_recognizer import run

from pfocr.lexicon import Lexicon, norm_key
from pfocr.recognize import FigureContext, Recognizer, RecognizerConfig
from pfocr.recognize.docs import render
from pfocr.recognize.models import Reading
from pfocr.recognize.passes import PASSES, SWITCHES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "recognition.md"


def _of(readings: tuple[Reading, ...], text: str) -> list[Reading]:
    return [r for r in readings if r.text == text]


def test_the_pass_table_names_real_switches_once_each() -> None:
    fields = {f.name for f in dataclasses.fields(RecognizerConfig)}
    names = [p.name for p in PASSES]
    assert len(names) == len(set(names))
    assert set(SWITCHES) <= fields
    for p in PASSES:
        assert set(p.switches) <= set(SWITCHES) and p.summary and p.run.__doc__


def test_every_reading_has_a_trail_from_candidates_to_its_outcome(recognizer: Recognizer) -> None:
    rec = run(recognizer, "TNF TRADD TRAF2", "NF-κB Mol. CAMP PKA ATP")
    assert rec.readings
    for r in rec.readings:
        assert r.trail[0].stage == "candidates" and r.trail[0].after
    accepted = {r.symbol for r in rec.readings if r.outcome == "accepted"}
    assert accepted == set(rec.gene_set())
    for r in rec.readings:
        if r.outcome in ("accepted", "below threshold"):
            assert r.trail[-1].stage == "threshold" and "threshold 0.5" in r.trail[-1].reason
    (family,) = _of(rec.readings, "NF-κB")
    assert family.outcome == "family" and family.family_id == "FPLX:NFkappaB"
    (mol,) = _of(rec.readings, "Mol.")
    assert mol.outcome == "not a gene" and "abbreviation" in mol.trail[-1].after


def test_a_homograph_drop_says_which_pass_and_why(recognizer: Recognizer) -> None:
    rec = run(recognizer, "CAMP PKA ATP")
    (camp,) = _of(rec.readings, "CAMP")
    assert camp.outcome == "not a gene" and camp.symbol is None
    step = camp.trail[-1]
    assert step.stage == "homographs"
    assert step.before.startswith("gene CAMP") and step.after.startswith("not a gene")
    assert "cyclic AMP" in step.reason and "pka" in step.reason.lower()
    # without that pass, CAMP stays the gene: the pass table's switch works by name
    skipping = Recognizer(recognizer.lexicon, RecognizerConfig(skip=("homographs",)))
    assert "CAMP" in run(skipping, "CAMP PKA ATP").gene_set()


def test_a_slip_keeps_the_reading_it_replaced_as_dropped(recognizer: Recognizer) -> None:
    rec = run(recognizer, "Jakl Jak2 Tyk2")
    jakl = _of(rec.readings, "Jakl")
    (slip,) = [r for r in jakl if r.outcome == "accepted"]
    assert slip.symbol == "JAK1"
    assert any(s.stage == "slips" and "one character" in s.reason for s in slip.trail)
    (old,) = [r for r in jakl if r.outcome == "dropped"]
    assert old.symbol == "JAK3"  # the alias JAKL as printed
    assert old.trail[-1].stage == "slips" and old.trail[-1].after == "dropped"
    assert "replaced by the OCR slip reading" in old.trail[-1].reason
    assert "JAK3" not in rec.gene_set()


def test_context_that_re_ranks_a_reading_is_in_its_trail(recognizer: Recognizer) -> None:
    # gp130 is an alias of LRPPRC and of IL6ST; the caption names IL6ST
    ctx = FigureContext.from_text(None, "IL6ST and STAT3 signalling.", None)
    rec = run(recognizer, "gp130 STAT3", ctx=ctx)
    (gp130,) = _of(rec.readings, "gp130")
    assert gp130.outcome == "accepted" and gp130.symbol == "IL6ST"
    (step,) = [s for s in gp130.trail if s.stage == "context"]
    assert step.before.startswith("gene LRPPRC") and "below the threshold" in step.before
    assert step.after.startswith("gene IL6ST") and "caption" in step.reason
    alone = run(recognizer, "gp130 STAT3")
    assert "IL6ST" not in alone.gene_set()


def test_a_non_mammal_figure_says_why_its_genes_fall(recognizer: Recognizer) -> None:
    rec = run(recognizer, "TNF TRAF2", ctx=FigureContext(nonmammalian=True))
    for r in rec.readings:
        assert r.outcome == "below threshold"
        assert any(s.stage == "species" and "no vertebrate" in s.reason for s in r.trail)


def test_an_animal_figure_in_human_nomenclature_keeps_its_genes(recognizer: Recognizer) -> None:
    # a clam's immune pathway drawn onto the human one: most labels are human symbols
    labels = "MyD88 IRAK4 TRAF6 TBK1 IRF7 STAT1 BTK"
    animal = FigureContext(nonmammalian=True, animal_host=True)
    assert run(recognizer, labels, ctx=animal).gene_set() == run(recognizer, labels).gene_set()
    assert len(run(recognizer, labels, ctx=animal).gene_set()) == 7
    # a plant host, or an animal whose labels are human genes' aliases, keeps none
    assert run(recognizer, labels, ctx=FigureContext(nonmammalian=True)).gene_set() == []
    aliases = "ALT2 EFP LPH PAN1 PDK"
    assert run(recognizer, aliases).gene_set()
    assert run(recognizer, aliases, ctx=animal).gene_set() == []


def test_the_docs_page_is_made_from_the_pass_table(lexicon: Lexicon) -> None:
    page = render(lexicon)
    for p in PASSES:
        assert f"`{p.name}`" in page
    assert DOCS.read_text(encoding="utf-8") == page, (
        "docs/recognition.md is stale: run `python -m pfocr.recognize.docs > docs/recognition.md`"
    )


def test_a_receptor_type_with_a_greek_letter_is_the_receptor(recognizer: Recognizer) -> None:
    # TβRI is TGF-β receptor type I (TGFBR1's alias TBRI), not TBR1 read through the
    # Roman numeral; where no name has the type as printed, the numeral is still read
    for label, symbol in (("TβRI", "TGFBR1"), ("TβRII", "TGFBR2"), ("TβR-I", "TGFBR1"),
                          ("TGF-βRI", "TGFBR1"), ("TGFβRII", "TGFBR2")):  # fmt: skip
        assert set(run(recognizer, label).gene_set()) == {symbol}, label
    (reading,) = run(recognizer, "TβRI").readings
    assert "greek-initial" in reading.trail[0].reason and "roman" not in reading.trail[0].reason


def test_a_stem_of_a_protein_and_an_rna_is_no_family(recognizer: Recognizer) -> None:
    # DISC (the death-inducing signalling complex) is no DISC1/DISC2 family: DISC2 is a
    # non-coding RNA; stems of genes of one kind, or of two proteins, stay families
    rec = run(recognizer, "FAS FADD DISC CASP8")
    assert not any("DISC1" in f.members or f.family_id.startswith("PREFIX") for f in rec.families)
    assert [f.family_id for f in rec.families] == ["PFOCR:DISC"]  # the curated complex
    assert set(rec.gene_set()) == {"FAS", "FADD", "CASP8"}
    assert norm_key("DISC") not in recognizer.knowledge.prefix_families
    assert any(f.text == "IRAK" for f in run(recognizer, "IRAK MYD88").families)


def test_isgf3_is_a_complex_not_stat1(recognizer: Recognizer) -> None:
    # ISGF3 (STAT1, STAT2 and IRF9) is HGNC's alias of STAT1 only; it names the complex
    rec = run(recognizer, "ISGF3 ISRE")
    assert rec.gene_set() == []
    (reading,) = [r for r in rec.readings if r.text == "ISGF3"]
    assert reading.outcome == "family"
    (complex_,) = [f for f in rec.families if f.text == "ISGF3"]
    assert complex_.family_id == "PFOCR:ISGF3"
    assert set(complex_.members) == {"STAT1", "STAT2", "IRF9"}
    # STAT1 drawn beside it is still STAT1
    assert "STAT1" in run(recognizer, "ISGF3 STAT1 IRF9").gene_set()


def test_curated_complexes_are_read_as_complexes(recognizer: Recognizer) -> None:
    # names FamPlex lacks: the complex, kept apart from genes, never one member
    for text, members in (
        ("DISC", {"FAS", "FADD", "CASP8", "CASP10", "CFLAR"}),
        ("RISC", {"AGO2", "DICER1", "TARBP2"}),
        ("MRN", {"MRE11", "RAD50", "NBN"}),
    ):
        rec = run(recognizer, f"{text} TP53")
        assert rec.gene_set() == ["TP53"], text
        (family,) = rec.families
        assert family.text == text and set(family.members) == members
