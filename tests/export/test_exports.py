"""GMT, records and mentions exports from a store made by the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pfocr.export import RECORD_KEYS, gmt_lines, mentions_tsv, record_markdown, write_records
from pfocr.store import Store

pytestmark = pytest.mark.xdist_group("examples")


def _front_matter(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    head = text.split("---\n", 2)[1]
    data = yaml.safe_load(head)
    assert isinstance(data, dict)
    return data


def test_record_keys_equal_reference(examples_db: Path, shared: Path) -> None:
    reference = (shared / "reference" / "pfocr-record-PMC3962044.md").read_text(encoding="utf-8")
    ref_keys = list(_front_matter(reference))
    assert ref_keys == list(RECORD_KEYS)
    ref_ld = _front_matter(reference)["schema-jsonld"]
    with Store(examples_db, readonly=True) as store:
        for record in store.iter_figures():
            data = _front_matter(record_markdown(record, store))
            assert list(data) == ref_keys
            assert list(data["schema-jsonld"]) == list(ref_ld)  # type: ignore[arg-type]
            assert data["keywords"] == [g.symbol for g in record.genes]
            assert data["schema-jsonld"]["@type"] == "Dataset"  # type: ignore[index]
            assert "&id" not in record_markdown(record, store)  # no YAML anchors
            # the examples draw human pathways: the host first, read from their genes
            assert data["organisms_ner"][0] == "Homo sapiens", record.figure.figid  # type: ignore[index]
            assert data["organisms"][0] == "Homo sapiens"  # type: ignore[index]
            assert "Organisms (NCBI Taxonomy): Homo sapiens (taxid 9606, host)" in record_markdown(
                record, store
            )


def test_write_records(examples_db: Path, tmp_path: Path) -> None:
    with Store(examples_db, readonly=True) as store:
        paths = list(write_records(store, tmp_path / "records"))
        assert len(paths) == store.count_figures()
        none = list(write_records(store, tmp_path / "few", min_genes=10_000))
        assert none == []


def test_gmt(examples_db: Path) -> None:
    with Store(examples_db, readonly=True) as store:
        lines = list(gmt_lines(store, min_genes=3))
        assert len(lines) == 3
        for line in lines:
            figid, title, *genes = line.split("\t")
            assert figid.startswith("example__") and title
            assert len(genes) >= 3 and genes == sorted(set(genes))
            assert all(g.isupper() or any(c.isdigit() for c in g) for g in genes)
        assert list(gmt_lines(store, min_genes=10_000)) == []
        expanded = {ln.split("\t")[0]: ln.split("\t")[2:] for ln in gmt_lines(store, 3, True)}
        plain = {ln.split("\t")[0]: ln.split("\t")[2:] for ln in lines}
        assert all(set(plain[k]) <= set(expanded[k]) for k in plain)
        assert sum(map(len, expanded.values())) > sum(map(len, plain.values()))


def test_mentions(examples_db: Path) -> None:
    with Store(examples_db, readonly=True) as store:
        rows = [ln.split("\t") for ln in mentions_tsv(store)]
    header, body = rows[0], rows[1:]
    assert header[:7] == ["figid", "text", "symbol", "hgnc_id", "rule", "confidence", "box"]
    assert header[8:] == ["kind", "concept", "name", "source"]
    assert body and all(len(r) == len(header) for r in body)
    genes = [r for r in body if r[8] == "gene"]
    assert genes and all(r[3].startswith("HGNC:") and r[9] == r[3] for r in genes)
    assert all(len(r[6].split(";")) == 4 for r in genes)
    # chemicals and diseases: a MeSH (or DOID) id, no gene; a box where the image names them
    others = [r for r in body if r[8] != "gene"]
    assert others and {r[8] for r in others} <= {"chemical", "disease"}
    assert all(r[2] == r[3] == "" and r[9].startswith(("MESH:", "DOID:")) for r in others)
    assert all((len(r[6].split(";")) == 4) == (r[11] == "figure") for r in others)
