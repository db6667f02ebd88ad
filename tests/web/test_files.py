"""Images, thumbnails and downloads."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path

import httpx
import pytest
from PIL import Image

from pfocr.store import Store
from pfocr.testing import demo_bundles
from pfocr.web import create_app

pytestmark = pytest.mark.anyio

F1 = "PMC9000001__F1"


async def test_image(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/figures/{F1}/image")
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/png"
    assert r.headers["x-content-type-options"] == "nosniff"
    image = Image.open(io.BytesIO(r.content))
    assert image.size == (960, 640)
    etag = r.headers["etag"]
    again = await client.get(f"/figures/{F1}/image", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content


async def test_thumbnail(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/figures/{F1}/thumb")
    assert r.status_code == 200
    assert r.headers["content-type"] == "image/jpeg"
    thumb = Image.open(io.BytesIO(r.content))
    assert thumb.size == (240, 160)
    assert "max-age" in r.headers["cache-control"]


async def test_unknown_image(client: httpx.AsyncClient) -> None:
    assert (await client.get("/figures/nope/image")).status_code == 404
    assert (await client.get("/figures/nope/thumb")).status_code == 404


async def test_figure_downloads(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/figures/{F1}/gene-set.gmt")
    assert r.status_code == 200
    assert f'filename="{F1}.gmt"' in r.headers["content-disposition"]
    cells = r.text.rstrip("\n").split("\t")
    assert cells[0] == F1 and cells[1] == "TNF-induced NF-κB activation"
    assert cells[2:] == sorted(cells[2:]) and len(cells[2:]) == 10
    r = await client.get(f"/figures/{F1}/record.md")
    assert r.status_code == 200 and r.text.startswith("---\n")
    assert "figid: PMC9000001__F1" in r.text
    r = await client.get(f"/figures/{F1}/mentions.tsv")
    lines = r.text.splitlines()
    assert lines[0].startswith("figid\ttext\tsymbol")
    # ten gene mentions, then the chemical (LPS, no symbol)
    assert len(lines) == 12 and all(line.startswith(F1) for line in lines[1:])
    assert lines[-1].split("\t")[8:] == [
        "chemical",
        "MESH:D008070",
        "Lipopolysaccharides",
        "figure",
    ]
    for suffix in ("gene-set.gmt", "record.md", "mentions.tsv"):
        assert (await client.get(f"/figures/nope/{suffix}")).status_code == 404


async def test_figure_interactions(client: httpx.AsyncClient) -> None:
    r = await client.get(f"/api/figures/{F1}")
    edges = r.json()["edges"]
    pairs = {(e["source"]["members"][0], e["target"]["members"][0]) for e in edges}
    assert ("TNF", "TNFRSF1A") in pairs and ("TRADD", "CASP8") in pairs
    assert all(len(e["points"]) >= 2 for e in edges)
    r = await client.get(f"/figures/{F1}/edges.tsv")
    assert r.status_code == 200 and f'filename="{F1}-edges.tsv"' in r.headers["content-disposition"]
    rows = [line.split("\t") for line in r.text.splitlines()]
    assert rows[0][:3] == ["figid", "source", "target"] and len(rows) == len(edges) + 1
    r = await client.get(f"/figures/{F1}/network.cx2")
    assert r.status_code == 200 and r.json()[0]["CXVersion"] == "2.0"
    r = await client.get(f"/figures/{F1}/pathway.gpml")
    assert (
        r.status_code == 200
        and "<Interaction" in r.text
        and 'Xref Database="HGNC" ID="TNF"' in r.text
    )
    page = (await client.get(f"/figures/{F1}")).text
    assert "Interactions (" in page and page.count('class="edge activation"') == len(edges)
    for suffix in ("edges.tsv", "network.cx2", "pathway.gpml"):
        assert (await client.get(f"/figures/nope/{suffix}")).status_code == 404


async def test_download_gmt(client: httpx.AsyncClient) -> None:
    r = await client.get("/downloads/pfocr.gmt")
    assert r.status_code == 200
    lines = r.text.splitlines()
    assert len(lines) == 5  # the figure without genes is left out
    assert all(len(line.split("\t")) >= 5 for line in lines)
    r = await client.get("/downloads/pfocr.gmt", params={"min_genes": 11})
    assert len(r.text.splitlines()) == 1  # only the 13-gene apoptosis figure
    r = await client.get("/downloads/pfocr.gmt", params={"expand_families": "true"})
    tnf = next(line for line in r.text.splitlines() if line.startswith(F1))
    assert "RELA" in tnf.split("\t") and "CHUK" in tnf.split("\t")
    assert "expanded" in r.headers["content-disposition"]
    assert (await client.get("/downloads/pfocr.gmt", params={"min_genes": 0})).status_code == 422


async def test_download_records(client: httpx.AsyncClient) -> None:
    r = await client.get("/downloads/records.zip")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(r.content)) as archive:
        names = archive.namelist()
        assert len(names) == 6 and f"records/{F1}.md" in names
        assert archive.read(f"records/{F1}.md").decode().startswith("---\n")
    again = await client.get("/downloads/records.zip")
    assert again.content == r.content  # built once per data version


async def test_download_mentions(client: httpx.AsyncClient) -> None:
    r = await client.get("/downloads/mentions.tsv")
    assert r.status_code == 200
    lines = r.text.splitlines()
    assert lines[0].startswith("figid\t")
    # every mention, below-threshold MET too, and the one chemical (LPS in the first figure)
    assert len(lines) == 1 + 10 + 10 + 9 + 14 + 10 + 1


async def test_tiff_is_served_as_png(tmp_path: Path) -> None:
    """Browsers do not show TIFF: the site converts it (and thumbnails it) on the fly."""
    bundle = next(demo_bundles())
    buffer = io.BytesIO()
    Image.open(io.BytesIO(bundle.image_bytes)).save(buffer, "TIFF")
    tiff = dataclasses.replace(bundle, image_bytes=buffer.getvalue(), image_mime="image/tiff")
    db = tmp_path / "tiff.sqlite"
    with Store(db) as store:
        store.save_figure(tiff)
    transport = httpx.ASGITransport(app=create_app(db))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        r = await client.get(f"/figures/{F1}/image")
        assert r.status_code == 200 and r.headers["content-type"] == "image/png"
        assert Image.open(io.BytesIO(r.content)).size == (960, 640)
        r = await client.get(f"/figures/{F1}/thumb")
        assert r.headers["content-type"] == "image/jpeg"


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
async def test_unreadable_image_is_404_not_500(tmp_path: Path) -> None:
    bundle = next(demo_bundles())
    broken = dataclasses.replace(bundle, image_bytes=b"II*\x00garbage", image_mime="image/tiff")
    db = tmp_path / "broken.sqlite"
    with Store(db) as store:
        store.save_figure(broken)
    transport = httpx.ASGITransport(app=create_app(db), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get(f"/figures/{F1}/thumb")).status_code == 404
        assert (await client.get(f"/figures/{F1}/image")).status_code == 404
        assert (await client.get(f"/figures/{F1}")).status_code == 200
