"""Citations and titles: the stored citation, clean figure labels, no raw ids as titles."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from pfocr.store import Store
from pfocr.testing import build_demo_store
from pfocr.textutil import display_title, figure_label, first_sentence
from pfocr.web import create_app

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    """Run the async tests on asyncio only."""
    return "asyncio"


def test_figure_labels_from_every_stored_form() -> None:
    for number in ("F1", "Fig. 1", "Figure 1", "fig1", "g001", "(1)", "Fig. (1)"):
        assert figure_label("Figure", number) == "Figure 1", number
    assert figure_label("Figure", "Figure 2B") == "Figure 2B"
    assert figure_label("Figure", "S3") == "Figure S3"
    assert figure_label("Scheme", None) == "Scheme"


def test_an_untitled_figure_is_named_by_its_caption_or_paper() -> None:
    caption = "Figure 3. (A) TNF activates NF-κB through TRAF2. (B) Quantification."
    assert first_sentence(caption) == "TNF activates NF-κB through TRAF2"
    assert display_title(None, caption, "The paper.") == "TNF activates NF-κB through TRAF2"
    assert display_title("", "", "The paper.") == "The paper."
    assert display_title(None, None, None) == "Untitled figure"
    assert display_title("Own title", caption, "The paper.") == "Own title"


async def test_figure_pages_cite_the_paper_and_never_show_a_raw_id(tmp_path: Path) -> None:
    db = build_demo_store(tmp_path / "demo.sqlite")
    with Store(db) as store:
        figid, caption = store.conn.execute(
            "SELECT figid, caption FROM figures ORDER BY figid LIMIT 1"
        ).fetchone()
        reftext = store.conn.execute(
            "SELECT p.reftext FROM figures f JOIN papers p USING (pmcid) WHERE f.figid = ?",
            (figid,),
        ).fetchone()[0]
        store.conn.execute("UPDATE figures SET figtitle = NULL WHERE figid = ?", (figid,))
    transport = httpx.ASGITransport(app=create_app(db))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        page = await client.get(f"/figures/{figid}")
        api = (await client.get(f"/api/figures/{figid}")).json()
        search = await client.get("/api/search", params={"q": caption.split()[0]})
    expected = first_sentence(caption)
    assert f"<h1>{expected}</h1>" in page.text
    assert f"<h1>{figid}</h1>" not in page.text
    assert api["display_title"] == expected and api["title"] is None
    assert api["label"].startswith("Figure ") and "Fig." not in api["label"]
    if reftext:
        assert reftext in page.text  # the stored citation: first author, journal, year
    titles = {r["figid"]: r["title"] for r in search.json()["results"]}
    assert titles.get(figid, expected) == expected
