"""The interaction stage in the pipeline: opt-in, stored, versioned, scored by pfocr eval."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pfocr.cli import app
from pfocr.evaluate.edges import read_edge_truth, score_edges
from pfocr.pipeline import RunConfig, run_pipeline
from pfocr.settings import Settings
from pfocr.store import Store

pytestmark = pytest.mark.ocr
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

NAMES = ("mapk_erk", "jak_stat", "tnf_nfkb", "apoptosis", "pi3k_akt_mtor", "tgfb_smad",
         "wnt_catenin", "cgas_sting")  # fmt: skip


@pytest.fixture(scope="module")
def folder(examples: Callable[[Sequence[str]], Path]) -> Path:
    return examples(NAMES)


def test_edges_are_read_stored_and_rerun_on_a_new_version(
    folder: Path, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "pfocr.sqlite"
    plain = RunConfig(db=db, workers=1, settings=settings)
    with_edges = RunConfig(db=db, workers=1, settings=settings, edges=True)
    assert run_pipeline([folder], plain).processed == len(NAMES)
    with Store(db, readonly=True) as store:
        assert not list(store.all_edges())  # off by default
    # asking for edges re-runs the figures from their stored OCR
    summary = run_pipeline([folder], with_edges)
    assert (summary.processed, summary.reused_ocr) == (len(NAMES), len(NAMES))
    truth = read_edge_truth(EXAMPLES / "edges.tsv")
    with Store(db, readonly=True) as store:
        figids = [f"example__{n}" for n in NAMES]
        drawn = {f: store.edges(f) for f in figids}
        assert all(store.stage(f, "edges") is not None for f in figids)
    scores = score_edges(truth, drawn, figids)
    # what the reader states on these clean drawings it states right (measured: 30 of 32
    # pairs right, a third of the drawn pairs found)
    assert scores.precision >= 0.9 and scores.tp >= 25, scores
    assert run_pipeline([folder], with_edges).skipped == len(NAMES)
    assert run_pipeline([folder], plain).skipped == len(NAMES)  # a run without edges keeps them
    # a new reader version re-reads the edges, not the OCR
    monkeypatch.setattr("pfocr.edges.stage_version", lambda: "ed-test")  # runner and work
    summary = run_pipeline([folder], with_edges)
    assert (summary.processed, summary.reused_ocr) == (len(NAMES), len(NAMES))
    with Store(db, readonly=True) as store:
        row = store.stage("example__mapk_erk", "edges")
        assert row is not None and row.version == "ed-test"
        assert store.edges("example__mapk_erk") == drawn["example__mapk_erk"]


def test_eval_scores_edges(folder: Path, lexicon_file: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "--truth", str(EXAMPLES / "truth.tsv"),
            "--images", str(folder),
            "--db", str(tmp_path / "eval.sqlite"),
            "--edges", str(EXAMPLES / "edges.tsv"),
            "-j", "2",
            "--json",
        ],
        env={"PFOCR_LEXICON": str(lexicon_file)},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    edges = out["edges"]
    assert edges["tp"] >= 25 and edges["precision"] >= 0.9
    rows = {r["figid"]: r for r in edges["per_figure"]}
    assert "JAK1->STAT1" in rows["example__jak_stat"]["tp"]
    bad = CliRunner().invoke(
        app,
        ["eval", "--truth", str(EXAMPLES / "truth.tsv"), "--images", str(folder),
         "--edges", str(tmp_path / "missing.tsv")],
    )  # fmt: skip
    assert bad.exit_code == 2 and "no such file" in bad.output
