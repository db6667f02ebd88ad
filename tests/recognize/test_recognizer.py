"""Recognition on hand-made OCR words with the real HGNC + FamPlex lexicon.

Each case is a rule the recogniser must follow; the labels are typical of published
pathway figures (not taken from the evaluation truth).
"""

from __future__ import annotations

import pytest

from pfocr.ocr.models import Word
from pfocr.recognize import FigureContext, Recognition, Recognizer
from pfocr.recognize.recognizer import digest_files


def words(*lines: str, conf: float = 0.99) -> list[Word]:
    """One OCR line per string, words laid out left to right."""
    out = []
    for i, line in enumerate(lines):
        x = 10.0
        for text in line.split():
            w = 8.0 * len(text)
            box = ((x, 20.0 * i), (x + w, 20.0 * i), (x + w, 20.0 * i + 12), (x, 20.0 * i + 12))
            out.append(Word(text, conf, box, i))
            x += w + 6
    return out


def genes(rec: Recognizer, *lines: str, ctx: FigureContext | None = None) -> set[str]:
    return set(rec.recognize(words(*lines), ctx).gene_set())


def run(rec: Recognizer, *lines: str, ctx: FigureContext | None = None) -> Recognition:
    return rec.recognize(words(*lines), ctx)


def test_symbols_and_names(recognizer: Recognizer) -> None:
    assert genes(recognizer, "TRADD RIPK1", "TRAF2 MAP3K7") == {"TRADD", "RIPK1", "TRAF2", "MAP3K7"}


@pytest.mark.parametrize(
    ("label", "symbol"),
    [
        ("IκBα", "NFKBIA"),
        ("IKKβ", "IKBKB"),
        ("IKKY", "IKBKG"),  # OCR read γ as Y
        ("IxBα", "NFKBIA"),  # OCR read κ as x
        ("TNF-α", "TNF"),
        ("Caspase-8", "CASP8"),
        ("p-STAT3", "STAT3"),
        ("β-catenin", "CTNNB1"),
        ("elF4E", "EIF4E"),  # OCR read I as l
        ("RelA", "RELA"),  # ... but a lower-case l stays a reading where it is one
        ("tBid", "BID"),
        ("c-Jun", "JUN"),
        ("IL-1β", "IL1B"),
        ("HMG-CoA reductase", "HMGCR"),
        ("XBP1s", "XBP1"),  # spliced, not a plural
        ("sXBP1", "XBP1"),
        ("uXBP1", "XBP1"),  # unspliced
        ("sIL-6R", "IL6R"),  # soluble
        ("ApoE4", "APOE"),  # an allele's isoform
    ],
)
def test_written_forms(recognizer: Recognizer, label: str, symbol: str) -> None:
    assert symbol in genes(recognizer, label)


@pytest.mark.parametrize(
    ("label", "symbols"),
    [
        ("cIAP1/2", {"BIRC2", "BIRC3"}),
        ("IRF3/7", {"IRF3", "IRF7"}),
        ("SMAD2/3", {"SMAD2", "SMAD3"}),
        ("TLR1,2,5", {"TLR1", "TLR2", "TLR5"}),
        ("MEK1/2", {"MAP2K1", "MAP2K2"}),  # the notation wins over FamPlex's MEK family
        ("IKKα/β", {"CHUK", "IKBKB"}),
    ],
)
def test_expansions(recognizer: Recognizer, label: str, symbols: set[str]) -> None:
    assert genes(recognizer, label) == symbols


def test_range_expansion_keeps_approved_symbols_only(recognizer: Recognizer) -> None:
    found = genes(recognizer, "FGF1-23")
    assert {"FGF1", "FGF2", "FGF23"} <= found
    assert "FGF15" not in found  # FGF15 is the mouse gene; no human FGF15


def test_two_word_labels(recognizer: Recognizer) -> None:
    assert genes(recognizer, "ERK 1/2") == {"MAPK1", "MAPK3"}
    assert genes(recognizer, "GSK 3β") == {"GSK3B"}
    assert "CASP8" in genes(recognizer, "Caspase 8")


def test_translation_factor_misread_is_not_an_ets_factor(recognizer: Recognizer) -> None:
    # "elF2" is eIF2 with I read as l, never ELF2; eIF2 is a complex, eIF2a its α subunit
    assert genes(recognizer, "elF2") == set()
    assert genes(recognizer, "eIF2a") == {"EIF2S1"}  # not EIF2A, another protein
    assert genes(recognizer, "elF4E") == {"EIF4E"}


def test_homographs_follow_their_company(recognizer: Recognizer) -> None:
    # CAMP beside ATP and adenylyl cyclase is cAMP; alone, or among immunity genes, the gene
    assert "CAMP" not in genes(recognizer, "ADCY5 CAMP PRKACA")
    assert "CAMP" not in genes(recognizer, "ATP CAMP")
    assert "CAMP" in genes(recognizer, "CAMP DEFB4A TLR2")
    # phosphorylase kinase is cAMP's target in glycogen breakdown; "Adenyl cyclase"
    assert "CAMP" not in genes(recognizer, "CAMP PHKA1 PHKG2")
    assert "CAMP" not in genes(recognizer, "Adenyl cyclase CAMP")
    assert "TG" not in genes(recognizer, "TG DAG FFA", "LPL")
    assert "TG" in genes(recognizer, "TG TPO TSHR")


