"""Organism names in titles, captions and figure text, and the host they add up to."""

from __future__ import annotations

from pfocr.species import Nomenclature, SpeciesCall, decide_host, find_names, read_nomenclature
from pfocr.species.host import DECISIVE_POINTS, MIN_GENES

HUMAN, MOUSE = 9606, 10090
PLAIN = Nomenclature()


def call(genes: int | None = None, style: Nomenclature = PLAIN, **texts: str) -> SpeciesCall:
    return decide_host(find_names(texts), style, genes)


def host(genes: int | None = None, **texts: str) -> str | None:
    found = call(genes, **texts).host
    return found.name if found else None


def test_names_as_biologists_write_them() -> None:
    named = find_names({"caption": "Signalling in human and mouse macrophages", "figure": "HeLa"})
    assert [m.taxid for m in named.mentions] == [HUMAN, MOUSE, HUMAN]
    assert named.mentions[0].source == "caption" and named.mentions[0].how == "alias"
    assert named.mentions[2].how == "cell line" and named.mentions[2].source == "figure"
    # a cell line name of under four characters only counts as "... cells"
    assert find_names({"figure": "S2 domain"}).mentions == ()
    assert [m.taxid for m in find_names({"caption": "in S2 cells"}).mentions] == [7227]
    # scientific, common, abbreviated, cell lines (with the species they come from)
    text = "Drosophila melanogaster, zebrafish, D. rerio, E. coli and RAW264.7 cells"
    found = find_names({"caption": text})
    assert {m.taxid for m in found.mentions} == {7227, 7955, 562, MOUSE}
    assert {m.how for m in found.mentions} >= {"binomial", "abbreviation", "cell line"}


def test_word_boundaries_and_the_longest_name() -> None:
    # "rat" inside "separation", "HIV" inside "archive" are not organisms
    assert find_names({"caption": "separation of archive samples; ratio"}).mentions == ()
    # a murine virus is a virus, not a mouse
    named = find_names({"caption": "RNA synthesis in murine hepatitis virus infected cells"})
    assert [m.taxid for m in named.mentions] == [11138]
    # names of several words match in a title's capitals; an acronym only as written
    assert [m.taxid for m in find_names({"paper": "Canine Parvovirus Infection"}).mentions] == [
        10788
    ]
    assert find_names({"caption": "the hcv of"}).mentions == ()


def test_latin_binomials_from_the_whole_taxonomy() -> None:
    # neither is in pfocr's tables: NCBI Taxonomy knows them, and their abbreviations
    named = find_names({"paper": "Isatis indigotica root extracts", "caption": "I. indigotica"})
    assert {m.taxid for m in named.mentions} == {3242077}
    assert [m.how for m in named.mentions] == ["binomial", "abbreviation"]
    # a binomial the taxonomy lacks is still noticed (a known genus, a Latin epithet)
    novel = find_names({"paper": "Signalling in Bombyx imaginarius larvae"})
    assert [m.how for m in novel.mentions] == ["binomial of a known genus"]
    # English words are no binomials
    assert find_names({"title": "Signaling pathways and Cancer cells"}).mentions == ()


def test_a_named_host_outweighs_the_genes() -> None:
    assert host(10, title="Antiviral response in zebrafish") == "Danio rerio"
    assert host(10, paper="Pathway in Bombyx mori silk glands") == "Bombyx mori"
    assert host(10, caption="bovine intestinal epithelial cells") == "Bos taurus"
    # a group beside one of its members counts for the member
    assert host(10, caption="mammalian cells; mouse lungs") == "Mus musculus"


def test_the_genes_make_a_figure_human() -> None:
    found = call(12, caption="NOD1 and RIG-I signalling in lung epithelium")
    assert found.host is not None and found.host.taxid == HUMAN and found.host.role == "host"
    assert found.host.evidence.startswith("genes: 12 labels")
    # one label is too little to say; with no name either, there is no host
    assert call(MIN_GENES - 1, caption="a model").host is None
    # "mammalian" with human gene labels is human
    assert host(8, caption="the mammalian PERK pathway") == "Homo sapiens"


def test_viruses_are_never_the_host_of_a_human_figure() -> None:
    found = call(9, caption="HCV NS5A blocks PKR", figure="Nef HIV-1")
    assert found.host is not None and found.host.taxid == HUMAN
    assert [o.taxid for o in found.organisms_ner] == [HUMAN, 11676]  # HIV-1 drawn
    assert 3052230 in found.taxids and found.pathogen and not found.nonvertebrate
    # no genes: a virus of humans makes the host human; a virus of mice leaves none
    assert host(0, caption="influenza virus replication") == "Homo sapiens"
    mhv = call(0, caption="viral RNA synthesis in MHV-infected cells")
    assert mhv.host is None and mhv.organisms_ner == ()
    assert mhv.organisms[0].name == "Murine hepatitis virus"


