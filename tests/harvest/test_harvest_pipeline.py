"""Harvested figures go through OCR, recognition and the store, as ``pfocr run`` takes them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pytest

from pfocr.pipeline import RunConfig
from pfocr.pipeline.harvest import harvest
from pfocr.settings import Settings
from pfocr.store import Store
from pfocr.testing_harvest import (
    EutilsStandIn,
    StandInArticle,
    StandInFigure,
    standin_options,
    standin_services,
)
from pfocr.web import create_app

pytestmark = [pytest.mark.ocr, pytest.mark.slow]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _article(uid: int, name: str, caption: str) -> StandInArticle:
    figure = StandInFigure(
        fig_id="F1", href=f"{name}_fig", caption=caption,
        data=(EXAMPLES / f"{name}.png").read_bytes(), title="Model of the signaling pathway",
    )  # fmt: skip
    return StandInArticle(uid, date(2024, 3, 4), f"A paper on {name}", [figure])


def test_harvested_figures_are_recognised_and_stored(lexicon_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "pfocr.sqlite"
    settings = Settings(lexicon=lexicon_file)
    articles = [
        _article(9_400_001, "jak_stat", "IFN-gamma signals through JAK1, JAK2 and STAT1."),
        _article(9_400_002, "mapk_erk", "EGF signals through RAS, RAF, MEK and ERK."),
    ]
    run = RunConfig(db=db, workers=1, settings=settings)
    with EutilsStandIn(articles) as standin:
        summary = harvest(standin_options(db), standin_services(standin), db, run=run)
        assert summary.complete and summary.run is not None and summary.run.processed == 2
        again = harvest(standin_options(db), standin_services(standin), db, run=run)
        assert again.run is not None and again.run.skipped == 2 and again.run.processed == 0
    with Store(db, readonly=True) as store:
        assert sorted(store.figure_ids()) == [
            "PMC9400001__jak_stat_fig",
            "PMC9400002__mapk_erk_fig",
        ]
        genes = {g.symbol for g in store.figure_genes("PMC9400001__jak_stat_fig")}
        assert {"JAK1", "JAK2", "STAT1", "SOCS1"} <= genes
        genes = {g.symbol for g in store.figure_genes("PMC9400002__mapk_erk_fig")}
        assert {"EGFR", "GRB2", "BRAF"} <= genes
        row = store.conn.execute(
            "SELECT f.caption, f.figtitle, f.figlink, f.source, p.papertitle, p.year "
            "FROM figures f JOIN papers p USING (pmcid) WHERE figid = ?",
            ("PMC9400001__jak_stat_fig",),
        ).fetchone()
    caption, figtitle, figlink, source, papertitle, year = tuple(row)
    assert "JAK1, JAK2 and STAT1" in caption and figtitle == "Model of the signaling pathway"
    assert figlink == "/pmc/articles/PMC9400001/figure/F1/"
    assert source.endswith("/media/PMC9400001.1/jak_stat_fig.png")
    assert papertitle == "A paper on jak_stat." and year == 2024


@pytest.fixture
def anyio_backend() -> str:
    """Run the async test on asyncio only."""
    return "asyncio"


@pytest.mark.anyio
async def test_the_downloads_page_says_how_current_the_collection_is(tmp_path: Path) -> None:
    db = tmp_path / "pfocr.sqlite"
    with EutilsStandIn([_article(9_400_003, "tnf_nfkb", "A signaling pathway.")]) as standin:
        harvest(standin_options(db), standin_services(standin), db)
    transport = httpx.ASGITransport(app=create_app(db))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        page = await client.get("/downloads")
    assert page.status_code == 200
    assert "Harvested from PubMed Central through <strong>2024-03-31</strong>" in page.text
