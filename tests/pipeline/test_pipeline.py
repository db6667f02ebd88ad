"""The pipeline end to end on real figures: real images, the real OCR engine, real SQLite."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from pfocr.classify import CLASSIFIER_VERSION
from pfocr.evaluate import read_truth, score_sets
from pfocr.evaluate.organisms import matches, read_organisms
from pfocr.pipeline import RunConfig, run_pipeline
from pfocr.pipeline.work import state_summary
from pfocr.recognize import RecognizerConfig
from pfocr.settings import Settings
from pfocr.store import Store

pytestmark = [pytest.mark.ocr, pytest.mark.xdist_group("pmc")]


@pytest.fixture(scope="module")
def pmc_folder(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three curated real PMC figures (with genes) and their sidecars."""
    truth = read_truth(shared / "eval" / "pmc" / "truth-dev.tsv")
    chosen = [t for t in truth if len(t.genes) >= 5][:3]
    folder = tmp_path_factory.mktemp("pmc")
    for t in chosen:
        for suffix in (".jpg", ".json"):
            shutil.copy(shared / "eval" / "pmc" / "images" / f"{t.figid}{suffix}", folder)
    return folder


@pytest.fixture(scope="module")
def first_run(
    pmc_folder: Path, lexicon_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[RunConfig, object]:
    db = tmp_path_factory.mktemp("db") / "pfocr.sqlite"
    config = RunConfig(db=db, workers=1, settings=Settings(lexicon=lexicon_file))
    return config, run_pipeline([pmc_folder], config)


def test_real_figures_are_recognised(first_run: tuple[RunConfig, object], shared: Path) -> None:
    config, summary = first_run
    assert summary.processed == 3 and summary.failed == 0  # type: ignore[attr-defined]
    truth = read_truth(shared / "eval" / "pmc" / "truth-dev.tsv")
    with Store(config.db, readonly=True) as store:
        predicted = {gs.figid: set(gs.genes) for gs in store.gene_sets(min_genes=1)}
        ids = set(store.figure_ids())
        scores = score_sets([t for t in truth if t.figid in ids], predicted)
        assert scores.precision >= 0.7 and scores.recall >= 0.5, scores
        for t in truth:  # the host, as curated
            if t.figid in ids and t.organisms:
                drawn = [o for o in store.organisms(t.figid) if o.draws]
                host = read_organisms(t.organisms).host
                assert drawn and host is not None and matches(drawn[0].taxid, host), t.figid
        for figid in ids:
            ocr = store.ocr(figid)
            rec = store.figure(figid)
            assert ocr is not None and rec is not None and rec.figure.width
            assert rec.figure.sha256 and rec.figure.caption
            for w in ocr.words:  # boxes lie on the image
                for x, y in w.box:
                    assert -2 <= x <= rec.figure.width + 2 and -2 <= y <= rec.figure.height + 2


def test_rerun_skips_finished_figures(
    first_run: tuple[RunConfig, object], pmc_folder: Path
) -> None:
    config, _ = first_run
    again = run_pipeline([pmc_folder], config)
    assert (again.processed, again.skipped) == (0, 3)


def test_new_recogniser_reuses_ocr(first_run: tuple[RunConfig, object], pmc_folder: Path) -> None:
    config, _ = first_run
    stricter = replace(config, recognizer=RecognizerConfig(threshold=0.95))
    built = state_summary()["recognizer"]
    summary = run_pipeline([pmc_folder], stricter)
    assert summary.processed == 3 and summary.reused_ocr == 3
    # the runner builds the recogniser for its version and hands it to the work (and to
    # the workers it forks): the work builds none of its own
    assert state_summary()["recognizer"] == built
    with Store(config.db, readonly=True) as store:
        for figid in store.figure_ids():
            assert all(m.confidence >= 0.95 for m in store.mentions(figid, accepted_only=True))
    # and back, again without OCR
    assert run_pipeline([pmc_folder], config).reused_ocr == 3


def test_new_pathway_scorer_rescores_without_ocr(
    first_run: tuple[RunConfig, object], pmc_folder: Path
) -> None:
    config, _ = first_run
    with Store(config.db) as store:  # as if an older scorer had written the scores
        store.conn.execute("UPDATE classifications SET version = 'heuristic-0'")
        store.conn.commit()
    summary = run_pipeline([pmc_folder], config)
    assert summary.processed == 3 and summary.reused_ocr == 3
    with Store(config.db, readonly=True) as store:
        assert {store.classification_version(f) for f in store.figure_ids()} == {CLASSIFIER_VERSION}
    assert run_pipeline([pmc_folder], config).skipped == 3


def test_changed_sidecar_updates_metadata_without_ocr(
    first_run: tuple[RunConfig, object], pmc_folder: Path, tmp_path: Path
) -> None:
    config, _ = first_run
    folder = tmp_path / "in"
    shutil.copytree(pmc_folder, folder)
    sidecar = sorted(folder.glob("*.json"))[0]
    data = json.loads(sidecar.read_text())
    data["figtitle"] = "A corrected title"
    sidecar.write_text(json.dumps(data))
    summary = run_pipeline([folder], config)
    assert summary.processed == 1 and summary.reused_ocr == 1 and summary.skipped == 2
    with Store(config.db, readonly=True) as store:
        rec = store.figure(data.get("figid") or f"{data['pmcid']}__{sidecar.stem.split('__')[-1]}")
        assert rec is not None and rec.figure.figtitle == "A corrected title"


def test_bad_inputs_fail_alone(lexicon_file: Path, pmc_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(next(pmc_folder.glob("*.jpg")), folder / "good.jpg")
    (folder / "error-page.jpg").write_text("<html><body>404 Not Found</body></html>")
    (folder / "empty.png").write_bytes(b"")
    config = RunConfig(db=tmp_path / "db.sqlite", settings=Settings(lexicon=lexicon_file))
    summary = run_pipeline([folder], config)
    assert summary.processed == 1 and summary.failed == 2
    reasons = " ".join(f.error for f in summary.failures)
    assert "HTML" in reasons and "empty" in reasons.lower()
    with Store(config.db, readonly=True) as store:
        assert store.figure_ids() == ["good"]
        assert {f["stage"] for f in store.failures()} == {"image"}


def test_process_pool_matches_inline(
    first_run: tuple[RunConfig, object], pmc_folder: Path, tmp_path: Path
) -> None:
    config, _ = first_run
    pooled = replace(config, db=tmp_path / "pool.sqlite", workers=2)
    # reuse nothing: a fresh database, so OCR runs in two worker processes
    summary = run_pipeline([pmc_folder], pooled)
    assert summary.processed == 3
    with Store(config.db, readonly=True) as a, Store(pooled.db, readonly=True) as b:
        assert [(g.figid, g.genes) for g in a.gene_sets(1)] == [
            (g.figid, g.genes) for g in b.gene_sets(1)
        ]


def test_reread_pass_reuses_the_engine_pass(
    lexicon_file: Path, pmc_folder: Path, tmp_path: Path
) -> None:
    settings = Settings(lexicon=lexicon_file)
    plain = RunConfig(db=tmp_path / "db.sqlite", settings=settings, reread=False)
    assert run_pipeline([pmc_folder], plain).processed == 3
    summary = run_pipeline([pmc_folder], replace(plain, reread=True))
    assert summary.processed == 3 and summary.reused_ocr == 3  # the engine did not run again
    with Store(plain.db, readonly=True) as store:
        for figid in store.figure_ids():
            ocr = store.ocr(figid)
            assert ocr is not None and "-rr" in ocr.settings
    assert run_pipeline([pmc_folder], replace(plain, reread=True)).skipped == 3
