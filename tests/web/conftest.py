"""Web fixtures: the demo store, the app in-process, one real uvicorn, one headless Chromium."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from pfocr.testing import DEMO_GENE_NAMES, LiveServer, build_demo_store
from pfocr.web import WebConfig, create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    """Run async tests on asyncio only."""
    return "asyncio"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store (six figures), written once per session."""
    return build_demo_store(tmp_path_factory.mktemp("web") / "demo.sqlite")


@pytest.fixture(scope="session")
def app(demo_db: Path) -> FastAPI:
    """The site over the demo store, with gene names."""
    return create_app(demo_db, WebConfig(gene_names=DEMO_GENE_NAMES))


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An in-process HTTP client (httpx ASGI transport); app errors become 500s, not raises."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture(scope="session")
def live_server(demo_db: Path) -> Iterator[LiveServer]:
    """One real uvicorn for the session (its own app instance over the demo store)."""
    with LiveServer(create_app(demo_db, WebConfig(gene_names=DEMO_GENE_NAMES))) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium driven by Playwright; skips when either is missing.

    Module-scoped: Playwright's sync API keeps an event loop running in this thread
    while it is open, which the in-process async tests of other modules cannot share.
    """
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} not found: apt-get install chromium (make sysdeps)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