def test_glued_labels_are_split(recognizer: Recognizer) -> None:
    assert genes(recognizer, "TRAF2TRAF6") == {"TRAF2", "TRAF6"}
    assert genes(recognizer, "TBK1NEMO") == {"TBK1", "IKBKG"}
    # a piece that is an ambiguous alias resolved by its spelling (RIG-1 is RIGI's alias,
    # RIG1 PLAAT4's) is a piece to split at
    assert genes(recognizer, "TRIM25RIG-1") == {"TRIM25", "RIGI"}
    # an SCF ligase named by its F-box protein: the F-box gene, and SCF is not KITLG
    assert genes(recognizer, "SCFSkp2", "SCFβ-TrCP") == {"SKP2", "BTRC"}


def test_families_stay_families(recognizer: Recognizer) -> None:
    rec = run(recognizer, "PI3K AKT", "RAS NF-κB", "JAK STAT", "growth factors")
    assert rec.gene_set() == []
    fams = {f.text for f in rec.families}
    assert {"PI3K", "AKT", "RAS", "NF-κB", "JAK", "STAT"} <= fams
    akt = next(f for f in rec.families if f.text == "AKT")
    assert {"AKT1", "AKT2", "AKT3"} <= set(akt.members)


def test_plurals_are_families(recognizer: Recognizer) -> None:
    rec = run(recognizer, "MAPKs Smads MKKs")
    assert rec.gene_set() == []
    assert len(rec.families) == 3


@pytest.mark.parametrize(
    "label",
    [
        *("ADP", "AMP", "ATP", "LPS", "ROS", "cAMP", "PEP", "Ca2+", "DAG", "Th17", "ER"),
        *("Ca(2+)", "Mg(2+)", "Zn(2+)"),  # charges in brackets (CA2, MG2 = MUC7)
        *("Ca4]", "[Ca2]i", "PGA1"),  # a calcium concentration misread; prostaglandin A1
        *("IgA", "COPD"),  # an antibody isotype (CD79A was IGA), a disease (ARCN1 was COPD)
        *("ASA", "PDX", "Crest"),  # aspirin, a xenograft, the neural crest
        *("KE2", "KE3"),  # key events of an adverse outcome pathway, not PFDN6, RPS18
        *("UPS", "vRNA"),  # the ubiquitin-proteasome system, viral RNA
        *("Fe-S", "PUFA", "INS-1", "TFIIH", "GA2", "SNARE", "NER", "MMA", "a.k.a."),
        *("dCTP", "dCDP", "Cer1P", "PI3P"),  # metabolites, not DCT, DCD, CER1, PI3 + P
        *("THP-1", "pDC", "ILC", "Nec-1", "SEB", "cis,cis-3,6-Dodecadienoyl-CoA"),
    ],
)
def test_chemicals_and_words_are_not_genes(recognizer: Recognizer, label: str) -> None:
    assert genes(recognizer, label) == set()


def test_a_symbol_before_cells_names_cells(recognizer: Recognizer) -> None:
    # a T helper cell is not tyrosine hydroxylase; C6 glioma is a cell line, not C6
    assert genes(recognizer, "TH cell", "C6 glioma cells") == set()
    assert genes(recognizer, "TH DDC") == {"TH", "DDC"}


def test_protein_domains_are_not_genes(recognizer: Recognizer) -> None:
    # BIR is an alias of KCNJ11, TBC1 of TBC1D1; followed by "domain" they are domains
    assert genes(recognizer, "BIR domain", "TBC1 domain", "WD40 repeats") == set()
    assert "XIAP" in genes(recognizer, "XIAP BIR domain")


def test_english_words_are_not_genes(recognizer: Recognizer) -> None:
    assert genes(recognizer, "Type I interferon", "cell death of", "killer") == set()


def test_common_words_are_not_rescued_by_the_figure(recognizer: Recognizer) -> None:
    # "mice" is CASP14's alias MICE; among caspases it is still the animal
    drawn = "CASP3 CASP7 CASP8 CASP9"
    assert "CASP14" not in genes(recognizer, "mice", drawn)
    # a rarer lower-case word is (c-Rel printed as "rel" among NF-kB subunits)
    assert "REL" in genes(recognizer, "rel", "RELA RELB NFKB1 NFKB2")


@pytest.mark.parametrize("label", ["ell", "cel", "typ", "dpi"])
def test_short_lower_case_pieces_are_not_genes(recognizer: Recognizer, label: str) -> None:
    # a piece of a word the OCR cut ("c-ell"): ELL, CEL, DUSP4's alias TYP, DSP's DPI
    assert genes(recognizer, label, "TLR4 MYD88") == {"TLR4", "MYD88"}


def test_short_lower_case_genes_in_a_list_stay(recognizer: Recognizer) -> None:
    # zebrafish-style labels: "mmp7 / myc" is a list of genes
    assert genes(recognizer, "ccnd1 / mmp7 / myc") == {"CCND1", "MMP7", "MYC"}


def test_an_alias_never_outranks_the_readings_it_lost_to(recognizer: Recognizer) -> None:
    # "Rho" is rhodopsin's symbol, RhoA's curated name and one of RHOD's aliases: the
    # symbol and the curated name tie, which must not leave RHOD on top
    assert "RHOD" not in genes(recognizer, "Rho")
    assert "RHOD" not in genes(recognizer, "RHO", "ROCK1 ROCK2")


