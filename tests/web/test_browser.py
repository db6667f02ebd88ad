"""Headless Chromium (Debian's, through Playwright) against the real uvicorn server.

Search, open a figure and check its gene boxes sit over the image, hover and click a box,
run an enrichment, download files, and use the pages at phone width. Console errors
(which include Content-Security-Policy violations) fail the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from pfocr.testing import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

F1 = "PMC9000001__F1"


@pytest.fixture(params=[1280], ids=["desktop"])
def width(request: pytest.FixtureRequest) -> int:
    """Viewport width (tests that care override it)."""
    return int(request.param)


@pytest.fixture
def page(browser: Any, live_server: LiveServer, width: int) -> Iterator[Any]:
    """A fresh page; fails the test on any console error or uncaught script error."""
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems: list[str] = []

    def on_console(msg: Any) -> None:
        # a 422 page is the expected answer to bad input; any other error is a failure
        if msg.type == "error" and "status of 422" not in msg.text:
            problems.append(msg.text)

    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", on_console)
    page.base = live_server.url
    yield page
    context.close()
    assert not problems, problems


def test_search(page: Any) -> None:
    page.goto(page.base + "/")
    page.fill("#q", "TP53")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=TP53*")
    assert "1 figure matches" in page.inner_text("#results-title")
    page.click("text=p53 drives the intrinsic apoptosis pathway")
    page.wait_for_url("**/figures/PMC9000003__F2?genes=TP53")  # your gene on the figure
    assert page.inner_text("h1") == "p53 drives the intrinsic apoptosis pathway"
    assert page.locator('.box.gene.query[data-symbol="TP53"]').count() >= 1
    assert "Your genes on this figure (outlined in red): TP53" in page.inner_text(".your-genes")


def test_search_with_filters(page: Any) -> None:
    page.goto(page.base + "/")
    page.select_option("#organism", "Homo sapiens")
    page.fill("#year_from", "2016")
    page.press("#year_from", "Enter")
    page.wait_for_url("**organism=Homo+sapiens*")
    assert "3 figures match" in page.inner_text("#results-title")


def _expected_boxes(base: str) -> dict[str, tuple[float, float, float, float]]:
    fig = httpx.get(f"{base}/api/figures/{F1}", timeout=10).json()
    out = {}
    for m in fig["mentions"]:
        xs = [p[0] for p in m["box"]]
        ys = [p[1] for p in m["box"]]
        out[m["symbol"]] = (min(xs), min(ys), max(xs), max(ys))
    return out


def _check_boxes_over_image(page: Any) -> int:
    page.goto(page.base + f"/figures/{F1}")
    page.wait_for_function("document.getElementById('figure-img').complete")
    img = page.locator("#figure-img").bounding_box()
    natural = page.evaluate("document.getElementById('figure-img').naturalWidth")
    assert natural == 960
    scale = img["width"] / 960
    assert abs(img["height"] - 640 * scale) < 1.5  # aspect ratio kept
    expected = _expected_boxes(page.base)
    boxes = page.locator(".box.gene")
    assert boxes.count() == len(expected) == 10
    for i in range(boxes.count()):
        box = boxes.nth(i)
        symbol = box.get_attribute("data-symbol")
        got = box.locator("polygon").bounding_box()  # includes the outline's stroke
        x0, y0, x1, y1 = expected[symbol]
        centre_x = img["x"] + (x0 + x1) / 2 * scale
        centre_y = img["y"] + (y0 + y1) / 2 * scale
        assert abs(got["x"] + got["width"] / 2 - centre_x) < 1.5, symbol
        assert abs(got["y"] + got["height"] / 2 - centre_y) < 1.5, symbol
        # the outline is drawn around the label (2 to 8 image pixels out), not over it
        pad = min(8.0, max(2.0, 960 / 300)) * scale
        assert 2 * pad <= got["width"] - (x1 - x0) * scale < 2 * pad + 4, symbol
        assert 2 * pad <= got["height"] - (y1 - y0) * scale < 2 * pad + 4, symbol
    return boxes.count()


def test_figure_boxes_over_image(page: Any) -> None:
    assert _check_boxes_over_image(page) == 10
    assert page.locator(".box.family").count() == 2


def test_interactions_drawn_over_image(page: Any) -> None:
    """Each interaction is a line over the image, from its source's box to its target's,
    drawn under the boxes (which keep the pointer), and a row of the table."""
    _check_boxes_over_image(page)
    api = httpx.get(f"{page.base}/api/figures/{F1}").json()
    edges = page.locator("g.edge polyline")
    assert edges.count() == len(api["edges"]) > 0
    assert page.locator("section.edge-table tbody tr").count() == len(api["edges"])
    img = page.locator("#figure-img").bounding_box()
    scale = img["width"] / 960
    first = api["edges"][0]
    got = edges.nth(0).bounding_box()
    (x0, y0), (x1, y1) = first["points"][0], first["points"][-1]
    assert abs(got["x"] - (img["x"] + min(x0, x1) * scale)) < 6
    assert abs(got["x"] + got["width"] - (img["x"] + max(x0, x1) * scale)) < 6
    assert abs(got["y"] + got["height"] / 2 - (img["y"] + (y0 + y1) / 2 * scale)) < 6
    # the boxes are above the lines: hovering a gene box still shows its tip
    page.hover('.box.gene[data-symbol="TNFRSF1A"]')
    assert page.locator("#tip").is_visible()


@pytest.mark.parametrize("width", [375], ids=["phone"], indirect=True)
def test_figure_boxes_over_scaled_image(page: Any) -> None:
    """At phone width the image shrinks; the viewBox keeps the boxes on their words."""
    _check_boxes_over_image(page)
    assert page.locator("#figure-img").bounding_box()["width"] < 375


def test_hover_shows_symbol_name_and_text(page: Any) -> None:
    page.goto(page.base + f"/figures/{F1}")
    tip = page.locator("#tip")
    assert tip.is_hidden()
    page.hover('.box.gene[data-symbol="TNFRSF1A"]')
    assert tip.is_visible()
    text = tip.inner_text()
    assert "TNFRSF1A" in text
    assert "TNF receptor superfamily member 1A" in text
    assert "read as “TNFR1”" in text
    assert "candidates: gene TNFRSF1A" in text and "threshold: accepted" in text  # the trail
    row = page.locator('tr[data-symbol="TNFRSF1A"]')
    assert "hl" in (row.get_attribute("class") or "")
    page.mouse.move(1, 1)
    assert tip.is_hidden()


def test_keyboard_focus_shows_tip(page: Any) -> None:
    page.goto(page.base + f"/figures/{F1}")
    page.focus('.box.family[data-symbol="IKK"]')
    text = page.inner_text("#tip")
    assert "IKK (family)" in text and "CHUK" in text


def test_click_gene_opens_its_page(page: Any) -> None:
    page.goto(page.base + f"/figures/{F1}")
    page.click('.box.gene[data-symbol="TNF"]')
    page.wait_for_url("**/genes/TNF")
    assert page.inner_text("h1").startswith("TNF")
    assert "Shown in 2 figures" in page.inner_text(".facts")


def test_outlines_differ_without_colour(page: Any) -> None:
    """Genes solid, families dotted, below-threshold dashed: told apart in greyscale."""
    page.goto(page.base + "/figures/PMC9000003__F2?all=1")
    dash = "el => getComputedStyle(el).strokeDasharray"
    gene = page.locator(".box.gene polygon").first.evaluate(dash)
    below = page.locator(".box.below polygon").first.evaluate(dash)
    assert gene == "none"
    assert below not in ("none", gene)
    page.goto(page.base + f"/figures/{F1}")
    family = page.locator(".box.family polygon").first.evaluate(dash)
    assert family not in ("none", gene, below)


def test_enrichment_and_tsv_download(page: Any, tmp_path: Path) -> None:
    page.goto(page.base + "/enrich")
    page.fill("#genes", "EGF EGFR GRB2 SOS1 KRAS BRAF MAP2K1 ELK1 MYC GAPDH")
    page.click("button:has-text('Enrich')")
    page.wait_for_selector(".enrich-table")
    assert "figures ranked" in page.inner_text("#res-title")
    assert "Not in any figure: GAPDH" in page.inner_text(".report")
    first = page.locator(".enrich-table tbody tr").first
    assert first.locator("th a").inner_text() == "The MAPK/ERK cascade"
    assert page.locator(".chart rect.bar").count() >= 1
    assert "/enrich?genes=EGF+EGFR" in page.url  # the result has its own URL
    assert page.input_value("#result-link").endswith(
        "/enrich?genes=EGF+EGFR+GRB2+SOS1+KRAS+BRAF+MAP2K1+ELK1+MYC+GAPDH"
    )
    with page.expect_download() as info:
        page.click("a:has-text('Download TSV')")
    download = info.value
    assert download.suggested_filename == "pfocr-enrichment.tsv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    lines = path.read_text().splitlines()
    assert lines[0].startswith("rank\tfigid\ttitle")
    assert lines[1].split("\t")[1] == "PMC9000002__F5"


def test_enrichment_empty_list_message(page: Any) -> None:
    page.goto(page.base + "/enrich")
    page.fill("#genes", "   ")
    page.click("button:has-text('Enrich')")
    page.wait_for_selector("#enrich-error")
    assert "empty" in page.inner_text("#enrich-error")


def test_the_figure_page_says_its_host(page: Any) -> None:
    page.goto(page.base + f"/figures/{F1}")
    host = page.locator(".facts i[title]")
    assert host.inner_text() == "Homo sapiens" and host.get_attribute("title") == "caption: human"
    row = page.locator("section.organisms tbody tr").first
    assert "9606" in row.inner_text() and "host" in row.inner_text()
    link = row.locator("a")
    assert link.get_attribute("href").endswith("wwwtax.cgi?id=9606")


def test_figure_downloads(page: Any, tmp_path: Path) -> None:
    page.goto(page.base + f"/figures/{F1}")
    with page.expect_download() as info:
        page.click("text=Gene set (GMT line)")
    path = tmp_path / "f.gmt"
    info.value.save_as(path)
    assert path.read_text().startswith(F1 + "\t")


@pytest.mark.parametrize("width", [375], ids=["phone"], indirect=True)
@pytest.mark.parametrize(
    "path", ["/", "/?q=EGFR", f"/figures/{F1}", "/genes/TNF", "/enrich?example=1", "/downloads"]
)
def test_phone_width_has_no_sideways_scroll(page: Any, path: str) -> None:
    page.goto(page.base + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    # the main controls are on screen and big enough to tap
    for selector in ("header.site nav a", "main h1"):
        box = page.locator(selector).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, selector


def test_enrichment_table_sorts_and_opens_figures_with_your_genes(page: Any) -> None:
    page.goto(page.base + "/enrich?genes=TNF+TRADD+RIPK1+CASP8+BAX+CASP3+CYCS+TP53")
    table = page.locator(".enrich-table")
    first_title = table.locator("tbody tr").first.locator("th a").inner_text()
    page.click(".enrich-table th:has-text('Overlap') button")  # ascending overlap
    page.click(".enrich-table th:has-text('Overlap') button")  # then descending
    overlaps = [
        int(c.get_attribute("data-value") or 0)
        for c in table.locator("tbody tr td:nth-child(4)").all()
    ]
    assert overlaps == sorted(overlaps, reverse=True)
    assert "Combined score" in table.locator("thead").inner_text()
    page.click(".enrich-table th:has-text('#') button")  # back to rank order
    assert table.locator("tbody tr").first.locator("th a").inner_text() == first_title
    page.click("button.copy")
    # the copy may finish asynchronously (the clipboard API): wait for its answer
    page.wait_for_function(
        "document.querySelector('button.copy').textContent !== 'Copy link'", timeout=5000
    )
    assert page.inner_text("button.copy") == "Copied"
    copied = page.evaluate("document.getElementById('result-link').value")
    assert copied.startswith(page.base + "/enrich?genes=") and "TRADD" in copied
    href = table.locator("tbody tr").first.locator("th a").get_attribute("href") or ""
    assert "?genes=" in href
    page.goto(page.base + href)
    assert page.locator(".box.gene.query").count() >= 1


def test_the_figure_zooms_and_pans(page: Any) -> None:
    page.goto(page.base + f"/figures/{F1}")
    page.wait_for_function("document.getElementById('figure-img').complete")
    before = page.locator("#figure-img").bounding_box()["width"]
    page.click("button[data-zoom='in']")
    page.click("button[data-zoom='in']")
    assert page.inner_text("#zoom-level") == "200%"
    after = page.locator("#figure-img").bounding_box()["width"]
    assert after > 1.8 * before
    box = page.locator('.box.gene[data-symbol="TNFRSF1A"] polygon').bounding_box()
    assert box["width"] > 0  # the boxes scale with the image
    page.click("button[data-zoom='reset']")
    assert abs(page.locator("#figure-img").bounding_box()["width"] - before) < 2


def test_the_api_page_is_readable_offline(page: Any) -> None:
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(page.base + "/")
    page.click("nav >> text=API")
    page.wait_for_url("**/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    text = page.inner_text("#swagger-ui")
    assert "/api/search" in text and "/api/figures/{figid}/readings" in text
    assert "curl" in page.inner_text(".examples")
    assert all(u.startswith(page.base) or u.startswith("data:") for u in requested)  # no CDN


def test_chemicals_are_outlined_apart_and_open_their_page(page: Any) -> None:
    page.goto(page.base + f"/figures/{F1}")
    box = page.locator('.box.chemical[data-name="MESH:D008070"]')
    assert box.count() == 1
    dash = "el => getComputedStyle(el).strokeDasharray"
    chemical = box.locator("polygon").evaluate(dash)
    gene = page.locator(".box.gene polygon").first.evaluate(dash)
    family = page.locator(".box.family polygon").first.evaluate(dash)
    assert chemical not in ("none", gene, family)
    box.hover()
    text = page.inner_text("#tip")
    assert "Lipopolysaccharides (chemical)" in text and "read as “LPS”" in text
    assert "Lipopolysaccharides" in page.inner_text("#concepts-title + .table-wrap")
    box.click()
    page.wait_for_url("**/concepts/MESH:D008070")
    assert page.inner_text("h1") == "Lipopolysaccharides"
    assert "Named in 1 figure" in page.inner_text(".facts")
    assert page.locator(f'a[href="/figures/{F1}"]').count() >= 1
