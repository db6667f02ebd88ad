"""A whole harvest against the stand-in: pages, splits, faults, the ledger and reruns (the
ledger on SQLite and on PostgreSQL)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from pfocr.harvest import Window
from pfocr.pipeline.harvest import dry_run, harvest
from pfocr.store import HarvestLedger, Store, last_complete_window
from pfocr.store.schema import SCHEMA_VERSION
from pfocr.store.target import DbTarget
from pfocr.testing_harvest import (
    MARCH_2024 as MONTH,
)
from pfocr.testing_harvest import (
    EutilsStandIn,
    StandInArticle,
    StandInFigure,
    png_figure,
)
from pfocr.testing_harvest import sample_collection as collection
from pfocr.testing_harvest import standin_options as options
from pfocr.testing_harvest import standin_services as services

FAULTS = {0: "404", 1: "html", 2: "429-once", 3: "timeout-once", 4: "500-once"}


def _rows(db: DbTarget, sql: str) -> list[tuple[object, ...]]:
    with Store(db) as store:
        return [tuple(r) for r in store.conn.execute(sql).fetchall()]


def test_a_window_over_the_search_cap_is_split_and_read_whole(
    db_target: DbTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = db_target  # an SQLite file, then a PostgreSQL database
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # a server store's files
    articles = collection(23, faults=FAULTS)
    articles[5].open_access = False
    with EutilsStandIn(articles, search_cap=10) as standin:
        summary = harvest(options(db, cap=10, page_size=4), services(standin), db)
        # 23 hits > cap 10: split until every sub-window fits, nothing truncated
        assert summary.search.hits == 23 and summary.search.read == 23
        assert summary.search.complete and summary.search.windows > 1
        esearch = [q for path, q in standin.requests if path.endswith("esearch.fcgi")]
        assert all(int(q["retstart"]) < 10 for q in esearch)  # never asked past the cap
        assert all(q["tool"] == "pfocr" and q["email"] == "test@example.org" for q in esearch)
        assert {q["datetype"] for q in esearch} == {"pdat"}
        assert any(int(q["retstart"]) > 0 for q in esearch)  # several pages per window
    ids = {r[0] for r in _rows(db, "SELECT pmcid FROM harvest_articles")}
    assert ids == {a.pmcid for a in articles}
    with Store(db) as store:
        top = HarvestLedger(store).window(summary_key(), MONTH)
        assert top is not None and top.status == "complete" and top.hits == 23 and top.read == 23
        halves = [w for _, w in HarvestLedger(store).windows() if w.parent == MONTH]
        assert len(halves) == 2 and sum(w.read for w in halves) == 23
        assert last_complete_window(store.conn) == (
            MONTH.start.isoformat(),
            MONTH.end.isoformat(),
            summary_key(),
        )
    # the faults: a 404 and an HTML page served as JPEG are recorded failures; 429, a
    # timeout and a 500 were retried and fetched; the non-OA article and plots skipped
    images = dict(
        _rows(db, "SELECT figid, status || ':' || coalesce(reason, '') FROM harvest_images")
    )
    assert images["PMC9100000__art9100000_fig1"] == "failed:HTTP 404"
    assert images["PMC9100001__art9100001_fig1"].startswith("failed:not an image")
    for i in (2, 3, 4):
        assert images[f"PMC910000{i}__art910000{i}_fig1"] == "fetched:"
    assert images["PMC9100006__art9100006_fig2"].startswith("skipped:caption does not match")
    assert not any(k.startswith("PMC9100005__") for k in images)
    assert _rows(db, "SELECT status, reason FROM harvest_articles WHERE pmcid = 'PMC9100005'") == [
        ("skipped", "not Open Access (PMC gives no full text)")
    ]
    fetched = [k for k, v in images.items() if v == "fetched:"]
    assert len(fetched) == 23 - 1 - 2  # one article not OA, two failures
    assert not summary.complete and summary.ledger.failures == {
        "image: HTTP 404": 1,
        "image: not an image: not a supported image: the bytes are an HTML page": 1,
    }
    for figid in fetched:  # every fetched file is a real image on disk
        (path,) = _rows(db, f"SELECT path FROM harvest_images WHERE figid = '{figid}'")[0]
        assert Path(str(path)).read_bytes().startswith(b"\x89PNG")


def summary_key() -> str:
    from pfocr.harvest import default_query, query_key

    return query_key(default_query())


def test_a_rerun_fetches_nothing_stored_and_retries_only_failures(
    db_target: DbTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = db_target  # an SQLite file, then a PostgreSQL database
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # a server store's files
    articles = collection(12, faults={0: "404", 1: "timeout"})
    with EutilsStandIn(articles, slow_seconds=1.5) as standin:
        first = harvest(options(db), services(standin, timeout=0.5, tries=2), db)
        assert first.images.failed == 2 and first.images.done == 10
        before = list(standin.requests)
        articles[1].figures[0].fault = None  # the slow server recovers
        standin._media["PMC9100001.1/art9100001_fig1.png"] = (
            articles[1].figures[0].data or b"",
            None,
        )
        second = harvest(options(db), services(standin, timeout=0.5, tries=2), db)
        again = standin.requests[len(before) :]
    # the complete window is not searched again, no article is fetched again, and only
    # the two failed images are asked for (the 404 one under each extension)
    assert not [p for p, _ in again if "esearch" in p or "efetch" in p]
    media = {p for p, _ in again if p.startswith("/media/")}
    assert {p.rsplit("/", 1)[1].split(".")[0] for p in media} == {
        "art9100000_fig1",
        "art9100001_fig1",
    }
    assert second.images.done == 1 and second.images.failed == 1
    counts = _rows(db, "SELECT status, count(*) FROM harvest_images GROUP BY status")
    assert dict(counts) == {"fetched": 11, "failed": 1, "skipped": 12}  # type: ignore[arg-type]
    tries = dict(_rows(db, "SELECT figid, tries FROM harvest_images WHERE status != 'skipped'"))
    assert tries["PMC9100000__art9100000_fig1"] == 2 and tries["PMC9100002__art9100002_fig1"] == 1


def test_a_failed_search_page_leaves_the_window_incomplete_until_a_rerun(
    db_target: DbTarget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = db_target  # an SQLite file, then a PostgreSQL database
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # a server store's files
    with EutilsStandIn(collection(12), esearch_faults={5: 503}) as standin:
        first = harvest(options(db, page_size=5), services(standin, tries=1), db)
        assert not first.search.complete and first.search.read == 5
        assert any("search page at 5 failed: HTTP 503" in p for p in first.search.problems)
        with Store(db) as store:
            row = HarvestLedger(store).window(summary_key(), MONTH)
            assert row is not None and row.status == "incomplete"
            assert last_complete_window(store.conn) is None
        second = harvest(options(db, page_size=5), services(standin, tries=1), db)
        assert second.search.complete and second.search.read == 12 and second.complete
    assert _rows(db, "SELECT count(*) FROM harvest_articles") == [(12,)]
    assert _rows(db, "SELECT count(*) FROM harvest_images WHERE status = 'fetched'") == [(12,)]


def test_a_one_day_window_over_the_cap_is_read_to_the_cap_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "pfocr.sqlite"
    day = date(2024, 3, 7)
    articles = [StandInArticle(9_200_000 + i, day, f"P{i}") for i in range(7)]
    with EutilsStandIn(articles, search_cap=4) as standin:
        opts = options(db, cap=4, page_size=2, window=Window(day, day))
        summary = harvest(opts, services(standin), db)
    assert summary.search.hits == 7 and summary.search.read == 4 and not summary.search.complete
    assert summary.search.problems == ["2024-03-07..2024-03-07: 7 hits in one day exceed the "
                                       "search cap of 4"]  # fmt: skip


def test_the_largest_rendition_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "pfocr.sqlite"
    small, large = png_figure("small", (200, 120)), png_figure("large", (900, 600))
    figure = StandInFigure("F1", "thumb", "The Wnt signaling pathway.", data=small,
                           alternatives=[("full", large)])  # fmt: skip
    article = StandInArticle(9_300_001, date(2024, 3, 3), "Wnt", [figure])
    with EutilsStandIn([article]) as standin:
        harvest(options(db), services(standin), db)
    ((width, height, url),) = _rows(db, "SELECT width, height, url FROM harvest_images")
    assert (width, height) == (900, 600) and str(url).endswith("/full.png")


def test_dry_run_lists_what_would_be_fetched_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "pfocr.sqlite"
    articles = collection(8)
    with EutilsStandIn(articles, search_cap=5) as standin:
        plan = dry_run(options(db, cap=5), services(standin), db)
        assert not db.exists()
        assert plan.to_fetch == sorted(a.pmcid for a in articles)
        harvest(options(db, cap=5), services(standin), db)
        assert dry_run(options(db, cap=5), services(standin), db).to_fetch == []
        assert standin.count("efetch") == 2  # 8 articles in batches of 4, once


def test_half_written_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    db = tmp_path / "pfocr.sqlite"
    folder = tmp_path / "pfocr.sqlite.harvest" / "PMC9100000"
    folder.mkdir(parents=True)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = folder / f".art9100000_fig1.png.{dead.pid}.part"
    stale.write_bytes(b"\x89PNG half")
    with EutilsStandIn(collection(2)) as standin:
        harvest(options(db), services(standin), db)
    assert not stale.exists()
    assert (folder / "art9100000_fig1.png").read_bytes().startswith(b"\x89PNG")


def test_a_schema_1_store_is_served_read_only_and_upgraded_read_write(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    with Store(db) as store:
        store.conn.executescript(
            "DROP TABLE harvest_windows; DROP TABLE harvest_pages; DROP TABLE harvest_hits; "
            "DROP TABLE harvest_articles; DROP TABLE harvest_images; DROP TABLE readings; "
            "PRAGMA user_version = 1;"
        )
    with Store(db, readonly=True) as store:  # the site can still serve it
        assert last_complete_window(store.conn) is None
        assert store.readings("any") == []
    with Store(db) as store:  # a harvest upgrades it
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert HarvestLedger(store).windows() == []