def test_a_label_of_two_genes_follows_the_figure(recognizer: Recognizer) -> None:
    # PDK1 is pyruvate dehydrogenase kinase's symbol and PDPK1's common name
    assert genes(recognizer, "PI3K PDK1 AKT") == {"PDPK1"}
    assert genes(recognizer, "PDK1 LDHA PKM") == {"PDK1", "LDHA", "PKM"}
    assert genes(recognizer, "PDK1") == set()  # nothing says which
    # COX2 is PTGS2 unless the figure is about the respiratory chain
    assert "MT-CO2" in genes(recognizer, "COX2 MT-CO1 MT-CO3")
    assert genes(recognizer, "COX2") == {"PTGS2"}
    # Cdh1 is E-cadherin, or FZR1 (the APC/C coactivator) among cell-cycle genes
    assert genes(recognizer, "Cdh1 CDC20 CDC27") == {"FZR1", "CDC20", "CDC27"}
    assert "CDH1" in genes(recognizer, "Cdh1 CTNNB1")
    # APC beside CD80/CD86 is the antigen-presenting cell; beside Wnt genes, or with
    # nothing to say otherwise, the gene; the APC/C is a complex
    assert genes(recognizer, "APC CD80 CD86") == {"CD80", "CD86"}
    assert genes(recognizer, "APC", "MHC-II TCR") == set()
    assert "APC" in genes(recognizer, "APC CTNNB1 AXIN1")
    assert "APC" in genes(recognizer, "APC CD80 CTNNB1")  # both: the gene stays
    assert "APC" in genes(recognizer, "APC")
    assert genes(recognizer, "APC/C CDC20") == {"CDC20"}
    # Mal is TIRAP among TLR adaptors, MRTF-A beside SRF and RhoA, malate in the TCA cycle
    assert genes(recognizer, "TLR4 Mal MYD88") == {"TLR4", "TIRAP", "MYD88"}
    assert genes(recognizer, "RHOA MAL SRF") == {"RHOA", "MRTFA", "SRF"}
    assert genes(recognizer, "MAL MDH2 FH") == {"MDH2", "FH"}
    # TF is tissue factor (F3) among coagulation factors, transferrin beside its receptor
    assert genes(recognizer, "TF F7 F10") == {"F3", "F7", "F10"}
    assert genes(recognizer, "TF TFRC") == {"TF", "TFRC"}
    # FAS is fatty acid synthase among lipogenic genes, the death receptor beside FADD
    assert genes(recognizer, "SREBF1 FAS ACACA") == {"SREBF1", "FASN", "ACACA"}
    assert genes(recognizer, "FAS FADD") == {"FAS", "FADD"}
    # NAP1 is TBK1's adaptor AZI2 beside TBK1, nucleosome assembly protein among histones;
    # PACT is PKR's activator PRKRA beside PKR, RBBP6 beside p53 and MDM2
    assert genes(recognizer, "NAP1 TBK1") == {"AZI2", "TBK1"}
    assert "NAP1L1" in genes(recognizer, "NAP1 H2AC1 HIRA")
    assert genes(recognizer, "PACT EIF2AK2") == {"PRKRA", "EIF2AK2"}
    assert genes(recognizer, "PACT MDM2 TP53") == {"RBBP6", "MDM2", "TP53"}
    # CFP is properdin among complement factors, the cyan reporter beside YFP; LTA is
    # lymphotoxin beside LTB, lipoteichoic acid beside TLR2
    assert genes(recognizer, "CFP C3 CFB") == {"CFP", "C3", "CFB"}
    assert genes(recognizer, "CFP YFP FRET") == set()
    assert genes(recognizer, "LTA LTB LTBR") == {"LTA", "LTB", "LTBR"}
    assert genes(recognizer, "LTA TLR2 TLR6") == {"TLR2", "TLR6"}
    # TCF1 is TCF7 in Wnt and T-cell figures, HNF1A beside HNF4A; TAZ beside YAP is WWTR1
    assert genes(recognizer, "TCF1 CTNNB1 LEF1") == {"TCF7", "CTNNB1", "LEF1"}
    assert genes(recognizer, "TCF1 HNF4A") == {"HNF1A", "HNF4A"}
    assert genes(recognizer, "TAZ YAP1 TEAD1") == {"WWTR1", "YAP1", "TEAD1"}
    assert genes(recognizer, "MLCK MYL9 ROCK1") == {"MYLK", "MYL9", "ROCK1"}
    # two-letter labels too, when the company is clear: TS beside DHFR is TYMS
    assert genes(recognizer, "TS DHFR TK1") == {"TYMS", "DHFR", "TK1"}
    assert genes(recognizer, "TS") == set()
    # PAR1-4 are thrombin receptors beside coagulation factors, polarity proteins beside Par6
    assert genes(recognizer, "PAR3 F2 F10") == {"F2RL2", "F2", "F10"}
    assert genes(recognizer, "PAR3 PARD6A PRKCZ") == {"PARD3", "PARD6A", "PRKCZ"}
    assert genes(recognizer, "PAR1 F2") == {"F2R", "F2"}


def test_a_symbol_spelt_as_printed_beats_one_with_a_hyphen(recognizer: Recognizer) -> None:
    # MTTP (microsomal triglyceride transfer protein) and MT-TP (a mitochondrial tRNA)
    # share a lookup key; printed without the hyphen it is MTTP
    assert genes(recognizer, "MTTP") == {"MTTP"}
    assert genes(recognizer, "MT-TP") == {"MT-TP"}
    assert genes(recognizer, "NEDD8 CUL1") == {"NEDD8", "CUL1"}  # a gene, unlike SUMO or Ub


