"""A run killed with SIGKILL resumes with no duplicates and nothing half-written, on
SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pfocr.pipeline import RunConfig, run_pipeline
from pfocr.settings import Settings
from pfocr.store import Store
from pfocr.store.target import DbTarget

pytestmark = [pytest.mark.ocr, pytest.mark.slow]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _count(db: DbTarget) -> int:
    if isinstance(db, Path) and not db.exists():
        return 0
    try:
        with Store(db, readonly=True) as store:
            return store.count_figures()
    except Exception:
        return 0


def test_kill_and_resume(lexicon_file: Path, tmp_path: Path, db_target: DbTarget) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["mapk_erk", "wnt_catenin", "cgas_sting", "pi3k_akt_mtor"]
    for name in names:
        shutil.copy(EXAMPLES / f"{name}.png", folder)
        shutil.copy(EXAMPLES / f"{name}.json", folder)
    db = db_target  # an SQLite file, then a PostgreSQL database
    env = dict(os.environ, PFOCR_LEXICON=str(lexicon_file))
    proc = subprocess.Popen(
        [sys.executable, "-m", "pfocr", "run", str(folder), "--db", str(db), "-j", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 240
        while _count(db) < 1 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.2)
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    done = _count(db)
    assert 1 <= done < len(names)
    with Store(db, readonly=True) as store:
        for figid in store.figure_ids():  # every stored figure is complete
            accepted = {m.symbol for m in store.mentions(figid, accepted_only=True)}
            assert accepted and {g.symbol for g in store.figure_genes(figid)} == accepted
            assert store.ocr(figid) is not None and store.image(figid) is not None
    summary = run_pipeline(
        [folder], RunConfig(db=db, settings=Settings(lexicon=lexicon_file), workers=1)
    )
    assert summary.skipped == done and summary.processed == len(names) - done
    with Store(db, readonly=True) as store:
        assert store.count_figures() == len(names)
        rows = store.conn.execute("SELECT figid, symbol FROM genes").fetchall()
        assert len(rows) == len({tuple(r) for r in rows})
        stages = store.conn.execute("SELECT stage, count(*) FROM stages GROUP BY stage")
        # one row per figure of each stage: OCR, recognition, chemicals and diseases
        assert dict(stages.fetchall()) == dict.fromkeys(("ocr", "recognize", "chemdis"), len(names))
