"""``pfocr search``: JSON and table output, exit 2 on bad input."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pfocr.cli import app

runner = CliRunner()


def test_json_gene_and_text(search_db: Path, figs: Sequence[Any]) -> None:
    args = ["search", "--gene", "TNF", "-g", "relb", "--text", "pathway", "--db", str(search_db)]
    result = runner.invoke(app, [*args, "--json", "--no-lexicon", "--limit", "100"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = {f.figid for f in figs if {"TNF", "RELB"} <= set(f.genes)}
    assert {h["figid"] for h in data["hits"]} == expected
    assert data["total"] == len(expected) and data["genes"] == ["TNF", "RELB"]
    assert "relb->RELB" in result.stderr


def test_table(search_db: Path) -> None:
    result = runner.invoke(
        app, ["search", "--text", "apoptosis", "--organism", "human", "--db", str(search_db)]
    )
    assert result.exit_code == 0, result.output
    assert "figures" in result.stdout and "F0" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give --gene"),
        (["--text", "--"], "no word"),
        (["--year-from", "2020", "--year-to", "2000"], "empty"),
    ],
)
def test_bad_input_exits_2(search_db: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["search", *args, "--db", str(search_db)])
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ") and message in last
