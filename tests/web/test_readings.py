"""Trails shown and served: the readings API, the figure page, and ``pfocr explain``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from pfocr.store import Store
from pfocr.web import create_app

pytestmark = pytest.mark.anyio

FIGID = "example__tnf_nfkb"


@pytest.fixture
async def real(examples_db: Path) -> AsyncIterator[httpx.AsyncClient]:
    """The site over a store the real pipeline made (it has trails)."""
    transport = httpx.ASGITransport(app=create_app(examples_db), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def test_the_readings_api_serves_every_reading_with_its_trail(
    real: httpx.AsyncClient, examples_db: Path
) -> None:
    answer = await real.get(f"/api/figures/{FIGID}/readings")
    assert answer.status_code == 200
    readings = answer.json()["readings"]
    with Store(examples_db, readonly=True) as store:
        genes = {g.symbol for g in store.figure_genes(FIGID)}
    assert {r["symbol"] for r in readings if r["outcome"] == "accepted"} == genes
    assert {r["outcome"] for r in readings} >= {"accepted", "family"}
    for r in readings:
        assert r["trail"] and r["trail"][0]["stage"] == "candidates"
    one = await real.get(f"/api/figures/{FIGID}/readings", params={"text": "TRADD"})
    (tradd,) = one.json()["readings"]
    assert tradd["symbol"] == "TRADD" and tradd["trail"][-1]["stage"] == "threshold"
    missing = await real.get("/api/figures/no-such-figure/readings")
    assert missing.status_code == 404


async def test_the_figure_page_shows_trails_on_boxes_and_lists_every_reading(
    real: httpx.AsyncClient,
) -> None:
    page = await real.get(f"/figures/{FIGID}")
    assert page.status_code == 200
    assert "How each label was read" in page.text
    assert 'data-trail="candidates: gene TRADD (symbol' in page.text
    assert "threshold: accepted (confidence" in page.text


def test_explain_prints_the_trail_of_one_label(examples_db: Path) -> None:
    base = [sys.executable, "-m", "pfocr", "explain", FIGID]
    proc = subprocess.run(
        [*base, "TRADD", "--db", str(examples_db)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("'TRADD' [words ") and lines[0].endswith(")")
    assert "accepted TRADD" in lines[0]
    assert any(line.strip().startswith("candidates") for line in lines)
    every = subprocess.run([*base, "--db", str(examples_db)], capture_output=True, text=True)
    assert every.returncode == 0 and every.stdout.count("candidates") > 10
    assert every.stdout.startswith("organism host: Homo sapiens (taxid 9606, mammal); caption: ")
    for args, message in (([FIGID, "NOSUCHLABEL"], "no reading of"), (["nope"], "no figure")):
        bad = subprocess.run(
            [sys.executable, "-m", "pfocr", "explain", *args, "--db", str(examples_db)],
            capture_output=True,
            text=True,
        )
        assert bad.returncode == 2 and message in bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1
