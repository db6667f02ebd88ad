"""The page file: pages kept on disk for every server process of a site, rendered ahead
by ``pfocr pages``, never served for other data or another site's options."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import httpx
import pytest
import typer
from fastapi import FastAPI
from typer.testing import CliRunner

from pfocr.cli import app as cli
from pfocr.errors import InputError
from pfocr.search import search_figures
from pfocr.store import Store
from pfocr.testing import DEMO_GENE_NAMES, LiveServer, build_demo_store, demo_bundles
from pfocr.testing_pg import PgServer
from pfocr.web import WebConfig, create_app
from pfocr.web.ahead import WORD_MIN, render_ahead, site_paths
from pfocr.web.kept import Kept
from pfocr.web.pagefile import PageFile, scope_of, site_fingerprint
from pfocr.web.routes import api, pages

FIGID = "PMC9000001__F1"


@pytest.fixture
def store_path(tmp_path: Path, demo_db: Path) -> Path:
    """A copy of the demo store of this test's own (tests write to it)."""
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_db, path)
    return path


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts of the page and API renderers' calls (a page served kept costs none)."""
    counts: dict[str, int] = {}

    def counting(module: Any, name: str) -> None:
        real: Callable[..., Any] = getattr(module, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            counts[name] = counts.get(name, 0) + 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, wrapped)

    for name in ("_figure", "_gene", "_index"):
        counting(pages, name)
    counting(api, "find_figures")
    return counts


def _client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://pfocr")


def _config(page_file: Path | None) -> WebConfig:
    return WebConfig(gene_names=DEMO_GENE_NAMES, page_file=page_file)


def test_pages_are_kept_per_scope_and_pruned(tmp_path: Path) -> None:
    pf = PageFile(tmp_path / "site.pages")
    page = Kept.of(b"<p>TNF</p>" * 300)
    pf.put("s1:site", "figure\x1fF1", page)
    pf.put("s2:site", "figure\x1fF1", Kept(b"other", False))
    assert pf.get("s1:site", "figure\x1fF1") == page
    assert pf.get("s2:site", "figure\x1fF1") == Kept(b"other", False)
    assert pf.get("s1:other", "figure\x1fF1") is None
    pf.put("s1:site", "figure\x1fF1", page)  # again: replaced, not doubled
    assert pf.count() == 2 and pf.keys("s1:site") == {"figure\x1fF1"}
    assert pf.prune({"s2:site"}) == 1
    assert pf.count() == 1 and pf.get("s1:site", "figure\x1fF1") is None
    # reopened (another process, a restart): the pages are there
    pf.close()
    assert PageFile(tmp_path / "site.pages").get("s2:site", "figure\x1fF1") is not None


def test_what_is_no_page_file_is_refused(tmp_path: Path, store_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        PageFile(tmp_path)
    junk = tmp_path / "junk.pages"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError, match="cannot be used"):
        PageFile(junk)
    other = tmp_path / "other.pages"
    PageFile(other).close()
    with sqlite3.connect(other) as conn:
        conn.execute("UPDATE info SET value = '99' WHERE key = 'format'")
    with pytest.raises(InputError, match="another format"):
        PageFile(other)
    # a pfocr store is no page file either, and is left as it was
    before = store_path.read_bytes()
    with pytest.raises(InputError, match="not a page file"):
        PageFile(store_path)
    assert store_path.read_bytes() == before


def test_the_site_fingerprint_follows_what_a_page_shows() -> None:
    base = WebConfig(gene_names=DEMO_GENE_NAMES)
    assert site_fingerprint(base) == site_fingerprint(WebConfig(gene_names=dict(DEMO_GENE_NAMES)))
    assert site_fingerprint(base) == site_fingerprint(replace(base, cache_pages_mb=1.0))
    others = [
        WebConfig(),
        replace(base, page_size=10),
        replace(base, gene_names={**DEMO_GENE_NAMES, "HGNC:1": "another name"}),
        replace(base, gene_synonyms={"HGNC:11892": (("TNFA",), ())}),
    ]
    assert len({site_fingerprint(c) for c in others} | {site_fingerprint(base)}) == 5


