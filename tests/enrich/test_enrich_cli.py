"""``pfocr enrich``: JSON and table output, gene files, backgrounds, exit 2 on bad input."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pfocr.cli import app
from pfocr.cli.enrich import format_p
from pfocr.store import GeneSet

runner = CliRunner()


@pytest.fixture
def gmt(tmp_path: Path, helpers: Any) -> tuple[Path, list[GeneSet]]:
    sets = helpers.random_sets(31, n_sets=25)
    return helpers.write_gmt(tmp_path / "sets.gmt", sets), sets


def test_json_from_a_gmt(gmt: tuple[Path, list[GeneSet]]) -> None:
    path, sets = gmt
    genes = ",".join(sets[4].genes[:6])
    result = runner.invoke(app, ["enrich", genes, "NOTAGENE", "--gmt", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["results"][0]["figid"] == sets[4].figid
    assert data["query"]["query_size"] == 6
    assert [g["status"] for g in data["query"]["genes"]][-1] == "unknown"
    assert "NOTAGENE" in result.stderr


def test_table_from_a_db_with_files(
    make_db: Callable[[Sequence[GeneSet]], Path], helpers: Any, tmp_path: Path
) -> None:
    sets = helpers.random_sets(32, n_sets=25)
    db = make_db(sets)
    genes_file = tmp_path / "genes.txt"
    genes_file.write_text("# my list\n" + "\n".join(sets[2].genes[:5]) + "\n", encoding="utf-8")
    background = tmp_path / "bg.txt"
    background.write_text(" ".join(f"G{i}" for i in range(150)), encoding="utf-8")
    args = ["enrich", "--genes-file", str(genes_file), "--db", str(db), "--no-lexicon"]
    result = runner.invoke(app, [*args, "--background", str(background), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert sets[2].figid in result.stdout and "FDR" in result.stdout
    assert "background 150 genes" in result.stdout
    assert result.stdout.count("FIG") == 3


def test_genes_from_stdin_and_all(gmt: tuple[Path, list[GeneSet]]) -> None:
    path, sets = gmt
    stdin = "\n".join(sets[0].genes[:4])
    result = runner.invoke(
        app, ["enrich", "--genes-file", "-", "--gmt", str(path), "--all", "--json"], input=stdin
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["results"]) == data["query"]["n_overlapping"] > 1


def test_aliases_through_the_lexicon(
    tmp_path: Path, helpers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    lexicon_file = tmp_path / "lexicon.json.gz"
    helpers.small_lexicon().save(lexicon_file)
    monkeypatch.setenv("PFOCR_LEXICON", str(lexicon_file))
    sets = [GeneSet("S1", "NF-kB", ("BIRC2", "MAP3K14", "RELB")), GeneSet("S2", "x", ("TNF",))]
    path = helpers.write_gmt(tmp_path / "s.gmt", sets)
    result = runner.invoke(app, ["enrich", "API1", "nik", "--gmt", str(path), "--json"])
    assert result.exit_code == 0, result.output
    genes = json.loads(result.stdout)["query"]["genes"]
    assert [(g["symbol"], g["how"]) for g in genes] == [("BIRC2", "previous"), ("MAP3K14", "alias")]
    assert "API1->BIRC2" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "no genes given"),
        (["NOPE1", "NOPE2"], "none of the 2 genes"),
        (["G0", "--fdr-over", "some"], "--fdr-over"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    args: list[str], message: str, gmt: tuple[Path, list[GeneSet]]
) -> None:
    result = runner.invoke(app, ["enrich", *args, "--gmt", str(gmt[0]), "--no-lexicon"])
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and message in last


def test_missing_database_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["enrich", "TP53", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 2
    assert "no database" in result.stderr


def test_format_p() -> None:
    assert format_p(0.0) == "1"
    assert format_p(-1000.0) == "5.1e-435"
    assert format_p(-2.0) == "0.135"
    assert format_p(-30.0) == "9.4e-14"
