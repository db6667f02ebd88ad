"""Gene pages resolve aliases and previous symbols, and list them."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from pfocr.lexicon import Lexicon
from pfocr.web import WebConfig, create_app
from pfocr.web.services import gene_names, gene_synonyms

pytestmark = pytest.mark.anyio


async def test_an_alias_or_previous_symbol_leads_to_the_gene(
    demo_db: Path, lexicon: Lexicon
) -> None:
    config = WebConfig(
        gene_names=gene_names(lexicon), gene_synonyms=gene_synonyms(lexicon), resolver=lexicon
    )
    transport = httpx.ASGITransport(app=create_app(demo_db, config))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        moved = await client.get("/genes/TNFAR")  # TNFRSF1A's alias
        assert moved.status_code == 307 and moved.headers["location"] == "/genes/TNFRSF1A"
        page = await client.get("/genes/TNFRSF1A")
        assert "Aliases: CD120a, TNF-R, TNF-R-I, TNF-R55, TNFAR" in page.text
        api = await client.get("/api/genes/tnfar")
        assert api.status_code == 200 and api.json()["symbol"] == "TNFRSF1A"
        ambiguous = await client.get("/genes/p55")  # names five genes: no guess
        assert ambiguous.status_code == 404
        unknown = await client.get("/genes/NOSUCHGENE1")
        assert unknown.status_code == 404
    previous, aliases = gene_synonyms(lexicon)["HGNC:6853"]  # MAP3K14
    assert previous == () and "HSNIK" in aliases  # NIK itself is FamPlex's curated name
