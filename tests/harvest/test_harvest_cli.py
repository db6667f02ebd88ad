"""``pfocr harvest`` on the command line: options, one-line errors, status, a kill and a rerun."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pfocr.cli import app
from pfocr.store import Store
from pfocr.testing_harvest import EutilsStandIn, sample_collection

runner = CliRunner()


def _args(standin: EutilsStandIn, db: Path, *more: str) -> list[str]:
    return [
        "harvest", "--month", "2024-03", "--db", str(db), "--eutils-base", standin.eutils,
        "--media-url", standin.media_url, "--email", "test@example.org", "--backoff", "0.01",
        "--timeout", "2", *more,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2024-13"], "--month takes a month as YYYY-MM"),
        (["--from", "2024-02-30"], "is not a real date"),
        (["--month", "2024-03", "--from", "2024-03-01"], "either --month or --from"),
        (["--from", "2024-03-05", "--until", "2024-03-01"], "before it starts"),
        ([], "give a window"),
        (["--month", "2024-03", "--media-url", "http://x/{pmcid}/{nope}"], "--media-url"),
        (["--month", "2024-03", "--caption-pattern", "("], "not a regular expression"),
        (["--status", "--db", "/no/such.sqlite"], "no database"),
    ],
)
def test_bad_options_exit_2_with_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "x.sqlite")] if "--db" not in args else []
    proc = subprocess.run(
        [sys.executable, "-m", "pfocr", "harvest", *args, *db, "--eutils-base",
         "http://127.0.0.1:9/", "--tries", "1"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_harvest_no_process_then_status_and_dry_run(tmp_path: Path) -> None:
    db = tmp_path / "pfocr.sqlite"
    with EutilsStandIn(sample_collection(9, faults={3: "404"}), search_cap=6) as standin:
        result = runner.invoke(app, _args(standin, db, "--no-process", "--search-cap", "6"))
        assert result.exit_code == 1  # one image failed: the window is incomplete
        assert "window 2024-03-01..2024-03-31: 9 hits, 9 read" in result.output
        assert "failed: 1 x image: HTTP 404" in result.output
        assert "run the same command again" in result.output
        status = runner.invoke(app, ["harvest", "--status", "--db", str(db)])
        assert status.exit_code == 0
        assert "2024-03-01..2024-03-31  complete" in status.output
        assert "figures 8/9/1/0" in status.output and "HTTP 404" in status.output
        dry = runner.invoke(app, _args(standin, db, "--dry-run", "--search-cap", "6"))
        assert dry.exit_code == 0 and "0 articles to fetch, 1 figures to retry" in dry.output
    with Store(db) as store:  # --no-process stored no figure
        assert store.count_figures() == 0


def _fetched(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with Store(db, readonly=True) as store:
            return int(
                store.conn.execute(
                    "SELECT count(*) FROM harvest_images WHERE status = 'fetched'"
                ).fetchone()[0]
            )
    except Exception:
        return 0


def test_kill_9_mid_harvest_then_the_rerun_finishes_without_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "pfocr.sqlite"
    articles = sample_collection(16)
    with EutilsStandIn(articles, media_delay=0.15) as standin:
        args = _args(standin, db, "--no-process", "--batch", "4")
        proc = subprocess.Popen(
            [sys.executable, "-m", "pfocr", *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while _fetched(db) < 3 and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.05)
            assert proc.poll() is None, "the harvest ended before it could be killed"
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
        killed_at = _fetched(db)
        assert 3 <= killed_at < 16
        before = len(standin.requests)
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        again = standin.requests[before:]
    assert "figures: 16 fetched" in result.output
    media = [path for path, _ in again if path.startswith("/media/")]
    # the rerun asked only for what was not yet fetched (each under .jpg, then .png)
    assert len({p.rsplit(".", 1)[0] for p in media}) <= 16 - killed_at + 4
    with Store(db) as store:
        rows = store.conn.execute("SELECT figid FROM harvest_images").fetchall()
        assert len(rows) == 32 and len({r[0] for r in rows}) == 32
        statuses = dict(
            store.conn.execute("SELECT status, count(*) FROM harvest_images GROUP BY status")
        )
        assert statuses == {"fetched": 16, "skipped": 16}
    files = sorted(p.name for p in (tmp_path / "pfocr.sqlite.harvest").rglob("*") if p.is_file())
    assert not [f for f in files if f.endswith(".part")]  # no half-written file is left
    assert len([f for f in files if f.endswith(".png")]) == 16
