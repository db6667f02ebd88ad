"""Pure helpers: links, gene-list parsing, the chart; the empty store; app construction."""

from __future__ import annotations

import math
from pathlib import Path

import httpx
import pytest

from pfocr.errors import InputError
from pfocr.store import Store
from pfocr.web import create_app
from pfocr.web.models import EnrichRowOut
from pfocr.web.views import (
    bar_chart,
    doi_url,
    figlink_url,
    figure_url,
    gene_url,
    hgnc_url,
    ncbi_url,
    parse_gene_list,
    pmc_url,
    points,
)


@pytest.mark.parametrize(
    ("text", "genes"),
    [
        ("TP53", ["TP53"]),
        ("TP53, MDM2;CDKN1A\nBAX\tBAX", ["TP53", "MDM2", "CDKN1A", "BAX"]),
        ("  tp53  ", ["tp53"]),
    ],
)
def test_parse_gene_list(text: str, genes: list[str]) -> None:
    assert parse_gene_list(text) == genes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        (" ,;\n", "empty"),
        (" ".join(f"G{i}" for i in range(2001)), "at most 2,000"),
        ("A" * 65, "not a gene symbol"),
    ],
)
def test_parse_gene_list_refuses(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_gene_list(text)


def test_parse_gene_list_counts_distinct_genes() -> None:
    assert len(parse_gene_list(" ".join(["TP53"] * 5000))) == 1


def test_links() -> None:
    assert figure_url("PMC1__a b/c") == "/figures/PMC1__a%20b%2Fc"
    assert gene_url("HLA-A") == "/genes/HLA-A"
    assert (
        hgnc_url("HGNC:5") == "https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:5"
    )
    assert hgnc_url("javascript:alert(1)").startswith("https://www.genenames.org/tools/search/")
    assert ncbi_url("7157") == "https://www.ncbi.nlm.nih.gov/gene/7157"
    assert ncbi_url("x") is None and ncbi_url(None) is None
    assert pmc_url("PMC3962044") == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3962044/"
    assert pmc_url("javascript:alert(1)") is None
    assert doi_url("10.1038/nature12373") == "https://doi.org/10.1038/nature12373"
    assert doi_url("10.1002/(SICI)1097-0258") == "https://doi.org/10.1002/(SICI)1097-0258"
    assert doi_url('10.1234/"><script>') == "https://doi.org/10.1234/%22%3E%3Cscript%3E"
    assert doi_url("javascript:alert(1)") is None
    assert figlink_url("/pmc/articles/PMC1/figure/F1/") == (
        "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1/figure/F1/"
    )
    assert figlink_url("javascript:alert(1)") is None
    assert figlink_url("https://evil.example/pmc/x") is None


def test_points() -> None:
    box = ((1.0, 2.0), (3.5, 2.0), (3.5, 4.25), (1.0, 4.25))
    assert points(box) == "1.0,2.0 3.5,2.0 3.5,4.2 1.0,4.2"


def _row(rank: int, p: float, fdr: float, title: str = "t") -> EnrichRowOut:
    return EnrichRowOut(
        rank=rank,
        figid=f"f{rank}",
        title=title,
        page_url=f"/figures/f{rank}",
        overlap=["A"],
        n_overlap=1,
        set_size=3,
        p=p,
        log_p=math.log(p) if p > 0 else -800.0,
        fdr=fdr,
        odds_ratio=None,
        combined_score=None,
    )


def test_bar_chart() -> None:
    rows = [_row(1, 1e-10, 1e-8, "x" * 80), _row(2, 1e-5, 0.01), _row(3, 0.5, 0.9)]
    bars = bar_chart(rows, 2)
    assert len(bars) == 2
    assert bars[0].pct == 100.0 > bars[1].pct > 0
    assert bars[0].label == "1. " + "x" * 80  # full titles
    assert bars[0].href.startswith("/figures/") and "?genes=" in bars[0].href
    assert bars[0].value == "10.0 *" and bars[0].significant
    assert bar_chart([_row(1, 0.0, 0.0)], 5)[0].value.startswith("347.4")  # from log p
    assert bar_chart([], 10) == []


@pytest.mark.anyio
async def test_empty_store(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite"
    Store(db).close()
    transport = httpx.ASGITransport(app=create_app(db))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        r = await client.get("/")
        assert r.status_code == 200 and "No figures yet" in r.text
        r = await client.get("/", params={"q": "TP53"})
        assert r.status_code == 200 and "No figures yet" in r.text
        r = await client.post("/api/enrich", json={"genes": ["TP53"]})
        assert r.status_code in (200, 422)
        r = await client.post("/enrich", follow_redirects=True, data={"genes": "TP53"})
        assert r.status_code in (200, 422) and "<textarea" in r.text
        assert (await client.get("/downloads/pfocr.gmt")).text == ""
        assert (await client.get("/api/stats")).json()["figures"] == 0


def test_create_app_refuses_missing_store(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no database"):
        create_app(tmp_path / "missing.sqlite")
