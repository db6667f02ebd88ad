"""Reading the curated ``organisms`` column, and scoring hosts and organism lists."""

from __future__ import annotations

from pfocr.evaluate.organisms import matches, read_organisms, score_organisms

HUMAN, MOUSE, MAMMALIA = 9606, 10090, 40674


def test_entries_split_outside_parentheses_and_read_by_their_first_name() -> None:
    truth = read_organisms(
        "Homo sapiens (mammalian; mouse-style gene italics Ifnb/Xbp1/Oas); Hepatitis C virus; "
        "Dengue virus 2; Arenavirus (Lassa virus, LASV); Paramyxovirus"
    )
    names = truth.taxids
    assert names[0] == HUMAN and len(names) == 4  # the ";" inside parentheses splits nothing
    assert truth.unread == ("Paramyxovirus",)
    # the host is the first entry that can be one; a group as written
    mammalian = read_organisms("Mammalian host cells infected with canine parvovirus")
    assert mammalian.taxids == (MAMMALIA,) and mammalian.host == MAMMALIA
    virus_only = read_organisms("Murine hepatitis virus (MHV-A59)")
    assert virus_only.host == 11138  # no host: the first entry
    assert read_organisms("Influenza A virus; Homo sapiens (host RNAPII)").host == HUMAN


def test_matching_by_species_and_within_groups() -> None:
    assert matches(HUMAN, HUMAN)
    assert matches(HUMAN, MAMMALIA) and not matches(MAMMALIA, HUMAN)
    dengue2, dengue = (
        read_organisms("Dengue virus 2").taxids[0],
        read_organisms("Dengue virus").taxids[0],
    )
    assert matches(dengue2, dengue) and matches(dengue, dengue2)  # one species
    assert not matches(MOUSE, HUMAN)


def test_host_accuracy_precision_and_recall() -> None:
    truths = {
        "a": read_organisms("Homo sapiens; Hepatitis B virus"),
        "b": read_organisms("Mus musculus; Mycobacterium tuberculosis"),
        "c": read_organisms("Paramyxovirus"),  # nothing to score
    }
    hbv, mtb = truths["a"].taxids[1], truths["b"].taxids[1]
    scores = score_organisms(
        truths,
        hosts={"a": HUMAN, "b": HUMAN, "c": None},
        predicted={"a": [HUMAN, hbv, 562], "b": [HUMAN, mtb]},
    )
    assert scores.scored == 2 and scores.host_accuracy == 0.5 and scores.wrong_hosts == ("b",)
    assert (scores.tp, scores.fp, scores.fn) == (3, 2, 1)
    assert round(scores.precision, 3) == 0.6 and round(scores.recall, 3) == 0.75