@pytest.mark.anyio
async def test_a_page_rendered_by_one_process_is_served_by_another(
    tmp_path: Path, store_path: Path, renders: dict[str, int]
) -> None:
    pf = tmp_path / "site.pages"
    paths = [f"/figures/{FIGID}", "/genes/TNF", "/?q=TNF", "/api/search?gene=TNF"]
    async with _client(create_app(store_path, _config(pf))) as first:
        made = [await first.get(p) for p in paths]
    assert all(r.status_code == 200 for r in made)
    assert renders == {"_figure": 1, "_gene": 1, "_index": 1, "find_figures": 1}
    # another server process (or a restart): nothing in its memory, every page on disk
    async with _client(create_app(store_path, _config(pf))) as second:
        again = [await second.get(p) for p in paths]
        plain = await second.get(paths[0], headers={"accept-encoding": "identity"})
    assert renders == {"_figure": 1, "_gene": 1, "_index": 1, "find_figures": 1}
    assert [r.content for r in again] == [r.content for r in made]
    assert again[0].headers["content-encoding"] == "gzip"  # sent as kept
    assert "content-encoding" not in plain.headers and plain.content == made[0].content
    # a site without the page file renders the same bytes
    async with _client(create_app(store_path, _config(None))) as fresh:
        assert [(await fresh.get(p)).content for p in paths] == [r.content for r in made]


@pytest.mark.anyio
async def test_pages_of_older_data_or_other_options_are_not_served(
    tmp_path: Path, store_path: Path, renders: dict[str, int]
) -> None:
    pf = tmp_path / "site.pages"
    path = f"/figures/{FIGID}"
    async with _client(create_app(store_path, _config(pf))) as site:
        before = (await site.get(path)).text
    # another site's options (no gene names): rendered afresh, under its own scope
    async with _client(create_app(store_path, WebConfig(page_file=pf))) as other:
        assert (await other.get(path)).status_code == 200
    assert renders["_figure"] == 2
    # a write: the figure's title changes; the page kept for the old data is not served
    bundle = next(b for b in demo_bundles() if b.figure.figid == FIGID)
    figure = replace(bundle.figure, figtitle="Retitled after a harvest")
    with Store(store_path) as store:
        old_stamp = store.data_stamp()
        store.save_figure(replace(bundle, figure=figure))
        assert store.data_stamp() not in (None, old_stamp)
    async with _client(create_app(store_path, _config(pf))) as site:
        after = (await site.get(path)).text
    assert renders["_figure"] == 3
    assert "Retitled after a harvest" in after and "Retitled after a harvest" not in before


def test_rendered_ahead_every_page_is_served_kept(
    tmp_path: Path, store_path: Path, renders: dict[str, int]
) -> None:
    pf = tmp_path / "site.pages"
    config = _config(pf)
    with Store(store_path, readonly=True) as store:
        paths = site_paths(store)
        n_genes = len({g.symbol for figid in store.figure_ids() for g in store.figure_genes(figid)})
    assert len(paths) == 6 + 3 * n_genes + len({p for p in paths if p.startswith("/concepts/")})
    seen: list[tuple[int, int]] = []
    summary = render_ahead(store_path, config, workers=2, progress=lambda d, t: seen.append((d, t)))
    assert summary.failed == [] and summary.paths == len(paths) == summary.kept
    assert seen[0] == (0, len(paths)) and seen[-1] == (len(paths), len(paths))
    renders.clear()  # the workers were forked processes: count this process's renders

    async def serve_all() -> list[bytes]:
        async with _client(create_app(store_path, config)) as site:
            return [(await site.get(p)).content for p in paths]

    import anyio

    kept = anyio.run(serve_all)
    assert renders == {}  # nothing rendered: every page came from the file
    # the same bytes as a site without the file
    fresh_config = _config(None)

    async def fresh_all() -> list[bytes]:
        async with _client(create_app(store_path, fresh_config)) as site:
            return [(await site.get(p)).content for p in paths]

    assert anyio.run(fresh_all) == kept
    # run again: nothing new, nothing doubled
    again = render_ahead(store_path, config, workers=1)
    assert again.kept == summary.kept and again.pruned == 0
    with Store(store_path) as store:
        store.save_figure(next(demo_bundles()))  # new data: the old pages go
    third = render_ahead(store_path, config, ["figures"], workers=1)
    # the other five figures' pages are theirs still; everything else showed the old data
    assert third.pruned == summary.kept - 5 and third.kept == 6 == PageFile(pf).count()


