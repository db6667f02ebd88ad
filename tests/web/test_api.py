"""The JSON API, in-process, and its OpenAPI schema."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import httpx
import pytest

from pfocr.lexicon import SymbolMatch
from pfocr.web import WebConfig, create_app
from pfocr.web.models import EnrichOut

pytestmark = pytest.mark.anyio

F1 = "PMC9000001__F1"


async def test_search(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/search", params={"q": "KRAS signalling", "limit": 1})
    assert r.status_code == 200
    body = r.json()
    assert body["query"]["genes"] == ["KRAS"] and body["query"]["text"] == "signalling"
    assert body["total"] == 2 and body["limit"] == 1 and len(body["results"]) == 1
    hit = body["results"][0]
    assert hit["matched_genes"] == ["KRAS"]
    assert hit["page_url"] == f"/figures/{hit['figid']}"
    assert hit["thumb_url"].endswith("/thumb")


async def test_search_explicit_genes_and_filters(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/search", params=[("gene", "TNF"), ("gene", "casp8")])
    body = r.json()
    assert body["query"]["genes"] == ["TNF", "CASP8"]
    assert {h["figid"] for h in body["results"]} == {F1, "PMC9000003__F2"}
    r = await client.get("/api/search", params={"gene": "TNF", "organism": "Mus musculus"})
    assert [h["figid"] for h in r.json()["results"]] == ["PMC9000003__F2"]
    r = await client.get("/api/search", params={"year_from": 2020})
    assert [h["year"] for h in r.json()["results"]] == [2021]
    r = await client.get("/api/search", params={"gene": "NOPE1"})
    assert r.json()["total"] == 0 and r.json()["query"]["not_found"] == ["NOPE1"]


async def test_search_everything_newest_first(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/search")).json()
    assert body["total"] == 6
    years = [h["year"] for h in body["results"]]
    assert years == sorted(years, reverse=True)


async def test_figure(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/api/figures/{F1}")
    assert r.status_code == 200
    fig = r.json()
    assert fig["figid"] == F1 and fig["width"] == 960 and fig["height"] == 640
    assert fig["paper"]["pmc_url"] == "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC9000001/"
    assert fig["paper"]["doi_url"] == "https://doi.org/10.5555/pfocr-demo.1"
    assert fig["organisms"] == [
        {
            "taxid": 9606,
            "name": "Homo sapiens",
            "evidence": "caption: human",
            "role": "host",
            "group": "mammal",
        }
    ]
    genes = {g["symbol"]: g for g in fig["genes"]}
    assert len(genes) == 10
    assert genes["TNF"]["ncbi_url"] == "https://www.ncbi.nlm.nih.gov/gene/7124"
    assert genes["TNF"]["name"] == "tumor necrosis factor"
    assert {f["family_id"] for f in fig["families"]} == {"FPLX:IKK", "FPLX:NFkappaB"}
    assert all(m["accepted"] for m in fig["mentions"])
    box = fig["mentions"][0]["box"]
    assert len(box) == 4 and all(len(p) == 2 for p in box)
    assert fig["downloads"]["gmt"] == f"/figures/{F1}/gene-set.gmt"


async def test_figure_all_mentions(client: httpx.AsyncClient) -> None:
    fig = (await client.get("/api/figures/PMC9000003__F2", params={"all": "true"})).json()
    below = [m for m in fig["mentions"] if not m["accepted"]]
    assert [m["symbol"] for m in below] == ["MET"]
    assert "MET" not in {g["symbol"] for g in fig["genes"]}


async def test_gene(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/genes/egfr")
    assert r.status_code == 200
    body = r.json()
    assert body["symbol"] == "EGFR" and body["hgnc_id"] == "HGNC:3236"
    assert body["n_figures"] == 2
    assert {f["figid"] for f in body["figures"]} == {"PMC9000002__F3", "PMC9000002__F5"}
    co = {c["symbol"]: c["n_figures"] for c in body["co_mentioned"]}
    assert co["KRAS"] == 2 and co["GRB2"] == 1


async def test_enrich(client: httpx.AsyncClient) -> None:
    genes = ["EGF", "EGFR", "GRB2", "SOS1", "KRAS", "BRAF", "MAP2K1", "NOTAGENE"]
    r = await client.post("/api/enrich", json={"genes": genes, "top": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["n_input"] == len(genes)
    assert "NOTAGENE" in body["unrecognised"]
    top = body["results"][0]
    assert top["rank"] == 1 and top["figid"] == "PMC9000002__F5"
    assert top["n_overlap"] == 7 and set(top["overlap"]) <= set(genes)
    assert 0 <= top["p"] <= top["fdr"] <= 1
    assert len(body["results"]) <= 3
    # the answer is the documented model, every field and no other (the route writes the
    # model's JSON itself rather than through FastAPI's response_model pass)
    assert r.headers["content-type"] == "application/json"
    assert EnrichOut.model_validate(body).model_dump(mode="json", by_alias=True) == body
    schema = (await client.get("/openapi.json")).json()
    ok = schema["paths"]["/api/enrich"]["post"]["responses"]["200"]["content"]
    assert ok["application/json"]["schema"]["$ref"].endswith("/EnrichOut")


async def test_enrich_with_background(client: httpx.AsyncClient) -> None:
    genes = ["TNF", "TRADD", "RIPK1"]
    background = [*genes, "CASP8", "BAX", "TP53", "EGFR", "KRAS"]
    r = await client.post("/api/enrich", json={"genes": genes, "background": background})
    assert r.status_code == 200
    assert r.json()["background_size"] <= len(background)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"genes": []}, "at least 1 item"),
        ({"genes": [f"G{i}" for i in range(2001)]}, "at most 2000 items"),
        ({"genes": ["  "]}, "at least 1 character"),
        ({"genes": ["A" * 65]}, "at most 64 characters"),
        ({"genes": "TP53"}, "valid list"),
        ({"genes": ["TP53"], "top": 0}, "greater than or equal to 1"),
        ({"genes": ["TP53"], "background": []}, "at least 1 item"),
        ({"genes": ["TP53"], "extra": 1}, "Extra inputs"),
        ({}, "Field required"),
    ],
)
async def test_enrich_rejects(client: httpx.AsyncClient, body: object, needle: str) -> None:
    r = await client.post("/api/enrich", json=body)
    assert r.status_code == 422
    payload = r.json()
    assert needle in payload["detail"], payload
    assert payload["errors"]


async def test_enrich_rejects_non_json(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/api/enrich", content=b"genes=TP53", headers={"content-type": "text/plain"}
    )
    assert r.status_code == 422
    r = await client.post(
        "/api/enrich", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


async def test_stats(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/stats")).json()
    assert body["figures"] == 6 and body["papers"] == 5 and body["genes"] == 46
    assert body["organisms"]["Homo sapiens"] == 4
    assert body["year_min"] == 2012 and body["year_max"] == 2021
    assert body["data_version"] >= 6


@pytest.mark.parametrize("path", ["/api/figures/nope", "/api/genes/NOPE", "/api/nowhere"])
async def test_api_not_found_is_json(client: httpx.AsyncClient, path: str) -> None:
    r = await client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/json"
    assert r.json()["detail"]


async def test_api_method_not_allowed(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/enrich")
    assert r.status_code == 405
    assert r.json()["detail"] == "Method Not Allowed"
    r = await client.delete(f"/api/figures/{F1}")
    assert r.status_code == 405


async def test_no_write_endpoints(client: httpx.AsyncClient) -> None:
    """Read-only: the only POSTs compute (enrichment); nothing PUTs, PATCHes or DELETEs."""
    schema = (await client.get("/openapi.json")).json()
    for path, ops in schema["paths"].items():
        assert set(ops) <= {"get", "post"}, path
        if "post" in ops:
            assert path == "/api/enrich"


async def test_openapi_schema(client: httpx.AsyncClient) -> None:
    r = await client.get("/openapi.json")
    assert r.status_code == 200
    schema = r.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in (
        "/api/search",
        "/api/figures/{figid}",
        "/api/genes/{symbol}",
        "/api/enrich",
        "/api/stats",
        "/figures/{figid}/image",
        "/downloads/pfocr.gmt",
    ):
        assert path in paths, path
    assert "/" not in paths and "/enrich" not in paths  # HTML pages stay out of the schema
    enrich = paths["/api/enrich"]["post"]
    ref = enrich["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert body["properties"]["genes"]["maxItems"] == 2000
    assert body["properties"]["genes"]["minItems"] == 1
    assert "422" in enrich["responses"]
    figure = paths["/api/figures/{figid}"]["get"]
    assert "404" in figure["responses"]
    out = schema["components"]["schemas"]["FigureOut"]["properties"]
    assert {"mentions", "genes", "families", "paper", "width", "height"} <= set(out)


async def test_no_docs_ui(client: httpx.AsyncClient) -> None:
    """Swagger UI would load a CDN script the CSP forbids; the schema is the documentation."""
    assert (await client.get("/docs")).status_code == 404


class AliasResolver:
    """A stand-in lexicon: two aliases, everything else unknown."""

    ALIASES: ClassVar[dict[str, str]] = {"P53": "TP53", "TNFR1": "TNFRSF1A"}

    def resolve_symbol(self, text: str) -> SymbolMatch:
        symbol = self.ALIASES.get(text.upper())
        return SymbolMatch(text, symbol, "alias" if symbol else "unknown")


async def test_enrich_maps_aliases_with_a_resolver(demo_db: Path) -> None:
    app = create_app(demo_db, WebConfig(resolver=AliasResolver()))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        r = await client.post("/api/enrich", json={"genes": ["p53", "TNFR1", "TRADD", "TNF"]})
        body = r.json()
        assert {"input": "p53", "symbol": "TP53"} in body["renamed"]
        assert {"input": "TNFR1", "symbol": "TNFRSF1A"} in body["renamed"]
        assert body["results"][0]["figid"] == F1
        r = await client.post(
            "/enrich", follow_redirects=True, data={"genes": "p53 TNFR1 TRADD TNF"}
        )
        assert "p53 → TP53" in r.text


async def test_search_maps_aliases_with_a_resolver(demo_db: Path) -> None:
    app = create_app(demo_db, WebConfig(resolver=AliasResolver()))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        body = (await client.get("/api/search", params={"q": "p53 apoptosis"})).json()
        assert body["query"]["genes"] == ["TP53"] and body["query"]["text"] == "apoptosis"
        assert body["query"]["renamed"] == [{"input": "p53", "symbol": "TP53"}]
        assert [h["figid"] for h in body["results"]] == ["PMC9000003__F2"]
        r = await client.get("/", params={"q": "p53"})
        assert "<strong>TP53</strong> for “p53”" in r.text
