"""Hostile input: traversal, oversized and malformed queries, SQL/FTS5 syntax, markup, unicode.

Every answer must be a 2xx/3xx/4xx, never a 500, and nothing a user sends may come back
as markup.
"""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.anyio

TRAVERSAL = [
    "/figures/../../etc/passwd",
    "/figures/..%2F..%2Fetc%2Fpasswd",
    "/figures/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/figures/..%5C..%5Cwindows%5Cwin.ini",
    "/figures/%2e%2e/image",
    "/figures/....//....//etc/passwd/image",
    "/static/../../../../etc/passwd",
    "/static/..%2F..%2F..%2Fetc%2Fpasswd",
    "/static/%2e%2e/%2e%2e/pyproject.toml",
    "/static/../app.py",
    "/api/figures/..%2F..%2Fetc%2Fpasswd",
    "/genes/..%2F..%2Fetc%2Fpasswd",
    "/figures/%00",
    "/figures/PMC9000001__F1%00.png/image",
    "/downloads/..%2Fpfocr.gmt",
]

SEARCH_TEXT = [
    "'; DROP TABLE figures; --",
    '" OR 1=1 --',
    "TP53' OR '1'='1",
    "NEAR(apoptosis TP53, 2)",
    "apoptosis AND (",
    "figtitle:* OR caption:*",
    '"unterminated',
    "^start * ) ( { } [ ] - + : ~ ! @ # $ % & | \\ / ?",
    "NOT NOT NOT",
    "\x00\x01\x02",
    "<script>alert(1)</script>",
    "TNF\u200bα 𝔸𝔹ℂ 日本語 عربى 🧬",
    "ＴＰ５３",  # full-width
    "%",
    "_",
    "   ",
]


@pytest.mark.parametrize("path", TRAVERSAL)
async def test_traversal_is_refused(client: httpx.AsyncClient, path: str) -> None:
    r = await client.get(path)
    assert 400 <= r.status_code < 500, (path, r.status_code)
    assert "root:" not in r.text and "[project]" not in r.text and "import" not in r.text


@pytest.mark.parametrize("text", SEARCH_TEXT)
@pytest.mark.parametrize("endpoint", ["/", "/api/search"])
async def test_search_metacharacters(client: httpx.AsyncClient, endpoint: str, text: str) -> None:
    r = await client.get(endpoint, params={"q": text})
    assert r.status_code in (200, 422), (text, r.status_code, r.text[:300])
    if r.headers["content-type"].startswith("text/html"):  # JSON carries text, not markup
        assert "<script>alert(1)</script>" not in r.text


async def test_search_sql_does_not_escape(client: httpx.AsyncClient) -> None:
    body = (await client.get("/api/search", params={"q": "TP53' OR '1'='1"})).json()
    assert body["total"] <= 1  # not every figure
    assert (await client.get("/api/stats")).json()["figures"] == 6  # nothing dropped


async def test_search_markup_is_escaped(client: httpx.AsyncClient) -> None:
    r = await client.get("/", params={"q": '"><img src=x onerror=alert(1)>'})
    assert r.status_code == 200
    assert "<img src=x" not in r.text
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in r.text


BAD_SEARCH = [
    {"q": "x" * 501},
    {"q": "TP53 " * 200},
    {"organism": "o" * 201},
    {"year_from": "1e9"},
    {"year_from": "-1"},
    {"year_to": "99999999999999999999999"},
    {"gene": "G" * 65},
]
BAD_CASES = [("/", p) for p in [*BAD_SEARCH, {"page": "0"}, {"page": "NaN"}]] + [
    ("/api/search", p) for p in [*BAD_SEARCH, {"limit": "1000"}, {"offset": "-5"}]
]


@pytest.mark.parametrize(("endpoint", "params"), BAD_CASES)
async def test_bad_search_params_are_422(
    client: httpx.AsyncClient, endpoint: str, params: dict[str, str]
) -> None:
    r = await client.get(endpoint, params=params)
    assert r.status_code == 422, (params, r.status_code)
    if endpoint.startswith("/api"):
        assert r.json()["detail"]
    else:
        assert "Invalid input" in r.text


async def test_too_many_gene_params(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/search", params=[("gene", f"G{i}") for i in range(51)])
    assert r.status_code == 422


async def test_very_long_query_string(client: httpx.AsyncClient) -> None:
    """Tens of kilobytes of query string: refused, not a 500."""
    r = await client.get("/", params={"q": "A" * 50_000})
    assert r.status_code == 422
    r = await client.get("/api/search?" + "&".join(f"x{i}=1" for i in range(5000)))
    assert r.status_code == 200  # unknown parameters are ignored


@pytest.mark.parametrize(
    "path",
    [
        "/figures/" + "A" * 256,
        "/api/figures/" + "A" * 256,
        "/genes/" + "G" * 65,
        "/api/genes/" + "G" * 65,
    ],
)
async def test_overlong_path_parameters(client: httpx.AsyncClient, path: str) -> None:
    r = await client.get(path)
    assert r.status_code == 422


@pytest.mark.parametrize(
    "figid",
    [
        "PMC9000001__F1' OR '1'='1",
        "<svg onload=alert(1)>",
        "日本語",
        "🧬",
        "%25",
        "a b",
        "CON",
        "PMC9000001__F1;",
    ],
)
async def test_unknown_odd_figids_are_404(client: httpx.AsyncClient, figid: str) -> None:
    for path in (f"/figures/{figid}", f"/api/figures/{figid}", f"/figures/{figid}/image"):
        r = await client.get(path)
        assert r.status_code == 404, (path, r.status_code)
        if r.headers["content-type"].startswith("text/html"):
            assert "<svg onload" not in r.text


@pytest.mark.parametrize("symbol", ["TP53'--", "<b>", "α", "TP53%00", "a/b"])
async def test_unknown_odd_symbols(client: httpx.AsyncClient, symbol: str) -> None:
    r = await client.get(f"/genes/{symbol}")
    assert r.status_code == 404
    assert "<b>" not in r.text.split("<main", 1)[1]


async def test_enrich_hostile_gene_strings(client: httpx.AsyncClient) -> None:
    genes = ["'; DROP TABLE genes; --", "<script>x</script>", "🧬", "TNF", "TRADD", "\u0000"]
    r = await client.post("/api/enrich", json={"genes": genes})
    assert r.status_code in (200, 422)
    r = await client.post("/enrich", follow_redirects=True, data={"genes": " ".join(genes)})
    assert r.status_code in (200, 422)
    assert "<script>x</script>" not in r.text
    assert (await client.get("/api/stats")).json()["genes"] == 46


async def test_enrich_form_too_long(client: httpx.AsyncClient) -> None:
    r = await client.post("/enrich", follow_redirects=True, data={"genes": "A" * 200_000})
    assert r.status_code == 422


async def test_body_too_large(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/api/enrich",
        content=b"[" + b"0," * 1_500_000 + b"0]",
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 413


async def test_bad_content_length(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/api/enrich", content=b"{}", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


async def test_unicode_in_enrich_form(client: httpx.AsyncClient) -> None:
    r = await client.post("/enrich", follow_redirects=True, data={"genes": "ＴＮＦ TNF TRADD ΑΒΓ"})
    assert r.status_code == 200
    assert "TNF-induced" in r.text