def test_ambiguous_alias_dropped_without_context(recognizer: Recognizer) -> None:
    # IAP names four unrelated genes (ALPI, CD47, IAPP, MAGT1): none is meant
    assert genes(recognizer, "IAP") == set()


def test_an_alias_spelt_as_printed_resolves_the_ambiguity(recognizer: Recognizer) -> None:
    # RIG-1 is RIGI's alias as printed; PLAAT4's RIG1 has no hyphen
    assert genes(recognizer, "RIG-1") == {"RIGI"}
    assert genes(recognizer, "BIF-1") == {"SH3GLB1"}  # not ZBTB24's BIF1
    assert genes(recognizer, "PC-3") == set()  # a cell line, not MSMP's alias
    # a hyphen before the closing number is optional, one inside the letters is not:
    # TSP-1 is THBS1's TSP1, not PRSS55's T-SP1
    assert genes(recognizer, "TSP-1") == {"THBS1"}


def test_a_numbered_stem_that_is_an_alias_follows_the_figure(recognizer: Recognizer) -> None:
    # TRAM is the stem of TRAM1/TRAM2 and an alias of TICAM2: a TLR figure means TICAM2
    assert genes(recognizer, "TLR4 MYD88 TIRAP TRAM") == {"TLR4", "MYD88", "TIRAP", "TICAM2"}
    assert genes(recognizer, "TRAM") == set()  # alone: a family label
    assert genes(recognizer, "TRAM TRAM2 TLR4 MYD88") == {"TRAM2", "TLR4", "MYD88"}
    # the choice is a context lever: the ablation that turns off the English-word filter
    # keeps it, the one that turns off context drops it
    from dataclasses import replace

    no_english = Recognizer(recognizer.lexicon, replace(recognizer.config, english_filter=False))
    assert "TICAM2" in genes(no_english, "TLR4 MYD88 TIRAP TRAM")
    no_context = Recognizer(recognizer.lexicon, replace(recognizer.config, context=False))
    assert "TICAM2" not in genes(no_context, "TLR4 MYD88 TIRAP TRAM")


def test_curated_names_beat_aliases(recognizer: Recognizer) -> None:
    assert genes(recognizer, "p52") == {"NFKB2"}
    assert genes(recognizer, "p65") == {"RELA"}
    assert genes(recognizer, "CBP") == {"CREBBP"}  # not OPN1LW


def test_short_aliases_need_evidence(recognizer: Recognizer) -> None:
    # two-letter aliases are not genes on their own
    assert genes(recognizer, "E2 PR MA") == set()


def test_context_from_caption(recognizer: Recognizer) -> None:
    label = "NAP1"  # an alias of six genes
    assert genes(recognizer, label) == set()
    ctx = FigureContext.from_text(caption="NAP1 (AZI2) links TBK1 to IRF3")
    assert "AZI2" in genes(recognizer, label, ctx=ctx)


def test_nonmammalian_figures_map_no_human_genes(recognizer: Recognizer) -> None:
    ctx = FigureContext.from_text(caption="Pheromone response in yeast", nonmammalian=True)
    assert genes(recognizer, "STE20 CDC42 TPK1", ctx=ctx) == set()


def test_viral_proteins_are_not_human_genes(recognizer: Recognizer) -> None:
    assert genes(recognizer, "Nef Vpu NS5A nsp1 LMP1") == set()
    # Tat is also an approved human symbol: non-human only when a virus is named
    assert genes(recognizer, "Tat") == {"TAT"}
    ctx = FigureContext.from_text(caption="HIV-1 Tat", pathogen=True)
    assert genes(recognizer, "Tat", ctx=ctx) == set()
    # ... unless the figure shows the human gene's own company: complement C6 beside
    # C5, C7 and C9 in a figure that names a virus is not vaccinia's protein C6
    ctx = FigureContext.from_text(caption="Complement in SARS-CoV-2 infection", pathogen=True)
    assert genes(recognizer, "C6", ctx=ctx) == set()
    assert genes(recognizer, "C5 C6 C7 C9", ctx=ctx) == {"C5", "C6", "C7", "C9"}


def test_sts_is_staurosporine_only_beside_apoptosis(recognizer: Recognizer) -> None:
    # STS beside oestrogen sulfotransferase is steroid sulfatase; beside caspases it is
    # staurosporine, the kinase inhibitor that induces apoptosis
    assert genes(recognizer, "STS SULT1E1 CYP19A1") == {"STS", "SULT1E1", "CYP19A1"}
    assert genes(recognizer, "STS CASP3 CASP9") == {"CASP3", "CASP9"}


def test_mentions_keep_candidates_rules_and_boxes(recognizer: Recognizer) -> None:
    rec = run(recognizer, "cIAP1/2 IκBα")
    by_symbol = {m.symbol: m for m in rec.mentions}
    assert by_symbol["BIRC2"].rule.startswith("expansion:list")
    assert by_symbol["NFKBIA"].candidates[0].symbol == "NFKBIA"
    x0 = by_symbol["NFKBIA"].box[0][0]
    assert x0 > 10  # the second word's box, not the line's
    assert all(0 < m.confidence <= 1 for m in rec.mentions)


