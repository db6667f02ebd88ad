"""Search as people type: Greek letters, their spellings and Latin initials are one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from pfocr.search import fts_query, search_figures
from pfocr.store import Store
from pfocr.store.textkeys import text_keys, word_keys
from pfocr.testing import build_demo_store
from pfocr.web import create_app

NFKB = "PMC9000001__F1"  # "TNF-induced NF-κB activation"; its caption has IκBα
WNT = "PMC9000004__F1"  # "Canonical Wnt/β-catenin signalling"


@pytest.fixture
def anyio_backend() -> str:
    """Run the async test on asyncio only."""
    return "asyncio"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_store(tmp_path_factory.mktemp("greek") / "demo.sqlite")


def _found(db: Path, text: str) -> set[str]:
    with Store(db, readonly=True) as store:
        return {h.figid for h in search_figures(store, text=text, limit=100)}


def test_keys_make_greek_letters_and_spellings_one() -> None:
    assert word_keys("NF-κB") == {"nfkappab", "nfkb"}
    assert word_keys("NFkB") == {"nfkb"} and word_keys("NF-kappaB") == {"nfkappab"}
    assert word_keys("TGF-β") == {"tgfbeta", "tgfb"} and "tgfb" in word_keys("TGF-b")
    assert "ifng" in word_keys("IFN-γ") and "ikba" in word_keys("IκBα,")
    assert text_keys("plain words only") == ""  # ordinary words need no keys
    assert '"NF-kB" OR keys:"nfkb"' in fts_query("NF-kB", keys=True)


@pytest.mark.parametrize(
    "query", ["NF-kB", "NFkB", "NF-kappaB", "nf-κb", "NF-κB", "IkBa", "IκBα", "IKBa"]
)
def test_nfkb_spellings_find_the_greek_caption(demo: Path, query: str) -> None:
    assert NFKB in _found(demo, query)


@pytest.mark.parametrize("query", ["beta-catenin", "b-catenin", "β-catenin"])
def test_beta_catenin_spellings(demo: Path, query: str) -> None:
    assert WNT in _found(demo, query)


def test_no_new_false_matches(demo: Path) -> None:
    assert _found(demo, "NF-kC") == set() and _found(demo, "IkBz") == set()
    assert NFKB not in _found(demo, "TGF-beta")


@pytest.mark.anyio
async def test_site_and_api_search_the_same_way(demo: Path) -> None:
    transport = httpx.ASGITransport(app=create_app(demo))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        api = await client.get("/api/search", params={"q": "NFkB"})
        page = await client.get("/", params={"q": "NF-kappaB"})
    assert NFKB in {f["figid"] for f in api.json()["results"]}
    assert NFKB in page.text


def test_cli_text_search(demo: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pfocr", "search", "--text", "IkBa", "--db", str(demo), "--json"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert NFKB in proc.stdout


def test_an_older_text_index_is_rebuilt_with_keys(tmp_path: Path) -> None:
    db = build_demo_store(tmp_path / "old.sqlite")
    with Store(db) as store:  # make it look like a schema-3 store
        store.conn.executescript(
            "DROP TABLE figures_fts; CREATE VIRTUAL TABLE figures_fts USING fts5(figid UNINDEXED,"
            " figtitle, caption, papertitle); INSERT INTO figures_fts SELECT f.figid, f.figtitle,"
            " f.caption, p.papertitle FROM figures f LEFT JOIN papers p USING (pmcid);"
            " PRAGMA user_version = 3;"
        )
    assert NFKB not in _found(db, "NFkB")  # read-only: the old index, the old behaviour
    Store(db).close()  # a write-open upgrades it
    assert NFKB in _found(db, "NFkB")