def test_groups_are_not_listed_beside_their_members() -> None:
    found = call(5, caption="viral proteins of SARS-CoV-2 and other coronaviruses")
    assert [o.name for o in found.organisms] == [
        "Homo sapiens",
        "Severe acute respiratory syndrome coronavirus 2",
    ]


def test_non_vertebrate_hosts_are_not_read_as_human() -> None:
    assert call(title="Pheromone response in S. cerevisiae").nonvertebrate
    assert call(title="Toll signalling in Drosophila").nonvertebrate
    assert call(paper="Plasmodium falciparum invasion of erythrocytes").nonvertebrate
    assert call(title="FLS2 and BAK1 in Arabidopsis", caption="T cells").nonvertebrate
    # dengue virus in its mosquito vector's cells
    assert call(caption="DENV2 in mosquito C6/36 cells").nonvertebrate
    assert host(caption="DENV2 in mosquito C6/36 cells") == "Aedes albopictus"


def test_weak_or_contradicted_evidence_keeps_human_genes() -> None:
    # one caption mention of a plant does not outweigh human gene labels
    plants = "At present, no PERK-like pathway has been found in plants."
    assert DECISIVE_POINTS > 2
    assert not call(caption=plants).nonvertebrate
    assert host(9, caption=plants) == "Homo sapiens"
    assert host(0, caption=plants) == "Viridiplantae"
    assert not call(caption="UPR in plants and mammals").nonvertebrate
    # a plant that names a virus ("plant viruses"), a homolog, a mosquito that only
    # transmits, a mammal beside an invertebrate's cells
    assert not call(caption="HCV and plant viruses").nonvertebrate
    assert not call(caption="the WIPI proteins (yeast Atg18 homolog) bind PI3P").nonvertebrate
    assert not call(caption="ULK1, the mammalian homolog of yeast Atg1").nonvertebrate
    assert not call(caption="Dengue virus, transmitted by mosquitoes, infects cells").nonvertebrate
    assert not call(caption="Drosophila S2 cells and human HeLa cells").nonvertebrate
    # a caption's "avian leucosis virus" is a virus; a title's porcine viruses name pigs
    assert host(9, caption="entry of avian leucosis virus (ALV)") == "Homo sapiens"
    assert host(9, paper="Host Responses and Porcine Enteric Coronaviruses") == "Sus scrofa"


def test_a_parasite_with_host_immune_cells_draws_the_host() -> None:
    # dendritic cells parasitized by Toxoplasma: the host's MyD88 and MAPKs
    found = call(paper="Dendritic Cells Parasitized by Toxoplasma gondii.")
    assert not found.nonvertebrate and found.host is None


def test_figure_text_names_what_the_figure_shows() -> None:
    found = call(10, caption="TLR signalling", figure="yeast-derived zymosan")
    assert found.host is not None and found.host.taxid == HUMAN
    assert 4932 in found.taxids and not found.nonvertebrate


def test_nomenclature() -> None:
    symbols = {"STAT1", "IRF3", "SMAD2", "JAK2"}
    style = read_nomenclature(
        ["Stat1", "Irf3", "JAK2", "Ste5p", "Fus3p"], symbols, "daf-16 and lin-12; type-1"
    )
    assert style == Nomenclature(human=1, mouse=2, worm=2, yeast=2)
    worm = read_nomenclature(["IRE-1", "xbp-1"], symbols, "the ire-1-xbp-1 pathway")
    assert worm.worm == 2
    # a chemical name's locants, as OCR cuts them, are no worm genes
    chemistry = read_nomenclature(
        ["mino-3-carbox", "eine-2-carpoxy", "3-oxo-3-carboxy", "zeta-2", "beta-1"], symbols
    )
    assert chemistry.worm == 0
    assert decide_host(find_names({}), worm).host is not None
    assert decide_host(find_names({}), worm).nonvertebrate
    # mouse style alone does not make a figure murine (human figures write Smad2 too) ...
    mouse = read_nomenclature(["Smad2", "Stat1", "Irf3"], symbols)
    assert call(8, mouse, caption="TGF-β signalling").host.taxid == HUMAN  # type: ignore[union-attr]
    # ... but breaks a tie between two named hosts
    assert call(8, mouse, caption="in human and mouse").host.taxid == MOUSE  # type: ignore[union-attr]
