"""Organism detection from titles, captions and figure text."""

from __future__ import annotations

from pfocr.species import detect_organisms


def test_human_and_mouse() -> None:
    call = detect_organisms({"caption": "Signalling in human and mouse macrophages"})
    assert {o.taxid for o in call.organisms} == {9606, 10090}
    assert not call.nonmammalian and not call.pathogen
    assert call.organisms[0].evidence.startswith("caption:")


def test_yeast_only_is_nonmammalian() -> None:
    call = detect_organisms({"title": "Pheromone response in S. cerevisiae"})
    assert call.taxids == (4932,)
    assert call.nonmammalian


def test_viruses_are_pathogens_not_nonmammalian() -> None:
    call = detect_organisms({"caption": "HCV NS5A blocks PKR", "figure": "Nef HIV-1"})
    assert call.pathogen and not call.nonmammalian
    assert 11103 in call.taxids and 11676 in call.taxids


def test_word_boundaries() -> None:
    # "rat" inside "separation", "HIV" inside "archive" are not organisms
    call = detect_organisms({"caption": "separation of archive samples; ratio"})
    assert call.organisms == ()


def test_plants_with_human_words_stay_mammalian() -> None:
    call = detect_organisms({"caption": "Arabidopsis and human homologues"})
    assert not call.nonmammalian
    assert not detect_organisms({"caption": "UPR in plants and mammals"}).nonmammalian
    # a human virus named beside plants: human genes are shown
    assert not detect_organisms({"caption": "HCV and plant viruses"}).nonmammalian


def test_only_title_caption_and_paper_decide() -> None:
    call = detect_organisms({"caption": "TLR signalling", "figure": "yeast-derived zymosan"})
    assert call.taxids == (4932,) and not call.nonmammalian


def test_animals_are_not_suppressed() -> None:
    # zebrafish and chicken gene labels are read through their human orthologs
    assert not detect_organisms({"title": "Antiviral response in zebrafish"}).nonmammalian


def test_a_homolog_named_after_an_organism_is_no_evidence() -> None:
    # mammalian autophagy, whose caption says where a protein was first found
    call = detect_organisms({"caption": "the WIPI proteins (yeast Atg18 homolog) bind PI3P"})
    assert not call.nonmammalian
    assert detect_organisms({"caption": "Ergosterol pathway in S. cerevisiae."}).nonmammalian
    call = detect_organisms({"caption": "ULK1, the mammalian homolog of yeast Atg1"})
    assert not call.nonmammalian


def test_a_parasite_with_host_immune_cells_draws_the_host() -> None:
    # dendritic cells parasitized by Toxoplasma: the host's MyD88 and MAPKs
    call = detect_organisms({"paper": "Dendritic Cells Parasitized by Toxoplasma gondii."})
    assert not call.nonmammalian and call.host_immune
    # the parasite's own biology, or a plant's immunity, stays non-mammalian
    parasite = detect_organisms({"paper": "Plasmodium falciparum invasion of erythrocytes"})
    assert parasite.nonmammalian
    plant = detect_organisms({"title": "FLS2 and BAK1 in Arabidopsis", "caption": "T cells"})
    assert plant.nonmammalian


def test_the_cells_of_an_invertebrate_host_are_not_human() -> None:
    # dengue virus in its mosquito vector's cells: the PERK and eIF2α drawn are mosquito's
    call = detect_organisms({"paper": "Dengue Virus Infection Perturbs Lipid Homeostasis in "
                             "Infected Mosquito Cells."})  # fmt: skip
    assert call.invertebrate_cells and call.nonmammalian
    assert detect_organisms({"caption": "DENV2 in mosquito C6/36 cells"}).nonmammalian
    # a mosquito that only transmits the virus leaves the human host's genes
    spread = detect_organisms({"caption": "Dengue virus, transmitted by mosquitoes, infects cells"})
    assert not spread.nonmammalian
    # a mammal named beside the invertebrate's cells keeps the figure mammalian
    both = detect_organisms({"caption": "Drosophila S2 cells and human HeLa cells"})
    assert not both.nonmammalian
    # a fly or worm named otherwise is still read through human orthologs
    assert not detect_organisms({"title": "Toll signalling in Drosophila"}).nonmammalian
