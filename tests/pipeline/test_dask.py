"""The same pipeline on a Dask cluster (a local one here)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pfocr.pipeline import RunConfig, run_pipeline
from pfocr.pipeline.executors import run_dask
from pfocr.recognize import RecognizerConfig
from pfocr.settings import Settings
from pfocr.store import Store

pytest.importorskip("distributed")
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("examples")]


def test_run_dask_keeps_every_result() -> None:
    # a builtin: test modules are not importable on Dask workers
    results = dict(run_dask(abs, range(-10, 10), "local", window=4))
    assert results == {i: abs(i) for i in range(-10, 10)}


def test_pipeline_on_dask_matches_inline(
    examples_db: Path, lexicon_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "dask.sqlite"
    db.write_bytes(examples_db.read_bytes())
    with Store(db, readonly=True) as store:
        before = [(g.figid, g.genes) for g in store.gene_sets(1)]
        sources = [store.figure_row(f).source for f in store.figure_ids()]  # type: ignore[union-attr]
    folder = Path(sources[0]).parent  # type: ignore[arg-type]
    config = RunConfig(db=db, settings=Settings(lexicon=lexicon_file), dask="local")
    # a new recogniser version: recognition runs on the cluster, OCR is reused
    summary = run_pipeline([folder], replace(config, recognizer=RecognizerConfig(threshold=0.51)))
    assert summary.processed == 3 and summary.reused_ocr == 3 and summary.failed == 0
    with Store(db, readonly=True) as store:
        after = [(g.figid, g.genes) for g in store.gene_sets(1)]
    assert after == before
