"""Every command on a PostgreSQL store (``--db postgresql://...``): `pfocr run` writes the
same figures, genes, mentions and organisms as on SQLite, and the exports, search,
enrichment and explanations read the same results back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pfocr.cli import app
from pfocr.pipeline import RunConfig, run_pipeline
from pfocr.settings import Settings
from pfocr.store import Store
from pfocr.store.target import DbTarget
from pfocr.testing_pg import PgServer

pytestmark = [pytest.mark.ocr, pytest.mark.xdist_group("examples")]

NAMES = ("tnf_nfkb", "apoptosis", "jak_stat")  # the figures of the examples_db fixture
runner = CliRunner()


@pytest.fixture(scope="module")
def inputs(examples: Callable[[Sequence[str]], Path]) -> Path:
    return examples(NAMES)


@pytest.fixture(scope="module")
def pg_examples(
    pg_server: PgServer, lexicon_file: Path, inputs: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """`pfocr run --db postgresql://...` as a user runs it, on the examples_db figures."""
    url = pg_server.create_database()
    cache = tmp_path_factory.mktemp("pg-cache")
    env = dict(os.environ, PFOCR_LEXICON=str(lexicon_file), XDG_CACHE_HOME=str(cache))
    proc = subprocess.run(
        [sys.executable, "-m", "pfocr", "run", str(inputs), "--db", url, "-j", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    yield url


def _contents(db: DbTarget) -> dict[str, object]:
    with Store(db, readonly=True) as store:
        out: dict[str, object] = {"sets": list(store.gene_sets(1))}
        for figid in store.figure_ids():
            record = store.figure(figid)
            assert record is not None
            out[figid] = (
                record.figure,
                record.paper,
                record.genes,
                [(o.taxid, o.role) for o in record.organisms],
                [(m.text, m.symbol, m.rule, m.accepted, m.box) for m in store.mentions(figid)],
                store.family_mentions(figid),
                [(c.concept, c.text, c.source) for c in store.chemicals(figid)],
                store.ocr(figid),
                store.image(figid),
            )
        return out


def test_run_writes_what_it_writes_to_sqlite(pg_examples: str, examples_db: Path) -> None:
    pg, lite = _contents(pg_examples), _contents(examples_db)
    assert pg["sets"] and pg.keys() == lite.keys()
    for key in lite:
        if key == "sets":
            assert pg[key] == lite[key]
            continue
        figure, *rest = pg[key]  # type: ignore[misc]
        figure_l, *rest_l = lite[key]  # type: ignore[misc]
        assert figure.sha256 == figure_l.sha256 and figure.caption == figure_l.caption
        # OCR and recognition are the same, field by field (the run times are not)
        ocr, ocr_l = rest.pop(-2), rest_l.pop(-2)
        assert ocr.words == ocr_l.words and ocr.version == ocr_l.version
        assert rest == rest_l


def test_a_second_run_resumes_with_nothing_to_do(
    pg_examples: str, lexicon_file: Path, inputs: Path, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    before = _contents(pg_examples)
    settings = Settings(lexicon=lexicon_file)
    summary = run_pipeline([inputs], RunConfig(db=pg_examples, workers=1, settings=settings))
    assert summary.skipped == len(NAMES) and summary.processed == 0
    assert _contents(pg_examples) == before


def _unscored(output: str) -> str:
    found = json.loads(output)
    for hit in found["hits"]:
        assert hit.pop("score") is not None
    return json.dumps(found)


def _cli(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_exports_search_enrich_and_explain_read_the_same(
    pg_examples: str, examples_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    lite = str(examples_db)
    for args in (
        ("export", "gmt", "--min-genes", "1", "-o", "-"),
        ("export", "mentions"),
        ("search", "--gene", "TNF", "--json"),
        ("search", "--text", "apoptosis", "--json"),
        ("search", "--organism", "human", "--json"),
        ("enrich", "TNF", "TRADD", "RIPK1", "CASP8", "BIRC2", "--no-lexicon", "--min-genes", "1"),
    ):
        on_pg, on_lite = _cli(*args, "--db", pg_examples), _cli(*args, "--db", lite)
        if "--text" in args:  # ranked by each database's own text search: bm25, ts_rank
            on_pg, on_lite = _unscored(on_pg), _unscored(on_lite)
        assert on_pg.strip() and on_pg == on_lite, args
    with Store(examples_db, readonly=True) as store:
        figid = store.figure_ids()[0]
    explained = _cli("explain", figid, "--db", pg_examples)
    assert explained == _cli("explain", figid, "--db", lite)
    (tmp_path / "pg").mkdir()
    (tmp_path / "lite").mkdir()
    _cli("export", "records", "--db", pg_examples, "-o", str(tmp_path / "pg"))
    _cli("export", "records", "--db", lite, "-o", str(tmp_path / "lite"))
    records = sorted(p.name for p in (tmp_path / "lite").iterdir())
    assert len(records) == len(NAMES)
    for name in records:
        assert (tmp_path / "pg" / name).read_text() == (tmp_path / "lite" / name).read_text()


def test_a_missing_server_is_exit_2_with_one_line(pg_server: PgServer) -> None:
    url = f"postgresql://pfocr:hunter2@127.0.0.1:{pg_server.port}/no_such_db"
    proc = subprocess.run(
        [sys.executable, "-m", "pfocr", "export", "gmt", "--db", url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "no_such_db" in lines[0] and "hunter2" not in lines[0]
