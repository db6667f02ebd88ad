"""The curated tables in pfocr/data: schema, sorting, duplicates, valid symbols."""

from __future__ import annotations

import pytest

from pfocr.data.tables import read_table
from pfocr.lexicon import Lexicon
from pfocr.recognize.curated import NOT_A_GENE
from pfocr.species import taxonomy

TABLES = {
    "not_genes.tsv": ["text", "category"],
    "nonhuman_proteins.tsv": ["text", "organism"],
    "protein_names.tsv": ["text", "symbol", "note"],
    "complexes.tsv": ["text", "complex", "members", "note"],
    "organism_taxa.tsv": ["text", "source"],
    "organism_names.tsv": ["text", "scientific_name", "note"],
    "cell_lines.tsv": ["text", "scientific_name", "cellosaurus"],
    "homographs.tsv": ["text", "reading", "context_words", "context_genes"],
    "gene_homographs.tsv": ["text", "symbol", "context_words", "context_genes"],
}
# tables with several rows per text, one per reading
MULTI = {"gene_homographs.tsv": "symbol"}


@pytest.mark.parametrize(("name", "columns"), TABLES.items())
def test_table_lint(name: str, columns: list[str]) -> None:
    rows = read_table(name)
    assert rows and list(rows[0]) == columns
    keys = [r["text"] for r in rows]
    assert keys == sorted(keys, key=lambda k: (k.casefold(), k)), f"{name} is not sorted"
    second = MULTI.get(name)
    unique = [(r["text"], r[second]) for r in rows] if second else keys
    assert len(unique) == len(set(unique)), f"{name} has duplicates"
    for row in rows:
        assert all(row[c] and row[c] == row[c].strip() for c in columns), row


def test_protein_names_point_at_approved_symbols(lexicon: Lexicon) -> None:
    for row in read_table("protein_names.tsv"):
        assert row["symbol"] in lexicon.by_symbol, row


def test_complexes_are_complexes_of_approved_genes(lexicon: Lexicon) -> None:
    names: dict[str, str] = {}
    for row in read_table("complexes.tsv"):
        members = row["members"].split()
        assert len(members) >= 2 and all(m in lexicon.by_symbol for m in members), row
        # every name of one complex lists the same members
        assert names.setdefault(row["complex"], row["members"]) == row["members"], row
        fam = lexicon.families[f"PFOCR:{row['complex']}"]
        assert fam.kind == "complex" and set(fam.members) == set(members)
    # a name is no longer a curated not-gene: it is read as the complex
    assert not {r["text"] for r in read_table("not_genes.tsv")} & {
        r["text"] for r in read_table("complexes.tsv")
    }


def test_gene_homographs_are_symbols_the_label_can_name(lexicon: Lexicon) -> None:
    rows = read_table("gene_homographs.tsv")
    by_text: dict[str, set[str]] = {}
    for row in rows:
        assert row["symbol"] in lexicon.by_symbol or row["symbol"] == NOT_A_GENE, row
        by_text.setdefault(row["text"], set()).add(row["symbol"])
    # each label has at least two readings: one alone would be a curated name
    assert all(len(symbols) >= 2 for symbols in by_text.values()), by_text


def test_organism_tables_name_taxa_of_the_taxonomy() -> None:
    # every curated organism is a scientific name as NCBI spells it; taxids come from it
    for name in ("organism_taxa.tsv", "organism_names.tsv", "cell_lines.tsv"):
        for row in read_table(name):
            scientific = row.get("scientific_name") or row["text"]
            assert taxonomy.find_scientific(scientific) is not None, (name, row)
    assert {r["source"] for r in read_table("organism_taxa.tsv")} == {
        "gene_info",
        "model",
        "pathogen",
        "group",
    }
    assert all(r["cellosaurus"].startswith("CVCL_") for r in read_table("cell_lines.tsv"))


def test_homographs_are_symbols_and_signal_with_genes(lexicon: Lexicon) -> None:
    # an entry only matters where the label reads as a gene, and its genes must exist
    for row in read_table("homographs.tsv"):
        assert row["text"].upper() in lexicon.by_symbol, row
        for g in row["context_genes"].split():
            if g.endswith("*"):
                assert any(s.startswith(g[:-1]) for s in lexicon.by_symbol), g
            else:
                assert g in lexicon.by_symbol, g