def test_low_ocr_confidence_lowers_confidence(recognizer: Recognizer) -> None:
    sure = recognizer.recognize(words("TRADD", conf=0.99)).mentions[0].confidence
    unsure = recognizer.recognize(words("TRADD", conf=0.5)).mentions[0].confidence
    assert unsure < sure


def test_version_changes_with_settings(recognizer: Recognizer) -> None:
    from pfocr.recognize import RecognizerConfig

    other = Recognizer(recognizer.lexicon, RecognizerConfig(threshold=0.7))
    assert other.version != recognizer.version
    assert recognizer.lexicon.version in recognizer.version


def test_whole_lines_are_not_glued(recognizer: Recognizer) -> None:
    # "SERINC3/5" and "HNef" on separate lines must not become one label
    assert genes(recognizer, "SERINC3/5", "HNef") == {"SERINC3", "SERINC5"}


def test_realistic_figure(recognizer: Recognizer) -> None:
    found = genes(
        recognizer,
        "TNF-α TNFR1",
        "TRADD TRAF2 RIP1 cIAP1/2",
        "NEMO IKKα IKKβ",
        "IκBα p65 p50",
        "NIK p100/p52 RelB",
        "Nucleus ATP Apoptosis",
    )
    expected = {
        "TNF", "TNFRSF1A", "TRADD", "TRAF2", "RIPK1", "BIRC2", "BIRC3", "IKBKG", "CHUK",
        "IKBKB", "NFKBIA", "RELA", "NFKB1", "MAP3K14", "NFKB2", "RELB",
    }  # fmt: skip
    assert expected <= found
    assert found - expected == set()


def test_labels_on_two_lines(recognizer: Recognizer) -> None:
    def at(text: str, x: float, y: float, line: int) -> Word:
        w = 8.0 * len(text)
        return Word(text, 0.99, ((x, y), (x + w, y), (x + w, y + 12), (x, y + 12)), line)

    stacked = [at("MEK", 100, 100, 0), at("1/2", 104, 114, 1), at("TRADD", 300, 100, 2)]
    assert set(recognizer.recognize(stacked).gene_set()) == {"MAP2K1", "MAP2K2", "TRADD"}
    apart = [at("MEK", 100, 100, 0), at("1/2", 104, 160, 1)]  # too far below: not one label
    assert recognizer.recognize(apart).gene_set() == []
    listed = [at("S,", 100, 100, 0), at("3a,", 104, 114, 1)]  # a list wrapped: not S3a
    assert recognizer.recognize(listed).gene_set() == []
    # a downward arrow drawn under a family label reads "4": IRAK over ↓ is not IRAK4
    arrow = [at("IRAK", 100, 100, 0), at("4", 112, 114, 1), at("TRAF6", 100, 80, 2)]
    assert set(recognizer.recognize(arrow).gene_set()) == {"TRAF6"}
    eight = [at("Caspase", 100, 100, 0), at("8", 120, 114, 1)]
    assert recognizer.recognize(eight).gene_set() == ["CASP8"]


def test_a_full_name_on_two_lines(recognizer: Recognizer) -> None:
    def at(text: str, x: float, y: float, line: int) -> Word:
        w = 8.0 * len(text)
        return Word(text, 0.99, ((x, y), (x + w, y), (x + w, y + 12), (x, y + 12)), line)

    # "Sphingosine" over "kinase 2" in one box is SPHK2's name
    box = [at("Sphingosine", 100, 100, 0), at("kinase", 110, 114, 1), at("2", 162, 114, 1)]
    assert recognizer.recognize(box).gene_set() == ["SPHK2"]
    # a longer name replaces the first line's own: IGF1's name over "receptor" is IGF1R
    igf = [at("Insulin-like", 100, 100, 0), at("growth", 200, 100, 0)]
    igf += [at("factor", 252, 100, 0), at("1", 302, 100, 0), at("receptor", 180, 114, 1)]
    assert recognizer.recognize(igf).gene_set() == ["IGF1R"]
    # two lines that make no name stay apart; words far below are another label
    apart = [at("Sphingosine", 100, 100, 0), at("1-phosphate", 104, 114, 1)]
    assert recognizer.recognize(apart).gene_set() == []
    far = [at("Sphingosine", 100, 100, 0), at("kinase", 110, 160, 1), at("2", 162, 160, 1)]
    assert recognizer.recognize(far).gene_set() == []


def test_modification_prefixes_need_a_numbered_symbol(recognizer: Recognizer) -> None:
    # ubiquitinated H2A is no spliced form of H2A's old symbol; uPA stays urokinase
    assert genes(recognizer, "uH2A") == set()
    assert genes(recognizer, "uPA") == {"PLAU"}
    # a plural of a family stays a family, not a gene
    assert genes(recognizer, "ERKs") == set()


def test_a_long_full_name_on_one_line(recognizer: Recognizer) -> None:
    # names of more than four words are read whole when they start like a gene's name
    assert genes(recognizer, "Casein kinase 1 alpha 1") == {"CSNK1A1"}
    assert genes(recognizer, "Transcription factor Dp family member 3") == {"TFDP3"}


def test_context_does_not_beat_an_exact_symbol(recognizer: Recognizer) -> None:
    # PARP1 is an approved symbol and an alias of TIPARP; TIPARP's PARP relatives in the
    # figure must not turn the label into TIPARP
    assert "PARP1" in genes(recognizer, "PARP1", "PARP2 PARP3 PARP4")
    assert "TIPARP" not in genes(recognizer, "PARP1", "PARP2 PARP3 PARP4")