def _word(path: str) -> str:
    assert path.startswith("/?q=")
    return unquote(path.removeprefix("/?q="))


def _word_searches(db: str | Path, word_min: int) -> list[tuple[str, int]]:
    with Store(db, readonly=True) as store:
        words = [_word(p) for p in site_paths(store, ["words"], word_min)]
        return [(w, search_figures(store, text=w, limit=1).total) for w in words]


def test_every_word_in_enough_figures_is_searched_ahead(
    tmp_path: Path, store_path: Path, renders: dict[str, int]
) -> None:
    every = _word_searches(store_path, 1)
    common = _word_searches(store_path, 2)
    # every word of the text index, most common first; a rarer one only when asked for
    assert len(every) > 50 and all(n >= 1 for _, n in every)
    assert [n for _, n in every] == sorted((n for _, n in every), reverse=True)
    assert common == [(w, n) for w, n in every if n >= 2] and 0 < len(common) < len(every)
    assert all(len(w) >= 3 and w.isalpha() and w == w.lower() for w, _ in every)
    with Store(store_path, readonly=True) as store:
        assert site_paths(store, ["words"]) == []  # the default: in 10 figures, of 6
        with pytest.raises(InputError, match="1 or more"):
            site_paths(store, ["words"], 0)

    config = _config(tmp_path / "site.pages")
    summary = render_ahead(store_path, config, ["words"], workers=1, word_min=2)
    assert summary.failed == [] and summary.paths == summary.kept == len(common)
    renders.clear()

    async def ask(words: list[str]) -> list[str]:
        async with _client(create_app(store_path, config)) as site:
            return [(await site.get("/?q=" + quote(w))).text for w in words]

    import anyio

    pages_of = anyio.run(ask, [w for w, _ in common])
    assert renders == {}  # every common word's search came from the file
    assert all(f'value="{w}"' in page for (w, _), page in zip(common, pages_of, strict=True))
    rare = next(w for w, n in every if n == 1)
    anyio.run(ask, [rare])
    assert renders == {"_index": 1}  # a word in one figure is searched on first ask


def test_words_searched_ahead_on_postgresql(pg_server: PgServer) -> None:
    db = str(build_demo_store(pg_server.create_database()))
    every = _word_searches(db, 1)
    # PostgreSQL's own text search, which splits some words otherwise than FTS5
    assert len(every) > 50 and all(n >= 1 for _, n in every)
    assert [n for _, n in every] == sorted((n for _, n in every), reverse=True)
    assert _word_searches(db, 2) == [(w, n) for w, n in every if n >= 2]


def test_pages_command_default_word_min_is_the_sites() -> None:
    option = next(
        p for p in typer.main.get_command(cli).commands["pages"].params if p.name == "word_min"
    )
    assert option.default == WORD_MIN


