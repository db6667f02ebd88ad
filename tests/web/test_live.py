"""One real uvicorn (session-scoped), and the ``pfocr serve`` command."""

from __future__ import annotations

from pathlib import Path

import httpx
from typer.testing import CliRunner

from pfocr.cli import app as cli
from pfocr.testing import LiveServer
from pfocr.web import create_app


def test_uvicorn_smoke(live_server: LiveServer) -> None:
    """The site over a real socket: pages, API, image, static file, headers, errors."""
    with httpx.Client(base_url=live_server.url, timeout=10) as client:
        r = client.get("/")
        assert r.status_code == 200 and "All 6 figures" in r.text
        assert "content-security-policy" in r.headers
        assert "server" not in r.headers or "uvicorn" not in r.headers["server"].lower()
        assert client.get("/figures/PMC9000001__F1").status_code == 200
        assert client.get("/figures/PMC9000001__F1/image").headers["content-type"] == "image/png"
        assert client.get("/static/site.css").status_code == 200
        assert client.get("/static/site.js").status_code == 200
        r = client.post("/api/enrich", json={"genes": ["TNF", "TRADD", "RIPK1"]})
        assert r.status_code == 200 and r.json()["results"][0]["figid"] == "PMC9000001__F1"
        assert client.get("/figures/nope").status_code == 404
        assert client.get("/openapi.json").json()["info"]["title"] == "pfocr"
        # raw traversal, unnormalised by the client
        r = client.get("/static/%2e%2e/%2e%2e/%2e%2e/pyproject.toml")
        assert r.status_code == 404
        # a request line far over uvicorn's limits is refused by the server, not a 500
        r = client.get("/", params={"q": "A" * 60_000})
        assert 400 <= r.status_code < 500


def test_serve_refuses_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 2
    assert "no database" in result.output


def test_serve_refuses_non_store(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"not a database at all" * 100)
    result = CliRunner().invoke(cli, ["serve", "--db", str(bogus)])
    assert result.exit_code == 2
    assert "not a pfocr database" in result.output


def test_serve_help() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "--port" in result.output and "--db" in result.output


def test_the_server_runs_the_c_http_parser_and_libuv(demo_db: Path) -> None:
    # pfocr's dependencies give uvicorn httptools and uvloop, which it chooses on its own
    # ("auto"): a third more requests per second than its pure-Python h11 and asyncio
    import uvicorn

    config = uvicorn.Config(create_app(demo_db), log_level="warning")
    config.load()
    assert config.http_protocol_class.__name__ == "HttpToolsProtocol"
    factory = config.get_loop_factory()
    assert factory is not None and factory.__module__ == "uvloop"
