"""Usage errors are one line with exit 2; a run that found or processed nothing says so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pfocr.testing import build_demo_store
from pfocr.textutil import shorten


def _pfocr(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pfocr", *args], capture_output=True, text=True, timeout=120,
        env=env,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "--limit", "abc"], "Invalid value for '--limit'"),
        (["run"], "Missing argument 'inputs'"),
        (["nosuch"], "No such command 'nosuch'"),
        (["search", "--no-such-option"], "No such option: --no-such-option"),
        (["run", "examples", "--device", "tpu"], "--device takes 'cpu' or 'cuda'"),
        (["run", "examples", "--runtime", "tensorflow"], "--runtime takes 'auto'"),
        (["run", "examples", "--ocr", "tesseract", "--device", "cuda"], "runs on the CPU"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(args: list[str], message: str) -> None:
    proc = _pfocr(*args)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert "╭" not in proc.stderr  # no box


def test_an_unknown_organism_says_so(tmp_path: Path) -> None:
    db = build_demo_store(tmp_path / "demo.sqlite")
    proc = _pfocr("search", "--organism", "martian", "--db", str(db))
    assert proc.returncode == 2 and "unknown organism 'martian'" in proc.stderr
    assert _pfocr("search", "--organism", "human", "--db", str(db)).returncode == 0


def test_a_run_that_finds_nothing_fails(tmp_path: Path, lexicon_file: Path) -> None:
    env = dict(os.environ, PFOCR_LEXICON=str(lexicon_file))
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = _pfocr("run", str(empty), "--db", str(tmp_path / "a.sqlite"), env=env)
    assert proc.returncode == 2 and f"no images found in {empty}" in proc.stderr


def test_a_run_whose_every_input_failed_says_why(tmp_path: Path, lexicon_file: Path) -> None:
    env = dict(os.environ, PFOCR_LEXICON=str(lexicon_file))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "page.jpg").write_text("<!DOCTYPE html><html><body>404</body></html>")
    (bad / "other.jpg").write_text("<html>error</html>")
    (bad / "empty.png").write_bytes(b"")
    proc = _pfocr("run", str(bad), "--db", str(tmp_path / "b.sqlite"), "-j", "1", env=env)
    assert proc.returncode == 1
    assert "failed, by reason:" in proc.stderr
    assert "2 x image: not a supported image: the bytes are an HTML page" in proc.stderr
    assert "1 x image: empty file" in proc.stderr
    assert "every input failed (3)" in proc.stderr


def test_shorten_cuts_at_a_word_with_an_ellipsis() -> None:
    assert shorten("TNF signalling to NF-κB", 100) == "TNF signalling to NF-κB"
    assert shorten("TNF signalling to NF-κB in epithelial cells", 20) == "TNF signalling to…"
    assert len(shorten("a " * 50, 11)) <= 11
    assert shorten("Supercalifragilistic", 8) == "Superca…"