def test_pages_command(tmp_path: Path, store_path: Path) -> None:
    pf = tmp_path / "site.pages"
    runner = CliRunner()
    ok = runner.invoke(
        cli,
        ["pages", "--db", str(store_path), "--pages", str(pf), "--no-lexicon", "--kinds",
         "figures,genes", "-j", "2"],
    )  # fmt: skip
    assert ok.exit_code == 0, ok.output
    with Store(store_path, readonly=True) as store:
        stamp = store.figure_stamp(FIGID)  # a figure page is kept under its figure's
        n = len(site_paths(store, ["figures", "genes"]))
    assert stamp is not None and f"{n} pages kept" in ok.output
    scope = scope_of(stamp, site_fingerprint(WebConfig()))
    page = PageFile(pf).get(scope, f"figure\x1f{FIGID}\x1fFalse\x1f")
    assert page is not None and FIGID.encode() in gzip.decompress(page.body)

    before = store_path.read_bytes()
    for args, message in [
        (["--kinds", "figures,thumbnails"], "unknown page kind 'thumbnails'"),
        (["--pages", str(tmp_path)], "is a directory"),
        (["--db", str(tmp_path / "missing.sqlite")], "missing.sqlite"),
    ]:
        base = {"--db": str(store_path), "--pages": str(pf), "--kinds": "figures"}
        base.update(dict(zip(args[::2], args[1::2], strict=True)))
        flat = [x for k, v in base.items() for x in (k, v)]
        bad = runner.invoke(cli, ["pages", "--no-lexicon", *flat])
        assert bad.exit_code == 2, (args, bad.output)
        assert message in bad.output and len(bad.output.strip().splitlines()) == 1
    assert store_path.read_bytes() == before


def test_served_over_http_by_a_real_server(tmp_path: Path, store_path: Path) -> None:
    pf = tmp_path / "site.pages"
    with LiveServer(create_app(store_path, _config(pf))) as server:
        first = httpx.get(f"{server.url}/genes/TNF")
    assert first.status_code == 200
    with Store(store_path, readonly=True) as store:
        stamp = store.data_stamp()
    assert stamp is not None
    scope = scope_of(stamp, site_fingerprint(_config(pf)))
    kept = PageFile(pf).get(scope, "gene\x1fTNF\x1f1")
    assert kept is not None and gzip.decompress(kept.body) == first.content
    with LiveServer(create_app(store_path, _config(pf))) as server:
        again = httpx.get(f"{server.url}/genes/TNF")
    assert again.content == first.content and again.headers["content-encoding"] == "gzip"


def test_rendered_ahead_over_postgresql(
    tmp_path: Path, pg_server: PgServer, renders: dict[str, int]
) -> None:
    db = str(build_demo_store(pg_server.create_database()))
    with Store(db) as store:  # a store written before data stamps were kept
        with store.transaction() as conn:
            conn.execute("DELETE FROM meta WHERE key = 'data_stamp'")
        assert store.data_stamp() is None
    config = _config(tmp_path / "site.pages")
    summary = render_ahead(db, config, ["figures", "genes"], workers=1)
    assert summary.failed == [] and summary.kept == summary.paths > 6
    with Store(db, readonly=True) as store:
        assert store.data_stamp() is not None  # given one, the data untouched
        paths = site_paths(store, ["figures", "genes"])
        assert store.data_version() > 0
    renders.clear()

    async def serve_all() -> list[bytes]:
        async with _client(create_app(db, config)) as site:
            return [(await site.get(p)).content for p in paths]

    import anyio

    kept = anyio.run(serve_all)
    assert renders == {} and len(kept) == len(paths)
    assert all(b"</html>" in k for k in kept) and FIGID.encode() in kept[0]