def test_a_comma_ends_a_label(recognizer: Recognizer) -> None:
    # "S, 3a" lists two coronavirus proteins; joined they would read as RPS3A (alias S3a)
    assert "RPS3A" not in genes(recognizer, "S, 3a, M")
    assert "RPS3A" not in genes(recognizer, "S,3a,M")  # one OCR word
    assert genes(recognizer, "Caspase 8") == {"CASP8"}  # a two-word label still joins


def test_a_slash_list_is_not_a_slashless_symbol(recognizer: Recognizer) -> None:
    # the lookup drops separators, so "MSK1/2" met ITGB1's previous symbol MSK12
    assert genes(recognizer, "MSK1/2") == {"RPS6KA5", "RPS6KA4"}
    assert genes(recognizer, "P/CAF") == {"KAT2B"}  # a name spelt with a slash stays one


@pytest.mark.parametrize("label", ["CDV", "(mCMV)"])
def test_a_virus_acronym_is_not_a_roman_numbered_gene(recognizer: Recognizer, label: str) -> None:
    # canine distemper virus is not CD5, murine cytomegalovirus not MCM5; Lig IV still is
    assert genes(recognizer, label) == set()
    assert genes(recognizer, "LigIV") == {"LIG4"}


def test_a_viral_protein_with_a_greek_suffix_stays_viral(recognizer: Recognizer) -> None:
    # arterivirus nsp1α/nsp1β: dropping the Greek letter gives nsp1, not SH2D3A (alias NSP1)
    assert genes(recognizer, "nsp1β") == set()
    # capitalised, it is read as viral in a figure about a virus (as "Nsp1" is)
    assert genes(recognizer, "Nsp1α", ctx=FigureContext(pathogen=True)) == set()


@pytest.mark.parametrize(
    "label", ["CD4+ T cells", "SOX9+", "CD34(+)", "CD4+CD25+Foxp3+", "CCR6+ T-bet+"]
)
def test_a_trailing_plus_marks_cells_not_a_gene(recognizer: Recognizer, label: str) -> None:
    # "CD4+ T cells" are cells that carry CD4: a cell population, not the gene at work
    assert genes(recognizer, label) == set()


def test_a_plus_between_genes_is_still_a_list(recognizer: Recognizer) -> None:
    assert genes(recognizer, "MED12+ MED13") == {"MED12", "MED13"}
    assert genes(recognizer, "MED12+MED13+CDK8") == {"MED12", "MED13", "CDK8"}
    assert genes(recognizer, "CD4", "SOX9") == {"CD4", "SOX9"}


def test_a_label_is_no_group_support_for_its_own_rival_reading(recognizer: Recognizer) -> None:
    # "occludin" is OCLN's name and an alias name of MARVELD1, of OCLN's gene group: the
    # name must win, and OCLN (the label's own top reading) must not lift its rival
    assert genes(recognizer, "occludin") == {"OCLN"}
    assert genes(recognizer, "claudin 1", "occludin") == {"CLDN1", "OCLN"}


@pytest.mark.parametrize("label", ["XCR1⁺DC", "CD8⁺ T", "(CD103⁺)"])
def test_a_superscript_plus_marks_cells(recognizer: Recognizer, label: str) -> None:
    # XCR1⁺ dendritic cells are cells that carry XCR1, not the receptor in the pathway
    assert genes(recognizer, label) == set()


def test_an_arrow_against_a_label_is_drawing(recognizer: Recognizer) -> None:
    # "proteins↑" is the word proteins, not PROS1's name "protein S"; "↓eIF2α" is EIF2S1
    assert genes(recognizer, "proteins↑") == set()
    assert genes(recognizer, "↓eIF2α TNF→") == {"EIF2S1", "TNF"}


@pytest.mark.parametrize("label", ["H3K", "H3K27me3", "H4K16ac", "H2AK119ub"])
def test_a_histone_mark_is_not_a_gene(recognizer: Recognizer, label: str) -> None:
    # "H3K" is H3C10's alias H3/k as the lexicon keys it, but in a figure it is a histone
    # mark or its cut-off start; HK2 stays hexokinase 2
    assert genes(recognizer, label) == set()
    assert genes(recognizer, f"{label} HK2") == {"HK2"}


def test_an_abbreviation_with_its_dot_is_not_an_alias(recognizer: Recognizer) -> None:
    # "Mol." (a journal) is not DUOXA1's alias mol, "Mar." (a month) not IRF1's MAR
    assert genes(recognizer, "Mol.") == set()
    assert genes(recognizer, "Mar.") == set()
    # without the dot the alias stays a reading; a symbol at a sentence end stays itself
    assert genes(recognizer, "MAR") == {"IRF1"}
    assert genes(recognizer, "STAT3.") == {"STAT3"}


def test_a_lipid_phosphate_and_a_bare_subunit_are_not_genes(recognizer: Recognizer) -> None:
    # ceramide-1-phosphate is not CER1; "beta-3" alone is a subunit, not BHLHE22 (Beta3)
    assert genes(recognizer, "Cer-1-P") == set()
    assert genes(recognizer, "beta-3") == set()
    assert genes(recognizer, "Beta-3") == set()
    assert genes(recognizer, "CER1 ITGB3") == {"CER1", "ITGB3"}


