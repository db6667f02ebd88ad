"""The HTML pages, in-process: content, links, empty states, 404 and 422 pages."""

from __future__ import annotations

import re
import sqlite3
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from pfocr.testing import build_demo_store
from pfocr.web import create_app

pytestmark = pytest.mark.anyio

F1 = "PMC9000001__F1"  # TNF / NF-kB, 10 genes, 2 families
F_APOPTOSIS = "PMC9000003__F2"  # mouse, 13 genes + one below-threshold mention (MET)
F_EMPTY = "PMC9000005__F4"  # no genes


class Polygons(HTMLParser):
    """Collect the overlay's boxes: class, data attributes and points."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes: list[dict[str, str]] = []
        self._current: dict[str, str] | None = None
        self.viewbox: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "svg" and a.get("class") == "overlay":
            self.viewbox = a["viewbox"]
        if tag in ("a", "g") and "box" in a.get("class", "").split():
            self._current = a
        if tag == "polygon" and self._current is not None:
            self.boxes.append({**self._current, "points": a["points"]})
            self._current = None


async def test_index_lists_every_figure(client: httpx.AsyncClient) -> None:
    r = await client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "All 6 figures" in r.text
    assert r.text.count('class="hit"') == 6
    assert "/figures/PMC9000001__F1/thumb" in r.text
    assert "No genes recognised." in r.text  # the study-design figure
    assert "Homo sapiens (4)" in r.text  # organism filter with counts


async def test_search_by_gene_and_word(client: httpx.AsyncClient) -> None:
    r = await client.get("/", params={"q": "TP53 apoptosis"})
    assert r.status_code == 200
    assert "1 figure matches" in r.text
    assert "p53 drives the intrinsic apoptosis pathway" in r.text
    assert '<mark><a href="/genes/TP53">TP53</a></mark>' in r.text


async def test_search_gene_case_and_and(client: httpx.AsyncClient) -> None:
    # "egfr" (all lower-case letters) is a word, found in two captions; KRAS is a gene
    r = await client.get("/", params={"q": "egfr KRAS"})
    assert "2 figures match" in r.text
    r = await client.get("/", params={"q": "tp53"})  # a digit: a gene, whatever the case
    assert "1 figure matches" in r.text and "<strong>TP53</strong>" in r.text
    r = await client.get("/", params={"q": "EGFR KRAS MYC"})
    assert "1 figure matches" in r.text
    assert "The MAPK/ERK cascade" in r.text


async def test_search_filters(client: httpx.AsyncClient) -> None:
    r = await client.get("/", params={"organism": "Mus musculus"})
    assert "1 figure matches" in r.text
    r = await client.get("/", params={"year_from": "2016", "year_to": "2016", "organism": ""})
    assert "2 figures match" in r.text
    r = await client.get("/", params={"q": "", "year_from": "", "year_to": ""})
    assert "All 6 figures" in r.text  # empty form fields are unset filters


async def test_search_empty_state(client: httpx.AsyncClient) -> None:
    r = await client.get("/", params={"q": "TP53 WNT3A"})
    assert r.status_code == 200
    assert "No figures match" in r.text
    assert "Nothing matched" in r.text
    r = await client.get("/", params={"gene": "NOTAGENE1"})
    assert "Not in any figure" in r.text and "NOTAGENE1" in r.text


async def test_search_pages(client: httpx.AsyncClient) -> None:
    r = await client.get("/", params={"q": "signalling", "page": "1"})
    assert r.status_code == 200
    r = await client.get("/", params={"page": "999"})
    assert r.status_code == 200 and 'class="hit"' not in r.text


async def test_figure_page(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/figures/{F1}")
    assert r.status_code == 200
    html = r.text
    assert "<h1>TNF-induced NF-κB activation</h1>" in html
    assert 'href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC9000001/"' in html
    assert 'href="https://doi.org/10.5555/pfocr-demo.1"' in html
    assert 'href="https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/HGNC:11892"' in html
    assert 'href="https://www.ncbi.nlm.nih.gov/gene/7124"' in html
    assert "tumor necrosis factor" in html  # names from the config
    assert "Families and complexes (2)" in html and "FPLX:IKK" in html
    # the host, with its evidence, and the organisms table linking NCBI Taxonomy
    assert 'Host: <i title="caption: human">Homo sapiens</i>' in html
    assert "Organisms (1)" in html
    assert 'href="https://www.ncbi.nlm.nih.gov/Taxonomy/Browser/wwwtax.cgi?id=9606"' in html
    for suffix in ("record.md", "gene-set.gmt", "mentions.tsv"):
        assert f'href="/figures/{F1}/{suffix}"' in html
    parser = Polygons()
    parser.feed(html)
    assert parser.viewbox == "0 0 960 640"
    genes = [b for b in parser.boxes if "gene" in b["class"].split()]
    families = [b for b in parser.boxes if "family" in b["class"].split()]
    assert len(genes) == 10 and len(families) == 2
    tnf = next(b for b in genes if b["data-symbol"] == "TNF")
    assert tnf["href"] == "/genes/TNF"
    assert tnf["data-name"] == "tumor necrosis factor"
    assert tnf["data-text"] == "TNF"
    xs = [float(p.split(",")[0]) for p in tnf["points"].split()]
    assert 0 < min(xs) < max(xs) < 960


async def test_figure_page_below_threshold_toggle(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/figures/{F_APOPTOSIS}")
    assert "Also show 1 reading below the threshold" in r.text
    parser = Polygons()
    parser.feed(r.text)
    assert not [b for b in parser.boxes if "below" in b["class"].split()]
    r = await client.get(f"/figures/{F_APOPTOSIS}", params={"all": "1"})
    parser = Polygons()
    parser.feed(r.text)
    below = [b for b in parser.boxes if "below" in b["class"].split()]
    assert [b["data-symbol"] for b in below] == ["MET"]
    assert "href" not in below[0]  # a rejected reading does not link to a gene page
    assert "dashed: below the confidence threshold" in r.text


async def test_figure_without_genes(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/figures/{F_EMPTY}")
    assert r.status_code == 200
    assert "No genes were recognised in this figure." in r.text


async def test_gene_page(client: httpx.AsyncClient) -> None:
    r = await client.get("/genes/TNF")
    assert r.status_code == 200
    assert "tumor necrosis factor" in r.text
    assert "Shown in 2 figures" in r.text
    assert "TNF-induced NF-κB activation" in r.text
    assert "p53 drives the intrinsic apoptosis pathway" in r.text
    co = re.findall(r'<li><a href="/genes/(\w+)">\w+</a> <span class="n">(\d) figure', r.text)
    assert co[0] == ("CASP8", "2")  # shown with TNF in both figures
    assert "/enrich?genes=TNF%20CASP8" in r.text


async def test_gene_page_case_redirect(client: httpx.AsyncClient) -> None:
    r = await client.get("/genes/tnf")
    assert r.status_code == 307
    assert r.headers["location"] == "/genes/TNF"


async def test_enrich_form_and_example(client: httpx.AsyncClient) -> None:
    r = await client.get("/enrich")
    assert r.status_code == 200 and "<textarea" in r.text and "ranked" not in r.text
    r = await client.get("/enrich", params={"example": "true"})
    assert r.status_code == 200 and "figures ranked" in r.text


async def test_enrich_post(client: httpx.AsyncClient) -> None:
    genes = "TNF, TRADD\nRIPK1;CASP8 BAX NOTAGENE"
    r = await client.post("/enrich", follow_redirects=True, data={"genes": genes})
    assert r.status_code == 200
    assert "TNF-induced NF-κB activation" in r.text
    assert "Not in any figure: NOTAGENE" in r.text
    assert '<rect x="0"' in r.text  # the bar chart
    # the result lives at a URL, offered as a link, with the same result as files
    assert r.url.path == "/enrich" and "genes=TNF" in str(r.url)
    assert "Copy link" in r.text and 'href="/enrich.tsv?genes=' in r.text
    assert 'href="/enrich.json?genes=' in r.text
    first = r.text.index("TNF-induced NF-κB activation</a></th>")
    second = r.text.index("p53 drives the intrinsic apoptosis pathway</a></th>")
    assert first < second


async def test_enrich_post_empty_and_oversized(client: httpx.AsyncClient) -> None:
    r = await client.post("/enrich", follow_redirects=True, data={"genes": "  \n "})
    assert r.status_code == 422
    assert "the gene list is empty" in r.text
    many = " ".join(f"G{i}" for i in range(2001))
    r = await client.post("/enrich", follow_redirects=True, data={"genes": many})
    assert r.status_code == 422
    assert "2,001 genes: at most 2,000" in r.text
    assert many[:200] in r.text  # the form keeps the input


async def test_enrich_tsv(client: httpx.AsyncClient) -> None:
    r = await client.post("/enrich.tsv", data={"genes": "TNF TRADD RIPK1 CASP8"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/tab-separated-values")
    assert "attachment" in r.headers["content-disposition"]
    lines = r.text.splitlines()
    assert lines[0].split("\t")[:3] == ["rank", "figid", "title"]
    assert lines[1].split("\t")[1] == F1
    r = await client.post("/enrich.tsv", data={"genes": ""})
    assert r.status_code == 422


async def test_enrich_downloads_at_the_results_url(client: httpx.AsyncClient) -> None:
    query = {"genes": "TNF TRADD RIPK1 CASP8"}
    page = await client.get("/enrich", params=query)
    tsv = await client.get("/enrich.tsv", params=query)
    data = await client.get("/enrich.json", params=query)
    assert tsv.status_code == data.status_code == 200
    body = data.json()
    ranked = [line.split("\t")[1] for line in tsv.text.splitlines()[1:]]
    assert ranked == [r["figid"] for r in body["results"]]  # the same result, twice
    assert body["results"][0]["figid"] == F1 and body["results"][0]["title"] in page.text
    assert (await client.get("/enrich.xml", params=query)).status_code == 404


async def test_downloads_page(client: httpx.AsyncClient) -> None:
    r = await client.get("/downloads")
    assert r.status_code == 200
    for href in ("/downloads/pfocr.gmt", "/downloads/records.zip", "/downloads/mentions.tsv"):
        assert f'href="{href}"' in r.text


@pytest.mark.parametrize(
    "path",
    ["/figures/PMC0__nope", "/genes/NOTAGENE", "/genes/MET", "/nowhere", "/figures/x/nothing"],
)
async def test_not_found_pages(client: httpx.AsyncClient, path: str) -> None:
    r = await client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("text/html")
    assert "Not found" in r.text and "<h1" in r.text


async def test_invalid_query_page(client: httpx.AsyncClient) -> None:
    r = await client.get("/", params={"year_from": "abc"})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("text/html")
    assert "year_from" in r.text and "Invalid input" in r.text


async def test_security_headers(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/figures/{F1}")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    r = await client.get("/nowhere")
    assert "content-security-policy" in r.headers  # error pages too


async def test_pages_have_no_inline_script_or_style(client: httpx.AsyncClient) -> None:
    """The CSP forbids inline code: pages must not rely on it."""
    for path in ("/", f"/figures/{F1}", "/genes/TNF", "/enrich?example=1", "/downloads"):
        html = (await client.get(path)).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert " style=" not in html and "<style" not in html, path
        assert not re.search(r"<[^>]+\son\w+=", html), path


async def test_search_words_show_marked_snippets(client: httpx.AsyncClient) -> None:
    r = await client.get("/", params={"q": "apoptosis"})
    assert r.status_code == 200
    assert '<p class="snippet">' in r.text
    assert "<mark>apoptosis</mark>" in r.text


async def test_search_refusal_is_shown_beside_the_form(client: httpx.AsyncClient) -> None:
    r = await client.get("/", params={"year_from": "2020", "year_to": "2010"})
    assert r.status_code == 422
    assert "Cannot search" in r.text and "2020-2010" in r.text
    assert 'id="q"' in r.text  # the form is still there
    r = await client.get("/", params={"q": "%"})
    assert r.status_code == 422 and "no word" in r.text


async def test_head_is_answered_like_get(client: httpx.AsyncClient) -> None:
    r = await client.head(f"/figures/{F1}")
    assert r.status_code == 200 and r.content == b""
    assert r.headers["content-type"].startswith("text/html")
    assert (await client.head("/figures/nope")).status_code == 404
    assert (await client.head("/downloads/pfocr.gmt")).content == b""


async def test_server_error_page_hides_details(tmp_path: Path) -> None:
    """A broken store gives a plain 500 page: no traceback, no SQL."""
    db = build_demo_store(tmp_path / "broken.sqlite")
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE organisms")
    transport = httpx.ASGITransport(app=create_app(db), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as broken:
        r = await broken.get("/")
        assert r.status_code == 500
        assert "Something went wrong" in r.text
        assert "Traceback" not in r.text and "organisms" not in r.text
        r = await broken.get("/api/stats")
        assert r.status_code == 500 and r.json()["detail"] == "Something went wrong on our side."