@pytest.mark.anyio
async def test_a_page_rendered_across_a_write_is_not_kept_for_the_new_data(
    tmp_path: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pf = tmp_path / "site.pages"
    real = pages._figure
    bundle = next(b for b in demo_bundles() if b.figure.figid == FIGID)
    wrote: list[str] = []

    def render_then_write(*args: Any, **kwargs: Any) -> Any:
        page = real(*args, **kwargs)  # rendered from the data before the write
        if not wrote:
            with Store(store_path) as store:
                figure = replace(bundle.figure, figtitle="Written during a render")
                store.save_figure(replace(bundle, figure=figure))
                wrote.append(store.figure_stamp(FIGID) or "")
        return page

    monkeypatch.setattr(pages, "_figure", render_then_write)
    path = f"/figures/{FIGID}"
    async with _client(create_app(store_path, _config(pf))) as site:
        first = (await site.get(path)).text
    assert "Written during a render" not in first
    # the new data's page is not the one rendered before the write: rendered afresh
    async with _client(create_app(store_path, _config(pf))) as site:
        second = (await site.get(path)).text
    assert "Written during a render" in second
    scope = scope_of(wrote[0], site_fingerprint(_config(pf)))
    kept = PageFile(pf).get(scope, f"figure\x1f{FIGID}\x1fFalse\x1f")
    assert kept is not None and b"Written during a render" in gzip.decompress(kept.body)


@pytest.mark.anyio
async def test_a_figure_page_outlives_writes_of_other_figures(
    tmp_path: Path, store_path: Path, renders: dict[str, int]
) -> None:
    pf = tmp_path / "site.pages"
    shared_paper = ["/figures/PMC9000002__F3", "/figures/PMC9000002__F5"]
    paths = [f"/figures/{FIGID}", *shared_paper, f"/api/figures/{FIGID}", "/genes/TNF"]
    async with _client(create_app(store_path, _config(pf))) as site:
        first = [(await site.get(p)).content for p in paths]
    assert renders["_figure"] == 3 and renders["_gene"] == 1
    bundles = {b.figure.figid: b for b in demo_bundles()}
    with Store(store_path) as store:
        before = store.figure_stamp(FIGID)
        store.save_figure(bundles["PMC9000003__F2"])  # another figure, another paper
        assert store.figure_stamp(FIGID) == before
    # a new process after the write: the figure pages and answer come from the file
    async with _client(create_app(store_path, _config(pf))) as site:
        again = [(await site.get(p)).content for p in paths]
    assert again == first
    assert renders["_figure"] == 3  # none rendered again
    assert renders["_gene"] == 2  # a gene page shows every figure: the write renews it
    # a figure's paper written again: every figure of that paper is rendered afresh
    with Store(store_path) as store:
        store.save_figure(bundles["PMC9000002__F3"])
    async with _client(create_app(store_path, _config(pf))) as site:
        for p in paths[:3]:
            assert (await site.get(p)).status_code == 200
    assert renders["_figure"] == 5


@pytest.mark.anyio
async def test_the_site_removes_its_pages_of_older_data(tmp_path: Path, store_path: Path) -> None:
    from pfocr.web.app import _prune_pages

    pf = tmp_path / "site.pages"
    app = create_app(store_path, _config(pf))
    ctx = app.state.ctx
    with Store(store_path, readonly=True) as store:
        old = scope_of(store.data_stamp() or "", ctx.site)
        figure_scope = scope_of(store.figure_stamp(FIGID) or "", ctx.site)
    async with _client(app) as site:
        await site.get("/genes/TNF")
        await site.get(f"/figures/{FIGID}")
        files = PageFile(pf)
        assert files.keys(old) == {"gene\x1fTNF\x1f1"}
        with Store(store_path) as store:  # a write (another figure's) while it serves
            store.save_figure(next(b for b in demo_bundles() if b.figure.figid != FIGID))
            new = scope_of(store.data_stamp() or "", ctx.site)
        await site.get("/genes/TNF")
    # the first request after the write found new data: the pages of the data before go
    assert files.keys(old) == set() and files.keys(new) == {"gene\x1fTNF\x1f1"}
    assert files.keys(figure_scope) == {f"figure\x1f{FIGID}\x1fFalse\x1f"}  # still its
    # at start-up a site removes its pages of scopes no longer current, not another site's
    files.put("0123:" + ctx.site, "gene\x1fEGFR\x1f1", Kept(b"stale", False))
    files.put("0123:another-site", "gene\x1fEGFR\x1f1", Kept(b"theirs", False))
    with Store(store_path, readonly=True) as store:
        _prune_pages(ctx, store)
    assert files.get("0123:" + ctx.site, "gene\x1fEGFR\x1f1") is None
    assert files.get("0123:another-site", "gene\x1fEGFR\x1f1") is not None
    assert files.count() == 3  # the gene page, the figure page and the other site's