def test_an_old_symbol_in_another_case_needs_company(recognizer: Recognizer) -> None:
    # HGNC's old symbols are capitals: "FNd" is not ALX3 (FND), "Srk" not ZAP70 (SRK)
    assert genes(recognizer, "FNd") == set()
    assert genes(recognizer, "Srk") == set()
    # printed as HGNC wrote it, the old symbol still reads; so does a microRNA's
    assert genes(recognizer, "FND") == {"ALX3"}
    assert genes(recognizer, "miR-451") == {"MIR451A"}
    # with company the reading stands (Mig, CXCL9's old symbol, beside chemokines)
    assert genes(recognizer, "Mig CXCL10 CXCL11") == {"CXCL9", "CXCL10", "CXCL11"}


def test_the_paf_receptor_is_ptafr(recognizer: Recognizer) -> None:
    # GPR135 lists the alias PAFR, but PAF-R is the platelet-activating factor receptor
    assert genes(recognizer, "PAF-R") == {"PTAFR"}
    assert genes(recognizer, "PAF-R PAF") == {"PTAFR"}


@pytest.mark.parametrize("label", ["M.tb", "E.coli", "S. aureus"])
def test_a_species_abbreviation_is_an_organism(recognizer: Recognizer, label: str) -> None:
    # Mycobacterium tuberculosis is not NCAPG2 (alias MTB)
    assert genes(recognizer, label) == set()


def test_an_upper_case_plural_is_not_an_alias_with_a_capital_s(recognizer: Recognizer) -> None:
    # protein tyrosine phosphatases, not PTS (alias PTPS); AIs are not AR (alias AIS)
    assert genes(recognizer, "PTPs") == set()
    assert genes(recognizer, "(AIs)") == set()
    # an approved symbol stays itself: complement C1s, and MAVS read with a small s
    assert genes(recognizer, "C1r C1s") == {"C1R", "C1S"}
    assert genes(recognizer, "MAVs") == {"MAVS"}
    # ... unless the singular is a chemical: fatty acids, fibrin degradation products
    assert genes(recognizer, "FAs (FDPs)") == set()
    assert {f.name for f in run(recognizer, "MMPs").families} == {"MMP"}


@pytest.mark.parametrize("label", ["COPI", "COPII", "RER", "Abs", "CDN", "LPC"])
def test_more_curated_not_genes(recognizer: Recognizer, label: str) -> None:
    # coat complexes (not COP1), rough ER (not IK), antibodies (not DDX41), cyclic
    # dinucleotides (not NT5C), lysophosphatidylcholine (not PCSK7)
    assert genes(recognizer, label) == set()
    assert genes(recognizer, "COP1 MDM2") == {"COP1", "MDM2"}


def test_more_homographs_read_by_their_company(recognizer: Recognizer) -> None:
    # NES beside exportin 1 is the nuclear export signal; beside SOX2 it is nestin
    assert genes(recognizer, "NES CRM1") == {"XPO1"}
    assert genes(recognizer, "NES SOX2") == {"NES", "SOX2"}
    # SHP beside PD-1 is SHP-1/SHP-2, not the nuclear receptor NR0B2 it is beside FXR
    assert genes(recognizer, "SHP PD-1") == {"PDCD1"}
    assert "NR0B2" in genes(recognizer, "SHP NR1H4")
    # Gal among glycan residues is galactose; GAL printed so is galanin
    assert genes(recognizer, "Gal GlcNAc") == set()
    assert genes(recognizer, "GAL GALR1") == {"GAL", "GALR1"}
    # CARD2 beside RIG-I is its second caspase-recruitment domain; beside caspases NOL3
    assert genes(recognizer, "CARD1 CARD2 RIG-I MAVS") == {"RIGI", "MAVS"}
    assert genes(recognizer, "CARD2 CASP8 FADD") == {"NOL3", "CASP8", "FADD"}


def test_an_item_of_a_list_is_a_homograph_label_of_its_own(recognizer: Recognizer) -> None:
    # G11 is STK19's alias, but in "Gq/G11" beside phospholipase C it is Gα11 (GNA11)
    assert genes(recognizer, "Gq/G11 PLCB1") == {"GNA11", "PLCB1"}
    assert genes(recognizer, "G11 GNAQ") == {"GNA11", "GNAQ"}


def test_retina_and_interferon_receptor_labels(recognizer: Recognizer) -> None:
    # RPE beside photoreceptor genes is the retinal pigment epithelium; alone, the gene
    assert genes(recognizer, "RPE RPE65 ABCA4") == {"RPE65", "ABCA4"}
    assert genes(recognizer, "RPE") == {"RPE"}
    # IFNR is an interferon receptor in a figure, not the IFNR locus (no product)
    assert genes(recognizer, "IFNR JAK1") == {"JAK1"}


@pytest.mark.parametrize("label", ["Fig. 1", "Figure 2B", "CD103+DC", "M/G1", "HCC", "Nuc", "CR3"])
def test_round6_not_genes(recognizer: Recognizer, label: str) -> None:
    # a figure reference (not IL4I1's alias FIG1), cells glued to their marker, a cell
    # cycle phase (not MUC5B's MG1), hepatocellular carcinoma (not HYCC1), the nucleus
    # (not NUCB1), complement receptor 3 (CD11b/CD18, not CRIPTO3)
    assert genes(recognizer, label) == set()


