"""The command line: commands, outputs, and exit status 2 with one line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pfocr.cli import app
from pfocr.store import Store

runner = CliRunner()


def test_help_lists_the_contract_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "export", "lexicon", "eval"):
        assert command in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["run", "/no/such/folder"],
        ["export", "gmt", "--db", "/no/such.sqlite"],
        ["export", "records", "--db", "/no/such.sqlite"],
        ["export", "mentions", "--db", "/no/such.sqlite"],
        ["eval", "--truth", "/no/truth.tsv", "--images", "."],
        ["run", ".", "--ocr", "nonsense"],
        ["run", ".", "--upscale", "lots"],
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pfocr", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip() and "─" not in ln]
    assert lines, proc.stderr
    assert "Traceback" not in proc.stderr


def test_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "x.sqlite"
    junk.write_text("hello" * 1000)
    result = runner.invoke(app, ["export", "gmt", "--db", str(junk)])
    assert result.exit_code == 2
    assert "not a pfocr database" in result.output


@pytest.mark.xdist_group("examples")
def test_exports_via_cli(examples_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["export", "gmt", "--db", str(examples_db), "-o", "-"])
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == 3
    out = tmp_path / "sets.gmt"
    result = runner.invoke(
        app, ["export", "gmt", "--db", str(examples_db), "-o", str(out), "--min-genes", "1"]
    )
    assert result.exit_code == 0 and len(out.read_text().splitlines()) == 3
    result = runner.invoke(
        app, ["export", "records", "--db", str(examples_db), "-o", str(tmp_path / "rec")]
    )
    assert result.exit_code == 0 and len(list((tmp_path / "rec").glob("*.md"))) == 3
    result = runner.invoke(app, ["export", "mentions", "--db", str(examples_db)])
    assert result.exit_code == 0 and result.stdout.startswith("figid\ttext\tsymbol")


@pytest.mark.xdist_group("examples")
def test_eval_reuses_the_store(examples_db: Path, lexicon_file: Path, tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[2] / "examples"
    db = tmp_path / "eval.sqlite"
    db.write_bytes(examples_db.read_bytes())
    lines = (examples / "truth.tsv").read_text(encoding="utf-8").splitlines()
    stored = ("example__tnf_nfkb", "example__apoptosis", "example__jak_stat")
    truth = tmp_path / "truth.tsv"
    truth.write_text("\n".join([lines[0], *(ln for ln in lines if ln.startswith(stored))]) + "\n")
    result = runner.invoke(
        app,
        ["eval", "--truth", str(truth), "--images", str(examples), "--db", str(db), "--json"],
        env={"PFOCR_LEXICON": str(lexicon_file)},
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["figures"] == 3
    assert data["precision"] >= 0.9 and data["recall"] >= 0.8
    assert {r["figid"] for r in data["per_figure"]} == set(stored)
    # the truth's organisms column is scored: every example is a human figure
    assert data["organisms"]["scored"] == 3 and data["organisms"]["host_accuracy"] == 1.0
    # and its chemicals and diseases: Ca2+ and ATP found, dATP (no name pfocr knows) missed
    concepts = {(c["kind"], c["where"]): c for c in data["concepts"]}
    assert set(concepts) == {("chemical", "figure"), ("disease", "figure")}
    chem, dis = concepts["chemical", "figure"], concepts["disease", "figure"]
    assert (chem["tp"], chem["fp"], chem["fn"]) == (2, 0, 1)
    missed = {r["figid"]: r["missed"] for r in chem["per_figure"]}
    assert missed["example__apoptosis"] == ["MESH:D003838"]
    assert (dis["tp"], dis["fp"], dis["fn"]) == (1, 0, 0)
    with Store(db, readonly=True) as store:  # nothing was processed again
        assert store.count_figures() == 3
        assert store.data_version() == Store(examples_db, readonly=True).data_version()


def test_engine_options_from_the_ocr_flags() -> None:
    from pfocr.cli.run import engine_options

    assert engine_options("auto") == {}
    assert engine_options("auto", second_detector=False) == {"second_detector": False}
    assert engine_options("3", second_detector=False) == {"second_detector": False, "upscale": 3.0}
    assert engine_options("auto+1") == {"upscale": "auto+1"}


def test_serve_with_several_processes(examples_db: Path) -> None:
    from pfocr.testing import free_port

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pfocr", "serve", "--db", str(examples_db), "--port", str(port),
         "--no-lexicon", "--workers", "2", "--page-cache-mb", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        import httpx

        deadline = time.monotonic() + 60
        stats = None
        while stats is None and time.monotonic() < deadline:
            try:
                stats = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).json()
            except httpx.TransportError:
                time.sleep(0.2)
        assert stats is not None and stats["figures"] == 3
        page = httpx.get(f"http://127.0.0.1:{port}/figures/example__apoptosis", timeout=10)
        assert page.status_code == 200 and "Calcium" in page.text
        # no page cache in either process: every answer is rendered, never a kept gzip body
        for _ in range(4):
            again = httpx.get(f"http://127.0.0.1:{port}/figures/example__apoptosis", timeout=10)
            assert again.text == page.text and "content-encoding" not in again.headers
        # the parent and its two server processes
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        assert len(children) >= 2
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_with_several_processes_sharing_a_page_file(
    examples_db: Path, tmp_path: Path
) -> None:
    from pfocr.testing import free_port

    pages = tmp_path / "site.pages"
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pfocr", "serve", "--db", str(examples_db), "--port", str(port),
         "--no-lexicon", "--workers", "2", "--page-cache-mb", "0", "--pages", str(pages)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        import httpx

        url = f"http://127.0.0.1:{port}/figures/example__apoptosis"
        deadline = time.monotonic() + 60
        page = None
        while page is None and time.monotonic() < deadline:
            try:
                page = httpx.get(url, timeout=10)
            except httpx.TransportError:
                time.sleep(0.2)
        assert page is not None and page.status_code == 200
        assert "content-encoding" not in page.headers  # rendered by one process
        # no memory cache in either process: every later answer is the kept page of the
        # file, whichever process answers
        for _ in range(6):
            again = httpx.get(url, timeout=10)
            assert again.text == page.text and again.headers["content-encoding"] == "gzip"
    finally:
        server.terminate()
        server.wait(timeout=20)
    from pfocr.web.pagefile import PageFile

    assert PageFile(pages).count() == 1
    refused = subprocess.run(
        [sys.executable, "-m", "pfocr", "serve", "--db", str(examples_db), "--pages",
         str(tmp_path), "--workers", "2"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert refused.returncode == 2 and "is a directory" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_serve_refuses_a_missing_store_once(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pfocr", "serve", "--db", str(tmp_path / "no.sqlite"),
         "--workers", "2"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
