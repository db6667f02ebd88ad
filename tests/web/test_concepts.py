"""Chemicals and diseases on the site: figure API, concept API and page, search."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.anyio

F1 = "PMC9000001__F1"
LPS = "MESH:D008070"


async def test_the_figure_lists_its_chemicals_with_boxes(client: httpx.AsyncClient) -> None:
    fig = (await client.get(f"/api/figures/{F1}")).json()
    assert fig["diseases"] == []
    [lps] = fig["chemicals"]
    assert lps["concept"] == LPS and lps["name"] == "Lipopolysaccharides"
    assert lps["labels"] == ["LPS"] and lps["sources"] == ["figure"]
    assert len(lps["boxes"]) == 1 and len(lps["boxes"][0]) == 4
    assert lps["page_url"] == f"/concepts/{LPS}"
    assert set(lps["links"]) == {"MeSH", "ChEBI"}
    assert lps["links"]["MeSH"].endswith("ui=D008070")
    other = (await client.get("/api/figures/PMC9000002__F3")).json()
    assert other["chemicals"] == [] and other["diseases"] == []


async def test_concepts_api(client: httpx.AsyncClient) -> None:
    found = (await client.get("/api/concepts", params={"q": "lps"})).json()
    assert [c["concept"] for c in found] == [LPS] and found[0]["n_figures"] == 1
    assert (await client.get("/api/concepts", params={"q": "LPS", "kind": "disease"})).json() == []
    detail = (await client.get(f"/api/concepts/{LPS}")).json()
    assert detail["concept"]["kind"] == "chemical"
    assert [f["figid"] for f in detail["figures"]] == [F1]
    assert detail["labels"] == {F1: ["LPS"]}
    missing = await client.get("/api/concepts/MESH:D000001")
    assert missing.status_code == 404
    bad = await client.get("/api/concepts/not-an-id")
    assert bad.status_code == 422
    assert (await client.get("/api/concepts", params={"q": "x", "kind": "gene"})).status_code == 422


async def test_search_by_chemical(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/search", params={"chemical": "LPS"})).json()
    assert body["total"] == 1 and body["results"][0]["figid"] == F1
    assert body["query"]["chemicals"] == ["LPS"]
    both = (await client.get("/api/search", params={"chemical": LPS, "gene": "KRAS"})).json()
    assert both["total"] == 0
    none = (await client.get("/api/search", params={"chemical": "unobtainium"})).json()
    assert none["total"] == 0 and none["query"]["not_found"] == ["unobtainium"]
    page = await client.get("/", params={"chemical": "LPS"})
    assert page.status_code == 200 and f"/figures/{F1}" in page.text
    assert "chemicals: <strong>LPS</strong>" in page.text
    # the search form sends its empty chemical and disease fields: no filter
    blank = await client.get("/", params={"q": "KRAS", "chemical": "", "disease": ""})
    assert blank.status_code == 200 and "No figures match" not in blank.text


async def test_concept_and_figure_pages(client: httpx.AsyncClient) -> None:
    page = await client.get(f"/concepts/{LPS}")
    assert page.status_code == 200
    assert "<h1>Lipopolysaccharides</h1>" in page.text and f"/figures/{F1}" in page.text
    assert "meshb.nlm.nih.gov" in page.text
    assert (await client.get("/concepts/MESH:D000001")).status_code == 404
    fig = await client.get(f"/figures/{F1}")
    assert 'class="box chemical"' in fig.text and 'id="concepts-title"' in fig.text