def test_caspase_fragments_and_complexes_by_company(recognizer: Recognizer) -> None:
    # p20 and p10 beside caspase-1 are its subunits, not TPPP3 and EXOSC3
    assert genes(recognizer, "p20 p10 CASP1") == {"CASP1"}
    # MCC beside MAD2 and BUBR1 is the mitotic checkpoint complex; alone, the gene
    assert genes(recognizer, "MCC MAD2L1 BUB1B") == {"MAD2L1", "BUB1B"}
    assert genes(recognizer, "MCC") == {"MCC"}
    # PGP among cardiolipin enzymes is phosphatidylglycerophosphate
    assert genes(recognizer, "PGP PGS1 CRLS1") == {"PGS1", "CRLS1"}


def test_a_colon_joins_complexes_not_a_name(recognizer: Recognizer) -> None:
    # "IR:10" (IP-10 misread) is not CORO2A's alias IR10, nor a lipid's "A2:0" TNFAIP3's
    # A20; a complex written with colons still reads its members
    assert genes(recognizer, "IR:10") == set()
    assert genes(recognizer, "A2:0") == set()
    assert genes(recognizer, "IFNGR1:JAK1") == {"IFNGR1", "JAK1"}


def test_gc_beside_germinal_centre_genes(recognizer: Recognizer) -> None:
    # GC beside ICOS and BCL6 is the germinal centre, not the vitamin D-binding protein
    assert genes(recognizer, "GC ICOS BCL6") == {"ICOS", "BCL6"}


def test_roman_numerals_need_a_stem_and_yield_to_a_printed_alias(recognizer: Recognizer) -> None:
    # "ENI", "NFI", "TKI" are not EN1, NF1, TK1; "TACI" is TNFRSF13B's alias as printed,
    # not TAC1; "STATI" and "ROCKI" (a lncRNA's alias) still read STAT1 and ROCK1
    assert genes(recognizer, "ENI") == set()
    assert genes(recognizer, "(TKI)") == set()
    assert genes(recognizer, "TACI") == {"TNFRSF13B"}
    assert genes(recognizer, "STATI STAT2") == {"STAT1", "STAT2"}
    assert genes(recognizer, "ROCKI") == {"ROCK1"}


@pytest.mark.parametrize("label", ["C10", "C15", "type/", "m6A", "SSRI", "Ba/F3"])
def test_chain_lengths_drug_classes_and_framed_words(recognizer: Recognizer, label: str) -> None:
    # a carbon count (not C12orf57's alias C10), a word with a slash after it (not SGCG's
    # alias TYPE), N6-methyladenosine (not METTL3), a drug class, a cell line (not F3)
    assert genes(recognizer, label) == set()


def test_viral_orfs_an_ampersand_and_trx2(recognizer: Recognizer) -> None:
    # herpesvirus US9 is not RPS16, ORF4 not CTTNBP2; "c&MP" (cAMP misread) not MATN1
    assert genes(recognizer, "US9 UL37 ORF4") == set()
    assert genes(recognizer, "c&MP") == set()
    # TRX2 among thioredoxin genes is TXN2, beside MLL proteins trithorax's KMT2B
    assert genes(recognizer, "TRX2 PRDX3") == {"TXN2", "PRDX3"}
    assert genes(recognizer, "TRX2 KMT2A") == {"KMT2B", "KMT2A"}


@pytest.mark.parametrize("label", ["pH", "at", "A-D,", "bat"])
def test_short_or_lower_case_words_are_no_family_stems(recognizer: Recognizer, label: str) -> None:
    # a numbered family's stem is printed with three characters and not as a word
    assert not run(recognizer, label).families
    assert {f.name for f in run(recognizer, "OAS Dkk").families} == {"OAS", "DKK"}


def test_transcription_factor_citrulline_and_arterivirus_labels(recognizer: Recognizer) -> None:
    # TF among transcription words is a transcription factor, beside TFRC transferrin
    assert genes(recognizer, "Early Response TF", "Transcription Factors") == set()
    assert genes(recognizer, "TF TFRC") == {"TF", "TFRC"}
    # citrulline; PRRSV's GP5 in a figure about a virus (GP5 the gene otherwise)
    assert genes(recognizer, "Cit Orn") == set()
    assert genes(recognizer, "GP5", ctx=FigureContext(pathogen=True)) == set()
    assert genes(recognizer, "GP5 GP1BA") == {"GP5", "GP1BA"}


def test_the_version_covers_everything_that_decides_a_reading() -> None:
    # a change to the species stage or a curated table must re-run stored recognition
    names = {(p.parent.name, p.name) for p in digest_files()}
    assert ("species", "detect.py") in names
    assert ("data", "organism_names.tsv") in names
    assert ("species", "host.py") in names
    assert ("recognize", "recognizer.py") in names
    assert ("lexicon", "normalize.py") in names


def test_company_does_not_respell_a_symbol_printed_with_its_hyphen(recognizer: Recognizer) -> None:
    # MIR9-3 and MIR93 share a lookup key; MIR93's cluster (MIR106B, MIR25) drawn beside it
    # says which family the figure draws, not that the printed hyphen is wrong
    assert genes(recognizer, "MIR9-3", "MIR106B MIR25") == {"MIR9-3", "MIR106B", "MIR25"}
    assert genes(recognizer, "MIR93", "MIR106B MIR25") == {"MIR93", "MIR106B", "MIR25"}
